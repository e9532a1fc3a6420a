"""Warnings per DaemonSet on the real-world corpus, by rule, with the default configuration.

    python tools/measure_warnings.py                    # table on stdout
    python tools/measure_warnings.py --json out.json    # also save the figures
    python tools/measure_warnings.py --compare before.json

Lints the top folder of `../shared/corpus/real-world` (or `$DSLINT_CORPUS`), as
tools/gen_docs_tables.py does, with no configuration at all, and counts reported (unsuppressed)
findings by level and by rule. `--compare` prints a before/after table against figures saved
earlier with `--json`, so that a change to rule levels can be measured the same way twice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dslint.engine import Linter  # noqa: E402

SHARED = Path(os.environ.get("DSLINT_SHARED", REPO.parent / "shared"))
CORPUS = Path(os.environ.get("DSLINT_CORPUS", SHARED / "corpus" / "real-world"))


def measure(folder: Path = CORPUS) -> dict[str, Any]:
    """Counts over the top folder: DaemonSets, findings by level, and warnings/infos by rule."""
    linter = Linter()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    levels: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    infos: Counter[str] = Counter()
    daemonsets = 0
    for path in files:
        result = linter.lint_text(path.read_text(encoding="utf-8"), path.name)
        daemonsets += result.daemonsets
        for diagnostic in result.reported:
            levels[diagnostic.level] += 1
            label = f"{diagnostic.code} {diagnostic.name}"
            if diagnostic.level == "warning":
                warnings[label] += 1
            elif diagnostic.level == "info":
                infos[label] += 1
    return {
        "files": len(files),
        "daemonsets": daemonsets,
        "levels": dict(levels),
        "warnings_per_daemonset": round(levels["warning"] / daemonsets, 2) if daemonsets else 0,
        "warnings": dict(sorted(warnings.items())),
        "infos": dict(sorted(infos.items())),
    }


def table(after: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    """A Markdown table of warnings (and infos) by rule; with `before`, one column per run."""
    runs = [("before", before), ("after", after)] if before else [("count", after)]
    header = " | ".join(f"{name} warnings | {name} info" for name, _ in runs)
    lines = [f"| Rule | {header} |", "|---|" + "---|---|" * len(runs)]
    labels = sorted(
        {label for _, run in runs if run for key in ("warnings", "infos") for label in run[key]}
    )
    for label in labels:
        code, name = label.split(" ", 1)
        cells = " | ".join(
            f"{run['warnings'].get(label, 0)} | {run['infos'].get(label, 0)}"
            for _, run in runs
            if run
        )
        lines.append(f"| {code} `{name}` | {cells} |")
    totals = " | ".join(
        f"**{run['levels'].get('warning', 0)}** | **{run['levels'].get('info', 0)}**"
        for _, run in runs
        if run
    )
    per = " | ".join(f"**{run['warnings_per_daemonset']:.2f}** | " for _, run in runs if run)
    lines.append(f"| Total | {totals} |")
    lines.append(f"| Warnings per DaemonSet | {per}".rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--compare", type=Path, help="figures saved earlier with --json")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS} (set DSLINT_CORPUS)", file=sys.stderr)
        return 2
    figures = measure()
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    print(
        f"{figures['daemonsets']} DaemonSets in {figures['files']} files; "
        f"levels {figures['levels']}; "
        f"warnings per DaemonSet {figures['warnings_per_daemonset']:.2f}"
    )
    print(table(figures, before))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
