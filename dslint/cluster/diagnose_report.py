"""`dslint diagnose`: read a snapshot, explain it, and write text, JSON or SARIF.

The JSON document (`"schema": "dslint-diagnose/1"`) is a stable contract, described in the
README: fields are only ever added to it. SARIF goes through the same results model and writer as
`dslint lint`, so code scanning and editors show explanations like rule findings, at the line of
the snapshot file they are about.

Exit codes: 0 nothing to explain (or only `info`), 1 an error or warning was explained, 2 the
input could not be read at all or the options are wrong.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

from dslint.cluster.diagnose import (
    KINDS,
    SCHEMA,
    DaemonSetDiagnosis,
    Diagnosis,
    Explanation,
    Kind,
    diagnose,
)
from dslint.cluster.snapshot import Snapshot, read_snapshot
from dslint.results import Diagnostic, FileResult, RuleInfo

FORMATS = ("text", "json", "sarif")
HELP_URI = "https://github.com/dslint/dslint/blob/main/README.md#dslint-diagnose"
EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def diagnose_command(
    paths: list[str],
    output_format: str = "text",
    output: str | None = None,
    all_pods: bool = False,
) -> int:
    if output_format not in FORMATS:
        return _error(f"--format: expected one of {', '.join(FORMATS)}, got {output_format!r}")
    if not paths:
        return _error("give the snapshot files or folders to diagnose ('-' reads standard input)")
    snapshot = read_snapshot(paths)
    diagnosis = diagnose(snapshot, all_pods=all_pods)
    buffer = io.StringIO()
    out = buffer if output else sys.stdout
    if output_format == "json":
        json.dump(to_json(diagnosis, snapshot), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif output_format == "sarif":
        write_sarif(diagnosis, out)
    else:
        render_text(diagnosis, snapshot, out)
    if output:
        from dslint.atomic import WriteError, write_output

        try:
            write_output(output, buffer.getvalue().encode("utf-8"))
        except WriteError as error:
            return _error(str(error))
    if not _has_objects(snapshot) and diagnosis.notes:
        for note in diagnosis.notes:
            sys.stderr.write(f"dslint: {note}\n")
        return EXIT_ERROR
    return EXIT_FOUND if any(e.level != "info" for e in diagnosis.explanations) else EXIT_CLEAN


def _error(message: str) -> int:
    sys.stderr.write(f"dslint: {message}\n")
    return EXIT_ERROR


def _has_objects(snapshot: Snapshot) -> bool:
    return bool(snapshot.daemonsets or snapshot.nodes or snapshot.pods or snapshot.events)


# --- JSON ---------------------------------------------------------------------------------------


def _daemonset_json(ds: DaemonSetDiagnosis) -> dict[str, Any]:
    counts = ds.counts
    return {
        "name": ds.key.name,
        "namespace": ds.key.namespace,
        "file": ds.file,
        "line": ds.line,
        "status_file": ds.status_file,
        "counts_from": "status" if counts.from_status else "pods",
        "desired": counts.desired,
        "current": counts.current,
        "ready": counts.ready,
        "available": counts.available,
        "updated": counts.updated,
        "misscheduled": counts.misscheduled,
        "generation": counts.generation,
        "observed_generation": counts.observed_generation,
        "pods": ds.pods,
        "findings": [e.as_dict() for e in ds.explanations],
    }


def to_json(diagnosis: Diagnosis, snapshot: Snapshot) -> dict[str, Any]:
    levels = Counter(e.level for e in diagnosis.explanations)
    return {
        "schema": SCHEMA,
        "daemonsets": [_daemonset_json(ds) for ds in diagnosis.daemonsets],
        "nodes": [e.as_dict() for e in diagnosis.nodes],
        "other_pods": [e.as_dict() for e in diagnosis.other_pods],
        "notes": list(diagnosis.notes),
        "summary": {
            "daemonsets": len(diagnosis.daemonsets),
            "pods": len(snapshot.pods),
            "nodes": len(snapshot.nodes),
            "events": sum(len(found) for found in snapshot.events.values()),
            "pods_not_examined": diagnosis.skipped_pods,
            "findings": len(diagnosis.explanations),
            "error": levels["error"],
            "warning": levels["warning"],
            "info": levels["info"],
        },
    }


# --- text ---------------------------------------------------------------------------------------


def _shown(value: int | None) -> str:
    return "?" if value is None else str(value)


def _write_explanation(explanation: Explanation, out: TextIO) -> None:
    where = f"{explanation.file}:{explanation.line}:{explanation.column}"
    out.write(f"  {explanation.level} {explanation.code} {explanation.name}  {where}\n")
    out.write(f"    {explanation.message}\n")
    for index, item in enumerate(explanation.evidence):
        out.write(f"    {'evidence: ' if index == 0 else '          '}{item}\n")
    out.write(f"    cause:    {explanation.cause}\n")
    for index, command in enumerate(explanation.commands):
        out.write(f"    {'confirm:  ' if index == 0 else '          '}{command}\n")


def render_text(diagnosis: Diagnosis, snapshot: Snapshot, out: TextIO) -> None:
    for note in diagnosis.notes:
        out.write(f"note: {note}\n")
    for ds in diagnosis.daemonsets:
        counts = ds.counts
        known_from = "its pods" if ds.pods else "events about it"
        origin = f"  ({ds.file}:{ds.line})" if ds.file else f"  (known from {known_from})"
        if ds.status_file:
            origin += f"  status from {ds.status_file}"
        out.write(f"daemonset {ds.key.namespace}/{ds.key.name}{origin}\n")
        out.write(
            f"  desired {_shown(counts.desired)}  current {_shown(counts.current)}  "
            f"ready {_shown(counts.ready)}  up-to-date {_shown(counts.updated)}  "
            f"available {_shown(counts.available)}"
            + ("" if counts.from_status else "  (no status: counted from the pods and nodes)")
            + "\n"
        )
        if not ds.explanations:
            out.write("  no gap to explain\n")
        for explanation in ds.explanations:
            _write_explanation(explanation, out)
        out.write("\n")
    _write_group("node", diagnosis.nodes, out)
    _write_group("pod", diagnosis.other_pods, out)
    out.write(summary_line(diagnosis, snapshot) + "\n")


def _write_group(kind: str, explanations: Iterable[Explanation], out: TextIO) -> None:
    current = None
    for explanation in explanations:
        subject = explanation.subject
        if subject != current:
            if current is not None:
                out.write("\n")
            where = f"{subject.namespace}/" if subject.namespace else ""
            out.write(f"{kind} {where}{subject.name}\n")
            current = subject
        _write_explanation(explanation, out)
    if current is not None:
        out.write("\n")


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def summary_line(diagnosis: Diagnosis, snapshot: Snapshot) -> str:
    levels = Counter(e.level for e in diagnosis.explanations)
    events = sum(len(found) for found in snapshot.events.values())
    line = (
        f"{_count(len(diagnosis.daemonsets), 'DaemonSet')}, {_count(len(snapshot.pods), 'pod')}, "
        f"{_count(len(snapshot.nodes), 'node')}, {_count(events, 'event')}: "
        f"{_count(levels['error'], 'error')}, {_count(levels['warning'], 'warning')}, "
        f"{levels['info']} info"
    )
    if diagnosis.skipped_pods:
        line += (
            f" ({_count(diagnosis.skipped_pods, 'pod')} not owned by a DaemonSet not examined; "
            "--all-pods examines them)"
        )
    return line


# --- SARIF --------------------------------------------------------------------------------------


def _rule(kind: Kind) -> RuleInfo:
    """A diagnosis kind described as SARIF describes a rule."""
    return RuleInfo(kind.code, kind.name, kind.level, kind.summary, HELP_URI)


def write_sarif(diagnosis: Diagnosis, out: TextIO) -> None:
    """SARIF through the results model and writer `dslint lint` uses."""
    from dslint.formats.sarif import render
    from dslint.report import Report

    by_file: dict[str, list[Diagnostic]] = {}
    for e in diagnosis.explanations:
        message = f"{e.message}. Evidence: {'; '.join(e.evidence)}. Likely cause: {e.cause}. "
        message += f"Confirm with: {' ; '.join(e.commands)}"
        by_file.setdefault(e.file, []).append(
            Diagnostic(
                e.file,
                e.line,
                e.column,
                e.end_line,
                e.end_column,
                e.code,
                e.name,
                e.level,
                message,
                e.pointer,
                str(e.subject),
            )
        )
    rules = [_rule(kind) for kind in KINDS]
    results = [
        FileResult(file, sorted(found, key=Diagnostic.sort_key)) for file, found in by_file.items()
    ]
    report = Report(results, rules)
    report.file_errors.extend(diagnosis.notes)
    render(report, out)
