"""A repository full of other YAML and JSON: only its manifests have findings.

CI files with `!reference`, a docs config with `!!python/name:`, CloudFormation with `!Sub`, Ansible
with `!vault`, a JSONC tsconfig, an OpenAPI file with duplicate keys and a 7 MB package-lock.json
pass quietly; venv/, node_modules/ and what git ignores are not walked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_precommit import _git, _pre_commit, needs_pre_commit

ROOT = Path(__file__).resolve().parents[1]
DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "registry.example.com/agent:latest"}]
"""
BROKEN_MANIFEST = "apiVersion: apps/v1\nkind: DaemonSet\nspec: [\n"
OTHER_FILES = {
    ".gitlab-ci.yml": (
        ".setup:\n  script: [echo setup]\n"
        "test:\n  script:\n    - !reference [.setup, script]\n    - make test\n"
    ),
    "mkdocs.yml": (
        "site_name: docs\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    ),
    "cloud/stack.yaml": (
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n"
        "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${AWS::StackName}-b'\n"
        "      Tags: [{Key: arn, Value: !GetAtt Role.Arn}, {Key: r, Value: !Ref Role}]\n"
    ),
    "ansible/site.yml": (
        "- hosts: all\n  vars:\n    password: !vault |\n"
        "      $ANSIBLE_VAULT;1.1;AES256\n      6162636465\n  tasks: []\n"
    ),
    "web/tsconfig.json": (
        '{\n  // compiler options\n  "compilerOptions": {\n    "strict": true, /* yes */\n'
        '    "target": "es2022",\n  },\n}\n'
    ),
    "api/openapi.yaml": (
        "openapi: 3.0.0\ninfo: {title: api, version: '1'}\npaths:\n"
        "  /a: {get: {responses: {'200': {description: ok}}}}\n"
        "  /a: {put: {responses: {'200': {description: ok}}}}\n"
    ),
    "deploy/daemonset.yaml": DAEMONSET,
    ".gitignore": "ignored/\n",
    ".dslint.yaml": "select: [latest-image-tag]\n",
}
NOT_WALKED = {
    "venv/lib/chart/ds.yaml": BROKEN_MANIFEST,
    "env/pyvenv.cfg": "home = /usr/bin\n",
    "env/lib/ds.yaml": BROKEN_MANIFEST,
    "node_modules/pkg/ds.yaml": BROKEN_MANIFEST,
    "web/dist/ds.yaml": BROKEN_MANIFEST,
    "ignored/ds.yaml": BROKEN_MANIFEST,
    "drafts/ds.yaml": BROKEN_MANIFEST,  # listed in .git/info/exclude
}


def _package_lock() -> str:
    packages = {
        f"node_modules/pkg-{i}": {"version": "1.0.0", "resolved": "x" * 100, "integrity": "y" * 80}
        for i in range(30_000)
    }
    return json.dumps({"name": "web", "lockfileVersion": 3, "packages": packages}, indent=2)


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for name, content in {**OTHER_FILES, **NOT_WALKED}.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(content, encoding="utf-8")
    (repo / "web" / "package-lock.json").write_text(_package_lock(), encoding="utf-8")
    assert (repo / "web" / "package-lock.json").stat().st_size > 7_000_000
    _git("init", "-q", cwd=repo)
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("drafts/\n", encoding="utf-8")
    return repo


def _lint(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "-f", "json", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_lint_dot_reports_only_the_manifests(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    done = _lint(repo, ".")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {(f["file"], f["name"]) for f in report["findings"]} == {
        ("deploy/daemonset.yaml", "latest-image-tag")
    }
    assert report["errors"] == []


@needs_git
def test_every_other_file_named_explicitly_passes_quietly(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    others = [
        n for n in OTHER_FILES if n.endswith((".yml", ".yaml", ".json")) and "deploy" not in n
    ]
    done = _lint(repo, *others, "web/package-lock.json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["findings"] == []
    assert report["summary"]["files"] == len(others) + 1
    assert report["summary"]["skipped_objects"] >= len(others)


@needs_git
def test_no_ignore_walks_every_folder(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    report = json.loads(_lint(repo, "--no-ignore", ".").stdout)
    broken = {f["file"] for f in report["findings"] if f["name"] == "invalid-yaml"}
    assert broken == set(NOT_WALKED) - {"env/pyvenv.cfg"}


def test_a_walk_outside_git_skips_the_default_folders(tmp_path: Path) -> None:
    for name, content in NOT_WALKED.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    report = json.loads(_lint(tmp_path, "--isolated", ".").stdout)
    # Without git, ignored/ and drafts/ are ordinary folders; the default ones are skipped.
    assert {f["file"] for f in report["findings"]} == {"ignored/ds.yaml", "drafts/ds.yaml"}


def test_extend_exclude_in_the_config(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ds.yaml").write_text(BROKEN_MANIFEST, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BROKEN_MANIFEST, encoding="utf-8")
    (tmp_path / ".dslint.yaml").write_text("extend-exclude: [a/]\n", encoding="utf-8")
    report = json.loads(_lint(tmp_path, ".").stdout)
    assert {f["file"] for f in report["findings"]} == {"b.yaml"}


def test_stdin_filename_without_dash_reads_standard_input(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", "-f", "concise",
         "--select", "latest-image-tag", "--stdin-filename", "deploy/ds.yaml"],
        cwd=tmp_path,
        input=DAEMONSET,
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert done.stdout.startswith("deploy/ds.yaml:9:41: warning:"), done.stdout + done.stderr


@needs_pre_commit
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_the_pre_commit_hook_passes_on_the_repository(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    tracked = [*OTHER_FILES, "web/package-lock.json"]
    _git("add", *tracked, cwd=repo)
    _git("commit", "-q", "-m", "repository", cwd=repo)
    done = _pre_commit(
        "try-repo",
        str(ROOT),
        "dslint",
        "--verbose",
        "--all-files",
        cwd=repo,
        home=tmp_path / "home",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
    assert "deploy/daemonset.yaml:9:41: warning DS201 [latest-image-tag]" in done.stdout
    for name in tracked:
        if name != "deploy/daemonset.yaml":
            assert f"{name}:" not in done.stdout
