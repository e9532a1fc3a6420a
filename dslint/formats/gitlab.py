"""GitLab Code Quality report: a JSON array of issues, as GitLab's merge request widget reads it.

Each issue has `description`, `check_name`, `fingerprint`, `severity` and `location` (path
relative to the project and the first line). The fingerprint hashes the rule, the file, the
finding's place in the object and its message, not the line number, so that an issue keeps its
identity when lines move; identical findings get distinct fingerprints by counting occurrences,
since GitLab merges issues that share one.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from dslint.engine import Diagnostic
from dslint.report import Report

# GitLab accepts info, minor, major, critical and blocker.
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def _fingerprint(d: Diagnostic, path: str, occurrence: int) -> str:
    key = "\0".join((d.code, path, d.pointer, d.message, str(occurrence)))
    return hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def to_list(report: Report) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    seen: set[str] = set()
    for d in report.diagnostics:
        path = report.relative_path(d.file)
        occurrence = 0
        fingerprint = _fingerprint(d, path, occurrence)
        while fingerprint in seen:
            occurrence += 1
            fingerprint = _fingerprint(d, path, occurrence)
        seen.add(fingerprint)
        description = f"{d.code} {d.name}: {d.message}"
        severity = SEVERITIES[d.level]
        if d.suppressed is not None:
            description += f" (suppressed: {d.suppressed})"
            severity = "info"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {
                    "path": path,
                    "lines": {"begin": d.line, "end": d.end_line},
                },
            }
        )
    return issues


def render(report: Report, out: TextIO) -> None:
    json.dump(to_list(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
