"""Every file dslint writes goes through here: fixed manifests (`--fix`) and reports (`--output`).

A regular file is replaced atomically (a temporary file in the same folder, then a rename), so a
reader or a crash never sees half of it, with the old file's mode and owner. Where a rename would
change what the file is, the file is written in place instead: a file with several hard links
(a rename would split them) or one whose owner the temporary file cannot be given. Something that
is not a regular file (a device such as /dev/null, a FIFO, a terminal) is written to directly,
never replaced. A symbolic link stays a link: its target is written.

A manifest is only written if it still holds the bytes that were fixed (an editor may have saved
it meanwhile), if it is writable (a read-only file is refused, not replaced), and, when it is a
link, if its target lies inside the folders being linted. Every refusal and failure is a
`WriteError` whose message names the file the user named, never a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence

_OPEN_FLAGS = getattr(os, "O_CLOEXEC", 0)


class WriteError(OSError):
    """A file that was not written; the message says which and why."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not written"


def read_bytes(path: str, max_bytes: int) -> bytes:
    """A manifest's bytes, read the way the linter reads it (never blocking on a FIFO)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _OPEN_FLAGS)
    except OSError as error:
        raise WriteError(f"{path}: cannot read it again to fix it: {_reason(error)}") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise WriteError(f"{path}: not a regular file; not fixed")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(handle, 1024 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise WriteError(f"{path}: cannot read it again to fix it: {_reason(error)}") from None
    finally:
        os.close(handle)
    if size > max_bytes:
        raise WriteError(f"{path}: grew over the size limit; not fixed")
    return b"".join(chunks)


def rewrite_manifest(path: str, before: bytes, after: bytes, roots: Sequence[str]) -> None:
    """Replace the bytes `before` of a manifest with `after`, or raise `WriteError`.

    `roots` are the paths being linted: a link is followed only to a target inside one of them.
    """
    target = _link_target(path, roots)
    try:
        info = os.stat(target)
    except OSError as error:
        raise WriteError(f"{path}: not fixed: {_reason(error)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(f"{path}: not a regular file; not fixed")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteError(f"{path}: read-only; not fixed (make it writable to fix it)")
    try:
        current = read_bytes(target, len(before) + 1)
    except WriteError:
        current = None
    if current != before:
        raise WriteError(f"{path}: changed since it was read; not fixed (run again)")
    _write_regular(path, target, after, info)


def write_output(path: str, data: bytes) -> None:
    """Write a report to `path` (`--output`): replaced if a regular file, else written to."""
    if _is_process_file(path):
        _write_directly(path, path, data)
        return
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteError(f"{path}: cannot write the report: {_reason(error)}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_directly(path, target, data)
        return
    _write_regular(path, target, data, info)


def write_text_atomic(path: str, text: str) -> None:
    """A UTF-8 report written as `write_output` writes it."""
    write_output(path, text.encode("utf-8"))


def _is_process_file(path: str) -> bool:
    # /dev/stdout, /dev/fd/1, /proc/self/fd/1: the process's own descriptors, even when they
    # lead to a regular file, are written to, not replaced (the caller's redirection stays).
    absolute = os.path.abspath(path)
    return absolute.startswith(("/dev/", "/proc/"))


def _write_directly(path: str, target: str, data: bytes) -> None:
    try:
        handle = os.open(target, os.O_WRONLY | os.O_APPEND | _OPEN_FLAGS)
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
    except OSError as error:
        raise WriteError(f"{path}: cannot write the report: {_reason(error)}") from None


def _link_target(path: str, roots: Sequence[str]) -> str:
    """The file to write for `path`: its own path, or a link's target inside the linted roots."""
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return path
    for root in roots:
        folder = os.path.realpath(root if os.path.isdir(root) else os.path.dirname(root) or ".")
        if os.path.commonpath([folder, real]) == folder:
            return real
    raise WriteError(
        f"{path}: a symbolic link to {real}, outside the paths being linted; not fixed "
        "(lint the target itself to fix it)"
    )


def _write_regular(path: str, target: str, data: bytes, info: os.stat_result | None) -> None:
    """Replace a regular file (or create it), keeping its mode, owner and links."""
    if info is not None and (info.st_nlink > 1 or not _can_own(info)):
        _write_in_place(path, target, data, info)
        return
    folder = os.path.dirname(os.path.abspath(target))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".dslint-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise WriteError(f"{path}: not written: {_reason(error)}") from None
    try:
        try:
            _write_all(handle, data)
            os.fchmod(handle, info.st_mode & 0o7777 if info is not None else _new_file_mode())
            if info is not None and (info.st_uid, info.st_gid) != _owner(handle):
                os.fchown(handle, info.st_uid, info.st_gid)
            os.fsync(handle)
        finally:
            os.close(handle)
        if info is not None and _changed(target, info):
            raise WriteError(f"{path}: changed since it was read; not written (run again)")
        os.replace(temporary, target)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(f"{path}: not written: {_reason(error)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _write_in_place(path: str, target: str, data: bytes, info: os.stat_result) -> None:
    """Overwrite a file's content without replacing the file (hard links, another owner).

    The space is reserved first, so a full disk fails before a byte of the old content is lost.
    """
    try:
        handle = os.open(target, os.O_WRONLY | _OPEN_FLAGS)
    except OSError as error:
        raise WriteError(f"{path}: not written: {_reason(error)}") from None
    try:
        if len(data) > info.st_size:
            try:
                os.posix_fallocate(handle, 0, len(data))
            except OSError as error:
                raise WriteError(
                    f"{path}: has several links or another owner, so it must be written in "
                    f"place, and the space could not be reserved ({_reason(error)}); not written"
                ) from None
        if _changed(target, info, handle):
            raise WriteError(f"{path}: changed since it was read; not written (run again)")
        _write_all(handle, data, in_place=True)
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(f"{path}: not written: {_reason(error)}") from None
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes, in_place: bool = False) -> None:
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        if in_place:
            written = os.pwrite(handle, view[offset:], offset)
        else:
            written = os.write(handle, view[offset:])
        offset += written


def _changed(target: str, info: os.stat_result, handle: int | None = None) -> bool:
    try:
        now = os.fstat(handle) if handle is not None else os.stat(target)
    except OSError:
        return True
    return (now.st_ino, now.st_size, now.st_mtime_ns) != (
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
    )


def _can_own(info: os.stat_result) -> bool:
    """Whether a new file can get this owner: ours already, or we may change owners."""
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return True
    return os.geteuid() == 0


def _owner(handle: int) -> tuple[int, int]:
    info = os.fstat(handle)
    return info.st_uid, info.st_gid


def _new_file_mode() -> int:
    """The mode a new file gets from the umask, as the shell's `>` would create it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
