"""A rolling update replaces so few pods at a time that a rollout across a large cluster is slow.

The rule estimates a rollout's length from the cluster size (option `nodes`), the number of pods
replaced at a time (`maxUnavailable`, or `maxSurge` when surging; the default is one node at a
time) and the time each replacement takes (option `seconds-per-pod` plus `minReadySeconds`), and
flags the strategy when the estimate exceeds `max-rollout-minutes`. Off by default: only you know
how many nodes the DaemonSet runs on.

## Why is this bad?
The default strategy, `maxUnavailable: 1`, replaces one node's pod, waits until it is available,
then moves to the next. On 300 nodes at 30 seconds a pod a rollout takes two and a half hours, and
an urgent fix or a rollback takes as long. A percentage (`maxUnavailable: 10%`) scales with the
cluster (percentages are rounded up against the number of nodes). The cost is more nodes without
the agent at once, so keep it small for agents whose absence hurts (CNI) and combine it with
`minReadySeconds` so a bad version stops early.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 10%
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
- `nodes` (integer, default 100): how many nodes the DaemonSet runs on.
- `seconds-per-pod` (integer, default 30): how long one pod takes to be replaced and become
  ready, before `minReadySeconds`.
- `max-rollout-minutes` (integer, default 30): the longest acceptable rollout.

## References
- Kubernetes, Perform a rolling update on a DaemonSet:
  https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
- Kubernetes API, RollingUpdateDaemonSet:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest

CODE = "DS261"
NAME = "slow-rolling-update"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

ROLLING = ("spec", "updateStrategy", "rollingUpdate")
PERCENT = re.compile(r"^([0-9]+)%$")


class Options(NamedTuple):
    nodes: int = 100
    seconds_per_pod: int = 30
    max_rollout_minutes: int = 30


def pods_at_once(value: object, nodes: int) -> int | None:
    """An int-or-percent scaled against the node count, rounded up as the controller does."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str):
        match = PERCENT.match(value)
        if match:
            return math.ceil(int(match[1]) * nodes / 100)
    return None


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    if manifest.get(("spec", "updateStrategy", "type"), "RollingUpdate") != "RollingUpdate":
        return
    if options.nodes <= 0:
        return
    rolling = manifest.mapping(ROLLING)
    unavailable = pods_at_once(rolling.get("maxUnavailable", 1), options.nodes)
    surge = pods_at_once(rolling.get("maxSurge", 0), options.nodes)
    if unavailable is None or surge is None:
        return  # not a valid int-or-percent; the API validity rules report it
    field = "maxSurge" if unavailable == 0 and surge > 0 else "maxUnavailable"
    shown = rolling.get(field, "1 (the default)")
    batch = max(surge if field == "maxSurge" else unavailable, 1)
    ready = manifest.get(("spec", "minReadySeconds"), 0)
    ready = ready if isinstance(ready, int) and not isinstance(ready, bool) and ready > 0 else 0
    rounds = math.ceil(options.nodes / batch)
    minutes = rounds * (options.seconds_per_pod + ready) / 60
    if minutes <= options.max_rollout_minutes:
        return
    yield Finding(
        (*ROLLING, field),
        f"{field} {shown} replaces {batch} of {options.nodes} nodes at a time, so a rollout "
        f'takes about {round(minutes)} minutes; use a percentage such as "10%"',
    )
