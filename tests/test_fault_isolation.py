"""Fault isolation: a failing rule or a failing write costs nothing else.

A rule that raises becomes one internal-error finding for that rule and object, and every other
rule and object keeps its findings. A report written with `--output` is whole or absent, never
partial. A short fuzz run checks the guarantees on mutated real-world manifests.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from dslint import atomic
from dslint.atomic import WriteError, write_output
from dslint.config import Config
from dslint.engine import Linter
from fuzz.harness import Mutator, check_input, load_seeds, make_linter
from tests.helpers import rule_module

ROOT = Path(__file__).resolve().parents[1]
REAL_WORLD = ROOT.parent / "shared" / "corpus" / "real-world"

RAISING_RULE = rule_module(
    'Every container is checked by a rule that fails on the one named "boom"',
    "XT901",
    "raises-on-boom",
    """
    from dslint.api import Finding
    from dslint.k8s import containers


    def check(manifest, options):
        for container in containers(manifest):
            if container.data.get("name") == "boom":
                raise ZeroDivisionError("rule bug")
            yield Finding((*container.path, "name"), "checked " + container.describe())
    """,
)


def daemonset(name: str, container: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {name}
spec:
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
        - name: {container}
          image: {name}:latest
"""


STREAM = daemonset("first", "ok") + "---\n" + daemonset("second", "boom") + "---\n"
STREAM += daemonset("third", "ok")


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "raises_on_boom.py").write_text(RAISING_RULE)
    return folder


def dslint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
    )


def test_raising_rule_is_one_internal_error_and_nothing_else_is_lost(
    tmp_path: Path, rules_dir: Path
) -> None:
    (tmp_path / "stream.yaml").write_text(STREAM)
    select = "XT901,latest-image-tag,internal-error"
    result = dslint(
        "-f",
        "json",
        "--rules-dir",
        str(rules_dir),
        "--select",
        select,
        "stream.yaml",
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    findings = [(f["line"], f["name"], f["object"]) for f in json.loads(result.stdout)["findings"]]
    assert findings == [
        (13, "raises-on-boom", "first"),
        (14, "latest-image-tag", "first"),
        (17, "internal-error", "second"),  # at the second object's `kind`
        (29, "latest-image-tag", "second"),
        (43, "raises-on-boom", "third"),
        (44, "latest-image-tag", "third"),
    ]
    message = json.loads(result.stdout)["findings"][2]["message"]
    assert "XT901 raises-on-boom" in message and "ZeroDivisionError: rule bug" in message


def test_raising_rule_in_the_library(rules_dir: Path) -> None:
    config = Config(select=["XT901", "latest-image-tag"], rules_dirs=[str(rules_dir)])
    diagnostics = Linter(config).lint_text(STREAM).diagnostics
    assert [(d.line, d.name) for d in diagnostics] == [
        (13, "raises-on-boom"),
        (14, "latest-image-tag"),
        (17, "internal-error"),
        (29, "latest-image-tag"),
        (43, "raises-on-boom"),
        (44, "latest-image-tag"),
    ]


# --- atomic output ------------------------------------------------------------------------------


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report")
    write_output(str(target), b"new report")
    assert target.read_text() == "new report"
    assert os.listdir(tmp_path) == ["report.json"]


def test_atomic_write_failing_in_the_middle_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report")

    def fail(descriptor: int) -> None:  # after the text is written, before the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fail)
    with pytest.raises(WriteError, match=r"report\.json: not written: No space left"):
        write_output(str(target), b"new report " * 1000)
    assert target.read_text() == "old report"
    assert os.listdir(tmp_path) == ["report.json"]  # no temporary file left behind


def test_atomic_write_interrupted_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"

    def interrupt(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_output(str(target), b"report")
    assert os.listdir(tmp_path) == []


def test_output_option_writes_a_whole_report(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(daemonset("agent", "ok"))
    (tmp_path / "report.json").write_text("stale")
    result = dslint(
        "-f",
        "json",
        "-o",
        "report.json",
        "--select",
        "DS201",
        "--fail-on",
        "warning",
        "ds.yaml",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    report = json.loads((tmp_path / "report.json").read_text())
    assert [f["name"] for f in report["findings"]] == ["latest-image-tag"]
    assert sorted(os.listdir(tmp_path)) == ["ds.yaml", "report.json"]


def test_output_option_failing_leaves_no_partial_file(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(daemonset("agent", "ok"))
    result = dslint("-o", "missing-folder/report.txt", "ds.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "missing-folder/report.txt" in result.stderr and "Traceback" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["ds.yaml"]


def test_output_to_a_folder_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(daemonset("agent", "ok"))
    (tmp_path / "out").mkdir()
    result = dslint("-o", "out", "ds.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert os.listdir(tmp_path / "out") == []


# --- a short fuzz run ---------------------------------------------------------------------------


@pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="needs the shared real-world corpus")
def test_fuzz_short_run() -> None:
    """2,000 mutated manifests: nothing raises, no rule fails, every position exists."""
    linter = make_linter()
    mutator = Mutator(load_seeds([REAL_WORLD]), random.Random(2026))
    failures: dict[str, str] = {}
    for _ in range(2_000):
        data = mutator.next_input()
        for failure in check_input(linter, data):
            failures.setdefault(f"{failure.kind}: {failure.summary}", failure.detail[:2000])
    assert failures == {}
