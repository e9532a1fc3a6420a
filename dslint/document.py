"""One parse per document: plain data for the rules, the node tree for line:column.

A stream is split at its document markers and each document is parsed on its own, so a syntax
error in one costs no other its findings. Each document is composed once with libyaml
(`CSafeLoader`), which keeps the position of every node, and constructed from that node tree into
plain Python data with the safe constructor: tags that would build objects are never executed,
they are reported.

Before parsing, a document is checked against limits that protect the process: libyaml's composer
recurses in C and crashes the interpreter on very deep nesting, and an alias bomb constructs
cheaply but explodes for any code that walks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dslint.api import Path

try:  # libyaml is the fast path; the pure loader is a fallback for odd installs
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_DEPTH = 100
MAX_EXPANDED_NODES = 200_000

_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?=[ \t\r\n]|$)", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """Something wrong with the text itself, found while reading it (not by a rule)."""

    rule: str  # name of the rule that documents this kind of problem
    message: str
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Region:
    """Where a path lies in the file: 1-based start and end positions (end is exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class Document:
    """One YAML document of a stream."""

    index: int
    line_offset: int  # 0-based line at which this document's text starts in the file
    root: Node | None = None
    data: Any = None
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: Path) -> Region:
        """Map a path to the place a user should look.

        A scalar is reported at its value, a mapping or sequence at its key, and a path that
        does not exist at the deepest node on the way that does.
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
        if isinstance(node, ScalarNode) or key_node is None:
            target = node
            if not isinstance(node, ScalarNode):
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


def split_documents(text: str) -> Iterator[tuple[int, str]]:
    """Split a stream at `---`/`...` lines, yielding (0-based first line, text of the document)."""
    starts = [match.start() for match in _DOCUMENT_MARKER.finditer(text)]
    if not starts or starts == [0]:
        yield 0, text
        return
    if starts[0] != 0:
        starts.insert(0, 0)
    line = 0
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[begin:end]
        yield line, chunk
        line += chunk.count("\n")


def parse_stream(text: str) -> Iterator[Document]:
    """Parse every document of a stream; empty and comment-only documents are left out."""
    index = 0
    for line_offset, chunk in split_documents(text):
        document = parse_document(chunk, index, line_offset)
        if document.root is None and not document.problems:
            continue
        index += 1
        yield document


def parse_document(text: str, index: int = 0, line_offset: int = 0) -> Document:
    document = Document(index=index, line_offset=line_offset)
    if "\x00" in text:
        position = text.index("\x00")
        line = text.count("\n", 0, position)
        column = position - (text.rfind("\n", 0, position) + 1)
        document.problems.append(
            Problem("invalid-yaml", "NUL byte in input", line + 1 + line_offset, column + 1)
        )
        return document
    depth_problem = _check_depth(text, line_offset)
    if depth_problem:
        document.problems.append(depth_problem)
        return document
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return document
        expanded = _check_tree(root, document, line_offset)
        if expanded > MAX_EXPANDED_NODES:
            document.problems.append(
                _problem_at(
                    "input-limit-exceeded",
                    f"document expands to more than {MAX_EXPANDED_NODES} values through "
                    "aliases (an alias bomb?); it was not checked",
                    root,
                    line_offset,
                )
            )
            return document
        document.data = loader.construct_document(root)
        document.root = root
    except yaml.MarkedYAMLError as error:
        document.root = None
        document.data = None
        document.problems.append(_yaml_error_problem(error, text, line_offset))
    except yaml.YAMLError as error:
        document.problems.append(Problem("invalid-yaml", str(error), 1 + line_offset, 1))
    except RecursionError:
        document.problems.append(
            Problem("input-limit-exceeded", "document is nested too deeply", 1 + line_offset, 1)
        )
    finally:
        loader.dispose()
    return document


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
    line += 1 + line_offset
    column += 1
    problem = error.problem or "invalid YAML"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        return Problem("unsupported-yaml-tag", _describe_tag_problem(problem), line, column)
    message = problem
    if error.context and error.context_mark and error.context_mark is not mark:
        message = f"{problem} ({error.context} at line {error.context_mark.line + 1 + line_offset})"
    elif error.context:
        message = f"{error.context}: {problem}"
    return Problem("invalid-yaml", message, line, column)


def _describe_tag_problem(problem: str) -> str:
    tag = problem.split("tag", 1)[-1].strip().strip("'\"")
    return (
        f"YAML tag {tag!r} is not supported: Kubernetes manifests hold plain data, "
        "and dslint never constructs tagged objects"
    )


def _problem_at(rule: str, message: str, node: Node, line_offset: int) -> Problem:
    mark = node.start_mark
    return Problem(rule, message, mark.line + 1 + line_offset, mark.column + 1)


def _check_tree(root: Node, document: Document, line_offset: int) -> int:
    """Report duplicate keys and return how many nodes the tree has once aliases are expanded.

    Aliases share node objects, so sizes are memoised per node and each node is checked once.
    """
    sizes: dict[int, int] = {}

    def visit(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # guards against recursive aliases while this node is open
        total = 1
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in seen:
                        first = seen[key.value].start_mark.line + 1 + line_offset
                        document.problems.append(
                            _problem_at(
                                "duplicate-key",
                                f'duplicate key "{key.value}" (first defined on line {first})',
                                key,
                                line_offset,
                            )
                        )
                    else:
                        seen[key.value] = key
                total += visit(key) + visit(value)
                if total > MAX_EXPANDED_NODES:
                    break
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += visit(item)
                if total > MAX_EXPANDED_NODES:
                    break
        sizes[id(node)] = total
        return total

    return visit(root)


def _check_depth(text: str, line_offset: int) -> Problem | None:
    """Refuse documents nested deeper than MAX_DEPTH before libyaml's recursive composer sees them.

    A cheap upper bound (every bracket opening a level, every indented column or `-` on a line
    another) clears ordinary manifests at once; only when it is exceeded is the event stream
    (which libyaml produces without recursion) read to measure the real depth.
    """
    bound = text.count("[") + text.count("{")
    if bound <= MAX_DEPTH:
        widest = 0
        for line in text.splitlines():
            stripped = line.lstrip(" -?:\t")
            widest = max(widest, len(line) - len(stripped))
        bound += widest
        if bound <= MAX_DEPTH:
            return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    row, column = (mark.line, mark.column) if mark is not None else (0, 0)
                    return Problem(
                        "input-limit-exceeded",
                        f"document is nested more than {MAX_DEPTH} levels deep; it was not checked",
                        row + 1 + line_offset,
                        column + 1,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
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
