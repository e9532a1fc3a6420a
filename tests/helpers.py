"""Shared helpers for tests: lint a YAML string and get compact `line:col name` strings."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from dslint.config import INPUT_PROBLEM_RULES, Config, parse_config
from dslint.engine import Linter
from dslint.results import Diagnostic

# The shared data lies next to the repository; DSLINT_SHARED names it when it lies elsewhere.
SHARED = Path(os.environ.get("DSLINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
REAL_WORLD = SHARED / "corpus" / "real-world"


def lint(
    text: str,
    *,
    config: dict[str, object] | None = None,
    select: str | None = None,
    filename: str = "test.yaml",
) -> list[Diagnostic]:
    """Lint a YAML string (dedented) and return its unsuppressed diagnostics.

    `select` runs only the named rule (code or name), so a rule's test sees only its own findings.
    """
    settings: dict[str, object] = dict(config or {})
    if select is not None:
        settings["select"] = [select]
    parsed: Config = parse_config(settings) if settings else Config()
    result = Linter(parsed).lint_text(textwrap.dedent(text), filename)
    shown = [d for d in result.diagnostics if d.suppressed is None]
    if select is None:
        return shown
    # Input problems run whatever is selected; a rule's test leaves them out unless asked.
    return [d for d in shown if d.name not in INPUT_PROBLEM_RULES or _selects(select, d)]


def _selects(selector: str, d: Diagnostic) -> bool:
    return selector.upper() == "ALL" or selector == d.name or d.code.startswith(selector.upper())


def findings(text: str, rule: str, **kwargs: object) -> list[str]:
    """`["12:18 latest-image-tag", ...]` for one rule's findings on the text."""
    return [f"{d.line}:{d.column} {d.name}" for d in lint(text, select=rule, **kwargs)]  # type: ignore[arg-type]


def messages(text: str, rule: str, **kwargs: object) -> list[str]:
    return [d.message for d in lint(text, select=rule, **kwargs)]  # type: ignore[arg-type]


def levels(text: str, rule: str, **kwargs: object) -> list[str]:
    return [d.level for d in lint(text, select=rule, **kwargs)]  # type: ignore[arg-type]


def rule_module(summary: str, code: str, name: str, body: str) -> str:
    """The text of a small rule module for tests that load rules from a folder: a docstring
    with every heading the rule contract asks for, the declarations, then `body` (its imports and
    `check`)."""
    return (
        f'"""{summary}.\n\n## Why is this bad?\nIt is a test of isolation.\n\n'
        "## Example\n```yaml\nkind: DaemonSet\n```\n\n"
        "## Use instead\n```yaml\nkind: DaemonSet\n```\n\n"
        '## Options\nNone.\n\n## References\n- dslint\'s engine.\n"""\n'
        f'CODE = "{code}"\nNAME = "{name}"\nLEVEL = "warning"\nENABLED = True\n'
        'KINDS = ("DaemonSet",)\nFIX = False\n\n' + textwrap.dedent(body)
    )
