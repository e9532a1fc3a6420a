"""The pre-commit hook: its manifest, and the hook installed and run by the real pre-commit.

The end-to-end test installs this repository into a fresh virtualenv with pip (as pre-commit does
for users), so it needs a package index; it is skipped when pre-commit or git is missing.
`pre-commit try-repo` takes the repository's HEAD, or, when tracked files have uncommitted
changes, a temporary commit of them (untracked files are left out).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"

needs_pre_commit = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None,
    reason="pre-commit or git is not installed",
)

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: {image}
"""
GOOD = DAEMONSET.format(image="registry.example.com/agent:1.4.2")
BAD = DAEMONSET.format(image="registry.example.com/agent:latest")
# Only the rule under test runs, so that rules added later do not change what "good" means here.
CONFIG = textwrap.dedent(
    """\
    select: [latest-image-tag]
    fail-on: warning
    exclude:
      - vendor/
    """
)


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return env


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=_environment(home),
        capture_output=True,
        text=True,
        timeout=600,
    )


def _start_pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=_environment(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=dslint", "-c", "user.email=dslint@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_manifest_declares_the_dslint_hook() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "dslint"]
    assert hook["entry"] == "dslint lint"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"yaml", "json"}
    assert hook.get("pass_filenames", True) is True
    assert hook.get("require_serial", False) is False


@needs_pre_commit
def test_pre_commit_validates_the_manifest(tmp_path: Path) -> None:
    result = _pre_commit("validate-manifest", str(HOOKS), cwd=ROOT, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_config_exclude_applies_to_files_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / ".dslint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    command = [sys.executable, "-m", "dslint", "lint", "--format", "concise"]
    excluded = subprocess.run(
        [*command, "vendor/bad.yaml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (excluded.returncode, excluded.stdout) == (0, "")
    linted = subprocess.run([*command, "bad.yaml"], cwd=tmp_path, capture_output=True, text=True)
    assert linted.returncode == 1
    assert "bad.yaml:14:18: warning:" in linted.stdout


@needs_pre_commit
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_try_repo_blocks_the_bad_daemonset_and_passes_the_good_one(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "deploy").mkdir(parents=True)
    (project / "vendor").mkdir()
    (project / ".dslint.yaml").write_text(CONFIG, encoding="utf-8")
    (project / "deploy" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (project / "deploy" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (project / "vendor" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (project / "notes.txt").write_text("not a manifest\n", encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", ".", cwd=project)
    _git("commit", "-q", "-m", "manifests", cwd=project)
    # try-repo installs the hook into a throw-away store each time; both runs go at once.
    passing = _start_pre_commit(
        "try-repo", str(ROOT), "dslint", "--verbose",
        "--files", "deploy/good.yaml", "vendor/bad.yaml", "notes.txt",
        cwd=project, home=tmp_path / "home-1",
    )  # fmt: skip
    failing = _start_pre_commit(
        "try-repo", str(ROOT), "dslint",
        "--files", "deploy/good.yaml", "deploy/bad.yaml",
        cwd=project, home=tmp_path / "home-2",
    )  # fmt: skip
    passed, _ = passing.communicate(timeout=600)
    failed, _ = failing.communicate(timeout=600)

    assert passing.returncode == 0, passed
    assert "dslint" in passed and "Passed" in passed
    assert failing.returncode == 1, failed
    assert "Failed" in failed
    assert "deploy/bad.yaml:14:18: warning DS201 [latest-image-tag]" in failed
    assert "deploy/good.yaml:" not in failed
