"""A container has no CPU limit.

Checked on regular containers and sidecars; init containers that run to completion are skipped.
Off by default: it is part of the `strict` preset only.

## Why is this bad?
Without a CPU limit, a busy agent may take every idle core of its node, and since a DaemonSet runs
on every node, one runaway loop slows the workloads of the whole cluster at once. A limit caps
the damage.

The trade-off is real, which is why this rule is off by default: a CPU limit is enforced by
throttling, and a throttled container stalls even when the node has idle cores, which adds
latency to the very agents (network, storage, logging) that other pods wait on. Many teams
deliberately set only a CPU request, which already guarantees the container its share under
contention, and leave the limit out. Enable this rule if your policy requires CPU limits.

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
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {memory: 128Mi}
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
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
```

## Options
None.

## References
- Kubernetes, assign CPU resources to containers and pods:
  https://kubernetes.io/docs/tasks/configure-pod-container/assign-cpu-resource/
- Kubernetes, resource management for pods and containers:
  https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers_lacking

CODE = "DS209"
NAME = "missing-cpu-limit"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    # Init containers run to completion before the others start.
    for container, path in containers_lacking(manifest, "limits", "cpu"):
        yield Finding(
            path,
            f"{container.describe()} has no CPU limit, so a busy loop can take every idle core "
            "of every node",
        )
