"""Every chart and Kustomize layout of the shared corpus lints offline, findings in its own files.

Each finding must land in a file of the chart (or layout) at a line that holds a key of the path
it is about: the key itself, or the deepest key of that path the template or patch writes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dslint.config import Config
from dslint.engine import Diagnostic, Linter
from dslint.render import RenderOptions
from dslint.render import lint_paths as render_paths
from dslint.render.origin import parse_pointer
from tests.helpers import SHARED

HELM_CORPUS = SHARED / "corpus" / "helm-charts"
KUSTOMIZE_CORPUS = SHARED / "corpus" / "kustomize"
# Documented in the corpus's PROVENANCE.md: these need values or files to render.
RENDER_FAILS = {"open-telemetry__opentelemetry-helm-charts__opentelemetry-collector"}


def _charts() -> list[Path]:
    if not HELM_CORPUS.is_dir():
        return []
    return sorted(p for p in HELM_CORPUS.iterdir() if (p / "Chart.yaml").is_file())


def _layouts() -> list[Path]:
    if not KUSTOMIZE_CORPUS.is_dir():
        return []
    found = []
    for root, _dirs, files in os.walk(KUSTOMIZE_CORPUS):
        if "kustomization.yaml" in files:
            found.append(Path(root))
    return sorted(found)


def _holds_a_key_of_its_path(diagnostic: Diagnostic, line: str) -> bool:
    steps = [s for s in parse_pointer(diagnostic.pointer, None) if isinstance(s, str)]
    if not steps:
        return "kind:" in line or line.lstrip().startswith("-")
    return any(f"{step}:" in line or f'"{step}":' in line for step in steps) or (
        line.lstrip().startswith("- ")
    )


def _check_placed(root: Path, diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        file = Path(d.file).resolve()
        assert file.is_relative_to(root.resolve()), (d.file, root)
        if d.name == "render-failed":
            continue
        lines = file.read_text().splitlines()
        assert 0 < d.line <= len(lines), d
        assert _holds_a_key_of_its_path(d, lines[d.line - 1]), (d.file, d.line, d.pointer)


@pytest.mark.skipif(not _charts(), reason="the shared Helm chart corpus is absent")
@pytest.mark.parametrize("chart", _charts(), ids=lambda p: p.name)
def test_corpus_chart_lints_with_default_values(chart: Path) -> None:
    pytest.importorskip("helm_python", reason="the Helm engine (dslint[helm]) is not installed")
    config = Config()
    # nvidia-device-plugin refuses the `default` namespace by design.
    config.render = RenderOptions(namespace="monitoring")
    results = list(render_paths(Linter(config), [str(chart)]))
    assert not [r.error for r in results if r.error]
    diagnostics = [d for r in results for d in r.reported]
    failed = [d for d in diagnostics if d.name == "render-failed"]
    if chart.name in RENDER_FAILS:
        assert failed and "must be set" in failed[0].message
        return
    assert not failed, failed[0].message
    assert sum(r.daemonsets for r in results) >= 1
    assert diagnostics
    _check_placed(chart, diagnostics)


@pytest.mark.skipif(not _layouts(), reason="the shared Kustomize corpus is absent")
@pytest.mark.parametrize("layout", _layouts(), ids=lambda p: str(p.relative_to(KUSTOMIZE_CORPUS)))
def test_corpus_layout_builds_and_maps_to_its_files(layout: Path) -> None:
    if not (shutil.which("kubectl") or shutil.which("kustomize")):
        pytest.skip("neither kubectl nor kustomize is on PATH")
    results = list(render_paths(Linter(Config()), [str(layout)]))
    assert not [r.error for r in results if r.error]
    diagnostics = [d for r in results for d in r.reported]
    top = KUSTOMIZE_CORPUS / layout.relative_to(KUSTOMIZE_CORPUS).parts[0]
    failed = [d for d in diagnostics if d.name == "render-failed"]
    if failed:
        # PROVENANCE.md notes 1 and 2: the cadvisor and gcs-fuse overlays fail as committed.
        assert top.name.startswith(("google__cadvisor", "GoogleCloudPlatform__gcs-fuse"))
        assert "overlays" in layout.parts
        return
    _check_placed(top, diagnostics)
