"""Helpers for testing a rule's fix: the fixed text, and that nothing fixable is left."""

from __future__ import annotations

import textwrap

from dslint.fix import fix_text
from tests.helpers import lint


def fixed(text: str, rule: str, **kwargs: object) -> str:
    """`text` (dedented) after every fix `rule` offers, checking each was applied."""
    text = textwrap.dedent(text)
    offered = [d for d in lint(text, select=rule, **kwargs) if d.fix]  # type: ignore[arg-type]
    assert offered, f"{rule} offers no fix here"
    outcome = fix_text(text, offered)
    assert not outcome.refused, outcome.refused
    assert len(outcome.applied) == len(offered)
    left = [d for d in lint(outcome.text, select=rule, **kwargs) if d.fix]  # type: ignore[arg-type]
    assert left == [], f"still fixable after fixing: {left}"
    return outcome.text


def no_fix(text: str, rule: str, **kwargs: object) -> None:
    """`rule` flags `text` but offers no fix (there is no one right answer)."""
    found = lint(textwrap.dedent(text), select=rule, **kwargs)  # type: ignore[arg-type]
    assert found, f"{rule} does not flag this"
    assert [d.fix for d in found] == [()] * len(found)
