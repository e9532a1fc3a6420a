"""What a run produced, in the shape every output format reads.

A report can stream: the command line hands it a generator of per-file results, and a format that
walks `iter_results()` (or `iter_diagnostics()`) once renders each file as it is linted, so memory
does not grow with the number of files. Totals (`files`, `counts_by_level()`, ...) are exact once
the walk is over. A format that needs two passes reads `results` (or `diagnostics`), which keeps
every result in memory.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from dslint import __version__
from dslint.results import (
    Diagnostic,
    FileResult,
    ObjectRole,
    Replacement,
    RuleDescription,
    fix_key,
)


class Report:
    def __init__(
        self,
        results: Iterable[FileResult],
        rules: Sequence[RuleDescription],
        *,
        version: str = __version__,
        show_suppressed: bool = False,
        color: bool = False,
        statistics: bool = False,
        root: str | None = None,
        fail_on: str = "info",
    ) -> None:
        self.rules = rules  # the rules that ran
        self.version = version
        self.show_suppressed = show_suppressed
        self.color = color
        self.statistics = statistics
        self.fail_on = fail_on  # the lowest level that fails the run ("never": none does)
        self.root = root or os.getcwd()  # relative paths in reports start here
        self._pending: Iterator[FileResult] = iter(results)
        self._kept: list[FileResult] = []
        self._current: FileResult | None = None
        self._excerpt_index: dict[str, FileResult] | None = None
        self._files = 0
        self._daemonsets = 0
        self._skipped_objects = 0
        self._suppressed = 0
        self._fixed = 0
        self._templates = 0
        self._file_errors: list[str] = []
        self._levels: Counter[str] = Counter()
        self._rules: Counter[tuple[str, str]] = Counter()
        self._roles: list[tuple[str, ObjectRole]] = []  # (file, role) of every DaemonSet

    # --- walking ---------------------------------------------------------------------------------

    def _record(self, result: FileResult) -> None:
        self._files += 1
        self._daemonsets += result.daemonsets
        self._skipped_objects += result.skipped_objects
        self._fixed += result.fixed
        self._templates += result.template
        if result.error:
            self._file_errors.append(result.error)
        self._roles.extend((result.file, role) for role in result.roles)
        for d in result.diagnostics:
            if d.suppressed is None:
                self._levels[d.level] += 1
                self._rules[(d.code, d.name)] += 1
            else:
                self._suppressed += 1

    def iter_results(self) -> Iterator[FileResult]:
        """Each file's result once; results not yet kept are streamed and then dropped."""
        yield from list(self._kept)
        for result in self._pending:
            self._record(result)
            self._current = result
            yield result
        self._current = None

    def iter_diagnostics(self) -> Iterator[Diagnostic]:
        """The diagnostics to show, file by file: suppressed ones only when asked for."""
        for result in self.iter_results():
            for d in result.diagnostics:
                if self.show_suppressed or d.suppressed is None:
                    yield d

    def _finish(self) -> None:
        for result in self._pending:
            self._record(result)
            self._kept.append(result)

    @property
    def results(self) -> list[FileResult]:
        self._finish()
        return self._kept

    @property
    def diagnostics(self) -> list[Diagnostic]:
        self._finish()
        return list(self.iter_diagnostics())

    # --- totals (exact once the results have been walked) ---------------------------------------

    @property
    def files(self) -> int:
        self._finish()
        return self._files

    @property
    def daemonsets(self) -> int:
        self._finish()
        return self._daemonsets

    @property
    def skipped_objects(self) -> int:
        self._finish()
        return self._skipped_objects

    @property
    def suppressed(self) -> int:
        self._finish()
        return self._suppressed

    @property
    def fixed(self) -> int:
        self._finish()
        return self._fixed

    @property
    def templates(self) -> int:
        """Helm templates met outside their chart: left to the chart's render, not read as YAML."""
        self._finish()
        return self._templates

    @property
    def file_errors(self) -> list[str]:
        self._finish()
        return self._file_errors

    def counts_by_level(self) -> Counter[str]:
        """Unsuppressed findings per level."""
        self._finish()
        return self._levels

    def counts_by_rule(self) -> Counter[tuple[str, str]]:
        """Unsuppressed findings per (code, name)."""
        self._finish()
        return self._rules

    def roles(self) -> list[tuple[str, ObjectRole]]:
        """The role of every DaemonSet linted, with its file, in order."""
        self._finish()
        return self._roles

    def counts_by_role(self) -> Counter[str]:
        """DaemonSets per role (`none` for those of no known role)."""
        self._finish()
        return Counter(role.role for _, role in self._roles)

    # --- helpers for formats --------------------------------------------------------------------

    def role_of(self, d: Diagnostic) -> ObjectRole | None:
        """The role of the DaemonSet a diagnostic is about, once its file has been linted."""
        if d.object_name is None:
            return None
        result = (
            self._current if self._current is not None and self._current.file == d.file else None
        )
        candidates = (
            result.roles if result is not None else [r for f, r in self._roles if f == d.file]
        )
        return next((r for r in candidates if r.object_name == d.object_name), None)

    def rendered_excerpt(self, d: Diagnostic) -> str | None:
        """For a finding moved from rendered text (a chart, a layout): the rendered line."""
        result = self._result_of(d.file)
        return result.rendered.get((d.line, d.column, d.code, d.message)) if result else None

    def _result_of(self, file: str) -> FileResult | None:
        if self._current is not None and self._current.file == file:
            return self._current
        if self._excerpt_index is None or len(self._excerpt_index) != len(self._kept):
            self._excerpt_index = {result.file: result for result in self._kept}
        return self._excerpt_index.get(file)

    def excerpt(self, file: str, line: int) -> str | None:
        """The source line a diagnostic points at, for excerpts."""
        result = self._result_of(file)
        return result.excerpts.get(line) if result else None

    def replacements(self, diagnostic: Diagnostic) -> tuple[Replacement, ...]:
        """The text changes that fix a finding, where they were computed (for SARIF)."""
        result = self._result_of(diagnostic.file)
        return result.replacements.get(fix_key(diagnostic), ()) if result else ()

    def relative_path(self, file: str) -> str:
        """A POSIX path relative to the report root when the file lies below it."""
        if file.startswith("<"):
            return file
        absolute = os.path.abspath(file)
        relative = os.path.relpath(absolute, self.root)
        chosen = absolute if relative.startswith("..") else relative
        return chosen.replace(os.sep, "/")
