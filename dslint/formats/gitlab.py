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
from collections.abc import Iterator
from typing import Any, TextIO

from dslint.formats.escape import json_text, printable
from dslint.report import Report
from dslint.results import Diagnostic

# GitLab accepts info, minor, major, critical and blocker.
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def _fingerprint(d: Diagnostic, path: str, occurrence: int) -> str:
    key = "\0".join((d.code, path, d.pointer, d.message, str(occurrence)))
    return hashlib.md5(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def issues(report: Report) -> Iterator[dict[str, Any]]:
    """The Code Quality issues, file by file as the report streams them."""
    seen: set[str] = set()
    for d in report.iter_diagnostics():
        path = report.relative_path(d.file)
        occurrence = 0
        fingerprint = _fingerprint(d, path, occurrence)
        while fingerprint in seen:
            occurrence += 1
            fingerprint = _fingerprint(d, path, occurrence)
        seen.add(fingerprint)
        description = f"{d.code} {d.name}: {printable(d.message)}"
        severity = SEVERITIES[d.level]
        if d.suppressed is not None:
            description += f" (suppressed: {printable(d.suppressed)})"
            severity = "info"
        yield {
            "type": "issue",
            "description": description,
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": severity,
            "location": {"path": path, "lines": {"begin": d.line, "end": d.end_line}},
        }


def render(report: Report, out: TextIO) -> None:
    # Written item by item so that a large run does not hold every issue in memory.
    separator = "\n"
    out.write("[")
    for issue in issues(report):
        out.write(separator + json_text(json.dumps(issue, ensure_ascii=False)))
        separator = ",\n"
    out.write("\n]\n")
