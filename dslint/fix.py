"""Applying the fixes that rules offer (`--fix`), touching nothing but the fixed text.

An `Edit` becomes a text replacement computed from the node tree's positions: setting a scalar
rewrites that scalar's characters, deleting a key or a list item removes the lines of that entry
(never the next key or a comment after it), and adding a key writes one more entry at the
mapping's indentation. Every other character of the file stays as it was, whatever the line
endings, comments or indentation style. Where an edit cannot be written that way, ruamel.yaml's
round trip is tried for that document, and kept only if every line it changed lies inside the
edited entries.

An edit is refused, and the finding reported as not fixable there, when it would reach a node
that an alias shares (the change would happen in every place the anchor is used), when the path
goes through a mapping that holds a key twice (which of the two counts depends on the reader),
or when the document, read again after the change, is not exactly the original data with the
fix applied. That last check is what makes a wrong span impossible to write: a deletion that
took the next key with it, a value that reads back as another type, a merge key that shows
through once the local value is gone.
"""

from __future__ import annotations

import copy
import difflib
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dslint.api import Edit, Path
from dslint.document import (
    Document,
    node_children,
    parse_document,
    split_documents,
)
from dslint.results import Diagnostic

# Line breaks as YAML (libyaml) reads them.
_BREAKS = "\r\n\x85\u2028\u2029"
_LIST_ITEM_PREFIX = re.compile(r"[ \t]*-[ \t]+")
_MERGE_TAG = "tag:yaml.org,2002:merge"


class Refused(Exception):
    """An edit that must not be made; the message says why (shown to the user)."""


class _CannotExpress(Exception):
    """An edit that a text replacement cannot make (the round trip may)."""


class Span(NamedTuple):
    """Replace text[start:end] with `text` (character offsets in the document)."""

    start: int
    end: int
    text: str


class Outcome(NamedTuple):
    """What fixing a text did: the new text, the findings fixed, and those refused (with why)."""

    text: str
    applied: list[Diagnostic]
    refused: list[tuple[Diagnostic, str]]


def fixable(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix and d.suppressed is None]


def fix_text(text: str, diagnostics: Sequence[Diagnostic]) -> Outcome:
    """Apply the fixes of `diagnostics` to `text`, each document of the stream on its own."""
    chunks = list(split_documents(text))
    starts = [offset for offset, _ in chunks]
    by_chunk: dict[int, list[Diagnostic]] = {}
    for diagnostic in fixable(diagnostics):
        by_chunk.setdefault(_chunk_of(starts, diagnostic.line - 1), []).append(diagnostic)
    applied: list[Diagnostic] = []
    refused: list[tuple[Diagnostic, str]] = []
    pieces: list[str] = []
    for index, (_, chunk) in enumerate(chunks):
        wanted = by_chunk.get(index)
        if wanted:
            chunk, done, not_done = _fix_chunk(chunk, wanted)
            applied += done
            refused += not_done
        pieces.append(chunk)
    return Outcome("".join(pieces), applied, refused)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """One document with `edits` applied; raises `Refused`, saying why, where that is unsafe."""
    document = parse_document(text)
    try:
        fixed = _apply(text, _text_spans(text, document, edits))
    except _CannotExpress as error:
        result = _round_trip(text, document, edits)
        if result is None:
            raise Refused(f"{error}, and a round trip would change other lines") from None
        return result
    _verify(document, edits, fixed)
    return fixed


def spans_for(text: str, diagnostic: Diagnostic) -> list[Span] | None:
    """The replacements, in the coordinates of `text` (a whole stream), that fix one finding on
    its own, or None where its fix is refused or needs the round trip."""
    chunks = list(split_documents(text))
    index = _chunk_of([line for line, _ in chunks], diagnostic.line - 1)
    offset = sum(len(chunk) for _, chunk in chunks[:index])
    chunk = chunks[index][1]
    document = parse_document(chunk)
    try:
        spans = _text_spans(chunk, document, diagnostic.fix)
        _verify(document, diagnostic.fix, _apply(chunk, spans))
    except (Refused, _CannotExpress):
        return None
    return [Span(s.start + offset, s.end + offset, s.text) for s in spans]


def _chunk_of(starts: list[int], line: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= line:
            index = i
    return index


def _fix_chunk(
    chunk: str, diagnostics: list[Diagnostic]
) -> tuple[str, list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """Fix one document: each finding's fix is checked on its own, then those whose spans do
    not overlap are applied together (the caller runs again for the rest)."""
    document = parse_document(chunk)
    if document.root is None:
        return chunk, [], [(d, "the document cannot be read") for d in diagnostics]
    accepted: list[tuple[Diagnostic, list[Span]]] = []
    refused: list[tuple[Diagnostic, str]] = []
    round_trip: list[tuple[Diagnostic, str]] = []
    taken: list[Span] = []
    for diagnostic in diagnostics:
        try:
            spans = _text_spans(chunk, document, diagnostic.fix)
            _verify(document, diagnostic.fix, _apply(chunk, spans))
        except Refused as error:
            refused.append((diagnostic, str(error)))
            continue
        except _CannotExpress as error:
            round_trip.append((diagnostic, str(error)))
            continue
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue  # the next pass, on the text this one writes, applies it
        accepted.append((diagnostic, spans))
        taken += spans
    if accepted:
        fixed = _apply(chunk, taken)
        edits = [edit for diagnostic, _ in accepted for edit in diagnostic.fix]
        try:
            _verify(document, edits, fixed)
        except Refused:  # two fixes that are right alone but not together: one per pass
            accepted = accepted[:1]
            fixed = _apply(chunk, accepted[0][1])
        return fixed, [d for d, _ in accepted], refused
    for diagnostic, why in round_trip:
        fixed_text = _round_trip(chunk, document, diagnostic.fix)
        if fixed_text is not None:
            return fixed_text, [diagnostic], refused
        refused.append((diagnostic, f"{why}, and a round trip would change other lines"))
    return chunk, [], refused


def _overlaps(a: Span, b: Span) -> bool:
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def _apply(text: str, spans: Sequence[Span]) -> str:
    # From the end backwards; of two insertions at one place the later is written first, so
    # that they read in the order the edits were given.
    ordered = sorted(enumerate(spans), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    for _, span in ordered:
        text = text[: span.start] + span.text + text[span.end :]
    return text


# --- from an edit to a span ----------------------------------------------------------------------


class _Step(NamedTuple):
    """One step down the node tree: the container, the key node (mappings) and the value."""

    parent: Node
    key: Node | None
    node: Node
    position: int  # index in the parent's entries or items


class _Tree:
    """A document's node tree with what makes an edit unsafe: nodes shared through aliases."""

    def __init__(self, text: str, root: Node) -> None:
        self.text = text
        self.root = root
        self.break_text = _first_break(text)
        counts: dict[int, int] = {}
        stack = [root]
        counts[id(root)] = 1
        while stack:  # each node is entered once, so an alias bomb costs no more than its text
            node = stack.pop()
            for child in node_children(node):
                seen = counts.get(id(child), 0)
                counts[id(child)] = seen + 1
                if not seen:
                    stack.append(child)
        self.shared = {key for key, count in counts.items() if count > 1}
        self.under_alias: set[int] = set()
        for node in self._nodes():
            if id(node) in self.shared:
                self.under_alias |= {id(n) for n in _subtree(node)}

    def _nodes(self) -> Iterator[Node]:
        return _subtree(self.root)

    def walk(self, path: Path) -> tuple[list[_Step], int]:
        """The steps of `path` that exist, and how many of its steps they cover."""
        steps: list[_Step] = []
        node = self.root
        for depth, step in enumerate(path):
            if isinstance(node, MappingNode):
                _refuse_duplicates(node, path[:depth])
                found = [
                    (i, key, value)
                    for i, (key, value) in enumerate(node.value)
                    if isinstance(key, ScalarNode) and key.value == str(step)
                ]
                if not found:
                    if any(key.tag == _MERGE_TAG for key, _ in node.value):
                        raise Refused(f"{_where(path[:depth])} takes keys from a merge key (<<)")
                    return steps, depth
                index, key, value = found[0]
                steps.append(_Step(node, key, value, index))
                node = value
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                steps.append(_Step(node, None, node.value[step], step))
                node = node.value[step]
            else:
                return steps, depth
        return steps, len(path)

    def refuse_shared(self, nodes: Iterable[Node], path: Path) -> None:
        for node in nodes:
            if id(node) in self.under_alias:
                raise Refused(
                    f"{_where(path)} is shared through a YAML alias; a fix there would change "
                    "every place that uses the anchor"
                )

    def refuse_removing_anchor(self, node: Node, path: Path) -> None:
        if any(id(n) in self.shared for n in _subtree(node)):
            raise Refused(f"{_where(path)} holds an anchor that an alias elsewhere uses")


def _subtree(node: Node) -> Iterator[Node]:
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend(node_children(current))


def _refuse_duplicates(node: MappingNode, path: Path) -> None:
    seen: set[str] = set()
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or key.tag == _MERGE_TAG:
            continue
        if key.value in seen:
            raise Refused(
                f"{_where(path)} holds the key {key.value!r} twice (line "
                f"{key.start_mark.line + 1}); which one counts depends on the reader, so it is "
                "not fixed"
            )
        seen.add(key.value)


def _where(path: Path) -> str:
    return "the document" if not path else "/" + "/".join(str(step) for step in path)


def _text_spans(text: str, document: Document, edits: Sequence[Edit]) -> list[Span]:
    if document.root is None:
        raise Refused("the document cannot be read")
    tree = _Tree(text, document.root)
    spans: list[Span] = []
    for edit in _unique(edits):
        if not edit.path:
            raise Refused("a fix cannot replace a whole document")
        spans += _span_for(tree, edit)
    ordered = sorted(spans, key=lambda s: s.start)
    for before, after in itertools.pairwise(ordered):
        if before.end > after.start:
            raise _CannotExpress("its edits overlap")
    return spans


def _unique(edits: Sequence[Edit]) -> list[Edit]:
    seen: list[Edit] = []
    for edit in edits:
        if edit not in seen:
            seen.append(edit)
    return seen


def _span_for(tree: _Tree, edit: Edit) -> list[Span]:
    steps, depth = tree.walk(edit.path)
    tree.refuse_shared([tree.root, *(s.node for s in steps)], edit.path[:depth])
    if depth < len(edit.path):
        if edit.delete:
            raise Refused(f"{_where(edit.path)} does not exist")
        return [_add(tree, steps, edit.path, depth, edit.value)]
    last = steps[-1]
    tree.refuse_removing_anchor(last.node, edit.path)
    if edit.delete:
        return _delete(tree, last, edit.path)
    return [_replace(tree, last, edit.value, edit.path)]


def _delete(tree: _Tree, step: _Step, path: Path) -> list[Span]:
    parent = step.parent
    if isinstance(parent, (MappingNode, SequenceNode)) and parent.flow_style:
        return _delete_flow_item(tree, step)
    if len(parent.value) == 1:
        # The only entry: the collection becomes empty ({} or []), which a block cannot show.
        return [_replace(tree, _parent_step(tree, path), _empty_like(parent), path[:-1])]
    text = tree.text
    first = step.key if step.key is not None else step.node
    start = _node_start(first)
    line_start = _line_start(text, start)
    prefix = text[line_start:start]
    end = _entry_end(text, _content_end(step.node))
    if not prefix.strip():
        return [Span(line_start, end, "")]
    if (
        isinstance(parent, SequenceNode)
        and _LIST_ITEM_PREFIX.fullmatch(prefix)
        and prefix.count("-") == 1
    ):
        return [Span(line_start, end, "")]
    if isinstance(parent, MappingNode) and step.position == 0:
        # The first key of a list item (`- name: x`): the next key moves up to the dash.
        following = _node_start(parent.value[1][0])
        if not text[end:following].strip(" \t"):
            return [Span(start, following, "")]
    raise _CannotExpress(f"{_where(path)} shares its line with other content")


def _parent_step(tree: _Tree, path: Path) -> _Step:
    steps, _ = tree.walk(path[:-1])
    if steps:
        return steps[-1]
    raise _CannotExpress("the document would be empty")


def _empty_like(node: Node) -> Any:
    return {} if isinstance(node, MappingNode) else []


def _delete_flow_item(tree: _Tree, step: _Step) -> list[Span]:
    """`[a, b, c]` without b: the item and one comma go; spaces and comments stay."""
    text = tree.text
    items: list[tuple[int, int]] = []
    for entry in step.parent.value:
        if isinstance(entry, tuple):
            items.append((_node_start(entry[0]), _content_end(entry[1], entry[0])))
        else:
            items.append((_node_start(entry), _content_end(entry)))
    start, end = items[step.position]
    if len(items) == 1:
        return [Span(start, end, "")]
    if step.position > 0:
        gap_start, gap_end = items[step.position - 1][1], start
    else:
        gap_start, gap_end = end, items[1][0]
    comma = _comma_between(text, gap_start, gap_end)
    if "#" not in text[gap_start:gap_end]:  # nothing to keep between the items
        return [Span(min(gap_start, start), max(gap_end, end), "")]
    return [Span(start, end, ""), Span(comma, comma + 1, "")]


def _comma_between(text: str, start: int, end: int) -> int:
    """The comma separating two flow items (before any comment between them)."""
    comma = text.find(",", start, end)
    comment = text.find("#", start, end)
    if comma < 0 or 0 <= comment < comma:
        raise _CannotExpress("no comma found between flow items")
    return comma


def _replace(tree: _Tree, step: _Step, value: Any, path: Path) -> Span:
    node = step.node
    text = tree.text
    in_flow = _in_flow(tree, path)
    if node.start_mark.index != node.end_mark.index and text[node.start_mark.index] in "&!":
        raise Refused(f"{_where(path)} carries a YAML tag or anchor")
    if isinstance(node, ScalarNode) and _is_scalar(value):
        start = node.start_mark.index
        if node.style in ("|", ">"):
            end = _strip_trailing_breaks(text, start, node.end_mark.index)
            return Span(start, end, _render_scalar(value, None))
        if start == node.end_mark.index:  # an empty value: `key:` becomes `key: value`
            return Span(start, start, " " + _render_scalar(value, None))
        return Span(start, node.end_mark.index, _render_scalar(value, node.style))
    if in_flow or (isinstance(node, ScalarNode) and _has_comment_after(text, node)):
        rendered = _render_flow(value)
        if isinstance(node, ScalarNode) and node.start_mark.index == node.end_mark.index:
            rendered = " " + rendered
        return Span(node.start_mark.index, _content_end(node, step.key), rendered)
    # A block value: rewrite the entry from its key (or list item) to the end of its lines.
    if step.key is not None:
        start = _node_start(step.key)
        key_text = text[start : step.key.end_mark.index]
        column = step.key.start_mark.column
        entry = key_text + ":" + _render_value(value, column, tree.break_text)
    else:
        start = _node_start(node)
        column = node.start_mark.column
        entry = _render_item(value, column, tree.break_text)
    end = _strip_trailing_breaks(text, start, _content_end(node, step.key))
    rest = text[end : _line_end(text, end)].strip()
    if rest and not rest.startswith("#"):  # a comment after the old value stays after the new
        raise _CannotExpress(f"{_where(path)} shares its line with other content")
    return Span(start, end, entry.removesuffix(tree.break_text))


def _add(tree: _Tree, steps: list[_Step], path: Path, depth: int, value: Any) -> Span:
    """A missing key: one more entry in the mapping that should hold it."""
    missing = path[depth:]
    if not all(isinstance(step, str) for step in missing):
        raise Refused(f"{_where(path)}: a list item that does not exist cannot be set")
    for step in reversed(missing[1:]):
        value = {step: value}
    holder = steps[-1] if steps else None
    mapping = holder.node if holder is not None else tree.root
    if isinstance(mapping, ScalarNode) and mapping.value == "" and holder is not None:
        # `securityContext:` with nothing after it: give it the new mapping as its value.
        return _replace(tree, holder, {missing[0]: value}, path[:depth])
    if not isinstance(mapping, MappingNode):
        raise Refused(f"{_where(path[:depth])} is not a mapping")
    key = _render_scalar(str(missing[0]), None)
    text = tree.text
    if mapping.flow_style:
        entry = f"{key}: {_render_flow(value)}"
        if not mapping.value:
            return Span(mapping.end_mark.index - 1, mapping.end_mark.index - 1, entry)
        after_last = _content_end(mapping.value[-1][1], mapping.value[-1][0])
        return Span(after_last, after_last, ", " + entry)
    column = mapping.value[0][0].start_mark.column
    last_key, last_value = mapping.value[-1]
    end = _entry_end(text, _content_end(last_value, last_key))
    entry = " " * column + key + ":" + _render_value(value, column, tree.break_text)
    if end == len(text) and text and text[-1] not in _BREAKS:
        entry = tree.break_text + entry.removesuffix(tree.break_text)
    return Span(end, end, entry)


def _in_flow(tree: _Tree, path: Path) -> bool:
    steps, _ = tree.walk(path)
    return any(
        isinstance(s.parent, (MappingNode, SequenceNode)) and s.parent.flow_style for s in steps
    )


# --- positions -----------------------------------------------------------------------------------


def _node_start(node: Node) -> int:
    return int(node.start_mark.index)


def _content_end(node: Node, key: Node | None = None) -> int:
    """Where a node's own text ends: a block collection's end mark is the next key, not this."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        if isinstance(last, tuple):
            key, node = last
        else:
            key, node = None, last
    end = int(node.end_mark.index)
    if isinstance(node, ScalarNode) and node.start_mark.index == end and key is not None:
        return max(end, int(key.end_mark.index))
    return end


def _entry_end(text: str, content_end: int) -> int:
    """The end of the lines an entry occupies: past its line break, with a trailing comment."""
    if content_end and text[content_end - 1] in _BREAKS:
        return content_end  # a block scalar ends with its line break
    line_end = _line_end(text, content_end)
    rest = text[content_end:line_end]
    if rest.strip() and not rest.lstrip().startswith("#"):
        raise _CannotExpress("the entry shares its last line with other content")
    return _past_break(text, line_end)


def _line_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1] not in _BREAKS:
        index -= 1
    return index


def _line_end(text: str, index: int) -> int:
    while index < len(text) and text[index] not in _BREAKS:
        index += 1
    return index


def _past_break(text: str, index: int) -> int:
    if text.startswith("\r\n", index):
        return index + 2
    return min(index + 1, len(text))


def _strip_trailing_breaks(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _BREAKS + " \t":
        end -= 1
    return end


def _has_comment_after(text: str, node: Node) -> bool:
    end = int(node.end_mark.index)
    return "#" in text[end : _line_end(text, end)]


def _first_break(text: str) -> str:
    match = re.search("\r\n|[\r\n\x85\u2028\u2029]", text)
    return match.group() if match else "\n"


# --- rendering values ----------------------------------------------------------------------------


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _dump(value: Any, flow: bool) -> str:
    return yaml.safe_dump(
        value, default_flow_style=flow, sort_keys=False, width=1_000_000, allow_unicode=True
    )


def _render_scalar(value: Any, style: str | None) -> str:
    """A scalar as YAML text, in the quoting style the old value used where that can hold it."""
    if isinstance(value, str) and style == '"':
        return json.dumps(value)  # JSON's string escapes all mean the same in YAML
    if isinstance(value, str) and style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return _dump([value], True).strip()[1:-1]


def _render_flow(value: Any) -> str:
    if _is_scalar(value):
        return _render_scalar(value, None)
    return _dump(value, True).strip()


def _render_value(value: Any, column: int, line_break: str) -> str:
    """What follows `key:` for a value at a key in `column`, ending with a line break."""
    if _is_scalar(value) or not value:
        return " " + _render_flow(value) + line_break
    indent = " " * (column + 2)
    lines = _dump(value, False).splitlines()
    return line_break + "".join(indent + line + line_break for line in lines)


def _render_item(value: Any, column: int, line_break: str) -> str:
    """A list item's value whose first line follows `- ` at `column`."""
    if _is_scalar(value) or not value:
        return _render_flow(value) + line_break
    lines = _dump(value, False).splitlines()
    return lines[0] + line_break + "".join(" " * column + ln + line_break for ln in lines[1:])


# --- checking the result -------------------------------------------------------------------------


def _verify(document: Document, edits: Sequence[Edit], fixed: str) -> None:
    """Refuse a change unless the text reads back as the original data with the edits applied."""
    after = parse_document(fixed)
    if after.data is None or len(after.problems) > len(document.problems):
        raise Refused("the fixed document would not read back")
    try:
        expected = expected_data(document.data, edits)
    except (KeyError, IndexError, TypeError):
        raise Refused("the fix does not fit the document's data") from None
    if not same_data(after.data, expected):
        raise Refused("the fixed document would not read back as the fix intends")


def expected_data(data: Any, edits: Sequence[Edit]) -> Any:
    """A copy of `data` with `edits` applied (list items deleted highest index first)."""
    result = copy.deepcopy(data)
    deletions: list[tuple[Any, str | int]] = []
    sets: list[tuple[Any, str | int, Any]] = []
    for edit in _unique(edits):
        container: Any = result
        for step in edit.path[:-1]:
            if isinstance(container, dict):
                if not isinstance(container.get(step), (dict, list)):
                    container[step] = {}
                container = container[step]
            else:
                container = container[step]
        if edit.delete:
            deletions.append((container, edit.path[-1]))
        else:
            sets.append((container, edit.path[-1], copy.deepcopy(edit.value)))
    for container, step, value in sets:
        container[step] = value
    items = [(c, s) for c, s in deletions if isinstance(c, list) and isinstance(s, int)]
    for container, step in deletions:
        if not isinstance(container, list):
            del container[step]
    for container, index in sorted(items, key=lambda item: item[1], reverse=True):
        del container[index]
    return result


def same_data(a: Any, b: Any) -> bool:
    """Equal data, with types compared too (1 and true are not the same value)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# --- the round trip, where text replacement cannot express an edit --------------------------------


def _round_trip(text: str, document: Document, edits: Sequence[Edit]) -> str | None:
    """ruamel.yaml's rendering of the edited document, if every line it changed is edited."""
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
    fixed = out.getvalue()
    if not _changes_only(text, fixed, _edited_lines(text, document, edits)):
        return None
    try:
        _verify(document, edits, fixed)
    except Refused:
        return None
    return fixed


def _edited_lines(text: str, document: Document, edits: Sequence[Edit]) -> set[int]:
    """0-based lines of the original that the edits may change: the entries they touch."""
    assert document.root is not None
    tree = _Tree(text, document.root)
    lines: set[int] = set()
    for edit in edits:
        steps, depth = tree.walk(edit.path)
        tree.refuse_shared([tree.root, *(s.node for s in steps)], edit.path[:depth])
        if not steps:
            return set()
        node = steps[-1].node if depth < len(edit.path) else steps[-1].parent
        first = steps[-1].key if depth == len(edit.path) and steps[-1].key else node
        end_line = text.count("\n", 0, _content_end(node))
        lines.update(range(first.start_mark.line, end_line + 2))
    return lines


def _changes_only(before: str, after: str, allowed: set[int]) -> bool:
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        touched = range(i1, i2) if i2 > i1 else range(i1, i1 + 1)
        if not set(touched) <= allowed:
            return False
        if any("#" in line for line in old[i1:i2]):
            return False  # the round trip may have dropped a comment on a line it rewrote
    return True


def _apply_to_data(data: Any, edit: Edit) -> bool:
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
