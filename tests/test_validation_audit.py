"""The validation coverage table in docs/schemas.md matches its data, and every covered row is
shown by linting its example."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dslint.registry import load_registry
from tests.helpers import lint
from tests.rules.pod_template import daemonset

TOOL = Path(__file__).resolve().parents[1] / "tools" / "gen_validation_table.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_validation_table", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_validation_table"] = module
    spec.loader.exec_module(module)
    return module


gen = _load()
CHECKS = gen.load_checks()
COVERED = [check for check in CHECKS if check.rule is not None]


def test_table_in_docs_is_current() -> None:
    current = gen.DOC.read_text(encoding="utf-8")
    assert gen.render(current, CHECKS) == current, (
        "docs/schemas.md is out of date: run `python tools/gen_validation_table.py`"
    )


def test_every_named_rule_exists() -> None:
    names = {rule.name for rule in load_registry(plugins=False)}
    assert sorted({check.rule for check in COVERED} - names) == []


def test_each_check_is_listed_once() -> None:
    keys = [(check.field, check.error, check.message) for check in CHECKS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "check", COVERED, ids=[f"{check.field} {check.error}" for check in COVERED]
)
def test_covered_check_is_reported_by_its_rule(check: Any) -> None:
    text = daemonset(check.pod) if check.pod is not None else check.manifest
    found = lint(text, select=check.rule)
    # The API server rejects each of these, so the rule must report an error, not a warning.
    errors = [d for d in found if d.level == "error"]
    assert errors, f"{check.rule} reported no error on: {text}"


def test_data_errors_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "audit.yaml"
    bad.write_text(
        "checks:\n  - {field: a, error: Invalid value, message: m, rule: x}\n", encoding="utf-8"
    )
    with pytest.raises(gen.AuditError, match="needs exactly one example"):
        gen.load_checks(bad)
    bad.write_text(
        "checks:\n  - {field: a, error: Wrong, message: m, reason: r}\n", encoding="utf-8"
    )
    with pytest.raises(gen.AuditError, match="unknown error type"):
        gen.load_checks(bad)
    bad.write_text("checks:\n  - {field: a, error: Forbidden, message: m}\n", encoding="utf-8")
    with pytest.raises(gen.AuditError, match="exactly one of `rule` and `reason`"):
        gen.load_checks(bad)


def test_render_needs_the_markers() -> None:
    with pytest.raises(gen.AuditError, match="lacks the markers"):
        gen.render("# no table here\n", CHECKS)
    rendered = gen.render(f"intro\n{gen.START}\nold\n{gen.END}\noutro\n", CHECKS)
    assert rendered.startswith(f"intro\n{gen.START}\n{len(CHECKS)} checks audited")
    assert rendered.endswith(f"{gen.END}\noutro\n")
