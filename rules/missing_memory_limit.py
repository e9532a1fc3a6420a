"""A container has no memory limit.

Checked on regular containers and sidecars; containers running an exempt image (by default
`pause`) are skipped.

## Why is this bad?
A container without a memory limit may use all the memory of its node. A DaemonSet runs on every
node, so one leak in an agent becomes memory pressure everywhere at once, and the kernel's
out-of-memory killer may pick the workloads the nodes are there for. A limit confines the damage
to the agent, which is restarted. Unlike a CPU limit, which throttles, a memory limit has no
cost while the container stays below it.

## By role
For a CNI plugin, a CSI node plugin, a device plugin and a node network agent an out-of-memory
kill takes the node's networking, mounts or devices down with the agent, so such agents often run
without a memory limit on purpose: the finding is info with the reason. It is also info for a
container with no `resources` at all, which missing-resource-requests already reports as a
warning (one missing block, one warning), and for a container that only waits after its start-up
work. For other roles it stays a warning.

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

from dslint.api import Edit, Finding, Manifest, mapping_at
from dslint.k8s import containers_lacking
from dslint.roles import NO_MEMORY_LIMIT, WAITS, expected, only_waits

CODE = "DS207"
NAME = "missing-memory-limit"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"

# One missing `resources` block is one warning: missing-resource-requests gives it.
NO_RESOURCES = "the container has no resources at all, which missing-resource-requests reports"


class Options(NamedTuple):
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container, path in containers_lacking(manifest, "limits", "memory", options.exempt_images):
        message = (
            f"{container.describe()} has no memory limit, so a leak can exhaust the memory of "
            "every node"
        )
        reason = expected(manifest, NO_MEMORY_LIMIT) or (WAITS if only_waits(container) else None)
        if reason is None and "resources" not in container.data:
            reason = NO_RESOURCES
        request = mapping_at(container.data, ("resources", "requests")).get("memory")
        # A limit equal to the request: the container may use what it asked for, no more.
        fix = (
            ()
            if request is None
            else (Edit((*container.path, "resources", "limits", "memory"), request),)
        )
        if reason is None:
            yield Finding(path, message, fix=fix)
        else:
            yield Finding(path, f"{message}; {reason}", level="info", fix=fix)
