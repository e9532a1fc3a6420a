"""`--fix`: only the fixed text changes, files are written atomically, nothing else is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dslint.api import Edit
from dslint.engine import Linter
from dslint.fix import Refused, apply_edits, fix_text

BROKEN = """\
# The agent. Comments and layout must survive the fix.
apiVersion: apps/v1
kind: Daemonset   # misspelled
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      activeDeadlineSeconds: 30
      containers:
          - name: agent
            image: "agent:1.0"
            imagePullPolicy: "always"
"""


def test_fix_text_changes_only_the_fixed_characters() -> None:
    result = Linter().lint_text(BROKEN, "ds.yaml")
    outcome = fix_text(BROKEN, result.diagnostics)
    fixed = outcome.text
    assert len(outcome.applied) == 3
    assert fixed == (
        BROKEN.replace("kind: Daemonset ", "kind: DaemonSet ")
        .replace("      activeDeadlineSeconds: 30\n", "")
        .replace('imagePullPolicy: "always"', 'imagePullPolicy: "Always"')
    )
    remaining = {d.name for d in Linter().lint_text(fixed, "ds.yaml").diagnostics}
    assert {"misspelled-kind", "active-deadline-forbidden", "invalid-image-pull-policy"}.isdisjoint(
        remaining
    )


def test_fixes_apply_per_document_of_a_stream() -> None:
    stream = "kind: ConfigMap\n---\n" + BROKEN + "---\nkind: Secret\n"
    result = Linter().lint_text(stream, "ds.yaml")
    outcome = fix_text(stream, result.diagnostics)
    fixed = outcome.text
    assert len(outcome.applied) == 3
    assert fixed.startswith("kind: ConfigMap\n---\n# The agent.")
    assert fixed.endswith("---\nkind: Secret\n")
    assert "kind: DaemonSet   # misspelled" in fixed


def test_edits_in_flow_collections_and_new_keys_touch_only_their_text() -> None:
    assert apply_edits("a: {b: 1, c: 2}\n", [Edit(("a", "c"), delete=True)]) == "a: {b: 1}\n"
    assert apply_edits("a:\n  b: 1\n", [Edit(("a", "c"), "x")]) == "a:\n  b: 1\n  c: x\n"


def test_an_edit_whose_path_is_gone_is_not_applied() -> None:
    with pytest.raises(Refused, match="does not exist"):
        apply_edits("a: 1\n", [Edit(("x", "y"), delete=True)])
    with pytest.raises(Refused, match="not a mapping"):
        apply_edits("a: 1\n", [Edit(("a", "y"), "z")])


def run_fix(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--fix", "--no-color", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_cli_fix_rewrites_the_file_and_reports_what_remains(tmp_path: Path) -> None:
    manifest = tmp_path / "ds.yaml"
    manifest.write_text(BROKEN)
    manifest.chmod(0o640)
    result = run_fix(tmp_path, "ds.yaml")
    assert "3 fixed" in result.stdout.splitlines()[-1]
    text = manifest.read_text()
    assert "kind: DaemonSet   # misspelled" in text and "activeDeadlineSeconds" not in text
    assert oct(manifest.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["ds.yaml"], "no temporary file is left"


def test_cli_without_fix_never_writes(tmp_path: Path) -> None:
    manifest = tmp_path / "ds.yaml"
    manifest.write_text(BROKEN)
    before = manifest.stat().st_mtime_ns
    subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "ds.yaml"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert manifest.read_text() == BROKEN and manifest.stat().st_mtime_ns == before


def test_cli_fix_on_standard_input_writes_the_fixed_document_to_standard_output(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--fix", "--no-color", "-"],
        input=BROKEN,
        text=True,
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    expected = Linter().lint_text(BROKEN, "<stdin>")
    assert result.stdout == fix_text(BROKEN, expected.diagnostics).text
    assert "3 fixed" in result.stderr.splitlines()[-1]
    assert list(tmp_path.iterdir()) == [], "nothing is written to disk"
