"""One line per finding, for editors and grep: `path:line:col: level: message [CODE name]`."""

from __future__ import annotations

from typing import TextIO

from dslint.formats.escape import line_start_safe, printable
from dslint.report import Report


def render(report: Report, out: TextIO) -> None:
    for d in report.diagnostics:
        path = line_start_safe(report.relative_path(d.file))
        suffix = f" (suppressed: {printable(d.suppressed)})" if d.suppressed is not None else ""
        # One line per finding, even when a message quotes a value with a line break.
        message = printable(d.message)
        out.write(f"{path}:{d.line}:{d.column}: {d.level}: {message} [{d.code} {d.name}]{suffix}\n")
    for error in report.file_errors:
        out.write(f"{line_start_safe(error)}\n")
