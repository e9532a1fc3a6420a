"""Machine-readable output: one JSON object per run (schema `dslint-json/1`, documented in README).

```
{"schema": "dslint-json/1", "tool": {"name", "version"},
 "summary": {"files", "daemonsets", "skipped_objects", "findings": {"error", "warning", "info"},
             "suppressed"},
 "findings": [{"code", "name", "level", "message", "file", "line", "column", "end_line",
               "end_column", "pointer", "object", "suppressed"}],
 "errors": ["unreadable path messages"]}
```
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from dslint.report import Report

SCHEMA_ID = "dslint-json/1"


def to_dict(report: Report) -> dict[str, Any]:
    levels = report.counts_by_level()
    findings = [
        {
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
        for d in report.diagnostics
    ]
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "dslint", "version": report.version},
        "summary": {
            "files": report.files,
            "daemonsets": report.daemonsets,
            "skipped_objects": report.skipped_objects,
            "findings": {level: levels.get(level, 0) for level in ("error", "warning", "info")},
            "suppressed": sum(
                1 for r in report.results for d in r.diagnostics if d.suppressed is not None
            ),
        },
        "findings": findings,
        "errors": report.file_errors,
    }


def render(report: Report, out: TextIO) -> None:
    json.dump(to_dict(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
