"""The key structure of a Helm template, read without rendering it.

A template is not YAML until it is rendered, but its static text is: keys at their indentation,
`- ` items, block scalars. This module reads that skeleton line by line, with every `{{ ... }}`
action masked out, and records for each key path the lines that write it (an `if`/`else` may write
the same key twice), and for each path the action lines below it that write more of it
(`{{ include ... | nindent }}`, `{{ toYaml .Values.x }}`, keys computed by an action). With the
`with` blocks followed, each action also knows which values path `.` stands for.

Sequence items are numbered as written in the template; a `range` or a conditional item makes
the rendered numbering differ, which the caller allows for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

Step = str | int
KeyPath = tuple[Step, ...]
# What `.` stands for: the root context ("root"), a values path (inside `with .Values.x`),
# or None when unknown (inside `range`, or `with` on something that is not a value).
Dot = str | tuple[str, ...] | None

_ACTION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_MASK = "\x01"
_KEY = re.compile(
    r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\x01\-?:,\[\]{}][^:#\x01]*?|-[^\s:#\x01][^:#\x01]*?)\s*:(?=\s|$)"""
)
_BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*\s*(#.*)?")
_DOCUMENT_LINE = re.compile(r"---(\s.*)?")
_DEFINE = re.compile(r"""^-?\s*define\s+"([^"]+)"\s*-?$""")
_INCLUDE = re.compile(r"""\b(?:include|template)\s+"([^"]+)\"""")
_ABSOLUTE_VALUES = re.compile(r"\$\.Values((?:\.[A-Za-z_][\w-]*)+)")
_ROOT_VALUES = re.compile(r"(?<![\w$)\]])\.Values((?:\.[A-Za-z_][\w-]*)+)")
_DOT_FIELDS = re.compile(r"(?<![\w$)\]\"])\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_BARE_DOT = re.compile(r"(?<![\w$)\]\"])\.(?![\w.])")
_ROOT_FIELDS = frozenset({"Values", "Release", "Chart", "Capabilities", "Files", "Template"})
_OPENERS = frozenset({"if", "with", "range", "define", "block"})


class Entry(NamedTuple):
    """A key (or a sequence item) written in the template."""

    line: int  # 1-based, in the file
    column: int  # 1-based
    end_column: int  # exclusive
    value: str  # the value as written after the key, actions included ("" for none)
    value_column: int  # where the first action of the value starts (0: no action)
    value_end_column: int
    actions: tuple[str, ...]  # the value's actions, inside their braces
    dot: Dot


class Expander(NamedTuple):
    """An action line that writes keys below a path (an include, a toYaml, a computed key)."""

    line: int
    column: int
    end_column: int
    action: str
    dot: Dot


class Outline:
    """One YAML document of a template (or the body of a `define`)."""

    __slots__ = ("entries", "expanders", "file", "kind")

    def __init__(self, file: str) -> None:
        self.file = file
        self.kind: str | None = None
        self.entries: dict[KeyPath, list[Entry]] = {}
        self.expanders: dict[KeyPath, list[Expander]] = {}

    def add_entry(self, path: KeyPath, entry: Entry) -> None:
        self.entries.setdefault(path, []).append(entry)
        if path == ("kind",) and not entry.actions:
            self.kind = entry.value.strip("'\"")

    def matching(self, path: KeyPath) -> Iterator[tuple[KeyPath, list[Entry]]]:
        """Entries at `path`, then at paths that differ from it only in item numbers."""
        exact = self.entries.get(path)
        if exact:
            yield path, exact
        if not any(isinstance(step, int) for step in path):
            return
        for candidate, entries in self.entries.items():
            if candidate != path and len(candidate) == len(path) and _same_keys(candidate, path):
                yield candidate, entries


def _same_keys(a: KeyPath, b: KeyPath) -> bool:
    return all(
        (isinstance(x, int) and isinstance(y, int)) or x == y for x, y in zip(a, b, strict=True)
    )


class Define(NamedTuple):
    name: str
    outline: Outline


class _Frame(NamedTuple):
    indent: int
    path: KeyPath
    item: bool  # a sequence item (else a key)


class _Scope:
    """The `if`/`with`/`range`/`define` blocks open at a point, and what `.` is in each."""

    def __init__(self, dot: Dot = "root") -> None:
        self.stack: list[tuple[str, Dot, str | None]] = []  # (keyword, dot, define name)
        self.base = dot

    @property
    def dot(self) -> Dot:
        return self.stack[-1][1] if self.stack else self.base

    def enter(self, body: str) -> None:
        words = body.split(None, 1)
        if not words:
            return
        keyword, rest = words[0], (words[1] if len(words) > 1 else "")
        if keyword in _OPENERS:
            dot = self.dot
            name = None
            if keyword == "with":
                refs = values_refs(rest, self.dot)
                dot = refs[0] if refs else None
            elif keyword == "range":
                dot = None
            elif keyword in ("define", "block"):
                dot = "root"
                match = re.match(r'"([^"]+)"', rest)
                name = match.group(1) if match else None
            self.stack.append((keyword, dot, name))
        elif keyword == "end" and self.stack:
            self.stack.pop()


def action_body(action: str) -> str:
    """The text inside `{{ }}`, without the trim markers and the comment delimiters."""
    body = action.strip()
    if body.startswith("-"):
        body = body[1:]
    if body.endswith("-"):
        body = body[:-1]
    return body.strip()


def values_refs(body: str, dot: Dot) -> list[tuple[str, ...]]:
    """The values paths an action reads, in order, as far as they can be told from its text."""
    found: list[tuple[int, tuple[str, ...]]] = []
    for match in _ABSOLUTE_VALUES.finditer(body):
        found.append((match.start(), tuple(match.group(1)[1:].split("."))))
    if dot == "root":
        for match in _ROOT_VALUES.finditer(body):
            found.append((match.start(), tuple(match.group(1)[1:].split("."))))
    elif isinstance(dot, tuple):
        for match in _BARE_DOT.finditer(body):
            found.append((match.start(), dot))
        for match in _DOT_FIELDS.finditer(body):
            fields = tuple(match.group(1).split("."))
            if fields[0] not in _ROOT_FIELDS:
                found.append((match.start(), dot + fields))
    return [path for _, path in sorted(found)]


def included(body: str) -> list[str]:
    """The named templates an action includes."""
    return _INCLUDE.findall(body)


def _masked(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with every action replaced by mask characters (line breaks kept)."""
    actions: list[tuple[int, int, str]] = []
    pieces: list[str] = []
    last = 0
    for match in _ACTION.finditer(text):
        actions.append((match.start(), match.end(), match.group(1)))
        pieces.append(text[last : match.start()])
        pieces.append(re.sub(r"[^\n]", _MASK, match.group(0)))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), actions


def scan(text: str, file: str) -> tuple[list[Outline], list[Define]]:
    """The outlines of a template's documents, and the outlines of the `define`s it holds."""
    masked, actions = _masked(text)
    documents: list[Outline] = [Outline(file)]
    defines: list[Define] = []
    scope = _Scope()
    # Open define bodies: (name, outline, scope depth before it opened, its own key frames).
    open_defines: list[tuple[str, Outline, int, list[_Frame]]] = []
    frames: list[_Frame] = [_Frame(-1, (), False)]
    block_indent: int | None = None  # inside a block scalar started at this indentation
    action_index = 0
    offset = 0
    for number, (line, raw) in enumerate(
        zip(masked.split("\n"), text.split("\n"), strict=True), start=1
    ):
        start = offset
        offset += len(line) + 1
        line_actions: list[tuple[int, int, str]] = []
        while action_index < len(actions) and actions[action_index][0] < offset:
            action_start, action_end, body = actions[action_index]
            if action_start >= start:
                line_actions.append((action_start - start, action_end - start, body))
            action_index += 1
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        dot_before = scope.dot
        target = open_defines[-1][1] if open_defines else documents[-1]
        target_frames = open_defines[-1][3] if open_defines else frames
        for _column, _end, body in line_actions:
            depth_before = len(scope.stack)
            scope.enter(action_body(body))
            keyword = scope.stack[-1][0] if len(scope.stack) > depth_before else None
            if keyword in ("define", "block") and len(scope.stack) > depth_before:
                name = scope.stack[-1][2]
                if name:
                    outline = Outline(file)
                    open_defines.append((name, outline, depth_before, [_Frame(-1, (), False)]))
                    defines.append(Define(name, outline))
            while open_defines and len(scope.stack) <= open_defines[-1][2]:
                open_defines.pop()
        stripped = content.rstrip()
        if block_indent is not None:
            if not stripped.strip(_MASK + " ") or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        if not open_defines and _DOCUMENT_LINE.fullmatch(stripped):
            documents.append(Outline(file))
            frames[:] = [_Frame(-1, (), False)]
            continue
        if not stripped.strip(_MASK + " "):
            # Only actions on this line: they write below the innermost open key (which stays
            # open: the keys after an `{{- if }}` line still belong to it).
            parent = next(f for f in reversed(target_frames) if f.indent < indent or f.indent < 0)
            for column, end, body in line_actions:
                text_body = action_body(body)
                if text_body.startswith(("/*", "end", "else", "if ", "with ", "range ", "define")):
                    continue
                if text_body.startswith("$") and ":=" in text_body:
                    continue  # a variable assignment writes nothing
                target.expanders.setdefault(parent.path, []).append(
                    Expander(number, column + 1, end + 1, text_body, dot_before)
                )
            continue
        block_indent = _scan_line(
            target, target_frames, number, raw, stripped, indent, line_actions, dot_before
        )
    return [o for o in documents if o.entries or o.expanders], defines


def _parent_for_key(frames: list[_Frame], indent: int) -> _Frame:
    while len(frames) > 1 and frames[-1].indent >= indent:
        frames.pop()
    return frames[-1]


def _scan_line(
    outline: Outline,
    frames: list[_Frame],
    number: int,
    raw: str,
    content: str,
    indent: int,
    line_actions: list[tuple[int, int, str]],
    dot: Dot,
) -> int | None:
    """Record the keys and items a line writes; return the indentation of a block scalar."""
    column = indent
    rest = content
    item_column = indent
    while rest == "-" or rest.startswith("- "):
        # A sequence item: it belongs to the key at a smaller indentation (or the same one).
        while len(frames) > 1 and (
            frames[-1].indent > column or (frames[-1].indent == column and frames[-1].item)
        ):
            frames.pop()
        parent = frames[-1]
        index = sum(1 for path in outline.entries if _is_item_of(path, parent.path))
        path = (*parent.path, index)
        after = rest[1:].lstrip(" ")
        item_column = column
        column = column + len(rest) - len(after)
        rest = after
        value, value_column, value_end, actions = _value(raw, column, line_actions)
        outline.add_entry(
            path,
            Entry(
                number,
                item_column + 1,
                item_column + 2,
                value if not _KEY.match(rest) else "",
                value_column,
                value_end,
                actions,
                dot,
            ),
        )
        frames.append(_Frame(item_column, path, True))
        if not rest:
            return None
    key_match = _KEY.match(rest)
    if key_match is None:
        if rest.startswith(_MASK) and ":" in rest:
            # A key computed by an action (`{{ $k }}: {{ $v }}`): it writes below the parent.
            parent = _parent_for_key(frames, column)
            for action_column, end, body in line_actions:
                outline.expanders.setdefault(parent.path, []).append(
                    Expander(number, action_column + 1, end + 1, action_body(body), dot)
                )
        elif _BLOCK_SCALAR.fullmatch(rest):
            return item_column
        return None
    key = key_match.group(1).strip()
    if key[:1] in "\"'":
        key = key[1:-1]
    parent = _parent_for_key(frames, column)
    path = (*parent.path, key)
    value_start = column + key_match.end()
    value, value_column, value_end, actions = _value(raw, value_start, line_actions)
    outline.add_entry(
        path,
        Entry(
            number,
            column + 1,
            column + 1 + len(key_match.group(1)),
            value,
            value_column,
            value_end,
            actions,
            dot,
        ),
    )
    frames.append(_Frame(column, path, False))
    masked_value = content[value_start - indent :].strip()
    if _BLOCK_SCALAR.fullmatch(masked_value):
        return column
    return None


def _is_item_of(path: KeyPath, parent: KeyPath) -> bool:
    return len(path) == len(parent) + 1 and path[:-1] == parent and isinstance(path[-1], int)


def _value(
    raw: str, start: int, line_actions: list[tuple[int, int, str]]
) -> tuple[str, int, int, tuple[str, ...]]:
    value = raw[start:].strip()
    inside = [(s, e, b) for s, e, b in line_actions if s >= start]
    if not inside:
        if not value or value.startswith("#"):
            return "", 0, 0, ()
        begin = raw.index(value, start)
        return value, begin + 1, begin + 1 + len(value), ()
    return (
        value,
        inside[0][0] + 1,
        inside[0][1] + 1,
        tuple(action_body(b) for _, _, b in inside),
    )
