"""Cluster benchmarks: reading a 5,000-node inventory, and simulating 100 DaemonSets on it.

    python benchmarks/cluster.py                        # 5,000 nodes, 100 DaemonSets
    python benchmarks/cluster.py --nodes 500 --runs 1   # a quick look
    python benchmarks/cluster.py --markdown out.md      # the tables, for docs/benchmarks.md

Inventories come from `benchmarks/gen_inventory.py` (kept in `bench-out/`). Every figure is
compared with a floor measured in the same run, on the same file:

- JSON read: `json.loads` of the file's text (target: the inventory reader within 1.5 times it);
- YAML read: PyYAML's C loader (`yaml.load(..., CSafeLoader)` with the garbage collector paused,
  as the reader does), the libyaml floor;
- peak memory: the resident set of a process that reads the inventory, less that of the same
  process reading nothing, against the file's size (target: within 3 times);
- simulate: `simulate.prepare` once, then `simulate_object` for 100 DaemonSets on one core,
  with few node shapes and with every node distinct (target: 1 s for the 100 together).

Times are CPU seconds of this process, the median of `--runs` runs (the YAML ones are long: one
run each by default); on a shared machine wall time varies with the other load, CPU time less.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench-out"
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_inventory  # noqa: E402  (the generator beside this script)


def inventory_file(nodes: int, shapes: str, output_format: str) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"nodes-{nodes}-{shapes}.{output_format}"
    if not path.exists():
        gen_inventory.main(
            ["--nodes", str(nodes), "--shapes", shapes, "--format", output_format, "-o", str(path)]
        )
    return path


def timed(work: Callable[[], Any], runs: int) -> float:
    """Median CPU seconds of `work`: the machine is shared, and CPU time is what other load
    does not inflate (wall time is reported by the caller's notes when it differs)."""
    samples = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        work()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def json_floor(path: Path) -> Any:
    return json.loads(read_text(path))


def yaml_floor(path: Path) -> Any:
    text = read_text(path)
    gc.disable()  # as the reader does: the collector only rescans the growing data
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def dslint_read(path: Path) -> Any:
    from dslint.cluster.inventory import read_inventory

    inventory = read_inventory([str(path)])
    if inventory.problems:
        raise SystemExit(f"{path}: {inventory.problems[0]}")
    return inventory


# VmHWM, not ru_maxrss: the latter keeps the high-water mark of the parent the child was forked
# from, so a large benchmark process would inflate every child's figure.
_PEAK = """
import sys
sys.path.insert(0, {benchmarks!r})
import cluster
reader = getattr(cluster, {reader!r})
result = reader(__import__("pathlib").Path({path!r})) if {path!r} else None
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) * 1024)
"""


def peak_bytes(reader: str, path: Path | None) -> int:
    """Peak resident set of a fresh process that runs `reader` on `path` (None: reads nothing)."""
    code = _PEAK.format(
        benchmarks=str(ROOT / "benchmarks"), reader=reader, path=str(path) if path else ""
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return int(done.stdout.split()[-1])


def _ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}"


def read_rows(nodes: int, runs: int, yaml_runs: int) -> list[list[str]]:
    rows = []
    for output_format, floor_name, floor, count in (
        ("json", "json.loads", json_floor, runs),
        ("yaml", "libyaml (CSafeLoader, collector paused)", yaml_floor, yaml_runs),
    ):
        path = inventory_file(nodes, "few", output_format)
        size = path.stat().st_size
        # Import what the reader needs before timing it.
        from dslint.cluster import inventory  # noqa: F401

        floor_time = timed(lambda p=path, f=floor: f(p), count)  # type: ignore[misc]
        ours = timed(lambda p=path: dslint_read(p), count)  # type: ignore[misc]
        baseline = peak_bytes("dslint_read", None)
        ours_peak = peak_bytes("dslint_read", path) - baseline
        floor_peak = peak_bytes(floor.__name__, path) - baseline
        mib = 1024 * 1024
        rows.append(
            [
                f"{nodes} nodes, {output_format.upper()} ({size / mib:.0f} MiB)",
                f"{floor_name}: {floor_time:.2f} s, {floor_peak / mib:.0f} MiB",
                f"{ours:.2f} s, {ours_peak / mib:.0f} MiB",
                _ratio(ours, floor_time),
                f"{ours_peak / size:.2f}",
            ]
        )
    return rows


def simulate_rows(nodes: int, daemonsets: int, runs: int) -> list[list[str]]:
    from dslint.cluster.inventory import read_inventory
    from dslint.cluster.simulate import prepare, simulate_object

    objects = [gen_inventory.daemonset(index) for index in range(daemonsets)]
    rows = []
    for shapes in ("few", "distinct"):
        path = inventory_file(nodes, shapes, "json")
        inventory = read_inventory([str(path)])
        start = time.process_time()
        cluster = prepare(inventory)
        prepared = time.process_time() - start
        seconds = timed(lambda c=cluster: [simulate_object(ds, c) for ds in objects], runs)
        desired = sum(simulate_object(ds, cluster).desired for ds in objects)
        rows.append(
            [
                f"{daemonsets} DaemonSets x {nodes} nodes, {shapes} shapes",
                f"{prepared:.2f} s",
                f"{seconds:.2f} s",
                f"{seconds / daemonsets * 1000:.1f} ms",
                str(desired),
            ]
        )
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--daemonsets", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--yaml-runs", type=int, default=1)
    parser.add_argument("--skip-read", action="store_true")
    parser.add_argument("--skip-simulate", action="store_true")
    parser.add_argument("--markdown", type=Path, help="write the tables here too")
    options = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    parts = [f"Machine: {platform.processor() or platform.machine()}, Python "
             f"{platform.python_version()}, one core"]  # fmt: skip
    if not options.skip_read:
        header = ["inventory", "floor (same run)", "dslint read", "time ratio", "peak / file"]
        parts.append(table(header, read_rows(options.nodes, options.runs, options.yaml_runs)))
    if not options.skip_simulate:
        header = ["simulation", "prepare", "simulate (all)", "per DaemonSet", "desired (sum)"]
        parts.append(table(header, simulate_rows(options.nodes, options.daemonsets, options.runs)))
    text = "\n\n".join(parts) + "\n"
    sys.stdout.write(text)
    if options.markdown:
        options.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
