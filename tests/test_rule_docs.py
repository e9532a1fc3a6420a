"""The rule reference in docs/rules/ is generated from the docstrings and kept up to date."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest
import yaml

from dslint.config import parse_config
from dslint.engine import Linter
from dslint.registry import DOC_URL

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "rules"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_rule_docs", ROOT / "tools" / "gen_rule_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_rule_docs", module)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
RULES = GEN.builtin_rules()
CONFIG_SCHEMA = json.loads((ROOT / "schemas" / "dslint-config.schema.json").read_text("utf-8"))


def test_committed_pages_match_the_docstrings() -> None:
    problems = GEN.differences(GEN.pages(RULES), DOCS)
    assert problems == [], "rule pages are stale; run: python tools/gen_rule_docs.py"


def test_help_uri_points_at_the_generated_page() -> None:
    prefix, suffix = DOC_URL.split("{name}")
    assert prefix.endswith("/docs/rules/") and suffix == ".md"
    for rule in RULES:
        assert rule.help_uri == f"{prefix}{rule.name}.md"


def test_index_links_every_rule() -> None:
    index = GEN.index_page(RULES)
    linked = set(re.findall(r"\]\(([a-z0-9-]+)\.md\)", index))
    assert linked == {rule.name for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_page_configuration_example_is_a_valid_config(rule: object) -> None:
    page = GEN.rule_page(rule)
    assert page.splitlines()[2] == f"# {rule.name} ({rule.code})"  # type: ignore[attr-defined]
    block = page.split("## Configuration", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    settings = yaml.safe_load(block)
    jsonschema.validate(settings, CONFIG_SCHEMA)  # editors accept it
    Linter(parse_config({**settings, "select": [rule.code]}))  # type: ignore[attr-defined]


def test_write_adds_updates_and_removes_pages(tmp_path: Path) -> None:
    expected = GEN.pages(RULES[:2])
    (tmp_path / "removed-rule.md").write_text("old", encoding="utf-8")
    (tmp_path / "README.md").write_text("stale index", encoding="utf-8")
    assert len(GEN.differences(expected, tmp_path)) == len(expected) + 1
    GEN.write(expected, tmp_path)
    assert GEN.differences(expected, tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)


def test_readme_rule_list_is_current() -> None:
    readme = GEN.README.read_text(encoding="utf-8")
    assert GEN.readme_with_rule_list(readme, RULES) == readme, "run: python tools/gen_rule_docs.py"
