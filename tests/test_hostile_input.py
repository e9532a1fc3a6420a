"""Hostile input: whatever the bytes, dslint finishes with findings, never a crash or a hang.

Each case is checked through the library (exact line and column) and, all together, through the
real command line under a memory limit (exit 0, 1 or 2, no traceback, every file reported).
"""

from __future__ import annotations

import codecs
import json
import os
import random
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from dslint.config import parse_config
from dslint.document import MAX_DEPTH, MAX_EXPANDED_NODES, parse_stream
from dslint.engine import Linter
from dslint.results import Diagnostic
from dslint.source import MAX_FILE_BYTES, decode, read_path

READER_RULES = [
    "internal-error",
    "invalid-yaml",
    "duplicate-key",
    "unsupported-yaml-tag",
    "input-limit-exceeded",
    "latest-image-tag",
]
# The canary finding: `image: agent:latest` on line 14, its value at column 18.
DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: agent:latest
"""
CANARY = "14:18 latest-image-tag"
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space; real use stays far below (docs/robustness.md)


def alias_bomb(levels: int = 9, indent: str = "") -> str:
    lines = [f"{indent}a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"{indent}a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def shifted(lines: int) -> str:
    """The canary as it reads when the DaemonSet starts `lines` lines further down."""
    return f"{14 + lines}:18 latest-image-tag"


def lint(text: str, rules: list[str] | None = None) -> list[Diagnostic]:
    config = parse_config({"select": rules or READER_RULES})
    return Linter(config).lint_text(text, "input.yaml").diagnostics


def found(text: str, rules: list[str] | None = None) -> list[str]:
    return [f"{d.line}:{d.column} {d.name}" for d in lint(text, rules)]


def names(text: str) -> set[str]:
    return {d.name for d in lint(text)}


# --- alias bombs -------------------------------------------------------------------------------


def test_alias_bomb_is_refused_at_the_document_start() -> None:
    assert found(alias_bomb()) == ["1:1 input-limit-exceeded"]


def test_alias_bomb_inside_daemonset_fields_never_reaches_rules() -> None:
    # The anchors sit in labels; the aliases where rules and the schema validator walk.
    bombed = DAEMONSET.replace(
        "  name: agent\n", "  name: agent\n  labels:\n" + alias_bomb(indent="    "), 1
    ).replace("image: agent:latest\n", "image: agent:latest\n          env: *a8\n")
    bombed += "          args: *a8\n      volumes: *a8\n"
    stream = bombed + "---\n" + DAEMONSET
    second = bombed.count("\n") + 1
    every_rule = lint(stream, ["ALL"])
    assert [f"{d.line}:{d.column} {d.name}" for d in every_rule if d.line <= second] == [
        "1:1 input-limit-exceeded"
    ]
    assert shifted(second) in found(stream)
    assert "internal-error" not in {d.name for d in every_rule}


def test_alias_bomb_just_under_the_limit_is_linted() -> None:
    # 8 levels of 4: 4**8 = 65,536 values, within MAX_EXPANDED_NODES.
    small = "\n".join(
        ["a0: &a0 [x, x, x, x]"]
        + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 4)}]" for i in range(1, 8)]
    )
    assert MAX_EXPANDED_NODES > 4**8
    assert found(small + "\n") == []


def test_alias_that_contains_itself_is_refused() -> None:
    text = DAEMONSET + "      volumes: &loop\n        - name: v\n          nested: *loop\n"
    assert found(text) == ["15:16 invalid-yaml"]
    assert "recursive alias" in lint(text)[0].message


def test_alias_chain_deeper_than_the_limit_is_refused() -> None:
    chain = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 300))
    assert [d.name for d in lint(chain)] == ["input-limit-exceeded"]
    assert "once aliases are expanded" in lint(chain)[0].message


# --- nesting depth ------------------------------------------------------------------------------


def flow_sequences(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth + "\n"


def flow_mappings(depth: int) -> str:
    return "{a: " * depth + "x" + "}" * depth + "\n"


def block_mappings(depth: int) -> str:
    return "".join(" " * level + "a:\n" for level in range(depth - 1)) + " " * depth + "a: x\n"


def block_sequences(depth: int) -> str:
    return "".join("  " * level + "-\n" for level in range(depth)) + "  " * depth + "x\n"


def compact_sequences(depth: int) -> str:
    return "- " * depth + "x\n"


def complex_keys(depth: int) -> str:
    return "? " * depth + "x\n"


def mappings_with_sequences_at_key_column(depth: int) -> str:
    # `k:` then `- ` at the same column: each sequence adds a level without indentation.
    text, level, indent = "k:\n", 1, 0
    while level < depth:
        if level + 1 == depth:
            return text + " " * indent + "- x\n"
        text += " " * indent + "- k:\n"
        level, indent = level + 2, indent + 2
    return text[:-1] + " x\n"


def mixed(depth: int) -> str:
    block = min(depth - 1, 40)
    return (
        block_mappings(block).rstrip("\n").removesuffix("a: x")
        + "a: "
        + (
            "[{b: " * ((depth - block) // 2)
            + ("[" if (depth - block) % 2 else "")
            + "x"
            + ("]" if (depth - block) % 2 else "")
            + "}]" * ((depth - block) // 2)
            + "\n"
        )
    )


CONSTRUCTIONS: dict[str, Callable[[int], str]] = {
    "flow sequences": flow_sequences,
    "flow mappings": flow_mappings,
    "block mappings": block_mappings,
    "block sequences": block_sequences,
    "compact sequences": compact_sequences,
    "complex keys": complex_keys,
    "sequences at their key's column": mappings_with_sequences_at_key_column,
    "block and flow mixed": mixed,
}


def measured_depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


@pytest.mark.parametrize("construction", CONSTRUCTIONS)
def test_depth_limit_is_exact_for_every_construction(construction: str) -> None:
    make = CONSTRUCTIONS[construction]
    at_limit, over_limit = make(MAX_DEPTH), make(MAX_DEPTH + 1)
    # The generators build exactly the depth they are asked for...
    assert measured_depth(at_limit) == MAX_DEPTH
    assert measured_depth(over_limit) == MAX_DEPTH + 1
    # ...and the pre-check lets the first through and refuses the second, never more or less.
    assert "input-limit-exceeded" not in names(at_limit)  # (mappings as keys: invalid-yaml)
    assert names(over_limit) == {"input-limit-exceeded"}


@pytest.mark.parametrize("construction", CONSTRUCTIONS)
def test_very_deep_nesting_is_refused_without_crashing(construction: str) -> None:
    # Tens of thousands of levels crash libyaml's recursive composer if they ever reach it
    # (indented constructions grow as the square of their depth, so they go less deep).
    indented = construction.startswith(("block", "sequences at"))
    diagnostics = lint(CONSTRUCTIONS[construction](1_500 if indented else 30_000))
    assert [d.name for d in diagnostics] == ["input-limit-exceeded"]
    assert f"more than {MAX_DEPTH} levels" in diagnostics[0].message


def test_unclosed_deep_flow_nesting_is_refused() -> None:
    assert names("[" * 200_000) == {"input-limit-exceeded"}
    assert names("{a: " * 50_000) == {"input-limit-exceeded"}


# --- size ---------------------------------------------------------------------------------------


def test_document_with_too_many_values_is_refused_before_its_tree_is_built() -> None:
    text = "[" + "1," * (MAX_EXPANDED_NODES + 10) + "1]\n"
    assert names(text) == {"input-limit-exceeded"}


def test_huge_line_and_huge_scalar_are_linted() -> None:
    text = (
        DAEMONSET + "# " + "x" * 2_000_000 + "\n---\nkind: ConfigMap\ndata: {a: " + "y" * 1_000_000
    )
    assert found(text + "}\n") == [CANARY]


def test_long_numbers_are_refused_not_computed() -> None:
    # int() of thousands of digits raises, and `1:00:00...` (base 60) takes quadratic time.
    assert found("a: !!int " + "9" * 5000 + "\n") == ["1:4 input-limit-exceeded"]
    assert found("a: 1" + ":00" * 100_000 + "\n") == []  # too long to be a number: text


def test_file_over_the_size_limit_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(DAEMONSET.encode() + b"#" * MAX_FILE_BYTES)
    source = read_path(str(path))
    assert source.text == "" and source.limit_exceeded is not None
    result = Linter(parse_config({"select": READER_RULES})).lint_source(source)
    assert [f"{d.line}:{d.column} {d.name}" for d in result.diagnostics] == [
        "1:1 input-limit-exceeded"
    ]


def test_streams_with_too_many_documents_or_daemonsets_stop_with_a_finding() -> None:
    from dslint.config import DEFAULT_MAX_DAEMONSETS_PER_FILE as MAX_DAEMONSETS_PER_FILE
    from dslint.document import MAX_DOCUMENTS

    tiny = found("a: 1\n---\n" * (MAX_DOCUMENTS + 5))
    assert tiny == [f"{2 * MAX_DOCUMENTS}:1 input-limit-exceeded"]
    stream = (DAEMONSET + "---\n") * (MAX_DAEMONSETS_PER_FILE + 2)
    diagnostics = lint(stream, ["input-limit-exceeded", "latest-image-tag"])
    assert len(diagnostics) == MAX_DAEMONSETS_PER_FILE + 1
    first_unchecked = 15 * MAX_DAEMONSETS_PER_FILE + 2  # the `kind` line of the next one
    assert f"{diagnostics[-1].line}:{diagnostics[-1].column} {diagnostics[-1].name}" == (
        f"{first_unchecked}:7 input-limit-exceeded"
    )


# --- bytes and encodings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        DAEMONSET.encode("utf-8"),
        codecs.BOM_UTF8 + DAEMONSET.encode("utf-8"),
        codecs.BOM_UTF16_LE + DAEMONSET.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + DAEMONSET.encode("utf-16-be"),
        DAEMONSET.encode("utf-16-le"),
        DAEMONSET.encode("utf-16-be"),
        DAEMONSET.encode("utf-32"),
        DAEMONSET.replace("\n", "\r\n").encode(),
        DAEMONSET.replace("\n", "\r").encode(),
    ],
    ids=[
        "utf-8",
        "utf-8 bom",
        "utf-16le bom",
        "utf-16be bom",
        "utf-16le",
        "utf-16be",
        "utf-32",
        "crlf",
        "cr",
    ],
)
def test_encodings_and_line_endings_give_the_same_positions(encoded: bytes) -> None:
    assert found(decode(encoded)) == [CANARY]


def test_invalid_utf8_is_linted_with_replacement_characters() -> None:
    text = decode(b"# caf\xc3\x28 \xff\xfe\n" + DAEMONSET.encode())
    assert found(text) == [shifted(1)]


def test_nul_byte_is_reported_at_its_line_and_other_documents_keep_findings() -> None:
    text = DAEMONSET + "---\nkind: ConfigMap\ndata: {a: \x00}\n---\n" + DAEMONSET
    assert found(text) == [CANARY, "17:11 invalid-yaml", shifted(18)]


def test_lone_surrogates_from_the_library_api_are_reported() -> None:
    text = DAEMONSET + '---\nkind: DaemonSet\nmetadata: {name: "\udc80"}\n'
    assert found(text) == [CANARY, "17:19 invalid-yaml"]


def test_tab_indentation_is_reported_at_its_line() -> None:
    text = "kind: DaemonSet\nmetadata:\n\tname: agent\n"
    assert found(text) == ["3:1 invalid-yaml"]


def test_control_characters_are_reported_at_their_position() -> None:
    assert found('kind: DaemonSet\nmetadata: {name: "é\x07"}\n') == ["2:20 invalid-yaml"]


def test_random_binary_junk_never_raises() -> None:
    generator = random.Random(7)
    for _ in range(50):
        junk = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 4000)))
        lint(decode(junk), ["ALL"])


# --- tags that would build objects -------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/object/apply:subprocess.call",
    ],
)
def test_object_tags_are_never_executed(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    payload = f'{tag} ["touch {marker}"]'
    text = DAEMONSET.replace("agent:latest", payload)
    assert found(text) == ["14:18 unsupported-yaml-tag"]
    # In a document that is not a Kubernetes object, a tag is no finding (CI and docs files use
    # them); it is read as plain data all the same, never executed.
    top = f"{tag} [['touch {marker}']]\n"
    assert found(top) == []
    assert found(f"? {payload}\n: x\n") == []
    assert found(f"apiVersion: v1\nkind: Pod\nspec: {payload}\n") == ["3:7 unsupported-yaml-tag"]
    assert not marker.exists()


def test_name_tag_is_reported() -> None:
    assert found("kind: !!python/name:os.system ''\n") == ["1:7 unsupported-yaml-tag"]


# --- shapes and types ---------------------------------------------------------------------------

WRONG_TYPES = [
    "kind: [DaemonSet]\n",
    "kind: DaemonSet\nspec: 5\n",
    "kind: DaemonSet\nspec: {template: {spec: {containers: {name: a}}}}\n",
    "kind: DaemonSet\nspec: {template: {spec: {containers: [5, null, [], 'x']}}}\n",
    "kind: DaemonSet\napiVersion:\nmetadata:\nspec:\n",
    "kind: DaemonSet\nmetadata: {name: [a], labels: 5, annotations: [x]}\n",
    "- kind: DaemonSet\n",
    "just text\n",
    "42\n",
    "kind: List\nitems: [null, 5, {kind: DaemonSet, spec: []}]\n",
    "kind: DaemonSet\n1: a\ntrue: b\nnull: c\n2020-01-01: d\n~: e\n",
    "base: &base {name: x, image: 'a:latest'}\nkind: DaemonSet\nspec:\n"
    "  template: {spec: {containers: [{<<: *base}, {<<: [*base], name: y}]}}\n",
    "kind: DaemonSet\nmetadata: {name: 2020-01-01, creationTimestamp: 2001-12-14t21:59:43Z}\n"
    "spec: {minReadySeconds: 1:30, revisionHistoryLimit: 0x10, replicas: .inf, x: .nan}\n",
    "kind: DaemonSet\nmetadata: {name: !!binary aGk=, labels: !!set {a, b}}\n"
    "spec: !!omap [{a: 1}, {b: 2}]\n",
    "kind: DaemonSet\nmetadata: {name: 2020-13-45}\n",
]


@pytest.mark.parametrize("text", WRONG_TYPES)
def test_wrong_types_anywhere_give_no_internal_error(text: str) -> None:
    assert "internal-error" not in {d.name for d in lint(text, ["ALL"])}


FULL_DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: monitoring
  labels: {app: agent}
  annotations: {note: x}
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 10%, maxSurge: 0}
  template:
    metadata:
      labels: {app: agent}
    spec:
      serviceAccountName: agent
      priorityClassName: system-node-critical
      hostNetwork: true
      nodeSelector: {kubernetes.io/os: linux}
      tolerations:
        - {operator: Exists, effect: NoSchedule}
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      initContainers:
        - name: init
          image: busybox:1.36
          command: [sh, -c, "true"]
      containers:
        - name: agent
          image: registry:5000/agent:1.0
          args: [--port=8080]
          ports:
            - {name: metrics, containerPort: 8080, protocol: TCP}
          env:
            - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: metrics}
            periodSeconds: 10
          readinessProbe:
            tcpSocket: {port: 8080}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL], add: [NET_ADMIN]}
          volumeMounts:
            - {name: proc, mountPath: /host/proc, readOnly: true}
      volumes:
        - name: proc
          hostPath: {path: /proc, type: Directory}
"""


def test_every_field_of_a_daemonset_replaced_by_every_type() -> None:
    """Each value in a full DaemonSet replaced in turn by null, a number, a list, a mapping."""
    data = yaml.safe_load(FULL_DAEMONSET)
    failures = []
    linter = Linter(parse_config({"select": ["ALL"]}))
    for path in _paths(data):
        for replacement in (None, 5, [None], {"a": None}):
            broken = _replaced(data, path, replacement)
            text = yaml.safe_dump(broken, sort_keys=False)
            for diagnostic in linter.lint_text(text).diagnostics:
                if diagnostic.name == "internal-error":
                    failures.append(
                        f"{'/'.join(map(str, path))} = {replacement!r}: {diagnostic.message}"
                    )
    assert failures == []


def _paths(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    paths: list[tuple[object, ...]] = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            paths.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths.extend(_paths(value, (*prefix, index)))
    return paths


def _replaced(data: object, path: tuple[object, ...], value: object) -> object:
    if not path:
        return value
    head, *rest = path
    if isinstance(data, dict):
        return {k: (_replaced(v, tuple(rest), value) if k == head else v) for k, v in data.items()}
    assert isinstance(data, list)
    return [_replaced(v, tuple(rest), value) if i == head else v for i, v in enumerate(data)]


def test_keys_are_strings_as_written() -> None:
    (document,) = parse_stream("1: a\ntrue: b\nnull: c\n2020-01-01: d\n0x10: e\n")
    assert document.data == {"1": "a", "true": "b", "null": "c", "2020-01-01": "d", "0x10": "e"}


def test_complex_keys_are_reported_not_raised() -> None:
    assert found("kind: DaemonSet\n? [a, b]\n: 1\n") == ["2:3 invalid-yaml"]
    assert found("kind: DaemonSet\n? {a: 1}\n: 1\n") == ["2:3 invalid-yaml"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!int abc\n", "2:4 invalid-yaml"),
        ("a: !!float abc\n", "2:4 invalid-yaml"),
        ("a: !!bool maybe\n", "2:4 invalid-yaml"),
        ("a: <<\n", None),
        ("<<: 5\n", "2:5 invalid-yaml"),
        ("a: !!timestamp never\n", None),
        ("a: 2020-13-45\n", None),
    ],
)
def test_scalars_that_cannot_be_converted_are_findings(text: str, expected: str | None) -> None:
    # In a Kubernetes object (elsewhere a document that cannot be read is skipped quietly).
    assert found("kind: DaemonSet\n" + text) == ([expected] if expected else [])


# --- streams ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n# c\n---\n...\n", "---"])
def test_empty_and_comment_only_input(text: str) -> None:
    assert lint(text, ["ALL"]) == []


def test_broken_document_in_the_middle_costs_no_other_its_findings() -> None:
    broken = "kind: DaemonSet\nmetadata: {name: [}\n"
    text = DAEMONSET + "---\n" + broken + "---\n" + DAEMONSET
    assert found(text) == [CANARY, "17:19 invalid-yaml", shifted(18)]


# --- the command line, under a memory limit -----------------------------------------------------


def run_dslint(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    result = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
        preexec_fn=limit_memory,
    )
    assert result.returncode in (0, 1, 2), result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    return result


CLI_CASES: dict[str, tuple[bytes, list[str]]] = {
    "alias-bomb.yaml": (alias_bomb().encode(), ["1:1 input-limit-exceeded"]),
    "deep-flow.yaml": (("[" * 50_000 + "]" * 50_000).encode(), ["1:1001 input-limit-exceeded"]),
    "deep-compact.yaml": (("- " * 50_000 + "x").encode(), ["1:201 input-limit-exceeded"]),
    "deep-keys.yaml": (("? " * 50_000 + "x").encode(), ["1:201 input-limit-exceeded"]),
    "deep-block.yaml": (
        block_mappings(2_000).encode(),
        ["101:101 input-limit-exceeded"],
    ),
    "python-tag.yaml": (
        DAEMONSET.replace(
            "agent:latest", '!!python/object/apply:os.system ["touch EXECUTED"]'
        ).encode(),
        ["14:18 unsupported-yaml-tag"],
    ),
    "utf16.yaml": (codecs.BOM_UTF16_LE + DAEMONSET.encode("utf-16-le"), [CANARY]),
    "crlf.yaml": (DAEMONSET.replace("\n", "\r\n").encode(), [CANARY]),
    "nul.yaml": (b"a: \x00\n---\n" + DAEMONSET.encode(), ["1:4 invalid-yaml", shifted(2)]),
    "tabs.yaml": (b"kind: DaemonSet\nmetadata:\n\tname: x\n", ["3:1 invalid-yaml"]),
    "invalid-utf8.yaml": (b"#\xff\xfe\xc3\x28\n" + DAEMONSET.encode(), [shifted(1)]),
    "huge-line.yaml": (DAEMONSET.encode() + b"# " + b"x" * 3_000_000 + b"\n", [CANARY]),
    # A manifest (its head shows `kind:`); a large file that is not one is skipped quietly.
    "too-large.yaml": (b"kind: List\n" + b"#" * MAX_FILE_BYTES, ["1:1 input-limit-exceeded"]),
    "broken-middle.yaml": (
        (DAEMONSET + "---\nkind: [\n---\n" + DAEMONSET).encode(),
        [CANARY, "16:8 invalid-yaml", shifted(17)],
    ),
    "wrong-types.yaml": ("---\n".join(WRONG_TYPES).encode(), []),
    "empty.yaml": (b"", []),
    "comments.yaml": (b"# a\n---\n# b\n", []),
    "binary.yaml": (bytes(random.Random(3).randrange(256) for _ in range(200_000)), []),
}


def test_command_line_on_every_hostile_file(tmp_path: Path) -> None:
    for name, (content, _) in CLI_CASES.items():
        (tmp_path / name).write_bytes(content)
    result = run_dslint("-f", "json", "--select", ",".join(READER_RULES), ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert result.returncode == 1
    by_file: dict[str, list[str]] = {}
    for finding in report["findings"]:
        by_file.setdefault(finding["file"], []).append(
            f"{finding['line']}:{finding['column']} {finding['name']}"
        )
    for name, (_, expected) in CLI_CASES.items():
        got = by_file.get(name, [])
        if name in ("binary.yaml", "wrong-types.yaml"):  # any findings, but no rule fails
            assert "internal-error" not in " ".join(got)
            continue
        assert got == expected, name
    assert not (tmp_path / "EXECUTED").exists()


def test_command_line_runs_every_rule_on_hostile_files(tmp_path: Path) -> None:
    for name, (content, _) in CLI_CASES.items():
        if name not in ("too-large.yaml", "huge-line.yaml"):
            (tmp_path / name).write_bytes(content)
    result = run_dslint("-f", "json", "--select", "ALL", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [f for f in report["findings"] if f["name"] == "internal-error"] == []


def test_hostile_standard_input() -> None:
    result = run_dslint("-f", "concise", "-", stdin=alias_bomb().encode())
    assert result.returncode == 1
    assert b"<stdin>:1:1: error:" in result.stdout and b"input-limit-exceeded" in result.stdout


def test_oversized_standard_input_is_one_finding() -> None:
    result = run_dslint("-f", "concise", "-", stdin=b"kind: x\n" + b"#" * (MAX_FILE_BYTES + 10))
    assert b"input-limit-exceeded" in result.stdout


def test_unreadable_and_special_paths_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(DAEMONSET)
    os.mkfifo(tmp_path / "pipe.yaml")  # opened by mistake, a FIFO would block a reader forever
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "missing-target.yaml")
    (tmp_path / "dir-loop").mkdir()
    (tmp_path / "dir-loop" / "up").symlink_to(tmp_path)
    result = run_dslint(
        "-f",
        "json",
        "--select",
        "DS201",
        ".",
        "missing.yaml",
        "/proc/self/mem",
        str(tmp_path / "pipe.yaml"),
        cwd=tmp_path,
    )
    assert result.returncode == 2
    report = json.loads(result.stdout)
    errors = "\n".join(report["errors"])
    for name in ("pipe.yaml", "loop.yaml", "dangling.yaml", "missing.yaml", "/proc/self/mem"):
        assert name in errors
    assert "named pipe" in errors
    assert [f"{f['file']}:{f['line']}:{f['column']}" for f in report["findings"]] == [
        "good.yaml:14:18"
    ]


def test_text_output_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text(flow_sequences(5_000))
    result = run_dslint("--select", "input-limit-exceeded", "deep.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert b"deep.yaml:1:1001" in result.stdout


def test_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads everything, so the refusal is simulated where the walk and the read list it.
    from dslint import source

    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "good.yaml").write_text(DAEMONSET)
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    def refuse_list(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(source.os, "scandir", refuse)
    monkeypatch.setattr(source.os, "listdir", refuse_list)
    results = list(Linter(parse_config({"select": ["DS201"]})).lint_paths([str(tmp_path)]))
    assert [(Path(r.file).name, r.error) for r in results] == [
        ("good.yaml", None),
        ("locked", f"{locked}: Permission denied"),
    ]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_read_errors_are_source_errors() -> None:
    from dslint.source import SourceError

    with pytest.raises(SourceError, match="/proc/self/mem"):
        read_path("/proc/self/mem")
