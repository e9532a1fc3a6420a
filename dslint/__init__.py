"""dslint: an offline linter and static analyzer for Kubernetes DaemonSet manifests.

Library use (no CLI framework imported):

    from dslint import lint_text
    result = lint_text(open("ds.yaml").read(), "ds.yaml")
    for diagnostic in result.diagnostics: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dslint.engine import lint_paths, lint_text

__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    # Imported on first use so that `dslint --version` and the CLI start fast.
    if name in ("lint_text", "lint_paths"):
        from dslint import engine

        return getattr(engine, name)
    raise AttributeError(name)
