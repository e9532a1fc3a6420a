"""A container has no CPU or memory request.

A resource counts as requested when the container sets a request or a limit for it (the pod
copies a limit into a missing request). Checked on regular containers and sidecars; containers
running an exempt image (by default `pause`, which uses next to nothing) are skipped.

## Why is this bad?
The scheduler reserves nothing for a container without requests, so a DaemonSet pod fits on any
node however full it is and then competes with everything else there; under memory pressure such
pods (`BestEffort`, or `Burstable` with low requests) are the first the kubelet evicts. A node
agent that is evicted stops doing its job on that node. Requests also let the cluster autoscaler
account for the DaemonSet on every new node.

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
- `resources` (list of strings, default `["cpu", "memory"]`): the resources every container
  must request.
- `exempt-images` (list of strings, default `["pause"]`): image names (the last part of the
  repository, without registry, path or tag) whose containers need no requests.

## References
- Kubernetes, resource management for pods and containers:
  https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
- Kubernetes, pod quality of service classes:
  https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest, mapping_at
from dslint.k8s import long_running_containers, where_missing

CODE = "DS206"
NAME = "missing-resource-requests"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    resources: tuple[str, ...] = ("cpu", "memory")
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in long_running_containers(manifest, options.exempt_images):
        # A limit without a request sets the request to the limit.
        requested = {
            *mapping_at(container.data, ("resources", "requests")),
            *mapping_at(container.data, ("resources", "limits")),
        }
        missing = [name for name in options.resources if name not in requested]
        if not missing:
            continue
        yield Finding(
            where_missing(container, "resources", "requests"),
            f"{container.describe()} has no {' or '.join(missing)} request, so the scheduler "
            "reserves nothing for it and it is among the first pods evicted under pressure",
        )
