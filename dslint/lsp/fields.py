"""What Kubernetes does with a field, shown when the cursor is on its key.

Only fields that dslint's rules reason about (the update strategy, tolerations, probes) have an
entry; each names the rules that check it. The facts are the API server's defaulting and
validation and the DaemonSet controller's behaviour.
"""

from __future__ import annotations

import fnmatch
from typing import NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dslint.api import Path
from dslint.document import split_documents

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class FieldDoc(NamedTuple):
    pattern: str  # dotted path under the DaemonSet; `*` is one key or list index
    text: str
    rules: tuple[str, ...]


_POD = "spec.template.spec"
_CONTAINER = f"{_POD}.containers.*"
_PROBE_RULES = ("invalid-probe-settings", "invalid-probe-handler", "undeclared-probe-port")

FIELDS: tuple[FieldDoc, ...] = (
    FieldDoc(
        "spec.updateStrategy",
        "How a changed template reaches the nodes. `RollingUpdate` (the default) replaces daemon "
        "pods node by node, within `maxUnavailable` and `maxSurge`; `OnDelete` never replaces a "
        "running pod: a node gets the new template only when its pod is deleted.",
        ("invalid-update-strategy", "on-delete-update-strategy"),
    ),
    FieldDoc(
        "spec.updateStrategy.type",
        "`RollingUpdate` (the default when empty) or `OnDelete`. Under `OnDelete`, a "
        "`rollingUpdate` block is accepted and ignored.",
        ("invalid-update-strategy", "on-delete-update-strategy"),
    ),
    FieldDoc(
        "spec.updateStrategy.rollingUpdate",
        "Limits of a rolling update. A missing `maxUnavailable` is defaulted to 1 and a missing "
        "`maxSurge` to 0; both cannot be non-zero, and both cannot be 0.",
        ("invalid-update-strategy", "slow-rolling-update"),
    ),
    FieldDoc(
        "spec.updateStrategy.rollingUpdate.maxUnavailable",
        "How many nodes may be without a ready daemon pod during an update: a number or a "
        "percentage of the nodes that should run the pod, rounded up. Defaulted to 1 when "
        "missing, which makes `maxSurge` non-zero invalid unless this is set to 0.",
        ("invalid-update-strategy", "slow-rolling-update"),
    ),
    FieldDoc(
        "spec.updateStrategy.rollingUpdate.maxSurge",
        "How many nodes may run an old and a new daemon pod at once: the new pod starts before "
        "the old one is removed. A percentage is rounded up. Needs `maxUnavailable: 0`. A pod "
        "that uses a `hostPort` cannot surge: the new pod stays Pending while the old one holds "
        "the port.",
        ("invalid-update-strategy", "surge-with-host-port"),
    ),
    FieldDoc(
        "spec.minReadySeconds",
        "How long a new daemon pod must be ready before it counts as available and the rolling "
        "update moves on (default 0: as soon as it is ready).",
        ("min-ready-seconds-zero",),
    ),
    FieldDoc(
        "spec.revisionHistoryLimit",
        "How many old revisions are kept for `kubectl rollout undo` (default 10; 0 keeps none).",
        ("revision-history-limit-zero",),
    ),
    FieldDoc(
        f"{_POD}.tolerations",
        "Taints the daemon pods tolerate. The DaemonSet controller adds, without "
        "`tolerationSeconds`: `node.kubernetes.io/not-ready` and `unreachable` (NoExecute), "
        "`disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable` (NoSchedule), and "
        "`network-unavailable` (NoSchedule) for host-network pods. A listed toleration equal to "
        "one of these is replaced, losing its `tolerationSeconds`. The control-plane taint is "
        "not tolerated unless listed.",
        (
            "invalid-toleration",
            "tolerates-all-taints",
            "duplicate-daemon-toleration",
            "no-execute-toleration-without-seconds",
        ),
    ),
    FieldDoc(
        f"{_POD}.tolerations.*.operator",
        "`Equal` (the default) matches the taint's key and value; `Exists` matches any value and "
        "must have no `value`. With no `key`, `Exists` tolerates every taint.",
        ("invalid-toleration", "tolerates-all-taints"),
    ),
    FieldDoc(
        f"{_POD}.tolerations.*.effect",
        "The taint effect tolerated: `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty "
        "matches every effect.",
        ("invalid-toleration",),
    ),
    FieldDoc(
        f"{_POD}.tolerations.*.tolerationSeconds",
        "For `NoExecute` only: how long the pod stays on a node after the taint appears, then "
        "it is evicted. Without it the taint is tolerated forever.",
        ("invalid-toleration", "no-execute-toleration-without-seconds"),
    ),
    FieldDoc(
        f"{_CONTAINER}.livenessProbe",
        "The kubelet restarts the container when this probe fails `failureThreshold` times in a "
        "row (default 3, every `periodSeconds`, default 10). `successThreshold` must be 1.",
        ("missing-liveness-probe", "identical-liveness-and-readiness-probes", *_PROBE_RULES),
    ),
    FieldDoc(
        f"{_CONTAINER}.readinessProbe",
        "While this probe fails the pod is not Ready: it is removed from Service endpoints, and "
        "a rolling update counts it as unavailable against `maxUnavailable`.",
        ("missing-readiness-probe", "identical-liveness-and-readiness-probes", *_PROBE_RULES),
    ),
    FieldDoc(
        f"{_CONTAINER}.startupProbe",
        "Liveness and readiness probes wait until this probe succeeds; if it fails "
        "`failureThreshold` times the container is restarted. `successThreshold` must be 1.",
        _PROBE_RULES,
    ),
    FieldDoc(
        f"{_CONTAINER}.*Probe.successThreshold",
        "Consecutive successes needed after a failure (default 1). Must be 1 for liveness and "
        "startup probes.",
        ("invalid-probe-success-threshold", "invalid-probe-settings"),
    ),
    FieldDoc(
        f"{_CONTAINER}.*Probe.failureThreshold",
        "Consecutive failures before the probe counts as failed (default 3).",
        ("invalid-probe-settings",),
    ),
    FieldDoc(
        f"{_CONTAINER}.*Probe.periodSeconds",
        "How often the probe runs (default 10 seconds).",
        ("invalid-probe-settings",),
    ),
    FieldDoc(
        f"{_CONTAINER}.*Probe.timeoutSeconds",
        "How long one probe may take before it counts as failed (default 1 second).",
        ("invalid-probe-settings",),
    ),
    FieldDoc(
        f"{_CONTAINER}.*Probe.initialDelaySeconds",
        "Seconds after the container starts before the first probe (default 0).",
        ("invalid-probe-settings",),
    ),
)


def _dotted(path: Path) -> str:
    return ".".join("*" if isinstance(step, int) else step for step in path)


def field_doc(path: Path, known_rules: set[str]) -> str | None:
    """Markdown for the field at `path` (from the object's root), or None where none is known."""
    dotted = _dotted(path)
    # List items of an object of `kind: List` are checked like top-level objects.
    candidates = [dotted]
    if len(path) > 2 and path[0] == "items" and isinstance(path[1], int):
        candidates.append(_dotted(path[2:]))
    for doc in FIELDS:
        if any(fnmatch.fnmatchcase(candidate, doc.pattern) for candidate in candidates):
            rules = [name for name in doc.rules if name in known_rules]
            checked = f"\n\nChecked by: {', '.join(f'`{r}`' for r in rules)}" if rules else ""
            return f"**{path[-1]}**: {doc.text}{checked}"
    return None


class KeyAt(NamedTuple):
    path: Path
    start: int  # offsets of the key in the whole text
    end: int


def key_at(text: str, offset: int) -> KeyAt | None:
    """The mapping key under `offset` in a YAML stream, with its path, or None."""
    consumed = 0
    for _, chunk in split_documents(text):
        if consumed <= offset < consumed + len(chunk):
            try:
                root = yaml.compose(chunk, Loader=_Loader)
            except yaml.YAMLError:
                return None
            found = _find_key(root, offset - consumed, ()) if root is not None else None
            if found is None:
                return None
            return KeyAt(found.path, found.start + consumed, found.end + consumed)
        consumed += len(chunk)
    return None


def _find_key(node: Node, offset: int, path: Path) -> KeyAt | None:
    if not node.start_mark.index <= offset <= node.end_mark.index:
        return None
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                continue
            start, end = key.start_mark.index, key.end_mark.index
            if start <= offset <= end:
                return KeyAt((*path, key.value), start, end)
            found = _find_key(value, offset, (*path, key.value))
            if found is not None:
                return found
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            found = _find_key(item, offset, (*path, index))
            if found is not None:
                return found
    return None
