"""A long fuzz campaign: mutate seed manifests, lint each input, keep every failure.

    python fuzz/run_campaign.py --inputs 1000000 --out fuzz-out

Runs in one process (one core). Each distinct failure (same kind and place) is saved once as
`<out>/failures/<n>.yaml` with its traceback in `<n>.txt`; the input being linted is written to
`<out>/current-input.yaml` first, so a crash of the interpreter (or a hang, stopped by the
per-input alarm) leaves the input that caused it on disk. Progress goes to `<out>/progress.log`
and the totals to `<out>/summary.json`. Exit status 0 means no failure.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import random
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.harness import Failure, Mutator, check_input, load_seeds, make_linter

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real-world"


class InputTimeout(Exception):
    """One input took longer than the per-input limit."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise InputTimeout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000, help="inputs to lint")
    parser.add_argument("--seed", type=int, default=0, help="random seed (runs are repeatable)")
    parser.add_argument("--corpus", type=Path, action="append", help="seed folder (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"), help="output folder")
    parser.add_argument("--timeout", type=int, default=10, help="seconds allowed per input")
    parser.add_argument("--report-every", type=int, default=10_000)
    args = parser.parse_args(argv)

    seeds = load_seeds(args.corpus or [DEFAULT_SEEDS])
    if not seeds:
        parser.error("no seed manifests found")
    out: Path = args.out
    (out / "failures").mkdir(parents=True, exist_ok=True)
    crash_log = open(out / "crash.log", "a")  # noqa: SIM115 - open for the whole run
    faulthandler.enable(crash_log)
    signal.signal(signal.SIGALRM, _on_alarm)
    current = os.open(out / "current-input.yaml", os.O_WRONLY | os.O_CREAT, 0o644)

    linter = make_linter()
    mutator = Mutator(seeds, random.Random(args.seed))
    seen: dict[str, int] = {}
    failures = 0
    started = time.monotonic()
    slowest = 0.0
    with open(out / "progress.log", "a") as progress:
        progress.write(
            f"campaign: {args.inputs} inputs, seed {args.seed}, {len(seeds)} seed documents, "
            f"{len(linter.checkers)} rules\n"
        )
        for count in range(1, args.inputs + 1):
            data = mutator.next_input()
            os.ftruncate(current, 0)
            os.pwrite(current, data, 0)
            began = time.monotonic()
            signal.alarm(args.timeout)
            try:
                found = check_input(linter, data)
            except InputTimeout:
                found = [Failure("hang", "input took too long", f"over {args.timeout} s", data)]
            finally:
                signal.alarm(0)
            slowest = max(slowest, time.monotonic() - began)
            for failure in found:
                failures += 1
                key = f"{failure.kind}: {failure.summary}"
                if key in seen:
                    continue
                seen[key] = len(seen) + 1
                stem = out / "failures" / str(seen[key])
                stem.with_suffix(".yaml").write_bytes(failure.data)
                stem.with_suffix(".txt").write_text(f"{key}\n\n{failure.detail}\n")
                progress.write(f"input {count}: new failure {seen[key]}: {key}\n")
                progress.flush()
            if count % args.report_every == 0 or count == args.inputs:
                elapsed = time.monotonic() - started
                progress.write(
                    f"{count} inputs, {elapsed:.0f} s, {count / elapsed:.0f}/s, "
                    f"slowest {slowest:.2f} s, {failures} failures ({len(seen)} distinct)\n"
                )
                progress.flush()
    elapsed = time.monotonic() - started
    summary = {
        "inputs": args.inputs,
        "seed": args.seed,
        "seed_documents": len(seeds),
        "seconds": round(elapsed),
        "slowest_input_seconds": round(slowest, 3),
        "failures": failures,
        "distinct_failures": seen,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    os.close(current)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
