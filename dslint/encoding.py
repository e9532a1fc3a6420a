"""A file's bytes as text that turns back into exactly the same bytes (for `--fix`).

The linter reads invalid UTF-8 as U+FFFD, which cannot be turned back into the bytes it replaced.
Fixing a file needs the way back: each invalid byte (a Latin-1 comment, say) becomes one
private-use character U+F780-U+F7FF, which YAML accepts as text and which encodes back to that
byte. A byte order mark is kept aside and written back; UTF-16 and UTF-32 files are written back
in their own encoding (an invalid sequence there is refused, not guessed).
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

# Byte order marks, the longer first (a UTF-32-LE mark starts like a UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ESCAPED = 0xDC00  # where surrogateescape puts an invalid byte: U+DC80-U+DCFF
_PRIVATE = 0xF700  # where this module puts it: U+F780-U+F7FF
_TO_PRIVATE = {_ESCAPED + byte: _PRIVATE + byte for byte in range(0x80, 0x100)}
_FROM_PRIVATE = {value: key for key, value in _TO_PRIVATE.items()}


class EncodingError(Exception):
    """Bytes that cannot be read and written back exactly."""


class EncodedText(NamedTuple):
    bom: bytes
    codec: str
    text: str
    escaped: bool  # invalid UTF-8 bytes are held as private-use characters


def decode_exactly(data: bytes) -> EncodedText:
    bom, codec = _detect(data)
    body = data[len(bom) :]
    if codec != "utf-8":
        try:
            return EncodedText(bom, codec, body.decode(codec), escaped=False)
        except UnicodeDecodeError as error:
            raise EncodingError(
                f"invalid {codec.upper()} at byte {error.start + len(bom)}"
            ) from None
    text = body.decode("utf-8", errors="surrogateescape")
    escaped = text.translate(_TO_PRIVATE)
    if escaped == text:
        return EncodedText(bom, codec, text, escaped=False)
    if any(0xF780 <= ord(character) <= 0xF7FF for character in text):
        raise EncodingError(
            "it holds both bytes that are not UTF-8 and private-use characters U+F780-U+F7FF, "
            "so the bytes could not be kept exactly"
        )
    return EncodedText(bom, codec, escaped, escaped=True)


def encode_exactly(original: EncodedText, text: str) -> bytes:
    """`text` (the original's text, edited) as bytes in the original's encoding."""
    if original.escaped:
        raw = text.translate(_FROM_PRIVATE).encode("utf-8", errors="surrogateescape")
    else:
        try:
            raw = text.encode(original.codec)
        except UnicodeEncodeError as error:
            character = error.object[error.start]
            raise EncodingError(f"cannot write {character!r} as {original.codec}") from None
    return original.bom + raw


def _detect(data: bytes) -> tuple[bytes, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    head = data[:4]
    # A YAML stream starts with an ASCII character: the zero bytes around it tell the encoding.
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return b"", "utf-32-be"
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return b"", "utf-32-le"
    if len(head) >= 2 and not head[0] and head[1]:
        return b"", "utf-16-be"
    if len(head) >= 2 and head[0] and not head[1]:
        return b"", "utf-16-le"
    return b"", "utf-8"
