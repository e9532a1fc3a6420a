"""`dslint simulate` output: a table per DaemonSet, the JSON contract, and SARIF.

Text: for each DaemonSet a table (node, `runs` / `pending` / `not scheduled`, reason), the
admission verdicts, cost and rollout; then the findings as `lint` prints them; then a summary
line. Clusters of more than MAX_ROWS nodes get one row per distinct outcome with a node count.
JSON: the `dslint-simulate/1` document (`simulate.to_json`). SARIF: the findings through the
writer `dslint lint` uses, so code scanning shows them like rule findings.

Exit codes: 0 no finding at warning or error level; 1 there is one; 2 an input could not be read,
`--nodes` gave no node, or an option is wrong.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from dslint.api import DEFAULT_KUBERNETES_VERSION
from dslint.cluster.inventory import read_inventory
from dslint.cluster.simulate import (
    RULES,
    DaemonSetSimulation,
    NodeOutcome,
    Simulation,
    insufficient,
    quantity_text,
    simulate_paths,
    summary,
    to_json,
)

FORMATS = ("text", "json", "sarif")
EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
MAX_ROWS = 50


def simulate_command(
    paths: Sequence[str],
    nodes: Sequence[str],
    cluster: Sequence[str] = (),
    output_format: str = "text",
    output: str | None = None,
    kubernetes_version: str | None = None,
) -> int:
    """`dslint simulate` with the command line's values; returns the exit code."""
    try:
        return _run(paths, nodes, cluster, output_format, output, kubernetes_version)
    except BrokenPipeError:
        raise
    except Exception as error:  # expected errors are reported where they occur; this is a bug
        return _error(f"internal error: {type(error).__name__}: {error}")


def _run(
    paths: Sequence[str],
    nodes: Sequence[str],
    cluster: Sequence[str],
    output_format: str,
    output: str | None,
    kubernetes_version: str | None,
) -> int:
    if output_format not in FORMATS:
        return _error(f"--format: expected one of {', '.join(FORMATS)}, got {output_format!r}")
    if not paths:
        return _error("give the DaemonSet manifests to simulate ('-' reads standard input)")
    if not nodes:
        return _error("--nodes: give the cluster's nodes (kubectl get nodes -o json > nodes.json)")
    if "-" in paths and ("-" in nodes or "-" in cluster):
        return _error("standard input ('-') can be read once: for manifests or for an inventory")
    version = DEFAULT_KUBERNETES_VERSION
    if kubernetes_version is not None:
        from dslint.config import parse_kubernetes_version

        parsed = parse_kubernetes_version(kubernetes_version)
        if parsed is None:
            return _error("--kubernetes-version: expected MAJOR.MINOR such as 1.33")
        version = parsed
    inventory = read_inventory(nodes, default_kind="Node")
    if not inventory.nodes and not inventory.problems:
        return _error(f"--nodes: no Node object in {', '.join(nodes)}")
    inventory = read_inventory(cluster, inventory=inventory)
    simulation = simulate_paths(paths, inventory, kubernetes_version=version)
    buffer = io.StringIO()
    out: TextIO = buffer if output else sys.stdout
    if output_format == "json":
        json.dump(to_json(simulation), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif output_format == "sarif":
        write_sarif(simulation, out)
    else:
        render_text(simulation, out)
    if output:
        from dslint.atomic import write_text_atomic

        try:
            write_text_atomic(output, buffer.getvalue())
        except OSError as error:
            return _error(f"{output}: cannot write report: {error.strerror or error}")
    for note in inventory.notes:
        sys.stderr.write(f"dslint: note: {note}\n")
    for problem in simulation.problems:
        sys.stderr.write(f"dslint: {problem}\n")
    if simulation.problems:
        return EXIT_ERROR
    found = any(d.level != "info" for r in simulation.files for d in r.reported)
    return EXIT_FOUND if found else EXIT_CLEAN


def _error(message: str) -> int:
    sys.stderr.write(f"dslint: {message}\n")
    return EXIT_ERROR


# --- text -----------------------------------------------------------------------------------------


def _status(node: NodeOutcome) -> str:
    if not node.runs:
        return "not scheduled"
    if node.pending:
        return "pending"
    return "runs (fit unknown)" if node.unknown else "runs"


def _reason(result: DaemonSetSimulation, index: int, node: NodeOutcome, amounts: bool) -> str:
    if not node.runs:
        return ", ".join(node.reasons)
    if node.unknown:
        return "no allocatable in the node object"
    if not amounts:
        return ", ".join(node.pending)
    return "; ".join(insufficient(result.shortfall(index, r)) for r in node.pending)


def _table(rows: list[tuple[str, str, str]], out: TextIO) -> None:
    header = ("NODE", "POD", "REASON")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(2)]
    for row in [header, *rows]:
        line = f"  {row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}"
        out.write(line.rstrip() + "\n")


def _rows(result: DaemonSetSimulation) -> list[tuple[str, str, str]]:
    nodes = result.nodes
    if len(nodes) <= MAX_ROWS:
        return [(n.node, _status(n), _reason(result, i, n, True)) for i, n in enumerate(nodes)]
    # One row per distinct outcome; amounts differ per node, so only the names are kept.
    groups: dict[tuple[str, str], list[str]] = {}
    for index, node in enumerate(nodes):
        key = (_status(node), _reason(result, index, node, False))
        groups.setdefault(key, []).append(node.node)
    rows = []
    for (status, reason), names in groups.items():
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        rows.append((f"{len(names)} nodes ({shown})", status, reason))
    return rows


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def _write_daemonset(result: DaemonSetSimulation, out: TextIO) -> None:
    pending = result.pending
    out.write(f"DaemonSet {result.namespace}/{result.name} ({result.file}:{result.line})\n")
    out.write(
        f"  desired {result.desired} of {len(result.decisions)} nodes, {pending} pending"
        + (", pods rejected by admission" if result.rejected else "")
        + "\n"
    )
    if result.decisions:
        _table(_rows(result), out)
    for verdict in result.admission:
        out.write(f"  admission: {verdict.plugin} {verdict.mode}: {verdict.message}\n")
    parts = []
    for resource, amount in sorted(result.cost.per_pod.items()):
        total = result.cost.total[resource]
        part = f"{resource} {quantity_text(resource, amount)} x {result.desired} = "
        part += quantity_text(resource, total)
        if resource in result.cost.share:
            part += f" ({_percent(result.cost.share[resource])} of allocatable)"
        parts.append(part)
    out.write(f"  cost: {'; '.join(parts)}\n")
    out.write(f"  rollout: {_rollout_text(result)}\n\n")


def _rollout_text(result: DaemonSetSimulation) -> str:
    rollout = result.rollout
    if rollout.waves is None and rollout.strategy != "RollingUpdate":
        return f"{rollout.strategy}: a new template reaches a node only when its pod is deleted"
    if rollout.waves is None:
        return f"{rollout.strategy}: maxUnavailable or maxSurge is not an integer or a percentage"
    return (
        f"{rollout.strategy}, maxUnavailable {rollout.max_unavailable}, maxSurge "
        f"{rollout.max_surge}: {rollout.waves} waves, at least {rollout.lower_bound_seconds}s "
        f"(minReadySeconds {rollout.min_ready_seconds} per wave)"
    )


def render_text(simulation: Simulation, out: TextIO) -> None:
    for result in simulation.daemonsets:
        _write_daemonset(result, out)
    for file in simulation.files:
        for d in file.reported:
            out.write(f"{d.file}:{d.line}:{d.column}: {d.level} {d.code} [{d.name}] {d.message}\n")
    out.write(summary_line(simulation) + "\n")


def summary_line(simulation: Simulation) -> str:
    totals = summary(simulation)
    levels = Counter(d.level for r in simulation.files for d in r.reported)
    findings = ", ".join(f"{levels[level]} {level}" for level in ("error", "warning", "info"))
    return (
        f"{totals['daemonsets']} DaemonSets on {totals['nodes']} nodes: {totals['desired']} pods "
        f"desired, {totals['pending']} pending, {totals['rejected']} DaemonSets with pods "
        f"rejected by admission; findings: {findings}"
    )


# --- SARIF ----------------------------------------------------------------------------------------


def write_sarif(simulation: Simulation, out: TextIO) -> None:
    """The findings through the SARIF writer `dslint lint` uses."""
    from dslint.formats.sarif import render
    from dslint.report import Report

    report = Report(simulation.files, list(RULES))
    report.file_errors.extend(simulation.problems)
    render(report, out)
