"""Checks over a whole run: duplicate-object (DS270) and missing-referenced-object (DS271)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.results import FileResult
from dslint.source import Source

SELECT = {"select": ["DS270", "DS271"]}


def daemonset(name: str = "agent", pod: str = "", namespace: str = "") -> str:
    ns = f"\n  namespace: {namespace}" if namespace else ""
    return f"""apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {name}{ns}
spec:
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
        - name: agent
          image: registry.example/agent:1.0
{pod}"""


def config_map(name: str, namespace: str = "") -> str:
    ns = f"\n  namespace: {namespace}" if namespace else ""
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}{ns}\n"


def found(text: str, **settings: object) -> list[tuple[int, int, str, str]]:
    linter = Linter(parse_config({**SELECT, **settings}))
    result = linter.lint_text(text, "bundle.yaml")
    return [(d.line, d.column, d.name, d.message) for d in result.reported]


VOLUME = """      volumes:
        - name: config
          configMap:
            name: agent-conf
"""


def test_duplicate_reported_on_the_second_definition_naming_the_first() -> None:
    text = "---\n".join([config_map("a"), config_map("b"), config_map("a")])
    [(line, column, name, message)] = found(text)
    assert (line, column, name) == (14, 9, "duplicate-object")
    assert "ConfigMap 'a'" in message and "bundle.yaml:4" in message


def test_same_name_in_another_kind_or_namespace_is_no_duplicate() -> None:
    text = "---\n".join(
        [
            config_map("a"),
            config_map("a", namespace="other"),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n",
            daemonset("a"),
        ]
    )
    assert found(text) == []


def test_missing_config_map_reported_at_the_reference() -> None:
    text = config_map("agent-config") + "---\n" + daemonset(pod=VOLUME)
    [(line, column, name, message)] = found(text)
    assert (line, column, name) == (23, 19, "missing-referenced-object")
    assert "ConfigMap 'agent-conf'" in message and "DaemonSet 'agent'" in message


def test_no_object_of_the_kind_in_the_run_means_no_verdict() -> None:
    assert found(daemonset(pod=VOLUME)) == []


def test_defined_or_optional_references_are_not_reported() -> None:
    optional = VOLUME + "            optional: true\n"
    assert found(config_map("agent-conf") + "---\n" + daemonset(pod=VOLUME)) == []
    assert found(config_map("other") + "---\n" + daemonset(pod=optional)) == []


def test_every_kind_of_reference() -> None:
    pod = """      serviceAccountName: agent-sa
      priorityClassName: node-critical
      runtimeClassName: gvisor
      imagePullSecrets: [{name: pull}]
      initContainers:
        - name: init
          image: registry.example/init:1.0
          envFrom: [{secretRef: {name: env-secret}}]
          env:
            - name: LEVEL
              valueFrom: {configMapKeyRef: {name: levels, key: level}}
"""
    others = [
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: other\n",
        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: other\n",
        "apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: other\n",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n",
        config_map("other"),
    ]
    text = "---\n".join([*others, daemonset(pod=pod)])
    named = sorted(message.split(" uses ")[1].split(",")[0] for *_, message in found(text))
    assert named == [
        "ConfigMap 'levels'",
        "PriorityClass 'node-critical'",
        "RuntimeClass 'gvisor'",
        "Secret 'env-secret'",
        "Secret 'pull'",
        "ServiceAccount 'agent-sa'",
    ]


def test_namespaced_reference_looks_in_the_daemonset_namespace() -> None:
    text = config_map("agent-conf", namespace="a") + "---\n" + daemonset(pod=VOLUME, namespace="b")
    assert [name for _, _, name, _ in found(text)] == ["missing-referenced-object"]
    same = config_map("agent-conf", namespace="b") + "---\n" + daemonset(pod=VOLUME, namespace="b")
    assert found(same) == []


def test_suppression_comment_and_annotation_and_ignore() -> None:
    text = "---\n".join(
        [
            config_map("a"),
            config_map("a").replace("a\n", "a  # dslint: disable-line=DS270 -- kept\n"),
        ]
    )
    linter = Linter(parse_config(SELECT))
    [diagnostic] = linter.lint_text(text, "x.yaml").diagnostics
    assert diagnostic.suppressed is not None
    annotated = daemonset(pod=VOLUME).replace(
        "  name: agent\n",
        "  name: agent\n  annotations:\n    ignore-check.dslint.io/DS271: vendored\n",
        1,
    )
    result = linter.lint_text(config_map("x") + "---\n" + annotated, "y.yaml")
    assert [d.suppressed for d in result.diagnostics] == ["vendored"]
    assert found("---\n".join([config_map("a")] * 2), ignore=["DS270"]) == []


def write_folder(folder: Path, count: int) -> None:
    for index in range(count):
        name = f"agent-{index % 5}"  # five names over many files: duplicates across files
        pod = VOLUME if index % 3 == 0 else ""
        text = config_map(f"config-{index}") + "---\n" + daemonset(name, pod)
        (folder / f"f{index:02}.yaml").write_text(text, encoding="utf-8")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "dslint", "lint", "--select", "DS270,DS271", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_folder_across_files_and_two_jobs_match_one(tmp_path: Path) -> None:
    write_folder(tmp_path, 20)  # enough files for the worker pool
    one = cli("--jobs", "1", "--format", "concise", str(tmp_path))
    two = cli("--jobs", "2", "--format", "concise", str(tmp_path))
    assert one.returncode == 1 and one.stdout == two.stdout and one.stderr == two.stderr
    lines = one.stdout.splitlines()
    duplicates = [line for line in lines if "DS270" in line]
    missing = [line for line in lines if "DS271" in line]
    assert len(duplicates) == 15 and len(missing) == 7
    assert duplicates[0].startswith(f"{tmp_path / 'f05.yaml'}:9:9:")
    assert f"{tmp_path / 'f00.yaml'}:9" in duplicates[0]
    assert missing[0].startswith(f"{tmp_path / 'f00.yaml'}:23:19:")


def test_long_stream_on_two_jobs_matches_one(tmp_path: Path) -> None:
    documents = [config_map(f"c{index % 40}") for index in range(100)]  # 60 duplicates
    stream = tmp_path / "stream.yaml"
    stream.write_text("---\n".join(documents), encoding="utf-8")
    one = cli("--jobs", "1", "--format", "json", str(stream))
    two = cli("--jobs", "2", "--format", "json", str(stream))
    assert one.stdout == two.stdout and one.stdout.count('"DS270"') == 60


def test_stream_on_standard_input_and_a_file_make_one_run(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(config_map("shared"), encoding="utf-8")
    command = [sys.executable, "-m", "dslint", "lint", "--select", "DS270", "-", str(tmp_path)]
    run = subprocess.run(
        command, input=config_map("shared"), capture_output=True, text=True, check=False
    )
    assert run.returncode == 1
    assert f"{tmp_path / 'a.yaml'}:4:9: error DS270" in run.stdout and "<stdin>:4" in run.stdout


def test_unchanged_library_stream_results_without_the_rules() -> None:
    linter = Linter(parse_config({"select": ["DS270"]}))
    text = "---\n".join([config_map("a")] * 2)
    alone = linter.lint_source(Source("s.yaml", text))
    assert alone.diagnostics == []  # one file alone is not the run: the check runs at its end
    assert [d.code for d in next(linter.cross_checked([alone])).diagnostics] == ["DS270"]


def test_results_stream_when_no_check_over_the_run_is_active() -> None:
    consumed: list[str] = []

    def results() -> Iterator[FileResult]:
        for name in ("a.yaml", "b.yaml"):
            consumed.append(name)
            yield FileResult(name)

    streaming = Linter(parse_config({"ignore": ["DS270", "DS271"]})).cross_checked(results())
    assert next(streaming).file == "a.yaml" and consumed == ["a.yaml"]
    keeping = Linter(parse_config(SELECT)).cross_checked(results())
    consumed.clear()
    assert next(keeping).file == "a.yaml" and consumed == ["a.yaml", "b.yaml"]


def test_objects_of_a_list_are_compared_and_pointed_at() -> None:
    text = """apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
"""
    linter = Linter(parse_config(SELECT))
    [diagnostic] = linter.lint_text(text, "list.yaml").diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.pointer) == (
        5,
        56,
        "/items/1/metadata/name",
    )
