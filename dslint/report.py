"""What a run produced, in the shape every output format reads."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from dslint import __version__
from dslint.engine import Diagnostic, FileResult
from dslint.registry import Rule


@dataclass
class Report:
    results: list[FileResult]
    rules: list[Rule]  # the rules that ran
    version: str = __version__
    show_suppressed: bool = False
    color: bool = False
    statistics: bool = False
    root: str = field(default_factory=os.getcwd)  # relative paths in reports start here

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The diagnostics to show: suppressed ones only when asked for."""
        return [
            d
            for result in self.results
            for d in result.diagnostics
            if self.show_suppressed or d.suppressed is None
        ]

    def excerpt(self, file: str, line: int) -> str | None:
        for result in self.results:
            if result.file == file:
                return result.excerpts.get(line)
        return None

    @property
    def file_errors(self) -> list[str]:
        return [r.error for r in self.results if r.error]

    @property
    def files(self) -> int:
        return len(self.results)

    @property
    def daemonsets(self) -> int:
        return sum(r.daemonsets for r in self.results)

    @property
    def skipped_objects(self) -> int:
        return sum(r.skipped_objects for r in self.results)

    def counts_by_level(self) -> Counter[str]:
        return Counter(d.level for d in self.diagnostics if d.suppressed is None)

    def counts_by_rule(self) -> Counter[tuple[str, str]]:
        return Counter((d.code, d.name) for d in self.diagnostics if d.suppressed is None)

    def relative_path(self, file: str) -> str:
        """A POSIX path relative to the report root when the file lies below it."""
        if file.startswith("<"):
            return file
        absolute = os.path.abspath(file)
        relative = os.path.relpath(absolute, self.root)
        chosen = absolute if relative.startswith("..") else relative
        return chosen.replace(os.sep, "/")
