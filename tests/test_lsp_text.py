"""Positions as LSP clients count them, and dslint's positions translated into them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from dslint.lsp.text import TextIndex, apply_change, minimal_edit


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


ENCODINGS: list[tuple[str, Callable[[str], int]]] = [
    (types.PositionEncodingKind.Utf16, _utf16),
    (types.PositionEncodingKind.Utf8, lambda text: len(text.encode("utf-8"))),
    (types.PositionEncodingKind.Utf32, len),
]


@pytest.mark.parametrize(("encoding", "units"), ENCODINGS)
def test_columns_are_converted_to_the_negotiated_encoding(
    encoding: str, units: Callable[[str], int]
) -> None:
    text = "a: 1\r\nb: 'é🛰' # x\n"
    line = "b: 'é🛰' # x"
    start, end = line.index("#"), len(line)
    client_range = TextIndex(text, encoding).dslint_range(2, start + 1, 2, end + 1)
    assert client_range.start == types.Position(1, units(line[:start]))
    assert client_range.end == types.Position(1, units(line[:end]))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_yaml_line_breaks_that_lsp_does_not_count_do_not_shift_later_lines(
    separator: str,
) -> None:
    # dslint (like YAML and str.splitlines) sees four lines; an LSP client sees three.
    text = f"a: 1  # x{separator}# y\nb: 'é'\nc: 3\n"
    index = TextIndex(text)
    assert index.dslint_range(4, 1, 4, 2) == types.Range(types.Position(2, 0), types.Position(2, 1))
    # The second dslint line starts in the middle of the first LSP line.
    assert index.dslint_range(2, 1, 2, 4).start == types.Position(0, len("a: 1  # x") + 1)


def test_offsets_and_positions_round_trip_and_clamp() -> None:
    text = "ab\r\n🛰x\rend"
    index = TextIndex(text)
    assert index.position(text.index("x")) == types.Position(1, 2)
    assert index.offset(types.Position(1, 2)) == text.index("x")
    assert index.offset(types.Position(0, 99)) == 2  # past the end of a line: its end
    assert index.offset(types.Position(9, 0)) == len(text)
    assert index.position(text.index("end")) == types.Position(2, 0)
    assert index.line_text(1) == "🛰x"


def test_ranged_changes_are_applied_with_lsp_lines() -> None:
    text = "a: 'x\u2028y'\nb: 2\n"
    change = types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(1, 3), types.Position(1, 4)), text="3"
    )
    assert apply_change(text, change, types.PositionEncodingKind.Utf16) == "a: 'x\u2028y'\nb: 3\n"
    whole = types.TextDocumentContentChangeWholeDocument(text="c: 1\n")
    assert apply_change(text, whole, types.PositionEncodingKind.Utf16) == "c: 1\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a: 1\r\nb: 2\r\n", "a: 1\r\nc: 3\r\nb: 2\r\n"),
        ("a: 1\r\nb: 2\r\n", "a: 1\r\n"),
        ("x: 'é🛰'\n", "x: 'é🛰!'\n"),
        ("a\nb\n", "# top\na\nb\n"),
    ],
)
def test_minimal_edit_turns_the_old_text_into_the_new(old: str, new: str) -> None:
    index = TextIndex(old)
    edit = minimal_edit(old, new, index)
    assert edit is not None
    start, end = index.offset(edit.range.start), index.offset(edit.range.end)
    assert old[:start] + edit.new_text + old[end:] == new
    assert len(edit.new_text) < len(new)  # only what differs
    assert minimal_edit(old, old, index) is None
