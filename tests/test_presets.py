"""Presets: which rules run under each, at which level, with which options."""

from __future__ import annotations

from collections.abc import Mapping

from dslint.config import Config, parse_config, resolve_rules
from dslint.presets import (
    NODE_AGENT_DISABLE,
    NODE_AGENT_ENABLE,
    NODE_AGENT_LEVELS,
    NODE_AGENT_OPTIONS,
    NODE_AGENT_SCHEDULING_OPTIONS,
    PRESETS,
)
from dslint.registry import load_registry
from tests.helpers import lint

RULES = load_registry(plugins=False)
# Advice that is off by default and on under `strict`.
OFF_BY_DEFAULT = {
    "missing-os-node-selector",
    "no-execute-toleration-without-seconds",
    "slow-rolling-update",
    "min-ready-seconds-zero",
    "missing-namespace",
    "missing-recommended-labels",
    "missing-ephemeral-storage-request",
    "image-pull-policy-mismatch",
    "untrusted-image-registry",
    "automounted-service-account-token",
    "default-service-account",
}
ON_BY_DEFAULT = {
    "missing-priority-class",
    "duplicate-daemon-toleration",
    "daemonset-pod-anti-affinity",
    "on-delete-update-strategy",
    "revision-history-limit-zero",
    "termination-grace-period-zero",
    "deprecated-annotation",
    "duplicate-env-var",
    "secret-in-env-value",
    "deprecated-service-account-field",
    "conflicting-service-account-names",
}


def active(preset: str) -> dict[str, object]:
    return {a.rule.name: a for a in resolve_rules(Config(extends=preset), RULES)}


def test_every_rule_named_by_a_preset_exists() -> None:
    for preset in PRESETS.values():
        named = {*preset.enable, *preset.disable, *preset.levels, *preset.options}
        missing = [name for name in named if RULES.get(name) is None]
        assert missing == [], f"preset {preset.name} names unknown rules {missing}"


def test_recommended_runs_the_rules_on_by_default_at_their_levels() -> None:
    running = active("recommended")
    assert set(running) == {rule.name for rule in RULES if rule.enabled}
    for name, item in running.items():
        assert item.level == RULES.get(name).level  # type: ignore[attr-defined,union-attr]
    assert set(running) >= ON_BY_DEFAULT
    assert not OFF_BY_DEFAULT & set(running)


def test_strict_runs_every_rule() -> None:
    assert set(active("strict")) == {rule.name for rule in RULES}
    assert set(active("strict")) >= OFF_BY_DEFAULT


def test_node_agent_switches_and_levels() -> None:
    running = active("node-agent")
    assert set(running) >= NODE_AGENT_ENABLE
    assert not NODE_AGENT_DISABLE & set(running)
    for name, level in NODE_AGENT_LEVELS.items():
        assert running[name].level == level  # type: ignore[attr-defined]
    options = running["missing-priority-class"].options  # type: ignore[attr-defined]
    assert options.all_daemonsets is True
    assert "slow-rolling-update" not in running


def test_node_agent_options_merge_both_tables() -> None:
    preset = PRESETS["node-agent"]
    assert dict(preset.options) == {**NODE_AGENT_SCHEDULING_OPTIONS, **NODE_AGENT_OPTIONS}


PLAIN = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: exporter
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: exporter}
  template:
    metadata:
      labels: {app: exporter}
    spec:
      containers:
        - name: exporter
          image: registry.example.com/exporter:1.0
"""


def names(config: Mapping[str, object]) -> set[str]:
    return {d.name for d in lint(PLAIN, config=dict(config))}


def test_presets_change_what_a_plain_daemonset_reports() -> None:
    recommended = names({})
    assert "missing-priority-class" not in recommended
    assert "missing-os-node-selector" not in recommended
    node_agent = names({"extends": "node-agent"})
    assert {"missing-priority-class", "missing-os-node-selector"} <= node_agent
    strict = names({"extends": "strict"})
    assert {"slow-rolling-update", "automounted-service-account-token"} <= strict


def test_user_settings_apply_on_top_of_a_preset() -> None:
    config: dict[str, object] = {
        "extends": "strict",
        "ignore": ["slow-rolling-update"],
        "rules": {"missing-os-node-selector": {"level": "warning"}},
    }
    result = lint(PLAIN, config=dict(config))
    assert "slow-rolling-update" not in {d.name for d in result}
    assert {d.level for d in result if d.name == "missing-os-node-selector"} == {"warning"}
    enabled = {"rules": {"slow-rolling-update": {"enabled": True, "nodes": 5}}}
    assert "slow-rolling-update" not in names(enabled)  # 5 nodes roll out quickly
    assert parse_config({"extends": "node-agent"}).extends == "node-agent"
