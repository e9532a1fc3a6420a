"""The shared deciders of the rule kit that rules lean on (lists of entries, where to point)."""

from __future__ import annotations

from typing import Any

from dslint.api import Manifest
from dslint.k8s import (
    container_ports,
    containers,
    list_entries,
    long_running_containers,
    repeated_values,
    where_missing,
)


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
