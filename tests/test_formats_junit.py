"""`--format junit`: JUnit XML with one test case per DaemonSet and rule."""

from __future__ import annotations

import io
import textwrap
import xml.etree.ElementTree as ET

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.formats import get_renderer
from dslint.report import Report
from dslint.results import Diagnostic, FileResult

TWO_DAEMONSETS = textwrap.dedent(
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
    ---
    apiVersion: apps/v1
    kind: DaemonSet
    metadata:
      name: pinned
    spec:
      selector:
        matchLabels: {app: pinned}
      template:
        metadata:
          labels: {app: pinned}
        spec:
          containers:
            - name: agent
              image: busybox:1.36  # comment
            - name: quiet
              image: busybox  # dslint: disable-line=DS201
    """
)


def _xml(report: Report) -> ET.Element:
    out = io.StringIO()
    get_renderer("junit")(report, out)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def _lint(text: str, show_suppressed: bool = False) -> Report:
    linter = Linter(parse_config({"select": ["DS201", "invalid-yaml"]}))
    result = linter.lint_text(text, "deploy/agents.yaml")
    return Report([result], linter.rules, show_suppressed=show_suppressed)


def _cases(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {(c.get("classname", ""), c.get("name", "")): c for c in root.iter("testcase")}


def test_one_case_per_daemonset_and_rule() -> None:
    root = _xml(_lint(TWO_DAEMONSETS))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "deploy/agents.yaml"
    cases = _cases(root)
    # Problems found while reading (DS001-DS004) run whatever is selected: cases of the file.
    assert set(cases) == {
        ("file", "DS001 invalid-yaml"),
        ("file", "DS002 duplicate-key"),
        ("file", "DS003 unsupported-yaml-tag"),
        ("file", "DS004 input-limit-exceeded"),
        ("DaemonSet agent", "DS201 latest-image-tag"),
        ("DaemonSet pinned", "DS201 latest-image-tag"),
    }
    assert all(c.get("file") == "deploy/agents.yaml" for c in cases.values())
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("6", "1", "0")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "1", "0")


def test_failure_lists_every_finding_with_its_location() -> None:
    case = _cases(_xml(_lint(TWO_DAEMONSETS)))[("DaemonSet agent", "DS201 latest-image-tag")]
    (failure,) = case.findall("failure")
    assert failure.get("type") == "warning"
    assert (failure.get("message") or "").startswith("2 findings; first at 14:18: ")
    lines = (failure.text or "").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('deploy/agents.yaml:14:18: warning: container "agent" image')
    assert lines[1].startswith('deploy/agents.yaml:16:18: warning: container "helper" image')


def test_passing_cases_have_no_children() -> None:
    cases = _cases(_xml(_lint(TWO_DAEMONSETS)))
    assert list(cases[("DaemonSet pinned", "DS201 latest-image-tag")]) == []


def test_suppressed_findings_are_skipped_cases_when_shown() -> None:
    root = _xml(_lint(TWO_DAEMONSETS, show_suppressed=True))
    case = _cases(root)[("DaemonSet pinned", "DS201 latest-image-tag")]
    (skipped,) = case.findall("skipped")
    assert "suppressed by a '# dslint: disable-line' comment" in (skipped.get("message") or "")
    assert root.get("skipped") == "1"


def test_file_level_problems_and_unreadable_files() -> None:
    linter = Linter(parse_config({"select": ["invalid-yaml"]}))
    broken = linter.lint_text("kind: Pod\na: [\n", "broken.yaml")
    missing = FileResult("missing.yaml", error="missing.yaml: no such file")
    root = _xml(Report([broken, missing], linter.rules))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["broken.yaml", "missing.yaml"]
    (case,) = [c for c in suites[0].findall("testcase") if c.find("failure") is not None]
    assert case.get("classname") == "file" and case.get("name") == "DS001 invalid-yaml"
    (error_case,) = suites[1].findall("testcase")
    assert error_case.find("error") is not None
    assert root.get("errors") == "1" and root.get("failures") == "1"


def test_text_that_xml_cannot_carry_is_made_visible() -> None:
    message = 'value "a\x01b" & <c> "\ud800"'
    diagnostic = Diagnostic("a.yaml", 1, 1, 1, 2, "DS201", "latest-image-tag", "error", message)
    root = _xml(Report([FileResult("a.yaml", [diagnostic])], []))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.text == 'a.yaml:1:1: error: value "a\\x01b" & <c> "\\ud800"'


def test_failures_follow_fail_on() -> None:
    linter = Linter(parse_config({"select": ["latest-image-tag"]}))
    result = linter.lint_text(TWO_DAEMONSETS, "deploy/agents.yaml")
    failing = _xml(Report([result], linter.rules, fail_on="warning"))
    assert failing.get("failures") == "1"
    passing = _xml(Report([result], linter.rules, fail_on="error"))
    assert (passing.get("failures"), passing.get("skipped")) == ("0", "0")
    case = _cases(passing)[("DaemonSet agent", "DS201 latest-image-tag")]
    assert case.find("failure") is None
    assert (case.findtext("system-out") or "").startswith("deploy/agents.yaml:14:18: warning:")
