"""Telling a Helm template from a manifest without rendering it.

A file under a `templates/` folder whose text holds `{{` is a Helm template: it is not YAML until
Helm renders it (`{{ .Values.x }}` alone on a line is a syntax error, and quoted actions give
false findings). Met alone, in a folder walk or named by pre-commit, it is left to its chart:
`dslint lint CHART_DIR` renders it and places the findings on its lines.

Likewise a file a kustomization names as a patch is a partial object: linted alone, the rules
that report something missing (a selector, an image, resources) are left to the object it
patches, and every other rule runs.
"""

from __future__ import annotations

import functools
import os

from dslint.render.kustomization import kustomization_file, patch_paths


def is_helm_template(path: str, text: str) -> bool:
    parts = os.path.normpath(path).replace(os.sep, "/").split("/")
    return "templates" in parts[:-1] and "{{" in text


# Rules that report something absent: a patch is a partial object and leaves those to the base.
PATCH_SKIPPED_RULES = frozenset(
    {
        "schema-violation",
        "selector-does-not-match-labels",
        "undeclared-volume-mount",
        "undeclared-probe-port",
    }
)
_PARENTS_SEARCHED = 3  # a patch sits beside its kustomization or a few folders below it


def skipped_on_patches(rule_name: str) -> bool:
    return rule_name.startswith("missing-") or rule_name in PATCH_SKIPPED_RULES


def is_kustomize_patch(path: str) -> bool:
    """Whether a kustomization in the file's folder (or a few above) names it as a patch."""
    if path.startswith("<") or path == "-":
        return False
    absolute = os.path.abspath(path)
    folder = os.path.dirname(absolute)
    for _ in range(_PARENTS_SEARCHED + 1):
        if absolute in _patches_named_in(folder):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return False


@functools.lru_cache(maxsize=1024)
def _patches_named_in(folder: str) -> frozenset[str]:
    kustomization = kustomization_file(folder)
    if kustomization is None:
        return frozenset()
    return frozenset(os.path.abspath(path) for path in patch_paths(kustomization))
