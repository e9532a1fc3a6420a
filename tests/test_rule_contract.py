"""Contract tests over every registered rule: identity, documentation, and docs that run."""

from __future__ import annotations

import re

import pytest

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.registry import CODE_PATTERN, NAME_PATTERN, Rule, load_registry

RULES = list(load_registry(plugins=False))
HEADINGS = ["## Why is this bad?", "## Example", "## Use instead", "## Options", "## References"]
# Rules whose example cannot be a manifest (they describe a failure of dslint itself).
NOT_PROVOKABLE = {"internal-error", "render-failed"}  # render-failed: tests/test_helm.py


def _yaml_block(doc: str, heading: str) -> str:
    section = doc.split(heading, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```ya?ml\n(.*?)```", section, re.DOTALL)
    assert match, f"no ```yaml block under {heading!r}"
    return match.group(1)


# Settings a rule's examples need, beyond selecting the rule.
EXAMPLE_SETTINGS: dict[str, dict[str, object]] = {
    "pod-security-violation": {"pod-security": "baseline"},
}


def _codes(rule: Rule, text: str) -> list[str]:
    settings = {"select": [rule.code], **EXAMPLE_SETTINGS.get(rule.name, {})}
    linter = Linter(parse_config(settings))
    return [d.code for d in linter.lint_text(text, "example.yaml").diagnostics]


def test_there_are_rules() -> None:
    assert len(RULES) >= 6


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_identity(rule: Rule) -> None:
    assert CODE_PATTERN.match(rule.code) and rule.code.startswith("DS")
    assert NAME_PATTERN.match(rule.name)
    module_file = rule.module.rsplit(".", 1)[-1]
    assert module_file == rule.name.replace("-", "_"), "file name is the snake_case of NAME"


def test_codes_and_names_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_doc_headings_in_order(rule: Rule) -> None:
    positions = [rule.doc.find(h) for h in HEADINGS]
    assert all(p > 0 for p in positions), f"missing heading in {rule.name}: {positions}"
    assert positions == sorted(positions)
    assert rule.summary and not rule.summary.startswith("#")


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.name not in NOT_PROVOKABLE], ids=lambda r: r.name
)
def test_example_is_flagged_and_use_instead_is_not(rule: Rule) -> None:
    assert rule.code in _codes(rule, _yaml_block(rule.doc, "## Example"))
    assert rule.code not in _codes(rule, _yaml_block(rule.doc, "## Use instead"))
