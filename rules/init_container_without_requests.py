"""An init container has no CPU or memory request.

Off by default. Init containers that run to completion are checked (sidecars, which keep running,
are `missing-resource-requests`' business); a limit counts as a request, as the API server copies
it. The message gives the pod's effective request for the resource, which the scheduler and
quotas use: the larger of what the regular containers and sidecars request together and what
each init container requests next to the sidecars started before it.

## Why is this bad?
Init containers run before the agent on every node, often doing the heaviest work of the pod
(copying binaries, compiling a kernel module, loading data). The scheduler reserves a pod's
effective request, which includes init containers: one without a request makes the reservation
smaller than what the node must really provide at start-up, so a node that looked big enough
runs out of memory while the init container runs, and the kubelet evicts or kills it there.

## By role
The role does not change the level.

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
      initContainers:
        - name: install
          image: registry.example.com/installer:1.4.2
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
      initContainers:
        - name: install
          image: registry.example.com/installer:1.4.2
          resources:
            requests: {cpu: 100m, memory: 256Mi}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          resources:
            requests: {cpu: 50m, memory: 64Mi}
```

## Options
- `resources` (list of strings, default `["cpu", "memory"]`): the resources every init container
  must request.

## References
- Kubernetes, init containers and resources:
  https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers
- Kubernetes, sidecar containers and the effective request:
  https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#resource-sharing-within-containers
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import containers, where_missing
from dslint.resources import container_requests, effective_requests

CODE = "DS213"
NAME = "init-container-without-requests"
LEVEL = "warning"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    resources: tuple[str, ...] = ("cpu", "memory")


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    effective = effective_requests(manifest)
    for container in containers(manifest):
        if not container.is_init:
            continue
        requested = container_requests(container.data)
        missing = [name for name in options.resources if name not in requested]
        if not missing:
            continue
        pod = ", ".join(f"{name} {effective.get(name, 0)}" for name in missing)
        yield Finding(
            where_missing(container, "resources", "requests"),
            f"{container.describe()} has no {' or '.join(missing)} request, so the pod's "
            f"effective request ({pod}) leaves out what it uses while it runs",
        )
