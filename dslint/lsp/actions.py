"""Code actions: a finding's fix, suppression comments, and fixing every finding at once.

For each finding under the cursor:
- "Fix ..." applies the rule's fix (marked unsafe where it changes what the object does);
- "Disable <rule> for this line" inserts `# dslint: disable-next-line=<rule>` above the line,
  at that line's indentation (or adds the rule to such a comment already there);
- "Disable <rule> for this file" inserts `# dslint: disable-file=<rule>` on the first line
  (or adds the rule to such a comment already there).
`source.fixAll.dslint` (and the `dslint.fixAll` command) applies every safe fix, for fix-on-save.

Each edit is the smallest replacement that turns the text into the fixed text, so the client
keeps its cursor and undo history elsewhere. A suppression comment is offered only where it
reads back as a comment that mutes the finding and leaves the data as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml
from lsprotocol import types

from dslint import suppress
from dslint.fix import fix_text
from dslint.lsp.text import TextIndex, minimal_edit
from dslint.registry import Registry
from dslint.results import Diagnostic

FIX_ALL_KIND = "source.fixAll.dslint"
FIX_ALL_COMMAND = "dslint.fixAll"
_NEXT_LINE = re.compile(r"^(?P<indent>[ \t]*)#\s*dslint:\s*disable-next-line=(?P<rules>[\w,\- ]+)$")
_FILE = re.compile(r"^#\s*dslint:\s*disable-file=(?P<rules>[\w,\- ]+)$")

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def _overlaps(a: types.Range, b: types.Range) -> bool:
    a_start, a_end = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b_start, b_end = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a_start <= b_end and b_start <= a_end


def _workspace_edit(uri: str, version: int, edit: types.TextEdit) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri, version),
                edits=[edit],
            )
        ]
    )


def safety_of(registry: Registry | None, diagnostic: Diagnostic) -> str | None:
    rule = registry.get(diagnostic.code) if registry is not None else None
    return rule.fix if rule is not None else None


class ActionContext:
    """One document version, what its lint found, and the client's position encoding."""

    def __init__(
        self,
        uri: str,
        version: int,
        text: str,
        encoding: str,
        found: Sequence[tuple[Diagnostic, types.Diagnostic]],
        registry: Registry | None,
    ) -> None:
        self.uri = uri
        self.version = version
        self.text = text
        self.index = TextIndex(text, encoding)
        self.found = found
        self.registry = registry

    def _action(
        self,
        title: str,
        kind: str,
        new_text: str,
        diagnostic: types.Diagnostic | None = None,
        preferred: bool = False,
    ) -> types.CodeAction | None:
        edit = minimal_edit(self.text, new_text, self.index)
        if edit is None:
            return None
        return types.CodeAction(
            title=title,
            kind=kind,
            diagnostics=[diagnostic] if diagnostic is not None else None,
            is_preferred=preferred or None,
            edit=_workspace_edit(self.uri, self.version, edit),
        )

    def actions(self, wanted: types.Range, only: Iterable[str] | None) -> list[types.CodeAction]:
        kinds = list(only) if only else None

        def asked(kind: str) -> bool:
            return kinds is None or any(kind == k or kind.startswith(k + ".") for k in kinds)

        found: list[types.CodeAction | None] = []
        if asked(types.CodeActionKind.QuickFix):
            for diagnostic, published in self.found:
                if _overlaps(published.range, wanted):
                    found += [
                        self.fix_one(diagnostic, published),
                        self.disable_line(diagnostic, published),
                        self.disable_file(diagnostic, published),
                    ]
        if asked(FIX_ALL_KIND):
            found.append(self.fix_all())
        return [action for action in found if action is not None]

    def fix_one(
        self, diagnostic: Diagnostic, published: types.Diagnostic
    ) -> types.CodeAction | None:
        safety = safety_of(self.registry, diagnostic)
        if not diagnostic.fix or safety is None:
            return None
        outcome = fix_text(self.text, [diagnostic])
        if not outcome.applied:
            return None
        note = "" if safety == "safe" else " (unsafe: changes what the object does)"
        return self._action(
            f"Fix {diagnostic.code} {diagnostic.name}{note}",
            types.CodeActionKind.QuickFix,
            outcome.text,
            published,
            preferred=safety == "safe",
        )

    def fixed_text(self) -> str:
        """The text with every safe fix applied."""
        safe = [d for d, _ in self.found if d.fix and safety_of(self.registry, d) == "safe"]
        return fix_text(self.text, safe).text if safe else self.text

    def fix_all(self) -> types.CodeAction | None:
        return self._action(
            "Fix all safely fixable dslint findings", FIX_ALL_KIND, self.fixed_text()
        )

    def fix_all_edit(self) -> types.WorkspaceEdit | None:
        edit = minimal_edit(self.text, self.fixed_text(), self.index)
        return _workspace_edit(self.uri, self.version, edit) if edit is not None else None

    def disable_line(
        self, diagnostic: Diagnostic, published: types.Diagnostic
    ) -> types.CodeAction | None:
        line = published.range.start.line
        starts = self.index.lsp_starts
        line_start = starts[line]
        content = self.index.line_text(line)
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        above = self.index.line_text(line - 1) if line > 0 else ""
        existing = _NEXT_LINE.match(above)
        if existing is not None and existing["indent"] == indent:
            above_start = starts[line - 1]
            new_text = (
                self.text[: above_start + len(above)]
                + f",{diagnostic.name}"
                + self.text[above_start + len(above) :]
            )
            shift = 0
        else:
            comment = f"{indent}# dslint: disable-next-line={diagnostic.name}{self._break()}"
            new_text = self.text[:line_start] + comment + self.text[line_start:]
            shift = 1
        if not _mutes(self.text, new_text, diagnostic, shift):
            return None
        return self._action(
            f"Disable {diagnostic.name} for this line",
            types.CodeActionKind.QuickFix,
            new_text,
            published,
        )

    def disable_file(
        self, diagnostic: Diagnostic, published: types.Diagnostic
    ) -> types.CodeAction | None:
        first = self.index.line_text(0)
        existing = _FILE.match(first)
        if existing is not None:
            new_text = first + f",{diagnostic.name}" + self.text[len(first) :]
            shift = 0
        else:
            new_text = f"# dslint: disable-file={diagnostic.name}{self._break()}{self.text}"
            shift = 1
        if not _mutes(self.text, new_text, diagnostic, shift):
            return None
        return self._action(
            f"Disable {diagnostic.name} for this file",
            types.CodeActionKind.QuickFix,
            new_text,
            published,
        )

    def _break(self) -> str:
        """The line break the document already uses."""
        match = re.search(r"\r\n|\r|\n", self.text)
        return match.group() if match else "\n"


def _data(text: str) -> Any:
    try:
        return list(yaml.load_all(text, Loader=_Loader))
    except yaml.YAMLError:
        return _Unreadable


class _Unreadable:
    """The data of a text that does not parse."""


def _mutes(old: str, new: str, diagnostic: Diagnostic, shift: int) -> bool:
    """Whether `new` holds a comment that mutes `diagnostic` and the same data as `old`."""
    moved = diagnostic._replace(line=diagnostic.line + shift, end_line=diagnostic.end_line + shift)
    if suppress.parse_comments(new).reason_for(moved) is None:
        return False
    before = _data(old)
    return before is not _Unreadable and before == _data(new)
