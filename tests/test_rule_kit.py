"""The shared deciders of the rule kit that rules lean on (lists of entries, where to point)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from dslint.api import Manifest
from dslint.document import Region
from dslint.k8s import (
    container_images,
    container_ports,
    containers,
    containers_lacking,
    list_entries,
    long_running_containers,
    null_selector_warning,
    operator_values_error,
    repeated_values,
    reported_before,
    security_setting,
    where_missing,
)
from dslint.results import Diagnostic, located
from dslint.source import read_input


def pod(spec: dict[str, Any]) -> Manifest:
    return Manifest({"kind": "DaemonSet", "spec": {"template": {"spec": spec}}})


def test_list_entries_skips_what_is_not_a_mapping() -> None:
    data = {"ports": [{"name": "a"}, "junk", None, {"name": "b"}], "env": "not a list"}
    assert list(list_entries(data, "ports")) == [(0, {"name": "a"}), (3, {"name": "b"})]
    assert list(list_entries(data, "env")) == []
    assert list(list_entries(data, "missing")) == []


def test_repeated_values_names_the_first_and_ignores_empty_and_mistyped() -> None:
    data = {"env": [{"name": "A"}, {"name": ""}, {"name": "A"}, {"name": ""}, {"name": 1}]}
    data["env"] += [{"name": 1}, {"name": "A"}]
    assert list(repeated_values(data, "env", "name")) == [(2, "A", 0), (6, "A", 0)]


def test_where_missing_points_at_the_deepest_section_that_exists() -> None:
    manifest = pod(
        {
            "containers": [
                {"name": "none"},
                {"name": "empty", "resources": {}},
                {"name": "partial", "resources": {"limits": {"cpu": 1}}},
                {"name": "wrong", "resources": "text"},
            ]
        }
    )
    found = [where_missing(c, "resources", "limits")[3:] for c in containers(manifest)]
    assert found == [
        ("containers", 0, "name"),
        ("containers", 1, "resources"),
        ("containers", 2, "resources", "limits"),
        ("containers", 3, "resources"),
    ]


def test_long_running_containers_leave_out_init_and_exempt_images() -> None:
    manifest = pod(
        {
            "containers": [{"name": "app", "image": "app:1"}, {"name": "p", "image": "pause:3"}],
            "initContainers": [
                {"name": "setup", "image": "busybox"},
                {"name": "proxy", "image": "envoy", "restartPolicy": "Always"},
            ],
        }
    )
    names = [c.name for c in long_running_containers(manifest, ("pause",))]
    assert names == ["app", "proxy"]
    assert [c.name for c in long_running_containers(manifest)] == ["app", "p", "proxy"]


def test_container_ports_give_the_path_of_each_entry() -> None:
    manifest = pod(
        {
            "containers": [{"name": "a", "ports": [{"containerPort": 80}, "junk"]}],
            "initContainers": [{"name": "i", "ports": [{"containerPort": 81}]}],
        }
    )
    found = [(c.name, path[-3:], port) for c, path, port in container_ports(manifest)]
    assert found == [
        ("a", (0, "ports", 0), {"containerPort": 80}),
        ("i", (0, "ports", 0), {"containerPort": 81}),
    ]
    assert len(list(container_ports(manifest, include_init=False))) == 1


def test_reported_before_reports_a_pod_level_setting_once() -> None:
    manifest = pod(
        {
            "securityContext": {"runAsUser": 5},
            "containers": [{"name": "a"}, {"name": "b"}, {"name": "c", "securityContext": {}}],
        }
    )
    reported: set[tuple[str | int, ...]] = set()
    settings = [security_setting(manifest, c, "runAsUser") for c in containers(manifest)]
    assert [s is not None and reported_before(s, reported) for s in settings] == [
        False,
        True,
        True,
    ]
    own_manifest = pod({"containers": [{"name": "d", "securityContext": {"runAsUser": 1}}]})
    own = security_setting(own_manifest, next(containers(own_manifest)), "runAsUser")
    assert own is not None and not own.from_pod
    assert not reported_before(own, reported) and not reported_before(own, reported)


def test_container_images_leave_out_missing_and_empty_images() -> None:
    manifest = pod(
        {
            "containers": [
                {"name": "a", "image": "app:1"},
                {"name": "b", "image": " "},
                {"name": "c"},
            ]
        }
    )
    found = [(c.name, image, ref.tag) for c, image, ref in container_images(manifest)]
    assert found == [("a", "app:1", "1")]


def test_operator_values_error_follows_the_api_server() -> None:
    path = ("spec", "matchExpressions", 0)
    assert operator_values_error(path, "In", []) == (
        (*path, "values"),
        "spec.matchExpressions[0].values: Required value: must be specified when `operator` is "
        "'In' or 'NotIn'",
    )
    forbidden = operator_values_error(path, "Exists", ["x"])
    assert forbidden is not None and "Forbidden" in forbidden[1]
    assert operator_values_error(path, "Gt", ["1", "2"]) is None
    numeric = operator_values_error(path, "Gt", ["1", "2"], numeric=True)
    assert numeric is not None and "single value" in numeric[1]
    assert operator_values_error(path, "In", ["a"]) is None


def test_null_selector_warning_names_the_field() -> None:
    warning = null_selector_warning(("spec", "topologySpreadConstraints", 0))
    assert warning == (
        "API server warning: spec.topologySpreadConstraints[0].labelSelector: a null "
        "labelSelector results in matching no pod"
    )


def test_containers_lacking_a_resource_say_where_to_point() -> None:
    manifest = pod(
        {
            "containers": [
                {"name": "has", "resources": {"limits": {"cpu": "1"}}},
                {"name": "requests-only", "resources": {"requests": {"cpu": "1"}}},
                {"name": "bare"},
                {"name": "pause", "image": "pause:3"},
            ],
            "initContainers": [{"name": "setup"}],
        }
    )
    found = [
        (c.name, path[3:]) for c, path in containers_lacking(manifest, "limits", "cpu", ("pause",))
    ]
    assert found == [
        ("requests-only", ("containers", 1, "resources")),
        ("bare", ("containers", 2, "name")),
    ]


def test_read_input_reads_standard_input_for_a_dash(tmp_path: Path) -> None:
    file = tmp_path / "ds.yaml"
    file.write_text("kind: DaemonSet\n")
    assert read_input(str(file)).text == "kind: DaemonSet\n"
    source = read_input("-", stdin=io.BytesIO(b"kind: Node\n"))
    assert (source.name, source.text) == ("<stdin>", "kind: Node\n")


def test_located_places_a_rule_finding_at_a_span() -> None:
    diagnostic = located(
        "ds.yaml", Region(3, 5, 3, 9), ("DS201", "latest-image-tag", "warning"), "m", ("a", 0)
    )
    assert diagnostic == Diagnostic(
        "ds.yaml", 3, 5, 3, 9, "DS201", "latest-image-tag", "warning", "m", "/a/0", None
    )
