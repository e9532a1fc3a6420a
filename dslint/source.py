"""Finding the files to lint and reading them as text.

Folders are walked recursively for `*.yaml`, `*.yml` and `*.json`, skipping hidden folders and
never following a symbolic link into a folder (so link loops cannot trap the walk). A symbolic link
to a file is followed only when its target lies inside the folder being walked: a repository's
`leak.yaml -> /proc/self/environ` must not print the environment as an excerpt. Files named
explicitly are read whatever their extension (and wherever a link points), as linters do for
paths passed by pre-commit.

Reading never blocks and never takes more than MAX_FILE_BYTES: a file is opened without waiting
(a FIFO or a device named by mistake is refused, not read forever), checked to be a regular file
on the open descriptor (so it cannot be swapped between the check and the read), and read up to
the limit. A file over the limit is not parsed; it gives one `input-limit-exceeded` finding.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILE_BYTES = 4 * 1024 * 1024
HEAD_BYTES = 64 * 1024
_CHUNK_BYTES = 1024 * 1024


class SourceError(Exception):
    """A path that cannot be read at all (it does not exist, or it is not readable)."""


class Source(NamedTuple):
    """The text of one input: a file or standard input, with the name used in messages."""

    name: str
    text: str
    # Set, with `text` empty, when the input is over a limit and was not read (the message).
    limit_exceeded: str | None = None
    # The first HEAD_BYTES of an input over the limit: enough to tell whether it is a manifest
    # (empty when not known, and then it is treated as one).
    head: str = ""


# Folders a walk skips by default: virtual environments, installed packages and build output,
# which hold other projects' YAML. A folder holding `pyvenv.cfg` is a virtual environment too.
SKIPPED_FOLDERS = frozenset(
    {
        "venv",
        "node_modules",
        "site-packages",
        "__pycache__",
        "__pypackages__",
        "build",
        "dist",
        "_build",
        "buck-out",
    }
)


def discover(paths: Iterable[str], *, respect_ignores: bool = True) -> Iterator[str]:
    """Expand folders into the manifest files they hold, sorted for stable output.

    With `respect_ignores`, a walk skips SKIPPED_FOLDERS and, inside a git work tree, what git
    ignores (.gitignore files, .git/info/exclude, the user's excludes file): the files walked
    are those `git ls-files --cached --others --exclude-standard` lists.

    Other paths are passed through as they are: one that does not exist fails when it is read,
    as one result with an error, so that it costs no other file its findings.
    """
    for path in paths:
        if path == "-":
            yield path
            continue
        if os.path.isdir(path):
            yield from _walk(path, respect_ignores)
        else:
            yield path


def _git_listed(folder: str) -> frozenset[str] | None:
    """The files under `folder` that git does not ignore, or None outside a git work tree.

    git answers with the ignore rules exactly as it applies them (nested .gitignore files,
    negations, info/exclude, core.excludesFile), in one call that reads its index.
    """
    import shutil
    import subprocess

    if shutil.which("git") is None:
        return None
    try:
        listed = subprocess.run(
            ["git", "-C", folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None  # not a work tree (or git refused it): walk without its rules
    names = listed.stdout.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.normpath(os.path.join(folder, name)) for name in names if name)


def _walk(folder: str, respect_ignores: bool = True) -> Iterator[str]:
    listed = _git_listed(folder) if respect_ignores else None
    found: list[str] = []
    unreadable: list[str] = []

    def remember(error: OSError) -> None:  # reported by read_path, not skipped silently
        unreadable.append(error.filename or folder)

    real_folder = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder, onerror=remember, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not (respect_ignores and _skipped_folder(root, d))
        )
        for name in files:
            if name.startswith(".") or not name.endswith(MANIFEST_SUFFIXES):
                continue
            path = os.path.join(root, name)
            if listed is not None and os.path.normpath(path) not in listed:
                continue
            if os.path.islink(path) and not _inside(os.path.realpath(path), real_folder):
                continue
            found.append(path)
    yield from sorted(found + unreadable)


def _skipped_folder(parent: str, name: str) -> bool:
    return name in SKIPPED_FOLDERS or os.path.isfile(os.path.join(parent, name, "pyvenv.cfg"))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_path(path: str, max_bytes: int = MAX_FILE_BYTES) -> Source:
    """Read one file as text. Raises `SourceError` with a message naming the file."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise SourceError(f"{path}: {_reason(error)}") from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            os.listdir(path)  # raises the reason the folder could not be walked
            raise SourceError(f"{path}: is a folder that could not be read")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"{path}: not a regular file ({_file_type(info.st_mode)})")
        if info.st_size > max_bytes:
            head = decode(_read_at_most(handle, HEAD_BYTES))
            return Source(path, "", _too_large(info.st_size, max_bytes), head)
        data = _read_at_most(handle, max_bytes + 1)
    except OSError as error:
        raise SourceError(f"{path}: {_reason(error)}") from None
    finally:
        os.close(handle)
    if len(data) > max_bytes:  # the file grew, or its size was not known (/proc)
        head = decode(data[:HEAD_BYTES])
        return Source(path, "", _too_large(len(data), max_bytes, at_least=True), head)
    return Source(path, decode(data))


def read_input(path: str, max_bytes: int = MAX_FILE_BYTES, stdin: BinaryIO | None = None) -> Source:
    """A path named on the command line: `-` is standard input (`<stdin>`), anything else a file."""
    if path == "-":
        return read_stream("<stdin>", stdin if stdin is not None else sys.stdin.buffer, max_bytes)
    return read_path(path, max_bytes)


def read_stream(name: str, stream: BinaryIO, max_bytes: int = MAX_FILE_BYTES) -> Source:
    """Read standard input (or any stream) as text, up to the same limit as a file.

    Read in chunks: a single read of the limit would allocate it up front, whatever the input.
    """
    chunks: list[bytes] = []
    remaining = max_bytes + 1
    while remaining > 0:
        chunk = stream.read(min(remaining, _CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        head = decode(data[:HEAD_BYTES])
        return Source(name, "", _too_large(len(data), max_bytes, at_least=True), head)
    return Source(name, decode(data))


def _read_at_most(handle: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(handle, min(remaining, _CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    amount = f"more than {limit}" if at_least else str(size)
    return (
        f"input is {amount} bytes, over the limit of {limit} bytes; it was not checked "
        "(raise the limit with --max-file-size or max-file-size in the config)"
    )


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def decode(data: bytes) -> str:
    """Decode bytes as YAML does: UTF-8, or UTF-16/32 told by a BOM or by where the NULs are.

    The YAML specification detects the encoding from the first bytes: a byte order mark, or,
    since a stream starts with an ASCII character, the zero bytes around it (`00 61` is UTF-16BE,
    `61 00 00 00` UTF-32LE). Invalid bytes become U+FFFD so that the parser reports them at their
    position instead of the whole file failing to decode.
    """
    text = data.decode(_encoding(data[:4]), errors="replace")
    return text.removeprefix("\ufeff")


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "utf-32-be"
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "utf-32-le"
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be"
    if len(head) >= 2 and head[0] and not head[1]:
        return "utf-16-le"
    return "utf-8"
