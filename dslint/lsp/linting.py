"""One lint of one version of an open document, run in a worker thread off the event loop.

Typing changes one document of a stream at a time, so the results of each document are kept by
its text and reused while it is unchanged (moved to the lines it now starts at). A lint that a
newer version makes stale stops at the next document of the stream rather than running to the
end. Documents over the configured size limit are not parsed, exactly as the CLI does not read
such a file: they get one `input-limit-exceeded` finding.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

from lsprotocol import types

from dslint.config import Config
from dslint.engine import Linter
from dslint.lsp.documents import OpenDocument
from dslint.lsp.settings import Configurations
from dslint.lsp.text import TextIndex
from dslint.registry import Registry
from dslint.results import INPUT_LIMIT_EXCEEDED, Diagnostic, DocumentResult, ObjectResult
from dslint.source import Source

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
CACHED_DOCUMENTS = 2_000  # per configuration: documents of the streams open in the editor
CONFIG_ERROR_CODE = "config-error"


class Stale(Exception):
    """A newer version of the document arrived; this lint's result would be thrown away."""


def _shift(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    return diagnostic._replace(line=diagnostic.line + lines, end_line=diagnostic.end_line + lines)


def _moved(result: DocumentResult, lines: int) -> DocumentResult:
    """A document's result as if the document started `lines` further down."""
    if lines == 0:
        return result
    moved = DocumentResult(result.counted, [_shift(d, lines) for d in result.problems])
    moved.objects = [
        ObjectResult(
            obj.daemonset,
            obj.name,
            tuple(_shift(d, lines) for d in obj.diagnostics),
            obj.line + lines,
            obj.column,
        )
        for obj in result.objects
    ]
    return moved


class EditorLinter(Linter):
    """A linter that reuses unchanged documents and stops when told its work is stale."""

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self._documents: OrderedDict[tuple[str, str], DocumentResult] = OrderedDict()
        self.stale: Callable[[], bool] = lambda: False

    def lint_document(
        self, file: str, text: str, line_offset: int, partial: bool = False
    ) -> DocumentResult:
        if self.stale():
            raise Stale
        key = (file, text)
        result = self._documents.get(key)
        if result is None:
            result = super().lint_document(file, text, 0, partial)
            self._documents[key] = result
            if len(self._documents) > CACHED_DOCUMENTS:
                self._documents.popitem(last=False)
        else:
            self._documents.move_to_end(key)
        return _moved(result, line_offset)


class Outcome(NamedTuple):
    """What a lint of one version produced, ready to publish."""

    uri: str
    version: int
    diagnostics: list[Diagnostic]  # dslint's, unsuppressed, in order
    published: list[types.Diagnostic]  # the same in LSP terms (plus a config error, if any)
    error: str | None  # the configuration is invalid
    notice: str | None  # something in the configuration was left out
    seconds: float  # how long the lint took
    registry: Registry | None  # the rules the lint ran, for their docs


def _over_limit(text: str, limit: int) -> str | None:
    """The reason a document is not checked, when it is larger than the configured limit."""
    # A code point takes at least one byte and at most four: encode only when it matters.
    if len(text) <= limit // 4:
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return (
        f"document is {size} bytes, over the limit of {limit} bytes; it was not checked "
        "(raise the limit with max-file-size in the config)"
    )


def lint_version(
    configurations: Configurations,
    document: OpenDocument,
    encoding: str,
    stale: Callable[[], bool],
) -> Outcome:
    """Lint `document` as it is now (runs in the worker thread)."""
    started = time.perf_counter()
    choice = configurations.choose(document.path, EditorLinter)
    index = TextIndex(document.text, encoding)
    if choice.linter is None:
        message = f"dslint is not checking this file: invalid configuration: {choice.error}"
        error = top_of_file_diagnostic(index, CONFIG_ERROR_CODE, message)
        return Outcome(document.uri, document.version, [], [error], choice.error, None, 0.0, None)
    linter: EditorLinter = choice.linter
    diagnostics: list[Diagnostic] = []
    published: list[types.Diagnostic] = []
    if not linter.config.is_excluded(document.path):
        reason = _over_limit(document.text, linter.config.max_file_bytes)
        source = Source(document.path, "" if reason else document.text, reason)
        linter.stale = stale
        try:
            result = linter.lint_source(source)
        finally:
            linter.stale = lambda: False
        diagnostics = [d for d in result.diagnostics if d.suppressed is None]
        if result.error is not None:  # not read, and the rule that reports it is off
            error = top_of_file_diagnostic(index, INPUT_LIMIT_EXCEEDED, result.error)
            published.append(error)
    published[:0] = [to_lsp(d, index, linter) for d in diagnostics]
    seconds = time.perf_counter() - started
    return Outcome(
        document.uri,
        document.version,
        diagnostics,
        published,
        None,
        choice.notice,
        seconds,
        linter.registry,
    )


def to_lsp(d: Diagnostic, index: TextIndex, linter: Linter) -> types.Diagnostic:
    rule = linter.registry.get(d.code)
    help_uri = rule.help_uri if rule is not None else None
    return types.Diagnostic(
        range=index.dslint_range(d.line, d.column, d.end_line, d.end_column),
        severity=SEVERITIES[d.level],
        code=d.code,
        code_description=types.CodeDescription(href=help_uri) if help_uri else None,
        source="dslint",
        message=f"{d.message} [{d.name}]",
        data={"name": d.name, "pointer": d.pointer},
    )


def top_of_file_diagnostic(index: TextIndex, code: str, message: str) -> types.Diagnostic:
    """An error about the whole file (an invalid configuration, a file not read), on line 1."""
    first_line = index.line_text(0)
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(0, 0),
            end=types.Position(0, index.position(len(first_line)).character),
        ),
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source="dslint",
        message=message,
    )
