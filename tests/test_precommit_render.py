"""The `dslint-render` pre-commit hook on a chart repository, run by the real pre-commit.

Installs this repository's HEAD (with the Helm engine as an additional dependency) into a fresh
hook environment, so it needs a package index; skipped without pre-commit, git or kubectl.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.test_precommit import HOOKS, ROOT, _git, _pre_commit, needs_pre_commit


def test_manifest_declares_the_render_hook() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "dslint-render"]
    assert hook["entry"] == "dslint lint"
    assert hook["pass_filenames"] is False  # the charts and layouts are given as args


@needs_pre_commit
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
@pytest.mark.skipif(
    not (shutil.which("kubectl") or shutil.which("kustomize")), reason="no kubectl or kustomize"
)
def test_render_hook_lints_a_chart_and_a_layout(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "examples" / "helm" / "log-agent", project / "charts" / "log-agent")
    shutil.copytree(ROOT / "examples" / "kustomize", project / "deploy")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    (project / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(
            f"""\
            repos:
              - repo: {ROOT}
                rev: {head}
                hooks:
                  - id: dslint
                  - id: dslint-render
                    args: [charts/log-agent, deploy/overlays/prod, --fail-on, warning]
                    additional_dependencies: ["helm-python-sdk==0.2.2"]
            """
        )
    )
    _git("init", "-q", cwd=project)
    _git("add", ".", cwd=project)
    _git("commit", "-q", "-m", "chart and layout", cwd=project)
    result = _pre_commit("run", "--all-files", cwd=project, home=tmp_path / "home")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # The plain hook passes: the chart's templates are left to the chart, the patch is a patch.
    assert "dslint (charts and layouts)" in output
    assert "invalid-yaml" not in output
    assert "charts/log-agent/values.yaml:9:3: warning DS300 [privileged-container]" in output
    assert "deploy/overlays/prod/host-pid.yaml:8:16: warning DS321 [host-pid]" in output
