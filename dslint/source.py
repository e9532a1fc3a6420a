"""Finding the files to lint and reading them as text.

Folders are walked recursively for `*.yaml`, `*.yml` and `*.json`, skipping hidden folders and
never following a symbolic link into a folder (so link loops cannot trap the walk). Files named
explicitly are read whatever their extension, as linters do for paths passed by pre-commit.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 32 * 1024 * 1024


class SourceError(Exception):
    """A path that cannot be read at all (it does not exist, or it is not readable)."""


@dataclass(frozen=True)
class Source:
    """The text of one input: a file or standard input, with the name used in messages."""

    name: str
    text: str


def discover(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders into the manifest files they hold, sorted for stable output.

    Other paths are passed through as they are: one that does not exist fails when it is read,
    as one result with an error, so that it costs no other file its findings.
    """
    for path in paths:
        if path == "-":
            yield path
            continue
        if os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def _walk(folder: str) -> Iterator[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not name.endswith(MANIFEST_SUFFIXES):
                continue
            found.append(os.path.join(root, name))
    yield from sorted(found)


def read_path(path: str) -> Source:
    """Read one file as text. Raises `SourceError` with a message naming the file."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise SourceError(
            f"{path}: file is {info.st_size} bytes, over the limit of {MAX_FILE_BYTES} bytes"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror or error}") from None
    return Source(path, decode(data))


def decode(data: bytes) -> str:
    """Decode bytes as YAML does: UTF-8 (BOM optional) or UTF-16/32 with a BOM.

    Invalid bytes become U+FFFD so that the parser reports them at their position instead of the
    whole file failing to decode.
    """
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        text = data.decode("utf-32", errors="replace")
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff")
