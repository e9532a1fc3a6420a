"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

GitHub turns these lines into annotations on the pull request. Text from the input first goes
through `printable()`, as in every format (a line break in a quoted value shows as `\\n`, ESC as
`\\x1b`), so no carriage return or line feed is left for the toolkit's `%0D`/`%0A`; then `%` is
escaped as the toolkit does, and also `:` and `,` in the properties (`file=...,line=...`), so that
no value can end a property or the command early. Columns are left out when a finding spans
several lines, where GitHub would misplace them.
"""

from __future__ import annotations

from typing import TextIO

from dslint.formats.escape import printable
from dslint.report import Report
from dslint.results import Diagnostic

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a message (the text after `::`)."""
    return printable(text).replace("%", "%25")


def escape_property(text: str) -> str:
    """Escape a property value (`file=`, `title=`, ...): `:` and `,` would end it early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(report: Report, d: Diagnostic) -> str:
    """The workflow command line for one diagnostic."""
    properties = [("file", report.relative_path(d.file)), ("line", str(d.line))]
    if d.end_line == d.line:
        properties += [("col", str(d.column)), ("endColumn", str(d.end_column))]
    properties.append(("endLine", str(d.end_line)))
    title = f"dslint {d.code} {d.name}"
    message = d.message
    # A suppressed finding is shown for information only; it must not look like a failure.
    name = COMMANDS[d.level]
    if d.suppressed is not None:
        name = "notice"
        title += " (suppressed)"
        message += f" (suppressed: {d.suppressed})"
    properties.append(("title", title))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{name} {rendered}::{escape_data(message)}"


def render(report: Report, out: TextIO) -> None:
    for d in report.iter_diagnostics():
        out.write(command(report, d) + "\n")
    for error in report.file_errors:
        out.write(f"::error title=dslint::{escape_data(error)}\n")
