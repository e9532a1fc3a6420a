"""The JSON Schema for `.dslint.yaml` agrees with the configuration reader and the docs."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from dslint.api import LEVELS
from dslint.config import FAIL_ON, POD_SECURITY_LEVELS, TOP_LEVEL_KEYS, ConfigError, parse_config
from dslint.presets import PRESETS
from dslint.roles import ROLE_CHOICES

ROOT = Path(__file__).resolve().parents[1]
SCHEMA: dict[str, Any] = json.loads(
    resources.files("dslint.schemas").joinpath("dslint-config.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _documented_configs() -> list[tuple[str, dict[str, Any]]]:
    """YAML blocks in the docs that are dslint configs (not manifests or other tools' files)."""
    found = []
    for page in DOCS:
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        for index, block in enumerate(re.findall(r"```ya?ml\n(.*?)```", text, re.DOTALL)):
            try:
                data = yaml.safe_load(block)
            except yaml.YAMLError:
                continue
            if not isinstance(data, dict) or {"apiVersion", "kind", "repos"} & set(data):
                continue
            if set(data) & TOP_LEVEL_KEYS:
                found.append((f"{page.name}#{index}", data))
    return found


def _errors(config: object) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(config)]


def test_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_top_level_properties_are_the_config_keys() -> None:
    assert set(SCHEMA["properties"]) == TOP_LEVEL_KEYS
    assert SCHEMA["additionalProperties"] is False


def test_enumerations_match_the_reader() -> None:
    properties = SCHEMA["properties"]
    assert properties["extends"]["enum"] == list(PRESETS)
    assert properties["fail-on"]["enum"] == list(FAIL_ON)
    assert properties["pod-security"]["enum"] == [*POD_SECURITY_LEVELS, None]
    assert SCHEMA["definitions"]["level"]["enum"] == list(LEVELS)
    assert properties["roles"]["additionalProperties"]["enum"] == list(ROLE_CHOICES)


def test_docs_hold_config_examples() -> None:
    assert any(name.startswith("README") for name, _ in _documented_configs())


@pytest.mark.parametrize(("where", "config"), _documented_configs(), ids=lambda v: str(v)[:30])
def test_documented_examples_are_accepted(where: str, config: dict[str, Any]) -> None:
    assert _errors(config) == [], where
    parse_config(config, where)  # the reader accepts them too


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"select": "DS2,latest-image-tag", "ignore": ["DS4"], "exclude": "charts/**"},
        {"kubernetes-version": "v1.33.2", "pod-security": None, "fail-on": "never"},
        {"rules": {"DS201": {"level": "info", "enabled": False, "allowed-tags": ["stable"]}}},
        {"rules": {"slow-rolling-update": {"nodes": 400}}},
        {"roles": {"kube-system/calico-node": "cni-plugin", "deploy/storage/*.yaml": "none"}},
    ],
)
def test_valid_configs_are_accepted(config: dict[str, Any]) -> None:
    assert _errors(config) == []
    parse_config(config)


@pytest.mark.parametrize(
    "config",
    [
        {"exlude": ["charts/**"]},  # a misspelt key
        {"fail_on": "warning"},  # snake_case instead of kebab-case
        {"extends": "paranoid"},
        {"fail-on": "critical"},
        {"pod-security": "strict"},
        {"kubernetes-version": "latest"},
        {"kubernetes-version": 1.3},  # 1.30 unquoted
        {"extends": ["recommended"]},
        {"select": [201]},
        {"rules": {"latest-image-tag": "error"}},
        {"rules": {"latest-image-tag": {"level": "fatal"}}},
        {"rules": {"latest-image-tag": {"enabled": "yes"}}},
        {"roles": {"kube-system/calico-node": "cni"}},  # not a role identifier
        {"roles": ["cni-plugin"]},
        {"roles": {"": "cni-plugin"}},
    ],
)
def test_invalid_configs_are_rejected_by_schema_and_reader(config: dict[str, Any]) -> None:
    assert _errors(config)
    with pytest.raises(ConfigError):
        parse_config(config)
        _resolve(config)


def _resolve(config: dict[str, Any]) -> None:
    """Some settings are checked when rules are resolved, not when the file is read."""
    from dslint.engine import Linter

    Linter(parse_config(config))
