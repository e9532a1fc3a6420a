"""Kustomize layouts: build with `kustomize` or `kubectl kustomize`, lint, map findings back.

The layout is built through a temporary kustomization outside it that names the layout as its
only resource and asks for `buildMetadata: [originAnnotations, transformerAnnotations]`; nothing
is written inside the layout. The annotations tell, for every object, the resource file it came
from and the kustomizations whose patches changed it. They are removed before linting. A
finding is placed in the last patch file that writes its key (strategic-merge documents of the
same kind and name, list items matched by `name`; JSON6902 operations whose path leads to it),
else in the resource file, at the same key.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from typing import Any

import yaml

from dslint.document import Document, parse_document, split_documents
from dslint.engine import Linter
from dslint.render.kustomization import KUSTOMIZATION_FILES, kustomization_file, patch_entries
from dslint.render.origin import (
    Origin,
    RenderedText,
    RenderProblem,
    existing_part,
    lint_rendered,
    value_at,
)
from dslint.render.outline import KeyPath
from dslint.results import FileResult
from dslint.source import SourceError, read_path

ORIGIN = "config.kubernetes.io/origin"
TRANSFORMATIONS = "alpha.config.kubernetes.io/transformations"
BUILD_TIMEOUT_SECONDS = 120
INSTALL_HINT = (
    "building a Kustomize layout needs `kubectl` (kubectl kustomize) or `kustomize` on PATH"
)


def build_command() -> list[str] | None:
    kustomize = shutil.which("kustomize")
    if kustomize:
        return [kustomize, "build"]
    kubectl = shutil.which("kubectl")
    if kubectl:
        return [kubectl, "kustomize"]
    return None


def build(folder: str) -> tuple[str | None, str, str]:
    """(the built YAML with origin annotations, or None; kustomize's error message; the folder
    the origin paths are relative to)."""
    command = build_command()
    if command is None:
        return None, INSTALL_HINT, ""
    with tempfile.TemporaryDirectory(prefix="dslint-kustomize-") as wrapper:
        layout = os.path.relpath(os.path.abspath(folder), wrapper)
        # A component (`kind: Component`) is included as one, everything else as a resource.
        field = "components" if _is_component(folder) else "resources"
        with open(os.path.join(wrapper, "kustomization.yaml"), "w", encoding="utf-8") as handle:
            yaml.safe_dump(
                {
                    field: [layout],
                    "buildMetadata": ["originAnnotations", "transformerAnnotations"],
                },
                handle,
            )
        try:
            done = subprocess.run(
                [*command, wrapper],
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            return None, f"kustomize did not run: {error}", wrapper
        if done.returncode != 0:
            message = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
            return None, message.replace(wrapper + "/", "").replace(layout, folder), wrapper
        return done.stdout, "", wrapper


def _is_component(folder: str) -> bool:
    path = kustomization_file(folder)
    try:
        data = yaml.safe_load(read_path(path).text) if path else None
    except (SourceError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and data.get("kind") == "Component"


def lint_layout(linter: Linter, folder: str) -> list[FileResult]:
    kustomization = kustomization_file(folder) or os.path.join(folder, KUSTOMIZATION_FILES[0])
    output, error, wrapper = build(folder)
    if output is None:
        if error == INSTALL_HINT:
            return [FileResult(folder, error=f"{folder}: {INSTALL_HINT}")]
        problem = RenderProblem(
            Origin(kustomization, 1, 1, 1, 2), f"the layout could not be built: {error}"
        )
        return lint_rendered(linter, [], [problem])
    try:
        objects = [o for o in yaml.safe_load_all(output) if isinstance(o, dict)]
    except yaml.YAMLError as problem:
        message = f"kustomize printed YAML that cannot be read: {problem}"
        return lint_rendered(
            linter, [], [RenderProblem(Origin(kustomization, 1, 1, 1, 2), message)]
        )
    return lint_rendered(linter, _pieces(folder, wrapper, kustomization, objects))


def _pieces(
    folder: str, wrapper: str, kustomization: str, objects: list[dict[str, Any]]
) -> Iterator[RenderedText]:
    for obj in objects:
        annotations = obj.get("metadata", {}).get("annotations") or {}
        origin_text = annotations.pop(ORIGIN, None)
        transformations = annotations.pop(TRANSFORMATIONS, None)
        if not annotations and isinstance(obj.get("metadata"), dict):
            obj["metadata"].pop("annotations", None)
        resource = _origin_path(origin_text, wrapper) or kustomization
        patch_files = _patch_files(transformations, wrapper)
        image_setters = _image_setters(transformations, wrapper)
        text = yaml.safe_dump(obj, sort_keys=False)
        mapper = _Mapper(resource, patch_files, image_setters)
        name = f"{folder} (built): {obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
        yield RenderedText(name, text, resource, mapper.locate)


def _origin_path(origin_text: Any, wrapper: str) -> str | None:
    """The resource file an object came from, as a path relative to the working folder."""
    if not isinstance(origin_text, str):
        return None
    try:
        origin = yaml.safe_load(origin_text)
    except yaml.YAMLError:
        return None
    path = origin.get("path") if isinstance(origin, dict) else None
    if not isinstance(path, str):
        return None
    return _from_wrapper(path, wrapper)


def _from_wrapper(path: str, wrapper: str) -> str:
    """A path kustomize gave relative to the temporary kustomization, as the user would name it."""
    absolute = os.path.normpath(os.path.join(wrapper, path))
    relative = os.path.relpath(absolute)
    return relative if not relative.startswith("..") else absolute


def _image_setters(transformations: Any, wrapper: str) -> list[str]:
    """The kustomizations whose `images:` changed an object, the last applied first."""
    found: list[str] = []
    for step in _steps(transformations):
        kind = str((step.get("configuredBy") or {}).get("kind", ""))
        where = step.get("configuredIn")
        if kind == "ImageTagTransformer" and isinstance(where, str):
            found.insert(0, _from_wrapper(where, wrapper))
    return found


def _steps(transformations: Any) -> list[dict[str, Any]]:
    if not isinstance(transformations, str):
        return []
    try:
        steps = yaml.safe_load(transformations)
    except yaml.YAMLError:
        return []
    return [step for step in steps if isinstance(step, dict)] if isinstance(steps, list) else []


def _patch_files(transformations: Any, wrapper: str) -> list[tuple[str, dict[str, Any] | None]]:
    """Patch files of the kustomizations that patched an object, in the order they applied."""
    files: list[tuple[str, dict[str, Any] | None]] = []
    for step in _steps(transformations):
        kind = str((step.get("configuredBy") or {}).get("kind", ""))
        where = step.get("configuredIn")
        if "Patch" not in kind or not isinstance(where, str):
            continue
        kustomization = _from_wrapper(where, wrapper)
        for patch in patch_entries(kustomization):
            if patch not in files:
                files.append(patch)
    return files


class _Mapper:
    """Places paths of one built object in its patch files or its resource file."""

    def __init__(
        self,
        resource: str,
        patches: list[tuple[str, dict[str, Any] | None]],
        image_setters: list[str],
    ) -> None:
        self.resource = resource
        self.patches = patches
        self.image_setters = image_setters

    def locate(self, ordinal: int, document: Document, path: KeyPath, at_key: bool) -> Origin:
        data = document.data
        # A list item's `name` in a patch only says which item it patches (the merge key): a
        # finding about the item itself belongs to the resource that defines it.
        identifying = len(path) >= 2 and path[-1] == "name" and isinstance(path[-2], int)
        if path[-1:] == ("image",):
            for kustomization in self.image_setters:
                found_image = _in_images(kustomization, value_at(data, path))
                if found_image is not None:
                    return found_image
        for patch, target in [] if identifying else reversed(self.patches):
            if not _targets(target, data):
                continue
            found = _in_file(patch, data, path, at_key, json_patch=True)
            if found is not None and found[1] == len(path):
                return found[0]
        found = _in_file(self.resource, data, path, at_key, json_patch=False)
        if found is not None:
            return found[0]
        return Origin(self.resource, 1, 1, 1, 2)


def _in_file(
    file: str, data: Any, path: KeyPath, at_key: bool, json_patch: bool
) -> tuple[Origin, int] | None:
    """Where the file writes the path for this object, and how much of the path it writes."""
    try:
        text = read_path(file).text
    except SourceError:
        return None
    for offset, chunk in split_documents(text):
        document = parse_document(chunk, 0, offset)
        written = document.data
        if isinstance(written, list) and json_patch:
            found = _in_operations(file, document, written, path, data)
            if found is not None:
                return found
            continue
        if not _same_object(written, data):
            continue
        translated = _translate(path, data, written)
        depth = len(existing_part(translated, written))
        region = document.locate(translated[:depth], at_key=at_key or depth < len(path))
        origin = Origin(file, region.line, region.column, region.end_line, region.end_column)
        return origin, depth
    return None


def _in_operations(
    file: str, document: Document, operations: list[Any], path: KeyPath, data: Any
) -> tuple[Origin, int] | None:
    """A JSON6902 operation that adds or replaces the path, or a part that contains it."""
    for index in range(len(operations) - 1, -1, -1):
        operation = operations[index]
        if not isinstance(operation, dict) or operation.get("op") not in ("add", "replace"):
            continue
        target = str(operation.get("path", "")).split("/")[1:]
        if len(target) > len(path):
            continue
        if target[-1:] == ["-"] and not _same_item(
            operation.get("value"), value_at(data, path[: len(target)])
        ):
            continue  # appends another item
        if all(step == "-" or step == str(path[i]) for i, step in enumerate(target)):
            # The rest of the path lies inside the operation's value.
            region = document.locate((index, "value", *path[len(target) :]))
            origin = Origin(file, region.line, region.column, region.end_line, region.end_column)
            return origin, len(path)
    return None


def _in_images(kustomization: str, image: Any) -> Origin | None:
    """The `images:` entry of a kustomization that rewrote this image reference."""
    if not isinstance(image, str):
        return None
    try:
        text = read_path(kustomization).text
    except SourceError:
        return None
    document = parse_document(text)
    entries = document.data.get("images") if isinstance(document.data, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("newName") or entry.get("name") or "")
        if name and image.startswith(name):
            field = next((k for k in ("newTag", "digest", "newName") if k in entry), "name")
            region = document.locate(("images", index, field))
            return Origin(
                kustomization, region.line, region.column, region.end_line, region.end_column
            )
    return None


def _same_item(added: Any, built: Any) -> bool:
    """Whether an appended value is this item of the built list (same `name`, or equal)."""
    if isinstance(added, dict) and isinstance(built, dict) and "name" in added:
        return bool(added.get("name") == built.get("name"))
    return bool(added == built)


def _targets(target: dict[str, Any] | None, data: Any) -> bool:
    """Whether a patch's `target` (kind and name, a name may be a regular expression) fits."""
    if target is None or not isinstance(data, dict):
        return True
    kind = target.get("kind")
    if isinstance(kind, str) and kind != data.get("kind"):
        return False
    name = target.get("name")
    built = str((data.get("metadata") or {}).get("name", ""))
    if isinstance(name, str):
        try:
            return re.fullmatch(name, built) is not None or name in built
        except re.error:
            return name in built
    return True


def _same_object(written: Any, data: Any) -> bool:
    if not isinstance(written, dict) or not isinstance(data, dict):
        return False
    if written.get("kind") != data.get("kind"):
        return False
    name = (written.get("metadata") or {}).get("name")
    built = (data.get("metadata") or {}).get("name")
    return isinstance(name, str) and isinstance(built, str) and name in built


def _translate(path: KeyPath, built: Any, written: Any) -> KeyPath:
    """The path in the written object: list items matched by their `name` (the merge key)."""
    steps: list[str | int] = []
    for index, step in enumerate(path):
        if isinstance(step, int):
            item = value_at(built, path[: index + 1])
            items = value_at(written, steps)
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(items, list) and name is not None:
                match = next(
                    (
                        i
                        for i, o in enumerate(items)
                        if isinstance(o, dict) and o.get("name") == name
                    ),
                    None,
                )
                if match is None:
                    break
                step = match
        steps.append(step)
    return tuple(steps)
