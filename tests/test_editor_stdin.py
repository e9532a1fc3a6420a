"""Editors lint the unsaved buffer on standard input, named with `--stdin-filename`.

The buffer is configured as the file it names: the config is found walking up from that file's
folder (not from wherever the editor was started), and the config's `exclude` globs apply to it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUFFER = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: busybox:latest
"""


def _lint_stdin(filename: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "-", "--stdin-filename", filename,
         "--format", "concise"],
        input=BUFFER,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )  # fmt: skip


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "deploy").mkdir(parents=True)
    (project / "charts").mkdir()
    (project / ".dslint.yaml").write_text(
        "select: [latest-image-tag]\nfail-on: warning\nexclude: ['charts/']\n", encoding="utf-8"
    )
    return project


def test_config_is_found_from_the_buffer_path_not_the_working_directory(tmp_path: Path) -> None:
    project = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _lint_stdin(str(project / "deploy" / "agent.yaml"), cwd=elsewhere)
    # fail-on: warning comes from the project's config, so the warning fails the run.
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, "only the selected rule runs"
    assert lines[0].endswith("[DS201 latest-image-tag]")
    assert ":14:18: warning:" in lines[0]


def test_excluded_buffer_path_gives_no_findings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    from_root = _lint_stdin("charts/agent.yaml", cwd=project)
    assert (from_root.returncode, from_root.stdout) == (0, "")
    from_elsewhere = _lint_stdin(str(project / "charts" / "agent.yaml"), cwd=tmp_path)
    assert (from_elsewhere.returncode, from_elsewhere.stdout) == (0, "")


def test_relative_buffer_path_in_the_project(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _lint_stdin("deploy/agent.yaml", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("deploy/agent.yaml:14:18: warning:")
