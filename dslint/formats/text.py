"""Human-readable output: `path:line:col: level CODE [name] message`, an excerpt and a summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from dslint.formats.escape import line_start_safe, printable
from dslint.report import Report

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD = "\033[1m"
_DIM = "\033[2m"
_RESET = "\033[0m"


def render(report: Report, out: TextIO) -> None:
    paint = _painter(report.color)
    for d in report.iter_diagnostics():
        path = line_start_safe(report.relative_path(d.file))
        location = paint(f"{path}:{d.line}:{d.column}:", _BOLD)
        level = paint(d.level, _COLORS[d.level])
        line = f"{location} {level} {d.code} [{d.name}] {printable(d.message)}"
        if d.suppressed is not None:
            line += paint(f" (suppressed: {printable(d.suppressed)})", _DIM)
        out.write(line + "\n")
        source_line = report.excerpt(d.file, d.line)
        if source_line is not None:
            gutter = f"{d.line:>5} | "
            out.write(paint(gutter, _DIM) + printable(source_line) + "\n")
            # The caret sits under the escaped text, so it is measured on the escaped line.
            start = len(printable(source_line[: d.column - 1]))
            span = source_line[d.column - 1 : d.end_column - 1] if d.end_line == d.line else ""
            width = max(1, len(printable(span)))
            caret = " " * (len(gutter) - 2) + "| " + " " * start + "^" * width
            out.write(paint(caret, _COLORS[d.level]) + "\n")
        rendered = report.rendered_excerpt(d)
        if rendered is not None:
            out.write(paint(f"      = rendered {rendered}", _DIM) + "\n")
    for error in report.file_errors:
        out.write(paint(line_start_safe(error), _COLORS["error"]) + "\n")
    if report.statistics:
        _statistics(report, out)
    out.write(_summary(report) + "\n")


def _painter(enabled: bool) -> Callable[[str, str], str]:
    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if enabled else text

    return paint


def _statistics(report: Report, out: TextIO) -> None:
    counts = report.counts_by_rule()
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{count:>6}  {code}  {name}\n")
    roles = report.counts_by_role()
    if roles:
        out.write("DaemonSets by role (inferred from the manifest, or configured):\n")
        for role, count in sorted(roles.items(), key=lambda item: (-item[1], item[0])):
            out.write(f"{count:>6}  {role}\n")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _summary(report: Report) -> str:
    levels = report.counts_by_level()
    total = sum(levels.values())
    by_level = ", ".join(f"{levels[level]} {level}" for level in ("error", "warning", "info"))
    parts = [
        _plural(report.files, "file"),
        _plural(report.daemonsets, "DaemonSet"),
    ]
    if report.skipped_objects:
        parts.append(f"{_plural(report.skipped_objects, 'other object')} skipped")
    suppressed = report.suppressed
    summary = f"{', '.join(parts)}: {_plural(total, 'finding')} ({by_level})"
    if suppressed:
        summary += f", {suppressed} suppressed"
    if report.fixed:
        summary += f", {report.fixed} fixed"
    if report.templates:
        summary += (
            f"; {_plural(report.templates, 'Helm template')} not read as YAML "
            "(lint the chart folder to check them)"
        )
    return summary
