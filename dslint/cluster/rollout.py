"""How a template change rolls out over the nodes, and what the pods cost across the cluster.

Public API (objects are plain data):

- `scaled(value, total) -> int | None`: `maxUnavailable`/`maxSurge` as the controller resolves
  them: an integer as is, a percentage of `total` rounded up (`"10%"` of 45 nodes is 5); None
  for anything else.
- `plan_rollout(daemonset, desired) -> Rollout`: the strategy, the resolved `max_unavailable`
  and `max_surge` (defaults 1 and 0; when both resolve to 0 with pods to replace, the
  controller replaces one at a time), `min_ready_seconds`, the number of `waves` (nodes
  replaced per wave: `maxSurge` when surging, else `maxUnavailable`) and
  `lower_bound_seconds` = waves x minReadySeconds: a wave is done only once its new pods have
  been ready that long, whatever the time to pull images and start. `OnDelete` has no waves:
  pods change only when deleted.
- `cost(requests, desired, cluster_allocatable) -> Cost`: `per_pod` and `total` (requests x
  nodes with a pod) by resource, and `share` of the cluster's allocatable (all nodes' sum);
  `pods` counts one per node.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from dslint.cluster.fit import PODS, Resources

_PERCENT = re.compile(r"^([0-9]+)%$")


class Rollout(NamedTuple):
    strategy: str
    max_unavailable: int | None
    max_surge: int | None
    min_ready_seconds: int
    waves: int | None
    lower_bound_seconds: int | None


class Cost(NamedTuple):
    per_pod: Resources
    total: Resources
    share: dict[str, float]


def scaled(value: object, total: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match:
            return math.ceil(int(match[1]) * total / 100)
    return None


def _mapping(data: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    for key in keys:
        found = data.get(key)
        data = found if isinstance(found, dict) else {}
    return data


def plan_rollout(daemonset: Mapping[str, Any], desired: int) -> Rollout:
    spec = _mapping(daemonset, "spec")
    strategy = _mapping(spec, "updateStrategy")
    kind = strategy.get("type") or "RollingUpdate"
    ready = spec.get("minReadySeconds")
    min_ready = ready if isinstance(ready, int) and not isinstance(ready, bool) and ready > 0 else 0
    if kind != "RollingUpdate":
        return Rollout(str(kind), None, None, min_ready, None, None)
    rolling = _mapping(strategy, "rollingUpdate")
    unavailable = scaled(rolling.get("maxUnavailable", 1), desired)
    surge = scaled(rolling.get("maxSurge", 0), desired)
    if unavailable is None or surge is None:
        return Rollout(kind, unavailable, surge, min_ready, None, None)
    if desired > 0 and unavailable == 0 and surge == 0:
        unavailable = 1
    batch = surge if surge > 0 else unavailable
    waves = math.ceil(desired / batch) if desired > 0 and batch > 0 else 0
    return Rollout(kind, unavailable, surge, min_ready, waves, waves * min_ready)


def cost(requests: Mapping[str, Decimal], desired: int, cluster: Mapping[str, Decimal]) -> Cost:
    per_pod = {name: amount for name, amount in requests.items() if amount > 0}
    per_pod[PODS] = Decimal(1)
    total = {name: amount * desired for name, amount in per_pod.items()}
    share = {
        name: round(float(amount / cluster[name]), 6)
        for name, amount in total.items()
        if cluster.get(name, Decimal(0)) > 0
    }
    return Cost(per_pod, total, share)
