"""One line per finding, for editors and grep: `path:line:col: level: message [CODE name]`."""

from __future__ import annotations

from typing import TextIO

from dslint.report import Report


def render(report: Report, out: TextIO) -> None:
    for d in report.diagnostics:
        path = report.relative_path(d.file)
        suffix = f" (suppressed: {d.suppressed})" if d.suppressed is not None else ""
        out.write(
            f"{path}:{d.line}:{d.column}: {d.level}: {d.message} [{d.code} {d.name}]{suffix}\n"
        )
    for error in report.file_errors:
        out.write(f"{error}\n")
