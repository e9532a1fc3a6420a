"""`--format github`: GitHub Actions workflow commands, with the toolkit's escaping."""

from __future__ import annotations

import io
import re
import textwrap

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.formats import get_renderer
from dslint.formats.github import escape_data, escape_property
from dslint.report import Report
from dslint.results import Diagnostic, FileResult

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
            - name: quiet
              image: busybox  # dslint: disable-line=DS201
    """
)

COMMAND = re.compile(r"^::(?P<name>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _render(report: Report) -> str:
    out = io.StringIO()
    get_renderer("github")(report, out)
    return out.getvalue()


def _lint(text: str, filename: str, show_suppressed: bool = False) -> Report:
    linter = Linter(parse_config({"select": ["DS201"]}))
    result = linter.lint_text(text, filename)
    return Report([result], linter.rules, show_suppressed=show_suppressed)


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match["props"].split(","))
    return match["name"], props, match["message"]


def _unescape(text: str) -> str:
    for escaped, plain in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_one_command_per_finding_with_its_location() -> None:
    lines = _render(_lint(BAD, "deploy/agent.yaml")).splitlines()
    assert len(lines) == 1
    name, props, message = _parse(lines[0])
    assert name == "warning"
    assert props == {
        "file": "deploy/agent.yaml",
        "line": "14",
        "col": "18",
        "endColumn": "32",
        "endLine": "14",
        "title": "dslint DS201 latest-image-tag",
    }
    assert '"busybox:latest"' in message


def test_suppressed_findings_are_left_out_unless_asked_for() -> None:
    shown = _render(_lint(BAD, "agent.yaml", show_suppressed=True)).splitlines()
    assert len(shown) == 2
    name, props, message = _parse(shown[1])
    assert name == "notice"
    assert "(suppressed)" in _unescape(props["title"])
    assert "suppressed by a '# dslint: disable-line' comment" in message


def _diagnostic(**changes: object) -> Diagnostic:
    values: dict[str, object] = {
        "file": "a.yaml",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 9,
        "code": "DS201",
        "name": "latest-image-tag",
        "level": "info",
        "message": "plain",
    }
    values.update(changes)
    return Diagnostic(**values)  # type: ignore[arg-type]


def _report(*diagnostics: Diagnostic) -> Report:
    files = {d.file for d in diagnostics}
    results = [FileResult(f, [d for d in diagnostics if d.file == f]) for f in sorted(files)]
    return Report(results, [])


def test_data_and_properties_are_escaped_as_the_toolkit_does() -> None:
    message = "100% sure:\r\nnext, line"
    path = "odd,dir/a:b%.yaml"
    line = _render(_report(_diagnostic(file=path, message=message))).rstrip("\n")
    assert "\n" not in line and "\r" not in line
    name, props, data = _parse(line)
    assert name == "notice"  # info is a notice
    # Line breaks from the input are shown escaped, as in every format; `%` as the toolkit does.
    assert data == "100%25 sure:\\r\\nnext, line"
    assert props["file"] == "odd%2Cdir/a%3Ab%25.yaml"
    assert _unescape(props["file"]) == path
    assert _unescape(data) == "100% sure:\\r\\nnext, line"


def test_escape_functions_escape_percent_first() -> None:
    assert escape_data("%0A") == "%250A"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_columns_are_left_out_when_a_finding_spans_lines() -> None:
    line = _render(_report(_diagnostic(end_line=5, end_column=2, level="error")))
    name, props, _ = _parse(line.rstrip("\n"))
    assert name == "error"
    assert props["line"] == "3" and props["endLine"] == "5"
    assert "col" not in props and "endColumn" not in props


def test_unreadable_files_are_errors() -> None:
    report = Report([FileResult("gone.yaml", error="gone.yaml: no such file")], [])
    assert _render(report) == "::error title=dslint::gone.yaml: no such file\n"
