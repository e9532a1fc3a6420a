"""The autofix command line: --fix (safe fixes), --unsafe-fixes, --diff, --show-fixes, SARIF."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.rules.pod_template import HEADER
from tests.test_sarif import assert_valid

# Two safe fixes (the kind and the pull policy) and, with the local rule below, one unsafe one.
MANIFEST = (
    HEADER.replace("kind: DaemonSet", "kind: Daemonset")
    + "      containers:\n"
    + "        - name: agent\n"
    + "          image: agent:1.0\n"
    + "          imagePullPolicy: always\n"
)
SAFE_FIXED = MANIFEST.replace("kind: Daemonset", "kind: DaemonSet").replace("always", "Always")

# A rule whose fix changes what the object does: it adds a label.
UNSAFE_RULE = '''\
"""The DaemonSet has no `tier` label.

## Why is this bad?
Dashboards group by tier.
"""

from dslint.api import Edit, Finding

CODE = "XX901"
NAME = "missing-tier-label"
LEVEL = "warning"
FIX = "unsafe"


def check(manifest, options):
    if "tier" not in manifest.mapping(("metadata", "labels")):
        path = ("metadata", "labels", "tier")
        yield Finding(("metadata",), "no tier label", fix=(Edit(path, "node"),))
'''
UNSAFE_FIXED = SAFE_FIXED.replace("  name: agent\n", "  name: agent\n  labels:\n    tier: node\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "ds.yaml").write_text(MANIFEST)
    (tmp_path / "local-rules").mkdir()
    (tmp_path / "local-rules" / "tier.py").write_text(UNSAFE_RULE)
    return tmp_path


DSLINT = [sys.executable, "-m", "dslint", "lint"]


def dslint(folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--no-color", "--rules-dir", "local-rules", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_fix_applies_safe_fixes_only(project: Path) -> None:
    result = dslint(project, "--fix", "ds.yaml")
    assert (project / "ds.yaml").read_text() == SAFE_FIXED
    assert "missing-tier-label" in result.stdout and "2 fixed" in result.stdout


def test_unsafe_fixes_adds_the_fixes_that_change_behaviour(project: Path) -> None:
    dslint(project, "--fix", "--unsafe-fixes", "ds.yaml")
    assert (project / "ds.yaml").read_text() == UNSAFE_FIXED


def test_unsafe_fixes_and_show_fixes_need_fix_or_diff(project: Path) -> None:
    for option in ("--unsafe-fixes", "--show-fixes"):
        result = dslint(project, option, "ds.yaml")
        assert result.returncode == 2 and "go with --fix or --diff" in result.stderr


def test_diff_prints_a_patch_writes_nothing_and_exits_1(project: Path) -> None:
    result = dslint(project, "--diff", "ds.yaml")
    assert (project / "ds.yaml").read_text() == MANIFEST
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/ds.yaml\n+++ b/ds.yaml\n")
    assert "-kind: Daemonset\n+kind: DaemonSet\n" in result.stdout
    assert "would fix 2 findings in 1 file" in result.stderr


def test_diff_exits_0_when_there_is_nothing_to_fix(project: Path) -> None:
    (project / "ds.yaml").write_text(SAFE_FIXED)
    result = dslint(project, "--diff", "ds.yaml")
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_diff_applied_with_patch_gives_the_bytes_of_fix(project: Path, tmp_path: Path) -> None:
    raw = MANIFEST.replace("\n", "\r\n").encode() + b"# caf\xe9 without a final newline"
    (project / "ds.yaml").write_bytes(raw)
    diff = subprocess.run(
        [*DSLINT, "--diff", "--unsafe-fixes", "--rules-dir", "local-rules", "ds.yaml"],
        capture_output=True,
        cwd=project,
        timeout=120,
    ).stdout
    subprocess.run(["patch", "-p1", "-s"], input=diff, cwd=project, check=True, timeout=60)
    patched = (project / "ds.yaml").read_bytes()
    (project / "ds.yaml").write_bytes(raw)
    dslint(project, "--fix", "--unsafe-fixes", "ds.yaml")
    assert patched == (project / "ds.yaml").read_bytes() != raw


def test_show_fixes_lists_each_finding_fixed(project: Path) -> None:
    result = dslint(project, "--fix", "--show-fixes", "ds.yaml")
    fixed = [line for line in result.stdout.splitlines() if " fixed: " in line]
    assert [line.split(" ", 2)[:2] for line in fixed] == [
        ["ds.yaml:2:7:", "DS103"],
        ["ds.yaml:15:28:", "DS114"],
    ]


def test_fix_on_standard_input_with_unsafe_fixes_reports_on_standard_error(
    project: Path,
) -> None:
    result = dslint(project, "--fix", "--unsafe-fixes", "-", stdin=MANIFEST)
    assert result.stdout == UNSAFE_FIXED and "3 fixed" in result.stderr
    assert (project / "ds.yaml").read_text() == MANIFEST


def test_diff_on_standard_input_names_the_buffer(project: Path) -> None:
    result = dslint(project, "--diff", "--stdin-filename", "ds.yaml", "-", stdin=MANIFEST)
    assert result.returncode == 1 and result.stdout.startswith("--- a/ds.yaml\n")


def _apply_replacements(text: str, replacements: list[dict[str, Any]]) -> str:
    lines = text.splitlines(keepends=True)
    starts = [sum(len(line) for line in lines[:i]) for i in range(len(lines) + 1)]

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    for change in sorted(
        replacements,
        key=lambda c: -offset(c["deletedRegion"]["startLine"], c["deletedRegion"]["startColumn"]),
    ):
        region = change["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        text = text[:start] + change.get("insertedContent", {}).get("text", "") + text[end:]
    return text


def test_sarif_results_carry_their_fixes_in_the_original_files_coordinates(
    project: Path,
) -> None:
    result = dslint(project, "-f", "sarif", "ds.yaml")
    log = json.loads(result.stdout)
    assert_valid(log)
    fixes = {r["ruleId"]: r["fixes"] for r in log["runs"][0]["results"] if "fixes" in r}
    assert set(fixes) == {"DS103", "DS114", "XX901"}
    assert fixes["DS103"][0]["description"]["text"].startswith("safe fix")
    assert fixes["XX901"][0]["description"]["text"].startswith("unsafe fix")
    changes = [
        change
        for fix in fixes.values()
        for artifact in fix[0]["artifactChanges"]
        for change in artifact["replacements"]
    ]
    assert {fix[0]["artifactChanges"][0]["artifactLocation"]["uri"] for fix in fixes.values()} == {
        "ds.yaml"
    }
    assert _apply_replacements(MANIFEST, changes) == UNSAFE_FIXED
