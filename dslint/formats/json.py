"""Machine-readable output: one JSON object per run (schema `dslint-json/1`, documented in README).

```
{"schema": "dslint-json/1", "tool": {"name", "version"},
 "findings": [{"code", "name", "level", "message", "file", "line", "column", "end_line",
               "end_column", "pointer", "object", "suppressed"}],
 "objects": [{"file", "object", "role", "source", "evidence"}],
 "summary": {"files", "daemonsets", "skipped_objects", "findings": {"error", "warning", "info"},
             "suppressed", "fixed", "helm_templates"},
 "statistics": [{"code", "name", "count"}],  (only with --statistics, most frequent first)
 "errors": ["unreadable path messages"]}
```
Findings are written as files are linted, so the summary follows them.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from dslint.formats.escape import json_text
from dslint.report import Report
from dslint.results import Diagnostic

SCHEMA_ID = "dslint-json/1"


def finding(report: Report, d: Diagnostic) -> dict[str, Any]:
    return {
        "code": d.code,
        "name": d.name,
        "level": d.level,
        "message": d.message,
        "file": report.relative_path(d.file),
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "pointer": d.pointer,
        "object": d.object_name,
        "suppressed": d.suppressed,
    }


def objects(report: Report) -> list[dict[str, Any]]:
    """Each DaemonSet linted, with the role inferred for it (or configured) and the evidence."""
    return [{"file": report.relative_path(file), **role.as_dict()} for file, role in report.roles()]


def summary(report: Report) -> dict[str, Any]:
    levels = report.counts_by_level()
    return {
        "files": report.files,
        "daemonsets": report.daemonsets,
        "skipped_objects": report.skipped_objects,
        "findings": {level: levels.get(level, 0) for level in ("error", "warning", "info")},
        "suppressed": report.suppressed,
        "fixed": report.fixed,
        # Helm templates met outside their chart: left to the chart, not read as YAML.
        "helm_templates": report.templates,
    }


def statistics(report: Report) -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (with `--statistics`)."""
    counts = report.counts_by_rule()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"code": code, "name": name, "count": count} for (code, name), count in ordered]


def to_dict(report: Report) -> dict[str, Any]:
    findings = [finding(report, d) for d in report.diagnostics]
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "dslint", "version": report.version},
        "findings": findings,
        "objects": objects(report),
        "summary": summary(report),
        **({"statistics": statistics(report)} if report.statistics else {}),
        "errors": report.file_errors,
    }


def _indented(value: Any, indent: str) -> str:
    return json_text(json.dumps(value, indent=2, ensure_ascii=False)).replace("\n", "\n" + indent)


def render(report: Report, out: TextIO) -> None:
    tool = {"name": "dslint", "version": report.version}
    out.write(f'{{\n  "schema": "{SCHEMA_ID}",\n  "tool": {_indented(tool, "  ")},\n')
    out.write('  "findings": [')
    separator = "\n    "
    for d in report.iter_diagnostics():
        out.write(separator + _indented(finding(report, d), "    "))
        separator = ",\n    "
    out.write("\n  ],\n" if separator != "\n    " else "],\n")
    out.write(f'  "objects": {_indented(objects(report), "  ")},\n')
    out.write(f'  "summary": {_indented(summary(report), "  ")},\n')
    if report.statistics:
        out.write(f'  "statistics": {_indented(statistics(report), "  ")},\n')
    out.write(f'  "errors": {_indented(report.file_errors, "  ")}\n}}\n')
