"""Suppression by YAML comment and by annotation; suppressed findings are kept with a reason."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.results import Diagnostic
from dslint.suppress import yaml_comments

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


# --- the README's example, prefixes, ranges, and comments that are not comments -------------------

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Suppressing findings", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def _lint(text: str, **config: object) -> list[Diagnostic]:
    return Linter(parse_config(dict(config))).lint_text(text, "x.yaml").diagnostics


def test_the_readme_example_works_as_written() -> None:
    found = _lint(_readme_example(), select=["all"], ignore=["DS4"])
    reported = {(d.line, d.name) for d in found if d.suppressed is None}
    suppressed = {(d.line, d.name): d.suppressed for d in found if d.suppressed is not None}
    assert not [name for _, name in reported if name.endswith("-suppression")]
    assert suppressed[(14, "host-pid")] == "reviewed with the security team"
    assert suppressed[(18, "latest-image-tag")] == "promoted by CI"
    assert suppressed[(20, "missing-resource-requests")].startswith("suppressed by a")  # DS2 prefix
    assert suppressed[(17, "missing-liveness-probe")] == "the agent exits when it fails"
    # The range ends at `enable`: security findings after it are reported.
    assert (17, "writable-root-filesystem") in reported


def test_a_code_prefix_suppresses_every_rule_under_it() -> None:
    text = BASE.format(annotations="", comment_a="  # dslint: disable-line=DS2")
    result = Linter().lint_text(text, "x.yaml")
    assert [(d.line, bool(d.suppressed)) for d in result.diagnostics if d.code == "DS201"] == [
        (10, True),
        (12, False),
    ]


def test_an_unknown_rule_in_a_suppression_is_a_finding() -> None:
    text = BASE.format(annotations="", comment_a="  # dslint: disable-line=latest-tag,DS9")
    found = [d for d in _lint(text) if d.name == "invalid-suppression"]
    assert [(d.line, d.column, d.level) for d in found] == [
        (10, 25, "warning"),
        (10, 25, "warning"),
    ]
    assert sorted(d.message.split("'")[1] for d in found) == ["DS9", "latest-tag"]


def test_an_unused_suppression_is_a_finding_only_when_asked_for() -> None:
    text = BASE.format(annotations="", comment_a="  # dslint: disable-line=missing-priority-class")
    assert not [d for d in _lint(text) if d.name == "unused-suppression"]
    found = _lint(text, select=["DS201", "unused-suppression"])
    assert [(d.line, d.name) for d in found if d.code == "DS006"] == [(10, "unused-suppression")]
    used = BASE.format(annotations="", comment_a="  # dslint: disable-line=DS201")
    assert not [d for d in _lint(used, select=["DS201", "DS006"]) if d.code == "DS006"]


CONFIGMAP_SCRIPT = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: scripts}
data:
  run.sh: |
    #!/bin/sh
    # dslint: disable-file
    exec agent
  note: "# dslint: disable-file"
---
"""


def test_suppression_text_inside_strings_and_block_scalars_is_data() -> None:
    text = CONFIGMAP_SCRIPT + BASE.format(annotations="", comment_a="")
    result = Linter().lint_text(text, "x.yaml")
    flagged = [d for d in result.diagnostics if d.code == "DS201"]
    assert len(flagged) == 2
    assert all(d.suppressed is None for d in flagged)


def test_yaml_comments_finds_only_comments() -> None:
    text = 'a: 1 # one\nb: "x # no"\nc: |\n  # no\nd: x#no\n# two\n'
    assert yaml_comments(text) == {1: "# one", 6: "# two"}
