"""Every rule that declares a fix shows it on its own example, and the fix settles."""

from __future__ import annotations

import pytest

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.fix import fix_text
from dslint.registry import Rule, load_registry
from tools.gen_rule_docs import _example

FIXABLE = [rule for rule in load_registry(plugins=False) if rule.fix is not None]
# Rules whose example shows the finding that has no single right answer (their fixes, for the
# cases that have one, are tested in tests/rules/).
EXAMPLE_HAS_NO_FIX = {
    "invalid-mount-propagation",
    "invalid-pod-os",
    "duplicate-env-var",
    "undeclared-probe-port",
    "deprecated-annotation",
    "invalid-resource-quantity",
    "sensitive-host-path",
    "on-delete-update-strategy",
}


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda rule: rule.name)
def test_the_fix_changes_the_example_and_leaves_nothing_to_fix(rule: Rule) -> None:
    example = _example(rule.doc)
    assert example is not None
    linter = Linter(parse_config({"select": [rule.code]}))
    offered = [d for d in linter.lint_text(example, "example.yaml").diagnostics if d.fix]
    if rule.name in EXAMPLE_HAS_NO_FIX:
        assert offered == []
        return
    assert offered, f"{rule.name}: its example shows no fixable finding"
    outcome = fix_text(example, offered)
    assert outcome.refused == [] and outcome.text != example
    again = linter.lint_text(outcome.text, "example.yaml").diagnostics
    assert [d for d in again if d.fix] == []
    assert fix_text(outcome.text, again).text == outcome.text  # a second fix changes nothing
