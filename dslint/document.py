"""One parse per document: plain data for the rules, the node tree for line:column.

A stream is split at its document markers and each document is parsed on its own, so a syntax
error in one costs no other its findings. Each document is composed once with libyaml
(`CSafeLoader`), which keeps the position of every node, and constructed from that node tree into
plain Python data with the safe constructor: tags that would build objects are never executed,
they are reported.

Before parsing, a document is checked against limits that protect the process (see
docs/robustness.md): libyaml's composer recurses in C and crashes the interpreter on very deep
nesting, a document with millions of values exhausts memory, and an alias bomb (or an alias that
contains itself) constructs cheaply but explodes, or never ends, for any code that walks it.
Nothing that reaches the rules is deeper than MAX_DEPTH or larger than MAX_EXPANDED_NODES once
aliases are expanded, and every mapping key is a string.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dslint.api import Path

try:  # libyaml is the fast path; the pure loader is a fallback for odd installs
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_DEPTH = 100  # nesting of mappings and sequences, aliases expanded
MAX_EXPANDED_NODES = 200_000  # values in one document, aliases expanded
MAX_DOCUMENTS = 10_000  # in one stream
MAX_SCALAR_NUMBER_LENGTH = 1_000  # characters in a number (int() is quadratic on long ones)
# Documents longer than this have their values counted on libyaml's event stream (constant
# memory) before the node tree, about 300 bytes a value, is built.
_COUNT_EVENTS_ABOVE = 64 * 1024

# Line breaks as str.splitlines() sees them: the engine's excerpts and suppression comments
# count lines this way, and libyaml breaks lines at a subset of these (it rejects the rest).
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DOCUMENT_MARKER = re.compile(
    "(?:^|(?<=[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))(?:---|\\.\\.\\.)(?=[ \t\r\n]|$)"
)
# Characters libyaml cannot be handed: NUL ends its strings, and a lone surrogate (possible in a
# Python string passed to the library API) cannot be encoded as UTF-8.
_UNREADABLE = re.compile("[\x00\ud800-\udfff]")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_NULL_TAG = "tag:yaml.org,2002:null"

# Plain scalars are resolved as Kubernetes resolves them (sigs.k8s.io/yaml reads YAML with its copy
# of go-yaml v2, a YAML 1.1 reader), not as PyYAML does: `y`/`n` are booleans, `1:30` is text
# (PyYAML reads base 60), `1e3` is a number (PyYAML needs a dot), `0o17` and `08` are numbers.
# docs/yaml-scalars.md holds the table, and a test reads each of its rows.
_KEYWORDS: dict[str, tuple[str, Any]] = {
    **{word: (_BOOL_TAG, True) for word in ("y", "Y", "yes", "Yes", "YES", "true", "True")},
    **{word: (_BOOL_TAG, True) for word in ("TRUE", "on", "On", "ON")},
    **{word: (_BOOL_TAG, False) for word in ("n", "N", "no", "No", "NO", "false", "False")},
    **{word: (_BOOL_TAG, False) for word in ("FALSE", "off", "Off", "OFF")},
    **{word: (_NULL_TAG, None) for word in ("", "~", "null", "Null", "NULL")},
    **{word: (_FLOAT_TAG, float("nan")) for word in (".nan", ".NaN", ".NAN")},
    **{word: (_FLOAT_TAG, float("inf")) for word in (".inf", ".Inf", ".INF")},
    **{word: (_FLOAT_TAG, float("inf")) for word in ("+.inf", "+.Inf", "+.INF")},
    **{word: (_FLOAT_TAG, float("-inf")) for word in ("-.inf", "-.Inf", "-.INF")},
    "<<": (_MERGE_TAG, "<<"),
}
_NUMBER_START = frozenset("+-.0123456789")
# Go's strconv.ParseInt with base 0 (underscores removed first, as go-yaml does).
_GO_INT = re.compile(r"[-+]?(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)\Z")
_GO_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INT_RANGE = range(-(2**63), 2**64)  # int64, then uint64


def go_int(text: str) -> int | None:
    """The integer go-yaml reads from a scalar, or None when it reads no integer there."""
    plain = text.replace("_", "")
    if not _GO_INT.match(plain):
        return None
    digits = plain.lstrip("+-")
    prefix = digits[:2].lower()
    if prefix in ("0b", "0o", "0x"):
        value = int(digits[2:], {"0b": 2, "0o": 8, "0x": 16}[prefix])
    elif len(digits) > 1 and digits[0] == "0":
        value = int(digits[1:], 8)  # a leading zero means octal
    else:
        value = int(digits)
    value = -value if plain.startswith("-") else value
    return value if value in _INT_RANGE else None


def go_float(text: str) -> float | None:
    """The float go-yaml reads from a scalar (a keyword such as `.inf` included), or None."""
    keyword = _KEYWORDS.get(text)
    if keyword is not None and keyword[0] == _FLOAT_TAG:
        return float(keyword[1])
    # Go parses a scalar that starts with `.` as it is; others lose their underscores first.
    plain = text if text.startswith(".") else text.replace("_", "")
    if not _GO_FLOAT.match(plain):
        return None
    value = float(plain)
    return None if value in (float("inf"), float("-inf")) else value  # Go: out of range


def resolve_plain(text: str) -> str:
    """The tag Kubernetes gives a plain (unquoted, untagged) scalar."""
    keyword = _KEYWORDS.get(text)
    if keyword is not None:
        return keyword[0]
    if text[:1] not in _NUMBER_START:
        return _STR_TAG
    if go_int(text) is not None:
        return _INT_TAG
    if go_float(text) is not None:
        return _FLOAT_TAG
    return _STR_TAG


class Problem(NamedTuple):
    """Something wrong with the text itself, found while reading it (not by a rule)."""

    rule: str  # name of the rule that documents this kind of problem
    message: str
    line: int  # 1-based
    column: int  # 1-based


class Region(NamedTuple):
    """Where a path lies in the file: 1-based start and end positions (end is exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int


class Document:
    """One YAML document of a stream."""

    __slots__ = ("data", "index", "line_offset", "problems", "root", "skipped")

    def __init__(self, index: int, line_offset: int) -> None:
        self.index = index
        self.line_offset = line_offset  # 0-based line at which this document's text starts
        self.root: Node | None = None
        self.data: Any = None
        self.problems: list[Problem] = []
        # Set when the document holds no Kubernetes object and its problems were left out.
        self.skipped = False

    def locate(self, path: Path, *, at_key: bool = False) -> Region:
        """Map a path to the place a user should look.

        A scalar is reported at its value, a mapping or sequence at its key, and a path that
        does not exist at the deepest node on the way that does. An empty value is reported at
        its key. `at_key` reports a scalar at its key too (for findings about the key itself,
        such as an unknown field).
        """
        node = self.root
        key_node: Node | None = None
        for step in path:
            if isinstance(node, MappingNode):
                found = _lookup(node, step)
                if found is None:
                    break
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    break
                key_node, node = None, node.value[step]
            else:
                break
        if node is None:
            return Region(1 + self.line_offset, 1, 1 + self.line_offset, 1)
        target: Node
        keyed = key_node is not None and (
            at_key or (isinstance(node, ScalarNode) and _is_empty(node))
        )
        if isinstance(node, ScalarNode) and not keyed:
            target = node
        elif key_node is None:
            target = _first_key(node)
        else:
            target = key_node
        start, end = target.start_mark, target.end_mark
        if end.line != start.line:
            # A multi-line scalar: keep the region on its first line so excerpts stay readable.
            return Region(
                start.line + 1 + self.line_offset,
                start.column + 1,
                start.line + 1 + self.line_offset,
                start.column + 2,
            )
        return Region(
            start.line + 1 + self.line_offset,
            start.column + 1,
            end.line + 1 + self.line_offset,
            max(end.column + 1, start.column + 2),
        )


def _is_empty(node: ScalarNode) -> bool:
    """`key:` with nothing after it: libyaml places the empty value where the next token starts."""
    return node.value == "" and node.style is None and node.start_mark.index == node.end_mark.index


def _lookup(node: MappingNode, step: str | int) -> tuple[Node, Node] | None:
    text = str(step)
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == text:
            return key, value
    return None


def _first_key(node: Node) -> Node:
    if isinstance(node, MappingNode) and node.value:
        first = node.value[0][0]
        return first if isinstance(first, ScalarNode) else node
    return node


def count_lines(text: str) -> int:
    """Line breaks in `text`, counted as str.splitlines() counts them (CRLF is one)."""
    return sum(1 for _ in _LINE_BREAK.finditer(text))


def split_documents(text: str) -> Iterator[tuple[int, str]]:
    """Split a stream at `---`/`...` lines, yielding (0-based first line, text of the document).

    Directives (`%YAML`, `%TAG`) belong to the document after them: text before a `---` that
    holds only directives, comments and blank lines is kept with that document.
    """
    starts = [match.start() for match in _DOCUMENT_MARKER.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    line = 0
    pending: tuple[int, str] | None = None  # directives waiting for their document
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[begin:end]
        if chunk.startswith("..."):
            # `...` ends the document before it; alone it is no document to libyaml.
            chunk = "   " + chunk[3:]
        first_line = line
        line += count_lines(chunk)
        if pending is not None:
            first_line, chunk = pending[0], pending[1] + chunk
            pending = None
        if end < len(text) and _only_directives(chunk):
            pending = (first_line, chunk)
            continue
        yield first_line, chunk
    if pending is not None:
        yield pending


def _only_directives(chunk: str) -> bool:
    has_directive = False
    for row in chunk.splitlines():
        content = row.strip()
        if content.startswith("%") and row.startswith("%"):
            has_directive = True
        elif content and not content.startswith("#"):
            return False
    return has_directive


def too_many_documents(line_offset: int, limit: int = MAX_DOCUMENTS) -> Problem:
    """The finding for the first document past the limit (it and the rest are not read)."""
    return Problem(
        "input-limit-exceeded",
        f"more than {limit} documents in one stream; this one and those after it were not checked",
        line_offset + 1,
        1,
    )


def parse_stream(text: str, *, every_problem: bool = False) -> Iterator[Document]:
    """Parse every document of a stream; empty and comment-only documents are left out.

    Past MAX_DOCUMENTS documents, one more carries an input-limit-exceeded problem and the rest
    of the stream is not read (hundreds of thousands of `a: 1` documents fit in a file).
    """
    index = 0
    for count, (line_offset, chunk) in enumerate(split_documents(text)):
        if count == MAX_DOCUMENTS:
            document = Document(index=index, line_offset=line_offset)
            document.problems.append(too_many_documents(line_offset))
            yield document
            return
        document = parse_document(chunk, index, line_offset, every_problem=every_problem)
        if document.root is None and not document.problems:
            continue
        index += 1
        yield document


class _ValueError(ConstructorError):
    """A scalar whose tag and text do not agree, such as `!!int abc` or `2020-13-45`."""


class _LimitError(ConstructorError):
    """A scalar over a documented limit (a number thousands of digits long)."""


class _Loader(SafeLoader):
    """The safe loader, made total: every value it accepts becomes JSON-like plain data.

    Mapping keys are kept as the text written (Kubernetes turns number and boolean keys into
    strings too), timestamps and binary values stay strings (JSON, which the API server reads,
    has neither), and a scalar that cannot be converted is a marked error, not a Python exception.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # (first, repeated) key nodes of mappings that hold a key twice, found while building.
        self.duplicate_keys: list[tuple[Node, Node]] = []
        # Nodes with a tag no constructor knows (`!reference`, `!Sub`, `!!python/name:...`).
        self.unknown_tags: list[Node] = []

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        # Called for every node the composer builds, so it is a table look-up rather than the
        # generic resolver (which also supports path resolvers, unused here).
        if kind is ScalarNode:
            if implicit[0] and len(value) <= MAX_SCALAR_NUMBER_LENGTH:
                # A longer plain scalar is text: a number would be over the limit anyway, and
                # matching the number patterns on it costs time in proportion.
                return resolve_plain(value)
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark
            )
        self._note_duplicate_keys(node)
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key_node, ScalarNode):
                key = key_node.value
            elif not isinstance(key, Hashable):
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found unhashable key",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def _note_duplicate_keys(self, node: MappingNode) -> None:
        # Before merge keys are flattened: a key that a `<<` merge supplies and the mapping
        # then sets itself is an override, not a duplicate.
        keys = [key.value for key, _ in node.value if isinstance(key, ScalarNode)]
        if len(set(keys)) == len(keys):
            return
        seen: dict[str, Node] = {}
        for key, _ in node.value:
            if not isinstance(key, ScalarNode) or key.tag == _MERGE_TAG:
                continue
            if key.value in seen:
                self.duplicate_keys.append((seen[key.value], key))
            else:
                seen[key.value] = key

    def construct_bool(self, node: ScalarNode) -> bool:
        keyword = _KEYWORDS.get(self.construct_scalar(node))
        if keyword is None or keyword[0] != _BOOL_TAG:
            raise ValueError("not a YAML 1.1 boolean")
        return bool(keyword[1])

    def construct_int(self, node: ScalarNode) -> int:
        value = go_int(str(self.construct_scalar(node)))
        if value is None:
            raise ValueError("not an integer")
        return value

    def construct_float(self, node: ScalarNode) -> float:
        text = str(self.construct_scalar(node))
        value = go_float(text)
        if value is None:
            integer = go_int(text)  # `!!float 1` is 1.0
            if integer is None:
                raise ValueError("not a number")
            value = float(integer)
        return value

    def construct_untagged(self, node: Node) -> Any:
        """A node with an unknown tag, read as the plain data it holds; the tag is remembered.

        Nothing is executed: CI, docs and cloud templates use such tags (`!reference`, `!Sub`,
        `!!python/name:...`), and whether one is a finding depends on the document.
        """
        self.unknown_tags.append(node)
        if isinstance(node, MappingNode):
            return self.construct_mapping(node, deep=True)
        if isinstance(node, SequenceNode):
            return [self.construct_object(child, deep=True) for child in node.value]
        return self.construct_scalar(node) if isinstance(node, ScalarNode) else None

    def construct_as_text(self, node: ScalarNode) -> str:
        return str(self.construct_scalar(node))

    def construct_set_as_mapping(self, node: MappingNode) -> Iterator[dict[Any, Any]]:
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(node))


def _guarded(construct: Any) -> Any:
    """A scalar constructor that fails with a marked error, and refuses numbers over the limit."""

    def guarded(loader: _Loader, node: ScalarNode) -> Any:
        if len(node.value) > MAX_SCALAR_NUMBER_LENGTH:
            raise _LimitError(
                None,
                None,
                f"a {_tag_name(node.tag)} value {len(node.value)} characters long is over the "
                f"limit of {MAX_SCALAR_NUMBER_LENGTH}",
                node.start_mark,
            )
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as error:
            raise _ValueError(
                None,
                None,
                f"cannot read {_short(str(node.value))!r} as {_tag_name(node.tag)}: {error}",
                node.start_mark,
            ) from None

    return guarded


for _tag, _construct in (
    (_INT_TAG, _Loader.construct_int),
    (_FLOAT_TAG, _Loader.construct_float),
    (_BOOL_TAG, _Loader.construct_bool),
):
    _Loader.add_constructor(_tag, _guarded(_construct))
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_as_text)
_Loader.add_constructor("tag:yaml.org,2002:binary", _Loader.construct_as_text)
# `<<` and `=` are only special as keys; as values they are text.
_Loader.add_constructor(_MERGE_TAG, _Loader.construct_as_text)
_Loader.add_constructor("tag:yaml.org,2002:value", _Loader.construct_as_text)
_Loader.add_constructor("tag:yaml.org,2002:set", _Loader.construct_set_as_mapping)
_Loader.add_constructor(None, _Loader.construct_untagged)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# Problems that say the text is not valid YAML (or not plain data): shown only for a document that
# is, or was meant to be, a Kubernetes object. Limits protect the process and always show.
_SYNTAX_RULES = frozenset({"invalid-yaml", "duplicate-key", "unsupported-yaml-tag"})
_TOP_LEVEL_KEY = re.compile(r"^(?:apiVersion|kind)[ \t]*:", re.MULTILINE)
_TOP_LEVEL_JSON_KEY = re.compile(r'"(?:apiVersion|kind)"\s*:')


def parse_document(
    text: str, index: int = 0, line_offset: int = 0, *, every_problem: bool = False
) -> Document:
    """Parse one document. Its syntax problems are kept only when it is a Kubernetes object or
    shows it was meant to be one; otherwise (a CI file, a docs config, a JSONC file) it is
    `skipped`. `every_problem` keeps them all (for config files)."""
    document = _parse(text, index, line_offset)
    if every_problem or not document.problems or meant_for_kubernetes(document.data, text):
        return document
    if _UNREADABLE.search(text):
        return document  # NUL bytes: not text at all, which no CI or docs file is either
    kept = [problem for problem in document.problems if problem.rule not in _SYNTAX_RULES]
    if len(kept) < len(document.problems):
        document.problems = kept
        document.skipped = True
    return document


def meant_for_kubernetes(data: Any, text: str) -> bool:
    """Whether a document is a Kubernetes object: a mapping with `apiVersion` or `kind`; or, when
    it could not be read, text with such a key at the top level (a YAML line starting with
    `apiVersion:` or `kind:`, or a JSON object with one of them as its own key)."""
    if data is not None:
        return isinstance(data, dict) and ("apiVersion" in data or "kind" in data)
    if _TOP_LEVEL_KEY.search(text):
        return True
    return any(depth == 1 for depth in _json_key_depths(text))


def _json_key_depths(text: str) -> Iterator[int]:
    """The nesting depth of each `"apiVersion":` or `"kind":` key in JSON-like text (one pass)."""
    depth = 0
    in_string = False
    escaped = False
    position = 0
    for match in _TOP_LEVEL_JSON_KEY.finditer(text):
        for character in text[position : match.start()]:
            if in_string:
                if escaped:
                    escaped = False
                elif character == "\\":
                    escaped = True
                elif character == '"':
                    in_string = False
            elif character == '"':
                in_string = True
            elif character in "{[":
                depth += 1
            elif character in "}]":
                depth -= 1
        position = match.start()
        if not in_string:
            yield depth


def _parse(text: str, index: int, line_offset: int) -> Document:
    document = Document(index=index, line_offset=line_offset)
    unreadable = _UNREADABLE.search(text)
    if unreadable:
        line, column = _position(text, unreadable.start())
        character = unreadable.group()
        message = (
            "NUL byte in input"
            if character == "\x00"
            else f"lone surrogate U+{ord(character):04X} in input (not valid Unicode)"
        )
        document.problems.append(
            Problem("invalid-yaml", message, line + 1 + line_offset, column + 1)
        )
        return document
    limit_problem = _check_depth(text, line_offset) or _check_size(text, line_offset)
    if limit_problem:
        document.problems.append(limit_problem)
        return document
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return document
        if not _check_tree(root, document, line_offset, has_aliases="*" in text):
            return document
        document.data = loader.construct_document(root)
        document.root = root
        for node in loader.unknown_tags:
            message = _describe_tag_problem(node.tag)
            document.problems.append(
                _problem_at("unsupported-yaml-tag", message, node, line_offset)
            )
        for first, repeated in loader.duplicate_keys:
            line = first.start_mark.line + 1 + line_offset
            document.problems.append(
                _problem_at(
                    "duplicate-key",
                    f'duplicate key "{_short(repeated.value)}" (first defined on line {line})',
                    repeated,
                    line_offset,
                )
            )
    except yaml.MarkedYAMLError as error:
        document.root = None
        document.data = None
        document.problems.append(_yaml_error_problem(error, text, line_offset))
    except yaml.reader.ReaderError as error:
        document.problems.append(_reader_error_problem(error, text, line_offset))
    except yaml.YAMLError as error:
        document.root = None
        document.data = None
        document.problems.append(Problem("invalid-yaml", str(error), 1 + line_offset, 1))
    except RecursionError:  # pragma: no cover - the limits above keep the parse shallow
        document.root = None
        document.data = None
        document.problems.append(
            Problem("input-limit-exceeded", "document is nested too deeply", 1 + line_offset, 1)
        )
    finally:
        loader.dispose()
    return document


def _position(text: str, offset: int) -> tuple[int, int]:
    """0-based line and column of a character offset, lines counted as count_lines() does."""
    line = count_lines(text[:offset])
    start = 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        start = match.end()
    return line, offset - start


def _reader_error_problem(error: yaml.reader.ReaderError, text: str, line_offset: int) -> Problem:
    # libyaml reads the text as UTF-8 and reports a byte offset.
    offset = len(text.encode("utf-8", "surrogatepass")[: error.position].decode("utf-8", "ignore"))
    line, column = _position(text, min(offset, len(text)))
    character = error.character
    code = character if isinstance(character, int) else ord(character[:1] or "\0")
    return Problem(
        "invalid-yaml",
        f"{error.reason} (character U+{code:04X})",
        line + 1 + line_offset,
        column + 1,
    )


def _yaml_error_problem(error: yaml.MarkedYAMLError, text: str, line_offset: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    lines = text.splitlines()
    if lines and line >= len(lines):
        # The parser stopped at the end of the document: point at its last line instead of the
        # line after it (which belongs to the next document).
        line = len(lines) - 1
        column = len(lines[line])
    elif lines:
        column = min(column, len(lines[line]))
    line += 1 + line_offset
    column += 1
    problem = error.problem or "invalid YAML"
    if isinstance(error, _LimitError):
        return Problem("input-limit-exceeded", problem, line, column)
    if isinstance(error, ConstructorError) and problem.startswith(
        "could not determine a constructor"
    ):
        tag = problem.split("tag", 1)[-1].strip().strip("'\"")
        return Problem("unsupported-yaml-tag", _describe_tag_problem(tag), line, column)
    message = problem
    if error.context and error.context_mark and error.context_mark is not mark:
        message = f"{problem} ({error.context} at line {error.context_mark.line + 1 + line_offset})"
    elif error.context:
        message = f"{error.context}: {problem}"
    return Problem("invalid-yaml", message, line, column)


def _describe_tag_problem(tag: str) -> str:
    return (
        f"YAML tag {tag!r} is not supported: Kubernetes manifests hold plain data, "
        "and dslint never constructs tagged objects"
    )


def _problem_at(rule: str, message: str, node: Node, line_offset: int) -> Problem:
    mark = node.start_mark
    return Problem(rule, message, mark.line + 1 + line_offset, mark.column + 1)


def node_children(node: Node) -> Iterator[Node]:
    """A node's direct children: a mapping's keys and values, a sequence's items."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, SequenceNode):
        yield from node.value


def _check_tree(root: Node, document: Document, line_offset: int, has_aliases: bool) -> bool:
    """Refuse (False, with a problem) trees too big or deep to walk.

    Aliases share node objects, so the size and height of each node once aliases are expanded
    are memoised, and every node is visited once: an alias bomb costs its text, not its expansion.
    The walk keeps its own stack (no recursion), and an alias met while its anchor's node is
    still open is a cycle, which would make every walk of the data endless.
    """
    if not has_aliases:
        # Without aliases the tree is as big and deep as the text, which the checks before
        # parsing have bounded (duplicate keys are found while the data is built).
        return True
    measured: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, expanded height)
    open_nodes: set[int] = {id(root)}
    stack: list[tuple[Node, Iterator[Node], list[int]]] = [(root, node_children(root), [1, 0])]
    while stack:
        node, children, totals = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            open_nodes.discard(id(node))
            size, height = totals[0], totals[1] + 1
            measured[id(node)] = (size, height)
            if stack:
                parent = stack[-1][2]
                parent[0] += size
                parent[1] = max(parent[1], height)
                if parent[0] > MAX_EXPANDED_NODES:
                    return _refuse_size(root, document, line_offset)
            continue
        known = measured.get(id(child))
        if known is None and isinstance(child, ScalarNode):
            known = measured[id(child)] = (1, 1)
        if known is not None:
            totals[0] += known[0]
            totals[1] = max(totals[1], known[1])
            if totals[0] > MAX_EXPANDED_NODES:
                return _refuse_size(root, document, line_offset)
            if totals[1] + len(stack) > MAX_DEPTH:
                return _refuse_depth(child, document, line_offset)
            continue
        if id(child) in open_nodes:
            first = child.start_mark.line + 1 + line_offset
            document.problems.append(
                _problem_at(
                    "invalid-yaml",
                    f"recursive alias: the node anchored on line {first} contains an alias to "
                    "itself, so the document has no end; it was not checked",
                    child,
                    line_offset,
                )
            )
            return False
        if len(stack) >= MAX_DEPTH:
            return _refuse_depth(child, document, line_offset)
        open_nodes.add(id(child))
        stack.append((child, node_children(child), [1, 0]))
    return True


def _refuse_size(root: Node, document: Document, line_offset: int) -> bool:
    document.problems.append(
        _problem_at(
            "input-limit-exceeded",
            f"document holds more than {MAX_EXPANDED_NODES} values once aliases are expanded "
            "(an alias bomb?); it was not checked",
            root,
            line_offset,
        )
    )
    return False


def _refuse_depth(node: Node, document: Document, line_offset: int) -> bool:
    document.problems.append(
        _problem_at(
            "input-limit-exceeded",
            f"document is nested more than {MAX_DEPTH} levels deep once aliases are expanded; "
            "it was not checked",
            node,
            line_offset,
        )
    )
    return False


def _check_depth(text: str, line_offset: int) -> Problem | None:
    """Refuse documents nested deeper than MAX_DEPTH before libyaml's recursive composer sees them.

    A cheap upper bound clears ordinary manifests at once: every bracket may open a level, and in
    block style each level needs one more column of indentation or one more `- `, `? ` or `: `
    before a line's content, except that a sequence may sit at its parent key's column (hence
    the + 1; tests/test_hostile_input.py checks the bound on every construction). Only when the
    bound is exceeded is the event stream, which libyaml produces without recursion, read to
    measure the real depth.
    """
    brackets = text.count("[") + text.count("{")
    if brackets + 1 <= MAX_DEPTH:
        # Is any line's prefix wider than what is left of the budget? (One search, no copies.)
        budget = MAX_DEPTH - brackets - 1
        if not re.search(f"^[ \t?:-]{{{budget + 1}}}", text, re.MULTILINE):
            return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _depth_problem(event.start_mark, line_offset)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in (error.problem or ""):  # libyaml's own limit (1,000)
            return _depth_problem(error.problem_mark, line_offset)
        return None  # the real parse reports the syntax error with its position
    except yaml.YAMLError:
        return None
    return None


def _depth_problem(mark: Any, line_offset: int) -> Problem:
    row, column = (mark.line, mark.column) if mark is not None else (0, 0)
    return Problem(
        "input-limit-exceeded",
        f"document is nested more than {MAX_DEPTH} levels deep; it was not checked",
        row + 1 + line_offset,
        column + 1,
    )


def _check_size(text: str, line_offset: int) -> Problem | None:
    """Refuse a long document with more values than MAX_EXPANDED_NODES before building its tree."""
    if len(text) <= _COUNT_EVENTS_ABOVE:
        return None
    values = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, (yaml.NodeEvent)):
                values += 1
                if values > MAX_EXPANDED_NODES:
                    mark = event.start_mark
                    return Problem(
                        "input-limit-exceeded",
                        f"document holds more than {MAX_EXPANDED_NODES} values; it was not checked",
                        (mark.line if mark else 0) + 1 + line_offset,
                        (mark.column if mark else 0) + 1,
                    )
    except yaml.YAMLError:
        return None  # the real parse reports the syntax error with its position
    return None


def iter_objects(document: Document) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The Kubernetes objects of a document: the document itself, or the items of a `kind: List`."""
    data = document.data
    if not isinstance(data, dict):
        return
    kind = data.get("kind")
    items = data.get("items")
    if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield ("items", index), item
        return
    yield (), data
