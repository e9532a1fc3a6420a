"""Presets that a config selects with `extends:`.

- `recommended` (the default): every rule whose module says `ENABLED = True`, at its own level.
- `strict`: every rule, including those off by default.
- `node-agent`: for DaemonSets that are node agents (CNI, CSI, log and metrics collectors) and
  legitimately need host access; host-access rules accept what such an agent needs when it is
  narrow and read-only, and keep flagging what is broad or writable. It also asks every
  DaemonSet for a priority class and an operating-system node selector.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from dslint.api import Level
from dslint.registry import Rule


class Preset(NamedTuple):
    name: str
    description: str
    enable_all: bool = False
    # Rule names switched on or off relative to each rule's ENABLED default.
    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    levels: Mapping[str, Level] = MappingProxyType({})
    options: Mapping[str, Mapping[str, Any]] = MappingProxyType({})

    def enabled(self, rule: Rule) -> bool:
        if rule.name in self.disable:
            return False
        return self.enable_all or rule.enabled or rule.name in self.enable


# The node-agent preset, by rule name: levels and options for host-access and security rules that
# a node agent (CNI, CSI, log and metrics collectors) legitimately trips.
NODE_AGENT_LEVELS: dict[str, Level] = {
    # Device plugins, driver installers and CSI node plugins need these; keep them visible.
    "privileged-container": "info",
    "host-pid": "info",
    "windows-host-process": "info",
}
NODE_AGENT_OPTIONS: dict[str, Mapping[str, Any]] = {
    # Narrow, read-only views of the node are what collectors and exporters are for; the
    # runtime sockets, `/`, credentials and writable system folders stay reported.
    "sensitive-host-path": {
        "allowed-read-only-paths": ["/proc", "/sys", "/var/log", "/var/lib/docker/containers"],
    },
    # Network and resource capabilities of CNI plugins and collectors; SYS_ADMIN, SYS_MODULE,
    # SYS_PTRACE and ALL stay reported.
    "dangerous-capability": {
        "allowed-capabilities": [
            "NET_ADMIN",
            "NET_RAW",
            "SYS_RESOURCE",
            "IPC_LOCK",
            "PERFMON",
            "SYS_NICE",
            "SYSLOG",
        ],
    },
}
NODE_AGENT_DISABLE: frozenset[str] = frozenset(
    {
        "host-network",  # CNI plugins, node-local DNS, kube-proxy replacements
        "host-port",  # a per-node endpoint is what many agents are for
        "container-runs-as-root",  # reading host files usually needs root
        "bidirectional-mount-propagation",  # how CSI node plugins publish volumes
    }
)

# The node-agent preset's own choices for scheduling and rollout rules: every DaemonSet it is used
# on is a node agent, and node agents that tolerate every taint also land on Windows nodes.
NODE_AGENT_ENABLE: frozenset[str] = frozenset({"missing-os-node-selector"})
NODE_AGENT_SCHEDULING_OPTIONS: dict[str, Mapping[str, Any]] = {
    "missing-priority-class": {"all-daemonsets": True},
}

PRESETS: dict[str, Preset] = {
    "recommended": Preset(
        "recommended", "What almost everyone should fix: every rule that is on by default."
    ),
    "strict": Preset("strict", "Every rule, including advice that is off by default.", True),
    "node-agent": Preset(
        "node-agent",
        "For node agents: host access accepted where it is narrow and read-only.",
        enable=NODE_AGENT_ENABLE,
        disable=NODE_AGENT_DISABLE,
        levels=NODE_AGENT_LEVELS,
        options={**NODE_AGENT_SCHEDULING_OPTIONS, **NODE_AGENT_OPTIONS},
    ),
}
