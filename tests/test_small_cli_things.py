"""Small things a new user meets: -h, --jobs below 0, a folder with nothing to lint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _dslint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_dash_h_is_help(tmp_path: Path) -> None:
    for args in (("-h",), ("lint", "-h")):
        done = _dslint(*args, cwd=tmp_path)
        assert done.returncode == 0
        assert done.stdout.startswith("Usage: ") and "dslint" in done.stdout.splitlines()[0]


def test_negative_jobs_are_refused(tmp_path: Path) -> None:
    done = _dslint("lint", "--jobs", "-1", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "dslint: --jobs: expected 0 (every core) or a number of workers of at least 1\n"
    )


def test_a_folder_with_nothing_to_lint_says_so(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("no yaml here\n", encoding="utf-8")
    done = _dslint("lint", "--isolated", "docs", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == "dslint: no YAML or JSON files to lint in docs\n"
    (tmp_path / "docs" / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    assert _dslint("lint", "--isolated", "docs", cwd=tmp_path).stderr == ""


DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - {name: a, image: "registry.example.com/a:latest"}
        - {name: b, image: "registry.example.com/b:latest"}
"""


def test_statistics_appear_in_json_output(tmp_path: Path) -> None:
    import json

    (tmp_path / "ds.yaml").write_text(DAEMONSET, encoding="utf-8")
    command = ("lint", "--isolated", "-f", "json", "--select", "latest-image-tag", "ds.yaml")
    report = json.loads(_dslint(*command, "--statistics", cwd=tmp_path).stdout)
    assert report["statistics"] == [{"code": "DS201", "name": "latest-image-tag", "count": 2}]
    assert "statistics" not in json.loads(_dslint(*command, cwd=tmp_path).stdout)
