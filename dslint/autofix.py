"""`--fix`, `--unsafe-fixes`, `--diff`: which fixes run, applied until nothing more changes.

A file is fixed in passes: lint, apply the fixes that do not overlap, lint the new text again,
until no fix is left or MAX_PASSES is reached, so fixes whose edits touch the same text all land
and a second `--fix` finds nothing to do. Only `safe` fixes run unless unsafe ones are asked for.
The bytes are read as exactly as they are written back (dslint.encoding); writing is
dslint.atomic's job.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable
from typing import NamedTuple

from dslint.atomic import WriteError, read_bytes, rewrite_manifest
from dslint.encoding import EncodingError, decode_exactly, encode_exactly
from dslint.engine import Linter
from dslint.fix import fix_text, fixable, spans_for
from dslint.formats.escape import printable
from dslint.results import Diagnostic, FileResult, Replacement, fix_key
from dslint.source import Source, decode

MAX_PASSES = 10


class FileFix(NamedTuple):
    """What fixing one file's bytes gave: the new bytes, what was fixed and what was refused."""

    before: bytes
    after: bytes
    applied: list[Diagnostic]
    refused: list[tuple[Diagnostic, str]]

    @property
    def changed(self) -> bool:
        return self.before != self.after


class NotFixable(Exception):
    """A file whose bytes cannot be fixed and written back exactly."""


def wanted(linter: Linter, diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """The findings whose fixes run: safe ones, and unsafe ones when asked for."""
    chosen = []
    for diagnostic in fixable(diagnostics):
        rule = linter.registry.get(diagnostic.code)
        safety = rule.fix if rule is not None else None
        if safety == "safe" or (unsafe and safety == "unsafe"):
            chosen.append(diagnostic)
    return chosen


def fix_bytes(linter: Linter, name: str, data: bytes, unsafe: bool = False) -> FileFix:
    """Fix a file's bytes in passes; raises NotFixable when its encoding cannot be kept."""
    try:
        encoded = decode_exactly(data)
    except EncodingError as error:
        raise NotFixable(f"{name}: not fixed: {error}") from None
    text = encoded.text
    applied: list[Diagnostic] = []
    refused: list[tuple[Diagnostic, str]] = []
    for _ in range(MAX_PASSES):
        chosen = wanted(linter, linter.lint_source(Source(name, text)).diagnostics, unsafe)
        if not chosen:
            refused = []
            break
        outcome = fix_text(text, chosen)
        refused = outcome.refused
        if not outcome.applied or outcome.text == text:
            break
        applied += outcome.applied
        text = outcome.text
    try:
        after = encode_exactly(encoded, text)
    except EncodingError as error:
        raise NotFixable(f"{name}: not fixed: {error}") from None
    return FileFix(data, after, applied, refused)


def unified_diff(name: str, before: bytes, after: bytes) -> bytes:
    """A unified diff from `before` to `after` that `patch -p1` applies byte for byte."""
    label = name.encode("utf-8", errors="surrogateescape")
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        _lines(before),
        _lines(after),
        fromfile=b"a/" + label,
        tofile=b"b/" + label,
    )
    out = bytearray()
    for line in lines:
        out += line
        if not line.endswith(b"\n"):  # the last line of a file without a final newline
            out += b"\n\\ No newline at end of file\n"
    return bytes(out)


def _lines(data: bytes) -> list[bytes]:
    """Lines as patch sees them: split after each LF only (a CR stays part of its line)."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


_LINE_BREAK = re.compile("\r\n|\r|\n")


def attach_replacements(result: FileResult, text: str) -> FileResult:
    """Record, for each finding with a fix, the text changes that make it (SARIF `fixes`)."""
    wanted_here = fixable(result.diagnostics)
    if not wanted_here:
        return result
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    for diagnostic in wanted_here:
        spans = spans_for(text, diagnostic)
        if spans:
            result.replacements[fix_key(diagnostic)] = tuple(
                Replacement(*position(span.start), *position(span.end), span.text)
                for span in sorted(spans)
            )
    return result


def _describe(diagnostic: Diagnostic, what: str) -> str:
    return printable(
        f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code} "
        f"[{diagnostic.name}] {what}"
    )


class FixSession:
    """Fixing the files of one run: each file is fixed, written (or diffed) and linted again.

    A file that cannot be fixed or written gets an error in its result, and the run goes on.
    """

    def __init__(self, linter: Linter, *, unsafe: bool, diff: bool, roots: Iterable[str]) -> None:
        self.linter = linter
        self.unsafe = unsafe
        self.diff = diff
        self.roots = list(roots)
        self.fixed: list[str] = []  # one line per finding fixed (or that would be, with --diff)
        self.refused: list[str] = []  # one line per fix not applied, with the reason
        self.diffs: list[bytes] = []
        self.changed_files = 0

    def fix_file(self, result: FileResult) -> FileResult:
        if result.error or not wanted(self.linter, result.diagnostics, self.unsafe):
            return result
        path = result.file
        try:
            data = read_bytes(path, self.linter.config.max_file_bytes)
            fix = fix_bytes(self.linter, path, data, self.unsafe)
            if fix.changed and not self.diff:
                rewrite_manifest(path, data, fix.after, self.roots)
        except (WriteError, NotFixable) as error:
            result.error = str(error)
            return result
        self._record(path, fix)  # only once written: a refused write fixed nothing
        if not fix.changed or self.diff:
            return result
        relinted = self.linter.lint_source(Source(path, decode(fix.after)))
        relinted.fixed = len(fix.applied)
        return relinted

    def fix_stream(self, name: str, data: bytes) -> tuple[FileResult, bytes]:
        """Standard input fixed: its result after the fixes, and the bytes to write out."""
        try:
            fix = fix_bytes(self.linter, name, data, self.unsafe)
        except NotFixable as error:
            result = self.linter.lint_source(Source(name, decode(data)))
            result.error = str(error)
            return result, data
        self._record(name, fix)
        result = self.linter.lint_source(Source(name, decode(fix.after)))
        result.fixed = len(fix.applied)
        return result, fix.after

    def _record(self, name: str, fix: FileFix) -> None:
        self.fixed += [_describe(d, "fixed: " + d.message) for d in fix.applied]
        self.refused += [_describe(d, "not fixed: " + why) for d, why in fix.refused]
        if fix.changed:
            self.changed_files += 1
            if self.diff:
                self.diffs.append(unified_diff(name, fix.before, fix.after))
