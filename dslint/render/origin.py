"""Linting rendered text and placing each finding where the user wrote the value.

A renderer hands over rendered texts, each with a function that maps a key path of one of its
documents to an origin: a file and a line. The texts are linted exactly like files; each finding
is then moved to the origin of its path (the deepest part of it that exists in the rendered
document), and the rendered line is kept beside it for the text output. Fixes are dropped: the
rendered text is not the file the user edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dslint.document import Document, parse_document, split_documents
from dslint.engine import Linter
from dslint.render.outline import KeyPath
from dslint.results import Diagnostic, FileResult
from dslint.source import Source, SourceError, read_path

RENDER_FAILED = "render-failed"


class Origin(NamedTuple):
    """A place in a file the user wrote (1-based; the end column is exclusive)."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int


# (which document of the text, counting only non-empty ones; the document; the path in it;
# whether the finding is about the key rather than its value) -> where it was written
Mapper = Callable[[int, Document, KeyPath, bool], Origin]


class RenderedText(NamedTuple):
    """One rendered text, the file its objects are counted against, and how to map it back."""

    name: str  # how the renderer names it (chart/templates/x.yaml), used in messages
    text: str
    home: str  # the file that produced it: its documents and DaemonSets are counted there
    locate: Mapper


class RenderProblem(NamedTuple):
    """A chart or layout that could not be rendered (or only in part), and where to say so."""

    origin: Origin
    message: str


def rendered_key(diagnostic: Diagnostic) -> tuple[int, int, str, str]:
    """How a moved finding's rendered line is found again (several may share a template line)."""
    return (diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)


def parse_pointer(pointer: str, data: Any) -> KeyPath:
    """The steps of a JSON pointer, numbers where the data holds a list."""
    steps: list[str | int] = []
    node = data
    for raw in pointer.split("/")[1:] if pointer else []:
        step: str | int = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and isinstance(step, str) and step.isdigit():
            step = int(step)
        steps.append(step)
        node = _child(node, step)
    return tuple(steps)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def existing_part(path: KeyPath, data: Any) -> KeyPath:
    """The longest start of a path that exists in the data (where the finding was placed)."""
    node = data
    for index, step in enumerate(path):
        child = _child(node, step)
        if child is None and not (isinstance(node, dict) and step in node):
            return path[:index]
        node = child
    return path


def value_at(data: Any, path: Iterable[str | int]) -> Any:
    node = data
    for step in path:
        node = _child(node, step)
        if node is None:
            return None
    return node


def path_at_line(document: Document, line: int) -> KeyPath:
    """The path of the deepest key or item that starts on a line of the document."""
    best: KeyPath = ()
    stack: list[tuple[Node, KeyPath]] = [(document.root, ())] if document.root else []
    target = line - 1 - document.line_offset
    while stack:
        node, path = stack.pop()
        children: list[tuple[Node, Node | None, str | int]] = []
        if isinstance(node, MappingNode):
            children = [
                (value, key, key.value) for key, value in node.value if isinstance(key, ScalarNode)
            ]
        elif isinstance(node, SequenceNode):
            children = [(item, None, index) for index, item in enumerate(node.value)]
        for child, key, step in children:
            start = (key or child).start_mark.line
            if start > target:
                continue
            if start == target:
                best = (*path, step) if len(path) + 1 > len(best) else best
            if child.end_mark.line >= target:
                stack.append((child, (*path, step)))
    return best


def lint_rendered(
    linter: Linter,
    pieces: Iterable[RenderedText],
    problems: Iterable[RenderProblem] = (),
    texts: dict[str, str] | None = None,
) -> list[FileResult]:
    """Lint rendered texts; one result per file the findings and objects were placed in."""
    results: dict[str, FileResult] = {}
    file_texts = dict(texts or {})

    def result_for(file: str) -> FileResult:
        if file not in results:
            results[file] = FileResult(file)
        return results[file]

    for piece in pieces:
        rendered = linter.lint_source(Source(piece.name, piece.text))
        home = result_for(piece.home)
        home.documents += rendered.documents
        home.daemonsets += rendered.daemonsets
        home.skipped_objects += rendered.skipped_objects
        home.objects.extend(rendered.objects)
        home.roles.extend(rendered.roles)
        if rendered.error:
            home.error = rendered.error
        if not rendered.diagnostics:
            continue
        documents = _documents(piece.text)
        rendered_lines = piece.text.splitlines()
        for diagnostic in rendered.diagnostics:
            origin = _origin(piece, documents, diagnostic)
            moved = diagnostic._replace(
                file=origin.file,
                line=origin.line,
                column=origin.column,
                end_line=origin.end_line,
                end_column=origin.end_column,
                fix=(),
            )
            target = result_for(origin.file)
            target.diagnostics.append(moved)
            if 0 < diagnostic.line <= len(rendered_lines):
                target.rendered[rendered_key(moved)] = (
                    f"{piece.name}:{diagnostic.line}: {rendered_lines[diagnostic.line - 1].strip()}"
                )
    for problem in problems:
        result = result_for(problem.origin.file)
        found = _problem(linter, problem)
        if found is None:
            result.error = f"{problem.origin.file}:{problem.origin.line}: {problem.message}"
        else:
            result.diagnostics.append(found)
    for file, result in results.items():
        result.diagnostics.sort(key=Diagnostic.sort_key)
        if not result.diagnostics:
            continue
        lines = _text_of(file, file_texts).splitlines()
        for diagnostic in result.diagnostics:
            if 0 < diagnostic.line <= len(lines):
                result.excerpts[diagnostic.line] = lines[diagnostic.line - 1]
    return [results[file] for file in sorted(results)]


def _documents(text: str) -> list[Document]:
    documents = []
    for index, (offset, chunk) in enumerate(split_documents(text)):
        documents.append(parse_document(chunk, index, offset))
    return documents


def _origin(piece: RenderedText, documents: list[Document], diagnostic: Diagnostic) -> Origin:
    document = documents[0]
    ordinal = 0
    counted = -1
    for candidate in documents:
        if candidate.root is not None:
            counted += 1
        if candidate.line_offset < diagnostic.line:
            document = candidate
            ordinal = max(counted, 0)
    if document.data is None:
        return piece.locate(ordinal, document, (), True)
    if diagnostic.pointer:
        path = existing_part(parse_pointer(diagnostic.pointer, document.data), document.data)
    else:
        path = path_at_line(document, diagnostic.line)
    key = document.locate(path, at_key=True)
    at_key = (key.line, key.column) == (diagnostic.line, diagnostic.column)
    return piece.locate(ordinal, document, path, at_key)


def _problem(linter: Linter, problem: RenderProblem) -> Diagnostic | None:
    active = linter.active_by_name.get(RENDER_FAILED)
    if active is None:
        return None
    origin = problem.origin
    return Diagnostic(
        origin.file,
        origin.line,
        origin.column,
        origin.end_line,
        origin.end_column,
        active.rule.code,
        active.rule.name,
        active.level,
        problem.message,
    )


def _text_of(file: str, texts: dict[str, str]) -> str:
    if file not in texts:
        try:
            texts[file] = read_path(file).text
        except SourceError:
            texts[file] = ""
    return texts[file]
