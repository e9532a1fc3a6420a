"""`--format concise`: one GNU-style line per finding, for editors and problem matchers."""

from __future__ import annotations

import io
import re

from dslint.formats import get_renderer
from dslint.report import Report
from dslint.results import Diagnostic, FileResult

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>\w+): (?P<rest>.*)$")


def _render(report: Report) -> list[str]:
    out = io.StringIO()
    get_renderer("concise")(report, out)
    return out.getvalue().splitlines()


def _diagnostic(message: str, suppressed: str | None = None) -> Diagnostic:
    return Diagnostic(
        "deploy/a.yaml", 4, 7, 4, 9, "DS201", "latest-image-tag", "warning", message,
        suppressed=suppressed,
    )  # fmt: skip


def test_a_line_break_in_a_message_does_not_break_the_line() -> None:
    report = Report([FileResult("deploy/a.yaml", [_diagnostic('image "a\nb"')])], [])
    (line,) = _render(report)
    match = LINE.match(line)
    assert match
    assert match["path"] == "deploy/a.yaml" and match["line"] == "4" and match["col"] == "7"
    assert match["rest"] == 'image "a\\nb" [DS201 latest-image-tag]'


def test_suppressed_findings_only_with_show_suppressed() -> None:
    results = [FileResult("deploy/a.yaml", [_diagnostic("x", suppressed="a reason")])]
    assert _render(Report(results, [])) == []
    (line,) = _render(Report(results, [], show_suppressed=True))
    assert line.endswith("[DS201 latest-image-tag] (suppressed: a reason)")
