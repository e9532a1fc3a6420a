"""What rendering a Helm chart costs: one chart, and a repository of 20 charts.

    python benchmarks/render.py                 # median of 5 runs each
    python benchmarks/render.py --runs 3

Each chart run (`dslint lint CHART...`) is measured in the same run as its baseline: `dslint lint`
of the very documents the chart renders, saved as plain files (what the lint costs without
rendering). The charts are the bundled example `examples/helm/log-agent` and, when the shared
corpus is present, `prometheus-node-exporter` from it; the repository is 20 copies of a chart
under distinct names. Needs the Helm engine (`pip install 'dslint[helm]'`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PYTHON, ROOT, measure  # noqa: E402

CHARTS = {
    "log-agent (example)": ROOT / "examples" / "helm" / "log-agent",
    "prometheus-node-exporter (corpus)": ROOT.parent
    / "shared"
    / "corpus"
    / "helm-charts"
    / "prometheus-community__helm-charts__prometheus-node-exporter",
}
REPOSITORY_SIZE = 20


def rendered_files(chart: Path, into: Path) -> list[Path]:
    """The chart's rendered templates written as plain files (the baseline's input)."""
    import helm_python

    with helm_python.Chart.load(str(chart)) as loaded:
        rendered = loaded.render(name="release-name", namespace="default")
    files = []
    for index, (name, text) in enumerate(sorted(rendered.items())):
        if name.endswith("NOTES.txt") or not text.strip():
            continue
        path = into / f"{index:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def repository(chart: Path, into: Path) -> list[Path]:
    charts = []
    for index in range(REPOSITORY_SIZE):
        copy = into / f"chart-{index:02d}"
        shutil.copytree(chart, copy)
        charts.append(copy)
    return charts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    dslint = [PYTHON, "-m", "dslint", "lint", "--isolated", "--jobs", "1"]
    print("| input | command | seconds | peak MiB | x baseline |")
    print("|---|---|---:|---:|---:|")
    for label, chart in CHARTS.items():
        if not chart.is_dir():
            continue
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            (work / "plain").mkdir()
            (work / "repo").mkdir()
            plain = rendered_files(chart, work / "plain")
            charts = repository(chart, work / "repo")
            plain_repo = [str(p) for p in plain] * REPOSITORY_SIZE
            rows = [
                ("1 chart", "lint its rendered files", [*dslint, *map(str, plain)], None),
                ("1 chart", "lint the chart", [*dslint, str(chart)], 0),
                (
                    f"{REPOSITORY_SIZE} charts",
                    "lint their rendered files",
                    [*dslint, *plain_repo],
                    None,
                ),
                (f"{REPOSITORY_SIZE} charts", "lint the charts", [*dslint, *map(str, charts)], 2),
            ]
            baseline = 0.0
            for scope, what, command, base_row in rows:
                result = measure(command, options.runs)
                if base_row is None:  # a baseline row: the next row is compared with it
                    baseline = result.seconds
                ratio = result.seconds / baseline if baseline else 1.0
                print(
                    f"| {label}, {scope} | {what} | {result.seconds:.3f} | "
                    f"{result.peak_mib:.0f} | {ratio:.2f} |"
                )


if __name__ == "__main__":
    main()
