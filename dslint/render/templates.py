"""Telling a Helm template from a manifest without rendering it.

A file under a `templates/` folder whose text holds `{{` is a Helm template: it is not YAML until
Helm renders it (`{{ .Values.x }}` alone on a line is a syntax error, and quoted actions give
false findings). Met alone, in a folder walk or named by pre-commit, it is left to its chart:
`dslint lint CHART_DIR` renders it and places the findings on its lines.
"""

from __future__ import annotations

import os


def is_helm_template(path: str, text: str) -> bool:
    parts = os.path.normpath(path).replace(os.sep, "/").split("/")
    return "templates" in parts[:-1] and "{{" in text
