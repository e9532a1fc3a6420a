"""A container has no memory limit.

Checked on regular containers and sidecars; containers running an exempt image (by default
`pause`) are skipped.

## Why is this bad?
A container without a memory limit may use all the memory of its node. A DaemonSet runs on every
node, so one leak in an agent becomes memory pressure everywhere at once, and the kernel's
out-of-memory killer may pick the workloads the nodes are there for. A limit confines the damage
to the agent, which is restarted. Unlike a CPU limit, which throttles, a memory limit has no
cost while the container stays below it.

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
            limits: {memory: 128Mi}
```

## Options
- `exempt-images` (list of strings, default `["pause"]`): image names (the last part of the
  repository, without registry, path or tag) whose containers need no memory limit.

## References
- Kubernetes, assign memory resources to containers and pods:
  https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/
- Kubernetes, node-pressure eviction:
  https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest, mapping_at
from dslint.k8s import long_running_containers, where_missing

CODE = "DS207"
NAME = "missing-memory-limit"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in long_running_containers(manifest, options.exempt_images):
        if mapping_at(container.data, ("resources", "limits")).get("memory") is not None:
            continue
        yield Finding(
            where_missing(container, "resources", "limits"),
            f"{container.describe()} has no memory limit, so a leak can exhaust the memory of "
            "every node",
        )
