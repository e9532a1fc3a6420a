"""Where in a chart a rendered value was written: the template line, a helper, a values file.

For a key path of a rendered object, the deepest part of it that a template writes as a key is
looked up in the template's outline (see outline.py). When the whole path is written there, that
line is the origin, at the `{{ ... }}` expression when the value is one. When only a part is, the
rest was written by an action below that key: an `include` (the path goes on in the named
template's `define`, in `_helpers.tpl` or wherever it is), or a `toYaml` of a value (the path
goes on in the values files, highest precedence first, where the value there equals the rendered
one). When neither tells more, the deepest key the template writes is the origin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from dslint.document import Document
from dslint.render.origin import Origin, existing_part, value_at
from dslint.render.outline import Define, Entry, Expander, KeyPath, Outline, included, values_refs

MAX_INCLUDE_DEPTH = 8


class ValuesSource(NamedTuple):
    """A values file, and where the values of the chart being mapped start in it."""

    file: str
    document: Document
    prefix: tuple[str, ...]


class Template(NamedTuple):
    """A template file of a chart: where it is, its outlines, and its chart's values files."""

    file: str
    outlines: list[Outline]
    values: Sequence[ValuesSource]  # highest precedence first


class ChartMap:
    """Maps paths of rendered objects back into the files of one chart (and its subcharts)."""

    def __init__(self, defines: dict[str, list[Outline]]) -> None:
        self.defines = defines

    def locate(
        self, template: Template, ordinal: int, document: Document, path: KeyPath, at_key: bool
    ) -> Origin:
        data = document.data
        for outline in _candidates(template.outlines, data, ordinal):
            found = self._resolve(template, outline, path, data, (), 0, at_key)
            if found is not None:
                return found
        return _fallback(template, data)

    def _resolve(
        self,
        template: Template,
        outline: Outline,
        path: KeyPath,
        data: Any,
        base: KeyPath,
        depth: int,
        at_key: bool = False,
    ) -> Origin | None:
        for size in range(len(path), -1, -1):
            prefix, rest = path[:size], path[size:]
            entries = _best_entries(outline, prefix, data, base) if size else []
            if size and not entries:
                continue
            if not rest:
                return _entry_origin(outline.file, entries[0], at_value=not at_key)
            for expander in outline.expanders.get(entries[0][0] if entries else (), []):
                found = self._expand(
                    template, expander, rest, data, (*base, *prefix), depth, at_key
                )
                if found is not None:
                    return found
            if entries:
                return _entry_origin(outline.file, entries[0], at_value=False)
            return None
        return None

    def _expand(
        self,
        template: Template,
        expander: Expander,
        rest: KeyPath,
        data: Any,
        base: KeyPath,
        depth: int,
        at_key: bool,
    ) -> Origin | None:
        if depth < MAX_INCLUDE_DEPTH:
            for name in included(expander.action):
                for outline in self.defines.get(name, []):
                    found = self._resolve(template, outline, rest, data, base, depth + 1, at_key)
                    if found is not None:
                        return found
        rendered = value_at(data, (*base, *rest))
        for ref in values_refs(expander.action, expander.dot):
            for source in template.values:
                found = _in_values(source, (*ref, *rest), rendered)
                if found is not None:
                    return found
        return None


def _candidates(outlines: list[Outline], data: Any, ordinal: int) -> list[Outline]:
    """The template documents that may have produced this one, the likeliest first."""
    kind = data.get("kind") if isinstance(data, dict) else None
    same_kind = [o for o in outlines if o.kind == kind]
    chosen = same_kind or [o for o in outlines if o.kind is None] or list(outlines)
    if len(chosen) > 1:
        index = min(ordinal, len(chosen) - 1)
        chosen = [chosen[index], *chosen[:index], *chosen[index + 1 :]]
    return chosen + [o for o in outlines if o not in chosen]


def _best_entries(
    outline: Outline, prefix: KeyPath, data: Any, base: KeyPath
) -> list[tuple[KeyPath, Entry]]:
    """Entries written at this path, best first: item numbers, item names and values agreeing."""
    scored: list[tuple[int, int, KeyPath, Entry]] = []
    rendered = value_at(data, (*base, *prefix))
    for path, entries in outline.matching(prefix):
        score = 0
        for index, step in enumerate(prefix):
            if not isinstance(step, int):
                continue
            if path[index] == step:
                score += 1
            item = value_at(data, (*base, *prefix[: index + 1]))
            name = item.get("name") if isinstance(item, dict) else None
            written = outline.entries.get((*path[: index + 1], "name"), [])
            if isinstance(name, str) and written:
                if not any(_value_matches(entry, name) for entry in written):
                    score = -1  # another item, written with another name
                    break
                if any(not entry.actions for entry in written):
                    score += 10
        if score < 0:
            continue
        for entry in entries:
            bonus = 5 if _value_matches(entry, rendered) else 0
            scored.append((score + bonus, -entry.line, path, entry))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(path, entry) for _, _, path, entry in scored]


def _value_matches(entry: Entry, rendered: Any) -> bool:
    """Whether a value as written (actions as wildcards) can have produced the rendered one."""
    if isinstance(rendered, (dict, list)) or rendered is None or not entry.value:
        return False
    import re

    written = entry.value.strip()
    if written[:1] in "\"'" and written[-1:] == written[:1]:
        written = written[1:-1]
    pattern = ".*".join(re.escape(part) for part in re.split(r"\{\{.*?\}\}", written))
    text = rendered if isinstance(rendered, str) else str(rendered).lower()
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def _entry_origin(file: str, found: tuple[KeyPath, Entry], at_value: bool) -> Origin:
    entry = found[1]
    if at_value and entry.value_column:
        return Origin(file, entry.line, entry.value_column, entry.line, entry.value_end_column)
    return Origin(file, entry.line, entry.column, entry.line, entry.end_column)


def _in_values(source: ValuesSource, path: KeyPath, rendered: Any) -> Origin | None:
    document = source.document
    full = (*source.prefix, *path)
    if document.data is None or existing_part(full, document.data) != full:
        return None
    written = value_at(document.data, full)
    if not isinstance(written, (dict, list)) and written != rendered:
        return None  # overridden by a file or a --set of higher precedence
    region = document.locate(full, at_key=True)
    return Origin(source.file, region.line, region.column, region.end_line, region.end_column)


def _fallback(template: Template, data: Any) -> Origin:
    for outline in template.outlines:
        for entry in outline.entries.get(("kind",), []):
            return Origin(template.file, entry.line, entry.column, entry.line, entry.end_column)
    return Origin(template.file, 1, 1, 1, 2)


def define_table(defines: Sequence[Define]) -> dict[str, list[Outline]]:
    table: dict[str, list[Outline]] = {}
    for define in defines:
        table.setdefault(define.name, []).append(define.outline)
    return table
