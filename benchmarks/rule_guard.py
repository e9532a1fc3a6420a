"""What containing a rule costs: a guarded rule call against a bare one, and the read-only copy.

    python benchmarks/rule_guard.py [--calls 200000] [--manifest examples/good-node-exporter.yaml]

Both sides are measured in the same run, each the best of five repetitions, so a busy machine
moves both alike. A rule call here is an empty rule (a `check` that yields nothing): what is left
is the guard's own work, which every built-in rule pays on every object.
"""

from __future__ import annotations

import argparse
import timeit
from pathlib import Path
from typing import Any

from dslint.document import iter_objects, parse_document
from dslint.isolation import RuleGuard, read_only

ROOT = Path(__file__).resolve().parents[1]


def empty_rule(manifest: Any, options: Any) -> Any:
    return iter(())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--manifest", default=str(ROOT / "examples" / "good-node-exporter.yaml"))
    args = parser.parse_args()
    calls = args.calls
    with RuleGuard(10.0).session() as session:
        guarded = min(
            timeit.repeat(lambda: session.run("x", empty_rule, None, None), number=calls, repeat=5)
        )
    bare = min(timeit.repeat(lambda: list(empty_rule(None, None)), number=calls, repeat=5))
    text = Path(args.manifest).read_text(encoding="utf-8")
    obj = next(iter_objects(parse_document(text, 0, 0)))[1]
    copies = 2_000
    copy = min(timeit.repeat(lambda: read_only(obj), number=copies, repeat=5))
    lines = len(text.splitlines())
    print(f"rule call, guarded: {guarded / calls * 1e6:.2f} us")
    print(f"rule call, bare:    {bare / calls * 1e6:.2f} us")
    print(f"guard overhead:     {(guarded - bare) / calls * 1e6:.2f} us per rule and object")
    print(f"read-only copy:     {copy / copies * 1e6:.0f} us per object ({lines}-line manifest)")


if __name__ == "__main__":
    main()
