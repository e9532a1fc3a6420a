"""Render settings: `--values`, `--set`, `--release-name`, `--namespace`, and the config's `charts`.

The config file may hold the same settings per chart, keyed by the chart's path relative to the
config file:

    charts:
      charts/agent:
        values: [charts/agent/ci/test-values.yaml]
        set: [image.tag=1.2.3]
        release-name: agent
        namespace: monitoring

Paths in the config are relative to the config file; on the command line, to the working folder.
Command-line values files and `--set` come after the config's (so they win), and a release name
or namespace given on the command line replaces the config's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, NamedTuple

CHART_KEYS = frozenset({"values", "set", "release-name", "namespace"})


class RenderOptions(NamedTuple):
    values: tuple[str, ...] = ()
    set: tuple[str, ...] = ()
    release_name: str | None = None
    namespace: str | None = None

    def then(self, later: RenderOptions) -> RenderOptions:
        """These settings with `later`'s on top."""
        return RenderOptions(
            (*self.values, *later.values),
            (*self.set, *later.set),
            later.release_name or self.release_name,
            later.namespace or self.namespace,
        )


class RenderConfigError(ValueError):
    """A `charts` entry of the config that cannot be used; the message names the key."""


def parse_charts(raw: Any, where: str, base_dir: str) -> dict[str, RenderOptions]:
    """The config's `charts` mapping, keyed by absolute chart path."""
    if not isinstance(raw, Mapping):
        raise RenderConfigError(f"{where}: charts: expected a mapping of chart path to settings")
    charts: dict[str, RenderOptions] = {}
    for chart, settings in raw.items():
        key = f"{where}: charts.{chart}"
        if not isinstance(settings, Mapping):
            raise RenderConfigError(f"{key}: expected a mapping ({', '.join(sorted(CHART_KEYS))})")
        unknown = sorted(str(k) for k in settings if k not in CHART_KEYS)
        if unknown:
            raise RenderConfigError(
                f"{key}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(CHART_KEYS))})"
            )
        charts[os.path.abspath(os.path.join(base_dir, str(chart)))] = RenderOptions(
            tuple(
                os.path.join(base_dir, f) for f in _strings(settings.get("values"), key, "values")
            ),
            tuple(_strings(settings.get("set"), key, "set")),
            _string(settings.get("release-name"), key, "release-name"),
            _string(settings.get("namespace"), key, "namespace"),
        )
    return charts


def _strings(value: Any, key: str, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise RenderConfigError(f"{key}.{name}: expected a list of strings")


def _string(value: Any, key: str, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise RenderConfigError(f"{key}.{name}: expected a string")


def for_chart(
    charts: Mapping[str, RenderOptions], command_line: RenderOptions, chart: str
) -> RenderOptions:
    """The settings for one chart: the config's for its path, then the command line's."""
    configured = charts.get(os.path.abspath(chart), RenderOptions())
    return configured.then(command_line)
