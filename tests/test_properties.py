"""Properties of the reader, the locator and the rules, on generated input (hypothesis).

Whatever the input, linting returns diagnostics (it never raises), no rule fails, and every
diagnostic points at a line and column that exist in the text: the line within the text's line
count, the column within that line's length + 1.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dslint.config import parse_config
from dslint.document import parse_stream
from dslint.engine import Linter
from dslint.source import decode

BUDGET = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LINTER = Linter(parse_config({"select": ["ALL"]}))

# Text made of the characters that matter to YAML, so that examples are often nearly valid.
YAML_ALPHABET = st.sampled_from(
    [
        *"abck:-?[]{},&*!|>#'\"\\%@`. \t\n\r0123456789",
        *["\x00", "\x85", "\u2028", "\ufeff", "é", "\U0001f600", "\x0c", "\x1b", "\udc80"],
        *["---\n", "...\n"],
        *["kind: DaemonSet\n", "  containers:\n", "- name: a\n", "image: x:latest\n", "*a", "&a "],
    ]
)
yaml_like_text = st.lists(YAML_ALPHABET, max_size=120).map("".join)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["latest", "app:latest", "100m", "1Gi", "NoSchedule", "Exists", "TCP"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["name", "image"]), inner, max_size=4
        )
    ),
    max_leaves=12,
)


def container() -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {},
        optional={
            "name": values,
            "image": st.sampled_from(["app:1.0", "app:latest", "reg:5000/app", "app@sha256:x"])
            | values,
            "ports": values,
            "env": values,
            "resources": st.fixed_dictionaries({}, optional={"limits": values, "requests": values})
            | values,
            "securityContext": values,
            "volumeMounts": values,
            "livenessProbe": values,
            "readinessProbe": values,
            "command": values,
            "args": values,
        },
    )


def near_daemonset() -> st.SearchStrategy[Any]:
    """A DaemonSet whose every field may have the right shape or a random one."""
    pod_spec = st.fixed_dictionaries(
        {},
        optional={
            "containers": st.lists(container(), max_size=3) | values,
            "initContainers": st.lists(container(), max_size=2) | values,
            "volumes": values,
            "tolerations": values,
            "nodeSelector": values,
            "hostNetwork": values,
            "hostPID": values,
            "securityContext": values,
            "serviceAccountName": values,
            "affinity": values,
            "priorityClassName": values,
        },
    )
    template = st.fixed_dictionaries(
        {},
        optional={
            "metadata": st.fixed_dictionaries({}, optional={"labels": values}) | values,
            "spec": pod_spec | values,
        },
    )
    spec = st.fixed_dictionaries(
        {},
        optional={
            "selector": values,
            "template": template | values,
            "updateStrategy": values,
            "minReadySeconds": values,
            "revisionHistoryLimit": values,
        },
    )
    return st.fixed_dictionaries(
        {"kind": st.sampled_from(["DaemonSet", "Daemonset", "DaemonSet"]) | values},
        optional={
            "apiVersion": st.sampled_from(["apps/v1", "extensions/v1beta1"]) | values,
            "metadata": st.fixed_dictionaries(
                {}, optional={"name": values, "labels": values, "annotations": values}
            )
            | values,
            "spec": spec | values,
        },
    )


def assert_positions_exist(text: str) -> None:
    result = LINTER.lint_text(text, "generated.yaml")
    lines = text.splitlines() or [""]
    for diagnostic in result.diagnostics:
        assert diagnostic.name != "internal-error", diagnostic.message
        assert 1 <= diagnostic.line <= len(lines), diagnostic
        assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic


@BUDGET
@given(yaml_like_text)
def test_any_text_lints_with_positions_in_the_text(text: str) -> None:
    assert_positions_exist(text)


@BUDGET
@given(st.binary(max_size=400))
def test_any_bytes_lint_with_positions_in_the_text(data: bytes) -> None:
    assert_positions_exist(decode(data))


@BUDGET
@given(near_daemonset(), st.booleans(), st.sampled_from([None, 20, 80]), st.booleans())
def test_near_daemonsets_lint_with_positions_in_the_text(
    data: Any, flow: bool, width: int | None, crlf: bool
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, width=width or 80, allow_unicode=True)
    if crlf:
        text = text.replace("\n", "\r\n")
    assert_positions_exist(text)


@BUDGET
@given(st.lists(near_daemonset(), min_size=1, max_size=3), yaml_like_text)
def test_a_broken_document_costs_the_others_nothing(documents: list[Any], junk: str) -> None:
    texts = [yaml.safe_dump(d) for d in documents]
    alone = [sorted((d.code, d.message) for d in LINTER.lint_text(t).diagnostics) for t in texts]
    junk_document = junk.replace("---", "-").replace("...", ".")
    stream = "---\n".join([texts[0], junk_document + "\n", *texts[1:]])
    together = LINTER.lint_text(stream).diagnostics
    messages = sorted((d.code, d.message) for d in together)
    for findings in alone:
        for finding in findings:
            assert finding in messages


def paths_of(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    found = [(prefix, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths_of(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths_of(value, (*prefix, index)))
    return found


@BUDGET
@given(near_daemonset(), st.booleans())
def test_every_path_locates_to_its_value_or_key(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    lines = text.splitlines()
    (document,) = parse_stream(text)
    for path, value in paths_of(document.data):
        region = document.locate(path)
        assert 1 <= region.line <= len(lines)
        line = lines[region.line - 1]
        assert 1 <= region.column <= len(line) + 1
        if path and isinstance(value, str) and value and value.isalnum():
            # A plain word is found where it was written (or at its key when it is a key's value).
            at = line[region.column - 1 :]
            assert at.startswith((value, str(path[-1]), f"'{value}", f'"{value}')), (path, line)
        # A path that goes on past what exists is reported at the deepest node that does.
        assert document.locate((*path, "no-such-key")) == region
