"""Renderers: charts and layouts turned into documents, with a map back to where values came from.

A path named on the command line that is a Helm chart (a folder with `Chart.yaml`, or a `.tgz`)
or a Kustomize layout (a folder with `kustomization.yaml`) is rendered, and what it renders is
linted like files; each finding is moved to the file and line that produced the value (see
docs/helm-kustomize.md). Nothing after this package knows a chart was involved. The Helm engine
and kustomize are imported or started only when a chart or a layout is linted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dslint.render.kustomization import KUSTOMIZATION_FILES
from dslint.render.options import RenderOptions, for_chart

if TYPE_CHECKING:  # the engine imports this package; these are only for the annotations
    from dslint.engine import Linter
    from dslint.results import FileResult


def target_kind(path: str) -> str | None:
    """ "helm" or "kustomize" for a path to render, None for files and plain folders."""
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, "Chart.yaml")):
            return "helm"
        if any(os.path.isfile(os.path.join(path, name)) for name in KUSTOMIZATION_FILES):
            return "kustomize"
        return None
    if path.endswith((".tgz", ".tar.gz")) and os.path.isfile(path):
        return "helm"
    return None


def split_targets(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """(charts and layouts to render, everything else)."""
    targets: list[str] = []
    others: list[str] = []
    for path in paths:
        (targets if path != "-" and target_kind(path) else others).append(path)
    return targets, others


def lint_paths(linter: Linter, paths: Iterable[str], jobs: int = 1) -> Iterator[FileResult]:
    """Like `Linter.lint_paths`, with the charts and layouts among the paths rendered first."""
    targets, others = split_targets(paths)
    for target in targets:
        for result in lint_target(linter, target):
            # Its objects are placed in the rendered text, not in the files shown: the checks
            # over the whole run leave them out rather than point at the wrong line.
            result.summaries.clear()
            yield result
    yield from linter.lint_paths(others, jobs=jobs)


def lint_target(linter: Linter, path: str) -> Iterator[FileResult]:
    """Render one chart or layout and lint it."""
    if target_kind(path) == "kustomize":
        from dslint.render.kustomize import lint_layout

        yield from lint_layout(linter, path)
        return
    from dslint.render.helm import lint_chart

    config = linter.config
    yield from lint_chart(linter, path, for_chart(config.charts, config.render, path))


__all__ = ["RenderOptions", "lint_paths", "lint_target", "split_targets", "target_kind"]
