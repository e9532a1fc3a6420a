"""One line per finding, for editors and grep: `path:line:col: level: message [CODE name]`."""

from __future__ import annotations

from typing import TextIO

from dslint.report import Report


def render(report: Report, out: TextIO) -> None:
    for d in report.diagnostics:
        path = report.relative_path(d.file)
        suffix = f" (suppressed: {d.suppressed})" if d.suppressed is not None else ""
        # One line per finding, even when a message quotes a value with a line break.
        message = d.message.replace("\r", "\\r").replace("\n", "\\n")
        out.write(f"{path}:{d.line}:{d.column}: {d.level}: {message} [{d.code} {d.name}]{suffix}\n")
    for error in report.file_errors:
        out.write(f"{error}\n")
