"""Configuration: discovery, validation with clear messages, selection, levels and options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dslint.config import ConfigError, find_config, load_config, parse_config, resolve_rules
from dslint.registry import load_registry

RULES = list(load_registry(plugins=False))


def active_names(raw: dict[str, object]) -> set[str]:
    return {a.rule.name for a in resolve_rules(parse_config(raw), RULES)}


def test_default_runs_enabled_rules() -> None:
    names = active_names({})
    assert "latest-image-tag" in names
    assert names == {r.name for r in RULES if r.enabled}


INPUT_PROBLEMS = {
    "internal-error",
    "invalid-yaml",
    "duplicate-key",
    "unsupported-yaml-tag",
    "input-limit-exceeded",
}


def test_select_by_code_name_and_prefix() -> None:
    assert active_names({"select": ["DS201"]}) - INPUT_PROBLEMS == {"latest-image-tag"}
    assert active_names({"select": ["latest-image-tag"]}) - INPUT_PROBLEMS == {"latest-image-tag"}
    assert "latest-image-tag" in active_names({"select": ["DS2"]})


def test_select_and_ignore_never_hide_input_problems() -> None:
    assert active_names({"select": ["DS201"]}) >= INPUT_PROBLEMS
    assert active_names({"ignore": ["DS0", "invalid-yaml", "DS002"]}) >= INPUT_PROBLEMS
    assert active_names({"select": ["DS2"], "ignore": ["ALL"]}) >= INPUT_PROBLEMS


def test_most_specific_selector_wins() -> None:
    assert "latest-image-tag" not in active_names({"select": ["DS2"], "ignore": ["DS201"]})
    assert "latest-image-tag" in active_names({"select": ["DS201"], "ignore": ["DS2"]})
    assert "latest-image-tag" not in active_names({"ignore": ["latest-image-tag"]})


def test_level_and_options_per_rule() -> None:
    raw = {"rules": {"latest-image-tag": {"level": "error", "allowed-tags": ["stable"]}}}
    (active,) = [a for a in resolve_rules(parse_config(raw), RULES) if a.rule.code == "DS201"]
    assert active.level == "error"
    assert active.options.allowed_tags == ("stable",)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"selec": ["DS201"]}, "unknown key 'selec'"),
        ({"select": ["DS999"]}, "'DS999' names no rule"),
        ({"fail-on": "sometimes"}, "fail-on"),
        ({"extends": "lenient"}, "unknown preset 'lenient'"),
        ({"kubernetes-version": "one"}, "kubernetes-version"),
        ({"rules": {"latest-image-tag": {"level": "fatal"}}}, "rules.latest-image-tag.level"),
        ({"rules": {"latest-image-tag": {"allowed-tag": []}}}, "unknown option"),
        ({"rules": {"latest-image-tag": {"allowed-tags": "x"}}}, "expected a list of strings"),
        ({"pod-security": "extreme"}, "pod-security"),
    ],
)
def test_invalid_config_names_the_key(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=r"dslint\.yaml") as raised:
        resolve_rules(parse_config(raw, "/repo/.dslint.yaml"), RULES)
    assert message in str(raised.value)


def test_discovery_walks_up_and_reads_pyproject(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.dslint]\nignore = ["DS201"]\n')
    found = find_config(str(nested))
    assert found == str(tmp_path / "pyproject.toml")
    assert load_config(found).ignore == ["DS201"]
    (tmp_path / "a" / ".dslint.yaml").write_text("fail-on: warning\n")
    assert find_config(str(nested)) == str(tmp_path / "a" / ".dslint.yaml")
    assert load_config(find_config(str(nested))).fail_on == "warning"


def test_pyproject_without_section_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(str(tmp_path)) is None


def test_exclude_globs_are_relative_to_the_config(tmp_path: Path) -> None:
    config = parse_config({"exclude": ["charts/**", "legacy"]}, str(tmp_path / ".dslint.yaml"))
    assert config.is_excluded(str(tmp_path / "charts" / "x" / "ds.yaml"))
    assert config.is_excluded(str(tmp_path / "legacy" / "ds.yaml"))
    assert not config.is_excluded(str(tmp_path / "deploy" / "ds.yaml"))


def test_invalid_yaml_config_file(tmp_path: Path) -> None:
    path = tmp_path / ".dslint.yaml"
    path.write_text("select: [DS201\n")
    with pytest.raises(ConfigError, match=str(path)):
        load_config(str(path))


def test_config_that_is_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(str(fifo))
