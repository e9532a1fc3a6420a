"""JUnit XML, as CI servers (GitLab, Jenkins, Azure Pipelines) read test reports.

One `<testsuite>` per file. In it, one `<testcase>` per DaemonSet and rule that ran on it, so a
dashboard shows what was checked and not only what failed; problems found while reading the file
(invalid YAML, duplicate keys) are test cases of the file itself. A case with findings has one
`<failure>` whose text lists each finding as `path:line:col: level: message`; a case whose
findings are all suppressed (shown with `--show-suppressed`) is `<skipped>` with the reasons.

Text from the input goes through `printable()`: every character XML 1.0 cannot hold (C0 controls
but tab, line feed and carriage return; lone surrogates; U+FFFE, U+FFFF) is among those it
escapes, so the report is well-formed whatever the file names and the values quoted.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from dslint.formats.escape import printable
from dslint.report import Report
from dslint.results import INTERNAL_ERROR, Diagnostic, FileResult, RuleDescription

_RANK = {"info": 0, "warning": 1, "error": 2, "never": 3}


@dataclass
class Case:
    classname: str
    name: str
    found: list[Diagnostic] = field(default_factory=list)
    threshold: int = 0  # the rank of --fail-on: findings below it do not fail the case

    @property
    def failing(self) -> list[Diagnostic]:
        return [d for d in self.found if d.suppressed is None and _RANK[d.level] >= self.threshold]

    @property
    def passing(self) -> list[Diagnostic]:
        """Findings below --fail-on: shown in the case's output, as the run passes with them."""
        return [d for d in self.found if d.suppressed is None and _RANK[d.level] < self.threshold]


def _cases(
    result: FileResult, rules: Sequence[RuleDescription], diagnostics: list[Diagnostic]
) -> list[Case]:
    """Every (object, rule) pair that was checked, with the diagnostics that belong to it."""
    cases: dict[tuple[str, str], Case] = {}

    def case(classname: str, code: str, name: str) -> Case:
        key = (classname, code)
        if key not in cases:
            cases[key] = Case(classname, f"{code} {name}")
        return cases[key]

    for rule in rules:
        # Problems found while reading belong to the file; internal errors only when they occur.
        if not rule.checks_objects and rule.name != INTERNAL_ERROR:
            case("file", rule.code, rule.name)
    for object_name in result.objects:
        for rule in rules:
            if rule.checks_objects:
                case(f"DaemonSet {object_name}", rule.code, rule.name)
    for d in diagnostics:
        classname = "file" if d.object_name is None else f"DaemonSet {d.object_name}"
        case(classname, d.code, d.name).found.append(d)
    return list(cases.values())


def _location(report: Report, d: Diagnostic) -> str:
    """One line per finding: line breaks inside a message are shown escaped."""
    return printable(f"{report.relative_path(d.file)}:{d.line}:{d.column}: {d.level}: {d.message}")


def _testcase(report: Report, path: str, case: Case) -> ET.Element:
    element = ET.Element(
        "testcase",
        {"classname": printable(case.classname), "name": printable(case.name), "file": path},
    )
    element.set("time", "0")
    failing = case.failing
    if failing:
        first = failing[0]
        message = f"{first.line}:{first.column}: {first.message}"
        if len(failing) > 1:
            message = f"{len(failing)} findings; first at {message}"
        worst = max((d.level for d in failing), key=_RANK.__getitem__)
        failure = ET.SubElement(element, "failure", {"message": printable(message), "type": worst})
        lines = [_location(report, d) for d in failing]
        lines += [
            f"{_location(report, d)} (suppressed: {printable(d.suppressed)})"
            for d in case.found
            if d.suppressed is not None
        ]
        failure.text = "\n".join(lines)
    elif case.passing:
        output = ET.SubElement(element, "system-out")
        output.text = "\n".join(_location(report, d) for d in case.passing)
    elif case.found:
        reasons = "; ".join(
            f"{d.line}:{d.column}: {d.message} (suppressed: {d.suppressed})" for d in case.found
        )
        ET.SubElement(element, "skipped", {"message": printable(reasons)})
    return element


def to_element(report: Report) -> ET.Element:
    root = ET.Element("testsuites", {"name": "dslint"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.iter_results():
        path = report.relative_path(result.file)
        suite = ET.SubElement(root, "testsuite", {"name": printable(path)})
        if result.error is not None:
            error_case = ET.SubElement(
                suite, "testcase", {"classname": "file", "name": "read", "file": printable(path)}
            )
            ET.SubElement(error_case, "error", {"message": printable(result.error)})
            cases: list[Case] = []
        else:
            shown = [
                d for d in result.diagnostics if report.show_suppressed or d.suppressed is None
            ]
            cases = _cases(result, report.rules, shown)
        for case in cases:
            case.threshold = _RANK[report.fail_on]
        for case in cases:
            suite.append(_testcase(report, printable(path), case))
        counts = {
            "tests": len(cases) + (result.error is not None),
            "failures": sum(1 for c in cases if c.failing),
            "errors": int(result.error is not None),
            "skipped": sum(1 for c in cases if c.found and not c.failing and not c.passing),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    return root


def render(report: Report, out: TextIO) -> None:
    element = to_element(report)
    ET.indent(element)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(element, encoding="unicode"))
    out.write("\n")
