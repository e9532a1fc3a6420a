"""Reading a kustomization: which file it is in a folder, and the patch files it names.

Kept apart from the build so that a plain folder walk can tell a patch from a manifest without
loading the renderer.
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from dslint.source import SourceError, read_path

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
PATCH_KEYS = ("patchesStrategicMerge", "patchesJson6902", "patches")


def kustomization_file(folder: str) -> str | None:
    for name in KUSTOMIZATION_FILES:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def patch_paths(kustomization: str) -> list[str]:
    """The patch files a kustomization names (any of its patch fields), as paths."""
    return [path for path, _target in patch_entries(kustomization)]


def patch_entries(kustomization: str) -> list[tuple[str, dict[str, Any] | None]]:
    """The patch files a kustomization names, each with the target it names (if any)."""
    try:
        data = yaml.safe_load(read_path(kustomization).text)
    except (SourceError, yaml.YAMLError):
        return []
    if not isinstance(data, dict):
        return []
    base = os.path.dirname(kustomization)
    found: list[tuple[str, dict[str, Any] | None]] = []
    for key in PATCH_KEYS:
        entries = data.get(key)
        for entry in entries if isinstance(entries, list) else []:
            path = entry.get("path") if isinstance(entry, dict) else entry
            target = entry.get("target") if isinstance(entry, dict) else None
            if isinstance(path, str) and "\n" not in path:
                found.append(
                    (
                        os.path.normpath(os.path.join(base, path)),
                        target if isinstance(target, dict) else None,
                    )
                )
    return found
