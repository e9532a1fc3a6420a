"""`--format gitlab`: the GitLab Code Quality report."""

from __future__ import annotations

import io
import json
import textwrap
from typing import Any

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.formats import get_renderer
from dslint.report import Report
from dslint.results import Diagnostic, FileResult

ALLOWED_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}

BAD = textwrap.dedent(
    """\
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
              image: busybox:latest
            - name: helper
              image: busybox
            - name: quiet
              image: busybox  # dslint: disable-line=DS201
    """
)


def _issues(report: Report) -> list[dict[str, Any]]:
    out = io.StringIO()
    get_renderer("gitlab")(report, out)
    text = out.getvalue()
    assert not text.startswith("\ufeff")
    issues = json.loads(text)
    assert isinstance(issues, list)
    return issues


def _lint(text: str, show_suppressed: bool = False) -> Report:
    linter = Linter(parse_config({"select": ["DS201"]}))
    result = linter.lint_text(text, "deploy/agent.yaml")
    return Report([result], linter.rules, show_suppressed=show_suppressed)


def test_issue_fields() -> None:
    issues = _issues(_lint(BAD))
    assert len(issues) == 2
    first = issues[0]
    assert first["check_name"] == "DS201"
    assert first["description"].startswith("DS201 latest-image-tag: ")
    assert '"busybox:latest"' in first["description"]
    assert first["severity"] == "major"
    assert first["location"] == {"path": "deploy/agent.yaml", "lines": {"begin": 14, "end": 14}}
    for issue in issues:
        assert issue["severity"] in ALLOWED_SEVERITIES
        assert isinstance(issue["fingerprint"], str) and len(issue["fingerprint"]) == 32


def test_fingerprints_are_unique_and_survive_moved_lines() -> None:
    before = _issues(_lint(BAD))
    after = _issues(_lint("# a comment that moves every line down\n" + BAD))
    assert [i["location"]["lines"]["begin"] for i in after] == [15, 17]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert len({i["fingerprint"] for i in before}) == len(before)


def _diagnostic(level: str, line: int) -> Diagnostic:
    return Diagnostic("a.yaml", line, 1, line, 2, "DS999", "same", level, "same message")  # type: ignore[arg-type]


def test_identical_findings_still_get_distinct_fingerprints() -> None:
    diagnostics = [_diagnostic("error", 1), _diagnostic("warning", 2), _diagnostic("info", 3)]
    issues = _issues(Report([FileResult("a.yaml", diagnostics)], []))
    assert len({i["fingerprint"] for i in issues}) == 3
    assert [i["severity"] for i in issues] == ["critical", "major", "info"]


def test_suppressed_findings_are_left_out_unless_asked_for() -> None:
    issues = _issues(_lint(BAD, show_suppressed=True))
    assert len(issues) == 3
    suppressed = issues[2]
    assert suppressed["severity"] == "info"
    assert (
        "(suppressed: suppressed by a '# dslint: disable-line' comment)"
        in (suppressed["description"])
    )
    assert len({i["fingerprint"] for i in issues}) == 3


def test_clean_run_is_an_empty_array() -> None:
    assert _issues(Report([FileResult("a.yaml")], [])) == []
