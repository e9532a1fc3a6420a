"""The documents open in the editor: their text and version, as the client last sent them.

pygls keeps its own copy, but splits lines with `str.splitlines()` when it applies a ranged
change, so a U+2028 in a comment would put every later edit on the wrong line. The server keeps
this store instead and applies changes with LSP's line breaks (see dslint.lsp.text).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from lsprotocol import types
from pygls.uris import to_fs_path

from dslint.lsp.text import apply_change


class OpenDocument(NamedTuple):
    uri: str
    path: str  # the file system path, used for config discovery and messages
    version: int
    text: str


class Documents:
    def __init__(self) -> None:
        self._open: dict[str, OpenDocument] = {}

    def open(self, item: types.TextDocumentItem) -> OpenDocument:
        document = OpenDocument(item.uri, path_of(item.uri), item.version, item.text)
        self._open[item.uri] = document
        return document

    def change(
        self,
        uri: str,
        version: int,
        changes: Sequence[types.TextDocumentContentChangeEvent],
        encoding: str,
    ) -> OpenDocument | None:
        document = self._open.get(uri)
        if document is None:
            return None
        text = document.text
        for change in changes:
            text = apply_change(text, change, encoding)
        document = document._replace(version=version, text=text)
        self._open[uri] = document
        return document

    def close(self, uri: str) -> None:
        self._open.pop(uri, None)

    def get(self, uri: str) -> OpenDocument | None:
        return self._open.get(uri)

    def __iter__(self) -> Iterator[OpenDocument]:
        return iter(list(self._open.values()))


def path_of(uri: str) -> str:
    """The file path a URI names; an untitled buffer is named by its URI."""
    return to_fs_path(uri) or uri
