"""Kustomize layouts: built with kubectl or kustomize, findings placed in resources and patches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dslint.config import Config
from dslint.engine import Linter
from dslint.render import lint_paths as render_paths
from dslint.render import target_kind
from dslint.render.templates import is_kustomize_patch
from tests.test_cli import dslint

needs_kustomize = pytest.mark.skipif(
    not (shutil.which("kubectl") or shutil.which("kustomize")),
    reason="neither kubectl nor kustomize is on PATH",
)

BASE_DS = """\
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
      priorityClassName: system-node-critical
      containers:
        - name: agent
          image: registry.example/agent:1.0
          resources:
            requests: {cpu: 10m, memory: 32Mi}
            limits: {memory: 64Mi}
          securityContext:
            readOnlyRootFilesystem: true
"""
SMP_PATCH = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostPID: true
      containers:
        - name: agent
          securityContext:
            privileged: true
"""
JSON_PATCH = """\
- op: add
  path: /spec/template/spec/hostNetwork
  value: true
"""


def write_layout(root: Path) -> Path:
    base = root / "base"
    overlay = root / "overlay"
    base.mkdir()
    overlay.mkdir()
    (base / "ds.yaml").write_text(BASE_DS)
    (base / "kustomization.yaml").write_text("resources:\n  - ds.yaml\n")
    (overlay / "privileged.yaml").write_text(SMP_PATCH)
    (overlay / "host-network.yaml").write_text(JSON_PATCH)
    (overlay / "kustomization.yaml").write_text(
        "resources:\n  - ../base\n"
        "namespace: agents\n"
        "patches:\n"
        "  - path: privileged.yaml\n"
        "  - path: host-network.yaml\n"
        "    target: {kind: DaemonSet, name: agent}\n"
    )
    return overlay


def findings(paths: list[Path], root: Path) -> list[str]:
    results = render_paths(Linter(Config()), [str(p) for p in paths])
    return sorted(
        f"{Path(d.file).resolve().relative_to(root.resolve())}:{d.line}:{d.column} {d.name}"
        for r in results
        for d in r.reported
    )


def test_a_folder_with_a_kustomization_is_a_target(tmp_path: Path) -> None:
    overlay = write_layout(tmp_path)
    assert target_kind(str(overlay)) == "kustomize"
    assert target_kind(str(tmp_path)) is None


@needs_kustomize
def test_findings_land_in_the_patch_that_set_the_value(tmp_path: Path) -> None:
    overlay = write_layout(tmp_path)
    found = findings([overlay], tmp_path)
    assert "overlay/privileged.yaml:12:25 privileged-container" in found
    assert "overlay/privileged.yaml:8:16 host-pid" in found
    assert "overlay/host-network.yaml:3:10 host-network" in found


@needs_kustomize
def test_findings_on_unpatched_values_land_in_the_resource(tmp_path: Path) -> None:
    overlay = write_layout(tmp_path)
    (tmp_path / "base/ds.yaml").write_text(
        BASE_DS.replace("image: registry.example/agent:1.0", "image: registry.example/agent")
    )
    found = findings([overlay], tmp_path)
    assert "base/ds.yaml:15:18 latest-image-tag" in found


@needs_kustomize
def test_a_layout_kustomize_refuses_is_a_finding_on_its_kustomization(tmp_path: Path) -> None:
    overlay = write_layout(tmp_path)
    (overlay / "kustomization.yaml").write_text("resources:\n  - missing.yaml\n")
    results = list(render_paths(Linter(Config()), [str(overlay)]))
    failures = [d for r in results for d in r.reported]
    assert [d.name for d in failures] == ["render-failed"]
    assert failures[0].file == str(overlay / "kustomization.yaml")
    assert "missing.yaml" in failures[0].message


def test_patch_files_in_a_plain_walk_are_linted_as_patches(tmp_path: Path) -> None:
    overlay = write_layout(tmp_path)
    assert is_kustomize_patch(str(overlay / "privileged.yaml"))
    assert not is_kustomize_patch(str(tmp_path / "base/ds.yaml"))
    found = findings([overlay / "privileged.yaml", overlay / "host-network.yaml"], tmp_path)
    # A partial object: nothing about its missing selector, image or resources ...
    assert not [f for f in found if "missing-" in f or "schema" in f]
    # ... and the rules about what it does set still run.
    assert "overlay/privileged.yaml:12:25 privileged-container" in found


def test_without_kubectl_or_kustomize_the_message_says_what_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlay = write_layout(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    results = list(render_paths(Linter(Config()), [str(overlay)]))
    assert [r.error for r in results] == [
        f"{overlay}: building a Kustomize layout needs `kubectl` (kubectl kustomize) or "
        "`kustomize` on PATH"
    ]


@needs_kustomize
def test_cli_lints_a_layout_and_shows_the_built_line(tmp_path: Path) -> None:
    overlay = write_layout(tmp_path)
    result = dslint("lint", str(overlay), "--no-color")
    assert result.returncode == 0, result.stderr
    assert "privileged.yaml:12:25: " in result.stdout
    assert "= rendered " in result.stdout and "(built): DaemonSet/agent" in result.stdout
