"""Positions as LSP clients count them, and dslint's positions translated into them.

LSP ends lines at `\\n`, `\\r\\n` and `\\r` only, and counts columns in UTF-16 code units unless
the client negotiates UTF-8 or UTF-32. dslint counts lines as YAML and `str.splitlines()` do,
which also break at U+0085, U+2028 and U+2029 (and a few control characters), and counts
columns in code points. A U+2028 inside a comment is one line to dslint and none to the
editor, so every dslint position goes through an offset into the text, never line for line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

# Line breaks as LSP counts them.
_LSP_BREAK = re.compile(r"\r\n|\r|\n")
# Line breaks as str.splitlines() counts them: dslint's lines (YAML's breaks are a subset).
_DSLINT_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _line_starts(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [0, *(match.end() for match in pattern.finditer(text))]


def units(text: str, encoding: str) -> int:
    """The length of `text` in the client's position units."""
    if encoding == types.PositionEncodingKind.Utf32 or text.isascii():
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of `line` the first `count` client units cover (clamped to it)."""
    if encoding == types.PositionEncodingKind.Utf32 or line.isascii():
        return min(count, len(line))
    used = 0
    for index, char in enumerate(line):
        used += units(char, encoding)
        if used > count:
            return index
    return len(line)


class TextIndex:
    """Offsets, LSP positions and dslint positions of one text, computed on first use."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self._lsp_starts: list[int] | None = None
        self._dslint_starts: list[int] | None = None

    @property
    def lsp_starts(self) -> list[int]:
        if self._lsp_starts is None:
            self._lsp_starts = _line_starts(self.text, _LSP_BREAK)
        return self._lsp_starts

    @property
    def dslint_starts(self) -> list[int]:
        if self._dslint_starts is None:
            self._dslint_starts = _line_starts(self.text, _DSLINT_BREAK)
        return self._dslint_starts

    def _line_end(self, starts: list[int], line: int) -> int:
        """Where line `line` (0-based) ends, before its line break (CRLF is the only 2-char one)."""
        if line + 1 >= len(starts):
            return len(self.text)
        end = starts[line + 1]
        return end - 2 if self.text[end - 2 : end] == "\r\n" else end - 1

    def position(self, offset: int) -> types.Position:
        """The LSP position of a text offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.lsp_starts
        line = bisect_right(starts, offset) - 1
        return types.Position(line, units(self.text[starts[line] : offset], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The text offset of an LSP position (a column past the line's end means its end)."""
        starts = self.lsp_starts
        if position.line >= len(starts):
            return len(self.text)
        start = starts[position.line]
        end = self._line_end(starts, position.line)
        line = self.text[start:end]
        return start + _code_points(line, position.character, self.encoding)

    def dslint_offset(self, line: int, column: int) -> int:
        """The text offset of dslint's 1-based line and code-point column (clamped to the line)."""
        starts = self.dslint_starts
        index = max(0, min(line - 1, len(starts) - 1))
        end = self._line_end(starts, index)
        return min(starts[index] + max(0, column - 1), end)

    def dslint_range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(
            start=self.position(self.dslint_offset(line, column)),
            end=self.position(self.dslint_offset(end_line, end_column)),
        )

    def line_text(self, line: int) -> str:
        """LSP line `line` (0-based) without its line break."""
        starts = self.lsp_starts
        if line >= len(starts):
            return ""
        return self.text[starts[line] : self._line_end(starts, line)]


def apply_change(text: str, change: types.TextDocumentContentChangeEvent, encoding: str) -> str:
    """The text after one `didChange` content change (whole or ranged)."""
    if isinstance(change, types.TextDocumentContentChangePartial):
        index = TextIndex(text, encoding)
        start = index.offset(change.range.start)
        end = max(start, index.offset(change.range.end))
        return text[:start] + change.text + text[end:]
    return change.text


def minimal_edit(old: str, new: str, index: TextIndex) -> types.TextEdit | None:
    """One edit that turns `old` into `new`, spanning only what differs (None when equal)."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start, old_end, new_end = prefix, len(old) - suffix, len(new) - suffix
    # LSP cannot point between the two characters of a CRLF: widen the edit over the pair.
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    if 0 < old_end < len(old) and old[old_end - 1] == "\r" and old[old_end] == "\n":
        old_end += 1
        new_end += 1
    return types.TextEdit(
        range=types.Range(start=index.position(start), end=index.position(old_end)),
        new_text=new[start:new_end],
    )
