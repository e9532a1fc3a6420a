"""A container requests no `ephemeral-storage`.

Checked on regular and sidecar containers; a container with an `ephemeral-storage` limit has a
request too (the limit is copied into it). Off by default: it is advice for agents that write logs,
buffers or caches to their own filesystem or `emptyDir`.

## Why is this bad?
When a node runs short of disk the kubelet evicts pods, first those using more local storage than
they requested; a pod that requests none is always over its request. Daemon pods tolerate the
`disk-pressure` taint, so they are not kept away from full disks, but they are evicted like any
other pod, and a log collector with a big buffer is a likely victim exactly when its logs matter.
A request also lets the scheduler account for the space.

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
            requests: {cpu: 50m, memory: 64Mi, ephemeral-storage: 200Mi}
```

## Options
None.

## References
- Kubernetes, Local ephemeral storage:
  https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage
- Kubernetes, Node-pressure eviction:
  https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers

CODE = "DS405"
NAME = "missing-ephemeral-storage-request"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

RESOURCE = "ephemeral-storage"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init:
            continue
        resources = container.data.get("resources")
        resources = resources if isinstance(resources, dict) else {}
        requests, limits = resources.get("requests"), resources.get("limits")
        if isinstance(requests, dict) and RESOURCE in requests:
            continue
        if isinstance(limits, dict) and RESOURCE in limits:
            continue
        yield Finding(
            (*container.path, "resources", "requests", RESOURCE),
            f"{container.describe()} requests no ephemeral-storage, so it is among the first "
            "evicted when the node runs short of disk",
        )
