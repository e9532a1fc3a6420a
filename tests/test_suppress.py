"""Suppression by YAML comment and by annotation; suppressed findings are kept with a reason."""

from __future__ import annotations

import textwrap

from dslint.engine import Linter

BASE = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
{annotations}spec:
  template:
    spec:
      containers:
        - name: a
          image: nginx{comment_a}
        - name: b
          image: busybox:latest
"""


def run(annotations: str = "", comment_a: str = "", prefix: str = "") -> list[tuple[int, str]]:
    text = prefix + BASE.format(annotations=annotations, comment_a=comment_a)
    result = Linter().lint_text(text, "x.yaml")
    return [(d.line, d.suppressed or "") for d in result.diagnostics if d.code == "DS201"]


def test_without_suppression_both_images_are_flagged() -> None:
    assert [line for line, reason in run()] == [10, 12]


def test_disable_line_by_name_with_reason() -> None:
    found = run(comment_a="  # dslint: disable-line=latest-image-tag -- pinned upstream")
    assert found == [(10, "pinned upstream"), (12, "")]


def test_disable_line_by_code_and_all() -> None:
    assert run(comment_a="  # dslint: disable-line=DS201")[0][1]
    assert run(comment_a="  # dslint: disable-line")[0][1]
    assert run(comment_a="  # dslint: disable-line=DS999")[0][1] == ""


def test_disable_next_line() -> None:
    text = BASE.format(annotations="", comment_a="").replace(
        "        - name: b\n", "        - name: b\n          # dslint: disable-next-line=DS201\n"
    )
    result = Linter().lint_text(text, "x.yaml")
    assert [(d.line, bool(d.suppressed)) for d in result.diagnostics if d.code == "DS201"] == [
        (10, False),
        (13, True),
    ]


def test_disable_file_and_ranges() -> None:
    assert all(reason for _, reason in run(prefix="# dslint: disable-file=latest-image-tag\n"))
    text = textwrap.dedent(BASE.format(annotations="", comment_a="")).replace(
        "        - name: b\n", "        # dslint: enable=DS201\n        - name: b\n"
    )
    text = "# dslint: disable=DS201\n" + text
    result = Linter().lint_text(text, "x.yaml")
    assert [bool(d.suppressed) for d in result.diagnostics if d.code == "DS201"] == [True, False]


def test_annotation_suppresses_by_name_with_reason() -> None:
    annotations = '  annotations:\n    ignore-check.dslint.io/latest-image-tag: "mirrored"\n'
    assert [reason for _, reason in run(annotations=annotations)] == ["mirrored", "mirrored"]


def test_annotation_for_another_rule_does_nothing() -> None:
    annotations = '  annotations:\n    ignore-check.dslint.io/other-rule: "x"\n'
    assert [reason for _, reason in run(annotations=annotations)] == ["", ""]


def test_comment_marker_inside_a_string_is_not_a_comment() -> None:
    text = BASE.format(annotations="", comment_a="").replace(
        "name: agent", 'name: "agent#dslint: disable-file"'
    )
    result = Linter().lint_text(text, "x.yaml")
    assert not any(d.suppressed for d in result.diagnostics)
