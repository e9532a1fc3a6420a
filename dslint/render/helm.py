"""Helm charts: render offline with Helm's own engine, then lint what it renders.

The engine is Helm's Go SDK behind the `helm-python-sdk` package (`pip install 'dslint[helm]'`):
no helm binary, no cluster, no network. A chart is a folder with `Chart.yaml` or a `.tgz`
archive; its vendored subcharts (folders or archives under `charts/`) render with it. A render
error (`required`, `fail`, a template that does not parse) is a finding on the file and line
Helm names, and costs no other chart its findings.
"""

from __future__ import annotations

import os
import re
import tarfile
from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml

from dslint.document import Document, parse_document
from dslint.engine import Linter
from dslint.render.chartmap import ChartMap, Template, ValuesSource, define_table
from dslint.render.options import RenderOptions
from dslint.render.origin import Origin, RenderedText, RenderProblem, lint_rendered
from dslint.render.outline import Define, Outline, scan
from dslint.results import FileResult
from dslint.source import SourceError, read_path

INSTALL_HINT = "pip install 'dslint[helm]'"
MAX_ARCHIVE_MEMBER_BYTES = 4 * 1024 * 1024
DEFAULT_RELEASE_NAME = "release-name"  # as `helm template` names it
DEFAULT_NAMESPACE = "default"
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".tpl", ".json", ".txt")
_ERROR_PLACE = re.compile(r"([\w.@+-]+(?:/[\w.@+-]+)*\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?")


class HelmUnavailable(Exception):
    """The Helm engine is not installed (or its library cannot be loaded)."""


def is_chart(path: str) -> bool:
    if os.path.isdir(path):
        return os.path.isfile(os.path.join(path, "Chart.yaml"))
    return path.endswith((".tgz", ".tar.gz")) and os.path.isfile(path)


class ChartFiles:
    """The files of a chart as written: folder or archive, with its subcharts under `charts/`."""

    def __init__(self, location: str, texts: dict[str, str], display: str) -> None:
        self.location = location  # the folder, or the archive
        self.texts = texts  # path inside the chart -> text (Chart.yaml, values.yaml, templates)
        self.display = display  # prefix for file names in findings
        self.metadata: dict[str, Any] = _yaml_mapping(texts.get("Chart.yaml", ""))
        self.name = str(self.metadata.get("name", os.path.basename(location)))
        self.subcharts: dict[str, ChartFiles] = {}

    def path(self, inner: str) -> str:
        return os.path.join(self.display, inner) if self.display else inner


def read_chart(location: str) -> ChartFiles:
    """The chart's own files (Chart.yaml, values.yaml, templates/) and its vendored subcharts."""
    if os.path.isdir(location):
        chart = ChartFiles(location, _folder_texts(location), location)
        charts_dir = os.path.join(location, "charts")
        entries = sorted(os.listdir(charts_dir)) if os.path.isdir(charts_dir) else []
        for entry in entries:
            sub_path = os.path.join(charts_dir, entry)
            if is_chart(sub_path):
                _add_subchart(chart, read_chart(sub_path))
        return chart
    return _read_archive(location)


def _add_subchart(parent: ChartFiles, sub: ChartFiles) -> None:
    names = {sub.name}
    for dependency in _dependencies(parent):
        if dependency.get("name") == sub.name and dependency.get("alias"):
            names.add(str(dependency["alias"]))
    for name in names:
        parent.subcharts[name] = sub


def _folder_texts(folder: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name in ("Chart.yaml", "values.yaml"):
        text = _read(os.path.join(folder, name))
        if text is not None:
            texts[name] = text
    templates = os.path.join(folder, "templates")
    for root, dirs, files in os.walk(templates, followlinks=False):
        dirs.sort()
        for file in sorted(files):
            if not file.endswith(_TEMPLATE_SUFFIXES):
                continue
            full = os.path.join(root, file)
            text = _read(full)
            if text is not None:
                texts[os.path.relpath(full, folder).replace(os.sep, "/")] = text
    return texts


def _read(path: str) -> str | None:
    try:
        return read_path(path).text
    except SourceError:
        return None


def _read_archive(archive: str) -> ChartFiles:
    """Read a packaged chart without unpacking it: each member as text, subcharts too."""
    by_top: dict[str, dict[str, str]] = {}
    nested: dict[str, list[tuple[str, bytes]]] = {}
    with tarfile.open(archive, "r:*") as bundle:
        for member in bundle:
            if not member.isfile() or member.size > MAX_ARCHIVE_MEMBER_BYTES:
                continue
            top, _, inner = member.name.partition("/")
            handle = bundle.extractfile(member)
            if handle is None:
                continue
            data = handle.read()
            parts = inner.split("/")
            if len(parts) >= 2 and parts[0] == "charts" and len(parts) == 2:
                nested.setdefault(top, []).append((inner, data))
                continue
            if len(parts) > 2 and parts[0] == "charts":
                continue  # an unpacked subchart inside an archive: rendered, not mapped
            by_top.setdefault(top, {})[inner] = data.decode("utf-8", "replace")
    top = next(iter(by_top), "")
    chart = ChartFiles(archive, by_top.get(top, {}), f"{archive}/{top}" if top else archive)
    return chart


def _yaml_mapping(text: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _dependencies(chart: ChartFiles) -> list[dict[str, Any]]:
    dependencies = chart.metadata.get("dependencies")
    if not isinstance(dependencies, list):
        return []
    return [d for d in dependencies if isinstance(d, dict) and isinstance(d.get("name"), str)]


class Values(NamedTuple):
    """The values a user gave: merged for Helm, and each file parsed for the line map."""

    merged: dict[str, Any]
    files: list[ValuesSource]  # highest precedence first
    problems: list[RenderProblem]


def user_values(options: RenderOptions, engine: Any) -> Values:
    merged: dict[str, Any] = {}
    files: list[ValuesSource] = []
    problems: list[RenderProblem] = []
    for file in options.values:
        try:
            source = read_path(file)
        except SourceError as error:
            problems.append(RenderProblem(Origin(file, 1, 1, 1, 2), f"cannot read values: {error}"))
            continue
        document = parse_document(source.text, every_problem=True)
        if document.problems or not isinstance(document.data, (dict, type(None))):
            first = document.problems[0] if document.problems else None
            line, column = (first.line, first.column) if first else (1, 1)
            message = first.message if first else "values must be a mapping"
            problems.append(
                RenderProblem(
                    Origin(file, line, column, line, column + 1), f"invalid values: {message}"
                )
            )
            continue
        _merge(merged, document.data or {})
        files.insert(0, ValuesSource(file, document, ()))
    for expression in options.set:
        try:
            _merge(merged, engine.parse_set_string(expression))
        except engine.HelmError as error:
            problems.append(
                RenderProblem(Origin("--set", 1, 1, 1, 2), f"--set {expression!r}: {error}")
            )
    return Values(merged, files, problems)


def _merge(into: dict[str, Any], values: dict[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def load_engine() -> Any:
    try:
        import helm_python
    except ImportError:
        raise HelmUnavailable(
            f"rendering a Helm chart needs the Helm engine: {INSTALL_HINT}"
        ) from None
    return helm_python


def lint_chart(linter: Linter, location: str, options: RenderOptions) -> list[FileResult]:
    """Render one chart with the options given and lint it; findings land in the chart's files."""
    try:
        engine = load_engine()
    except HelmUnavailable as error:
        return [FileResult(location, error=f"{location}: {error}")]
    try:
        chart = read_chart(location)
    except (OSError, tarfile.TarError) as error:
        return [FileResult(location, error=f"{location}: cannot read chart: {error}")]
    values = user_values(options, engine)
    if values.problems:  # Helm refuses to render without every values file and --set
        return lint_rendered(linter, [], _on_chart(chart, values.problems))
    problems: list[RenderProblem] = []
    try:
        with engine.Chart.load(location) as loaded:
            defaults = loaded.merge_values(values.merged)
            problems.extend(_missing_dependencies(chart, defaults))
            rendered: dict[str, str] = loaded.render(
                values.merged,
                name=options.release_name or DEFAULT_RELEASE_NAME,
                namespace=options.namespace or DEFAULT_NAMESPACE,
            )
    except engine.HelmLibraryError as error:
        return [FileResult(location, error=f"{location}: the Helm engine cannot run: {error}")]
    except engine.HelmError as error:
        problems.append(_render_error(chart, error))
        return lint_rendered(linter, [], problems, _all_texts(chart))
    pieces = list(_pieces(chart, rendered, values.files))
    return lint_rendered(linter, pieces, problems, _all_texts(chart))


def _on_chart(chart: ChartFiles, problems: list[RenderProblem]) -> list[RenderProblem]:
    chart_file = chart.path("Chart.yaml")
    return [
        p._replace(origin=Origin(chart_file, 1, 1, 1, 2)) if p.origin.file == "--set" else p
        for p in problems
    ]


def _missing_dependencies(chart: ChartFiles, values: dict[str, Any]) -> Iterator[RenderProblem]:
    """Dependencies that are switched on but not vendored under charts/ (Helm would refuse)."""
    for dependency in _dependencies(chart):
        name = dependency["name"]
        alias = str(dependency.get("alias") or name)
        if alias in chart.subcharts or name in chart.subcharts:
            continue
        if not _enabled(dependency, values):
            continue
        line = _line_of(chart.texts.get("Chart.yaml", ""), f"name: {name}")
        where = ", ".join(
            f"{key} {dependency[key]}" for key in ("version", "repository") if dependency.get(key)
        )
        yield RenderProblem(
            Origin(chart.path("Chart.yaml"), line, 1, line, 2),
            f"dependency {name!r} ({where}) is enabled but missing from charts/; "
            f"vendor it with `helm dependency build {chart.location}`",
        )


def _enabled(dependency: dict[str, Any], values: dict[str, Any]) -> bool:
    condition = dependency.get("condition")
    if isinstance(condition, str):
        for path in condition.split(","):
            node: Any = values
            for step in path.strip().split("."):
                node = node.get(step) if isinstance(node, dict) else None
            if isinstance(node, bool):
                return node
    tags = dependency.get("tags")
    if isinstance(tags, list) and tags:
        settings = values.get("tags") if isinstance(values.get("tags"), dict) else {}
        assert isinstance(settings, dict)
        chosen = [settings[tag] for tag in tags if isinstance(settings.get(tag), bool)]
        if chosen:
            return any(chosen)
    return True


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _render_error(chart: ChartFiles, error: Exception) -> RenderProblem:
    message = " ".join(str(error).split())
    place = _ERROR_PLACE.search(message)
    origin = Origin(chart.path("Chart.yaml"), 1, 1, 1, 2)
    if place:
        located = _locate_rendered_name(chart, place.group(1))
        if located is not None:
            line = int(place.group(2))
            column = int(place.group(3) or 1)
            origin = Origin(located, line, column, line, column + 1)
    return RenderProblem(origin, f"the chart could not be rendered: {message}")


def _locate_rendered_name(chart: ChartFiles, name: str) -> str | None:
    """The file behind a name Helm uses (`chart/charts/sub/templates/x.yaml`)."""
    parts = name.split("/")
    if not parts or parts[0] != chart.name:
        return None
    node = chart
    parts = parts[1:]
    while len(parts) > 2 and parts[0] == "charts":
        sub = node.subcharts.get(parts[1])
        if sub is None:
            return None
        node, parts = sub, parts[2:]
    inner = "/".join(parts)
    return node.path(inner) if inner in node.texts else None


def _all_texts(chart: ChartFiles) -> dict[str, str]:
    texts = {chart.path(inner): text for inner, text in chart.texts.items()}
    for sub in chart.subcharts.values():
        texts.update(_all_texts(sub))
    return texts


def _pieces(
    chart: ChartFiles, rendered: dict[str, str], user_files: list[ValuesSource]
) -> Iterator[RenderedText]:
    defines: list[Define] = []
    outlines: dict[str, list[Outline]] = {}
    values: dict[str, list[ValuesSource]] = {}
    _collect(chart, (), [*user_files], outlines, defines, values)
    chart_map = ChartMap(define_table(defines))
    for name in sorted(rendered):
        text = rendered[name]
        if name.endswith("NOTES.txt") or not text.strip():
            continue
        file = _locate_rendered_name(chart, name) or chart.path(name.partition("/")[2])
        template = Template(file, outlines.get(file, []), values.get(file, []))

        def locate(
            ordinal: int, document: Document, path: Any, at_key: bool, t: Template = template
        ) -> Origin:
            return chart_map.locate(t, ordinal, document, path, at_key)

        yield RenderedText(name, text, file, locate)


def _collect(
    chart: ChartFiles,
    prefix: tuple[str, ...],
    above: list[ValuesSource],
    outlines: dict[str, list[Outline]],
    defines: list[Define],
    values: dict[str, list[ValuesSource]],
) -> None:
    """Outlines and defines of every template, and each chart's values files, subcharts too."""
    own: list[ValuesSource] = [s._replace(prefix=(*s.prefix, *prefix)) for s in above]
    values_text = chart.texts.get("values.yaml")
    if values_text is not None:
        own.append(ValuesSource(chart.path("values.yaml"), parse_document(values_text), ()))
    for inner, text in chart.texts.items():
        if not inner.startswith("templates/"):
            continue
        file = chart.path(inner)
        documents, found = scan(text, file)
        outlines[file] = documents
        defines.extend(found)
        values[file] = own
    seen: set[int] = set()
    for alias, sub in chart.subcharts.items():
        if id(sub) in seen:
            continue
        seen.add(id(sub))
        parent_values = [s._replace(prefix=(*s.prefix, alias)) for s in own]
        _collect(sub, (), parent_values, outlines, defines, values)
