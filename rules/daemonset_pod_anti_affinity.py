"""The DaemonSet's pod template sets `podAntiAffinity`.

A DaemonSet already runs one pod per node. Required anti-affinity is a warning (it can stop
pods or rollouts from scheduling); preferred anti-affinity is advice (it only costs scheduling
time).

## Why is this bad?
Anti-affinity against the DaemonSet's own pods with `topologyKey: kubernetes.io/hostname` adds
nothing, and during a `maxSurge` rollout it blocks the new pod from the node where the old one is
still running, so the rollout never progresses. With a wider topology key (a zone) it leaves
every node but one per zone without its agent. Inter-pod affinity is also the most expensive
scheduling check in large clusters.

## By role
The role does not change the level. A comment that explains the affinity, on its line or just
above it, lowers the warning to info.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels: {app: agent}
              topologyKey: kubernetes.io/hostname
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
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Inter-pod affinity and anti-affinity:
  https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
- Kubernetes, DaemonSet, how daemon pods are scheduled:
  https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#how-daemon-pods-are-scheduled
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS254"
NAME = "daemonset-pod-anti-affinity"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
RECORDED_CHOICE = True

REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    path = (*POD_SPEC, "affinity", "podAntiAffinity")
    anti_affinity = manifest.get(path)
    if anti_affinity is None:
        return
    if not isinstance(anti_affinity, dict):
        return
    if manifest.sequence((*path, REQUIRED)):
        yield Finding(
            (*path, REQUIRED),
            f'DaemonSet "{manifest.name}" requires pod anti-affinity, but it already runs one pod '
            "per node; this can keep pods or surge rollouts from scheduling",
        )
    if manifest.sequence((*path, PREFERRED)):
        yield Finding(
            (*path, PREFERRED),
            f'DaemonSet "{manifest.name}" prefers pod anti-affinity, but it already runs one pod '
            "per node; remove it to save scheduling time",
            level="info",
        )
