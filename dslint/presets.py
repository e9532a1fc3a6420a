"""Presets that a config selects with `extends:`.

- `recommended` (the default): every rule whose module says `ENABLED = True`, at its own level.
- `strict`: every rule, including those off by default.
- `node-agent`: for DaemonSets that are node agents (CNI, CSI, log and metrics collectors) and
  legitimately need host access; host-access rules accept what such an agent needs when it is
  narrow and read-only, and keep flagging what is broad or writable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dslint.api import Level
from dslint.registry import Rule


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    enable_all: bool = False
    # Rule names switched on or off relative to each rule's ENABLED default.
    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    levels: Mapping[str, Level] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def enabled(self, rule: Rule) -> bool:
        if rule.name in self.disable:
            return False
        return self.enable_all or rule.enabled or rule.name in self.enable


# The node-agent preset, by rule name: levels and options for host-access and security rules that
# a node agent (CNI, CSI, log and metrics collectors) legitimately trips.
NODE_AGENT_LEVELS: dict[str, Level] = {}
NODE_AGENT_OPTIONS: dict[str, Mapping[str, Any]] = {}
NODE_AGENT_DISABLE: frozenset[str] = frozenset()

PRESETS: dict[str, Preset] = {
    "recommended": Preset(
        "recommended", "What almost everyone should fix: every rule that is on by default."
    ),
    "strict": Preset("strict", "Every rule, including advice that is off by default.", True),
    "node-agent": Preset(
        "node-agent",
        "For node agents: host access accepted where it is narrow and read-only.",
        disable=NODE_AGENT_DISABLE,
        levels=NODE_AGENT_LEVELS,
        options=NODE_AGENT_OPTIONS,
    ),
}
