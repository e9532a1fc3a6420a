"""Output formats: each module has `render(report, out)`. Modules load only when chosen."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from dslint.report import Report

Renderer = Callable[["Report", TextIO], None]

FORMATS: dict[str, str] = {
    "text": "dslint.formats.text",
    "json": "dslint.formats.json",
    "sarif": "dslint.formats.sarif",
    "concise": "dslint.formats.concise",
    "github": "dslint.formats.github",
    "gitlab": "dslint.formats.gitlab",
    "junit": "dslint.formats.junit",
}


def get_renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    renderer: Renderer = module.render
    return renderer
