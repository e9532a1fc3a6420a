"""Applying the fixes that rules offer (`--fix`), touching nothing but the fixed text.

Each document of a stream is fixed on its own. Replacing a scalar rewrites only that scalar's
characters (keeping its quoting style), and deleting a key removes only the lines of that entry,
so comments, indentation and key order elsewhere stay byte for byte as they were. An edit that
cannot be made that way (adding a key, deleting inside a flow mapping) goes through ruamel.yaml's
round trip for that one document. Real manifests often mix indentation styles that a round trip
would rewrite throughout, which is why it is only the fallback.

A fixed document is parsed again before it is accepted; a fix that would not parse is dropped.
Files are written atomically, and only when something changed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dslint.api import Edit, Path
from dslint.document import split_documents

try:  # the same loader the linter parses with, so positions agree
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]
from dslint.results import Diagnostic


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    replacement: str


class _NeedsRoundTrip(Exception):
    """The edit cannot be made as a text replacement."""


def fixable(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix and d.suppressed is None]


def fix_text(text: str, diagnostics: Sequence[Diagnostic]) -> tuple[str, int]:
    """Apply the fixes of `diagnostics` to `text`; return the new text and how many were applied."""
    chunks = list(split_documents(text))
    starts = [offset for offset, _ in chunks]
    edits_by_chunk: dict[int, list[Edit]] = {}
    counts: dict[int, int] = {}
    for diagnostic in fixable(diagnostics):
        index = _chunk_of(starts, diagnostic.line - 1)
        edits_by_chunk.setdefault(index, []).extend(diagnostic.fix)
        counts[index] = counts.get(index, 0) + 1
    applied = 0
    pieces: list[str] = []
    for index, (_, chunk) in enumerate(chunks):
        edits = edits_by_chunk.get(index)
        if edits:
            fixed = fix_document(chunk, edits)
            if fixed is not None:
                chunk = fixed
                applied += counts[index]
        pieces.append(chunk)
    return "".join(pieces), applied


def _chunk_of(starts: list[int], line: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= line:
            index = i
    return index


def fix_document(text: str, edits: Sequence[Edit]) -> str | None:
    """The document with `edits` applied, or None when they cannot be applied safely."""
    try:
        root = SafeLoader(text).get_single_node()
    except yaml.YAMLError:
        return None
    if root is None:
        return None
    fixed: str | None
    try:
        spans = [_span_for(text, root, edit) for edit in _unique(edits)]
        fixed = _apply_spans(text, spans)
    except _NeedsRoundTrip:
        fixed = _round_trip(text, edits)
    if fixed is None or not _parses(fixed):
        return None
    return fixed


def _unique(edits: Sequence[Edit]) -> list[Edit]:
    seen: list[Edit] = []
    for edit in edits:
        if edit not in seen:
            seen.append(edit)
    return seen


def _find(root: Node, path: Path) -> tuple[Node | None, Node | None, MappingNode | None]:
    """(key node, value node, parent mapping) at `path`; the nodes are None where it ends early."""
    node: Node = root
    key: Node | None = None
    parent: MappingNode | None = None
    for step in path:
        if isinstance(node, MappingNode):
            found = next(
                (
                    (k, v)
                    for k, v in node.value
                    if isinstance(k, ScalarNode) and k.value == str(step)
                ),
                None,
            )
            if found is None:
                return None, None, None
            parent = node
            key, node = found
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            parent, key, node = None, None, node.value[step]
        else:
            return None, None, None
    return key, node, parent


def _span_for(text: str, root: Node, edit: Edit) -> _Span:
    key, value, parent = _find(root, edit.path)
    if value is None:
        raise _NeedsRoundTrip
    if not edit.delete:
        if not isinstance(value, ScalarNode) or not _is_scalar(edit.value):
            raise _NeedsRoundTrip
        rendered = _render_scalar(edit.value, value.style)
        return _Span(value.start_mark.index, value.end_mark.index, rendered)
    if key is None or parent is None or parent.flow_style:
        raise _NeedsRoundTrip
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    if text[line_start : key.start_mark.index].strip():
        raise _NeedsRoundTrip  # the key shares its line with something else
    end = value.end_mark.index
    if isinstance(value, ScalarNode) or text[end - 1 : end] != "\n":
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    return _Span(line_start, end, "")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _render_scalar(value: Any, style: str | None) -> str:
    if isinstance(value, str) and style == '"':
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, str) and style == "'":
        return "'" + value.replace("'", "''") + "'"
    flow = yaml.safe_dump([value], default_flow_style=True, width=1_000_000).strip()
    return flow[1:-1]


def _apply_spans(text: str, spans: list[_Span]) -> str:
    ordered = sorted(spans, key=lambda s: s.start, reverse=True)
    for earlier, later in zip(ordered[1:], ordered, strict=False):
        if earlier.end > later.start:
            raise _NeedsRoundTrip  # overlapping edits
    for span in ordered:
        text = text[: span.start] + span.replacement + text[span.end :]
    return text


def _round_trip(text: str, edits: Sequence[Edit]) -> str | None:
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 1_000_000
    try:
        data = handler.load(text)
        for edit in edits:
            if not _apply_to_data(data, edit):
                return None
        out = io.StringIO()
        if text.lstrip().startswith("---"):
            handler.explicit_start = True
        handler.dump(data, out)
    except Exception:  # ruamel raises many error types; a fix that fails is simply not applied
        return None
    return out.getvalue()


def _apply_to_data(data: Any, edit: Edit) -> bool:
    if not edit.path:
        return False
    node = data
    for step in edit.path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    last = edit.path[-1]
    try:
        if edit.delete:
            del node[last]
        else:
            node[last] = edit.value
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _parses(text: str) -> bool:
    try:
        list(yaml.load_all(text, Loader=SafeLoader))
    except yaml.YAMLError:
        return False
    return True
