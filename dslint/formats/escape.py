"""The one escape every output format applies to text that comes from the input.

Messages quote manifest values, excerpts are manifest lines and file names are whatever the
repository holds. Printed raw, a line break in any of them starts a new output line (which a CI
log reads as, say, a GitHub `::error` command), and ESC or CSI send terminal control sequences.
`printable()` shows each such character as an escape instead: `\\n`, `\\r`, `\\x1b`, `\\u2028`.

Escaped: C0 controls except tab, DEL, C1 controls (U+0080-U+009F, U+0085 included), the line and
paragraph separators U+2028/U+2029, the bidirectional controls that reorder what a reader sees
(U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), lone surrogates (which cannot be written as UTF-8)
and U+FFFE/U+FFFF (which XML cannot hold). Tab is kept: it neither breaks a line nor controls a
terminal, and excerpts of tab-separated values stay readable.

JSON output keeps the data exact instead: `json.dumps` already escapes C0 controls, and
`json_text()` writes the rest of these characters as `\\uXXXX` escapes, which decode to the same
string (and a file name's undecodable bytes, held as lone surrogates, no longer fail the write).
"""

from __future__ import annotations

import re

# Past C0: DEL and C1, bidirectional controls, line and paragraph separators, lone surrogates,
# and the two non-characters XML 1.0 excludes.
_BEYOND_C0 = "\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0a-\x1f{_BEYOND_C0}]")
# In JSON text these can only stand inside strings (json.dumps escapes C0 itself), where a
# \uXXXX escape means the same character.
_JSON_RAW = re.compile(f"[{_BEYOND_C0}]")
_SHORT = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    short = _SHORT.get(character)
    if short is not None:
        return short
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that could forge a line or control a terminal escaped."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def line_start_safe(path: str) -> str:
    """A path that may begin an output line, escaped and unable to start a workflow command.

    GitHub Actions reads any log line whose text starts with `::` (after leading blanks) as a
    command, so a file named `::error::x.yaml` is written as `./::error::x.yaml`.
    """
    path = printable(path)
    return "./" + path if path.lstrip().startswith("::") else path


def json_text(encoded: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with no raw control character."""
    if _JSON_RAW.search(encoded) is None:
        return encoded
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)
