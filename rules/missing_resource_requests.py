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

## By role
The finding is info, with the reason, for a node installer and for a container that only waits
after its start-up work. It is also info when the pod as a whole still reserves the resource
(another container, or an init container, requests it; see the pod's effective request in
`dslint/resources.py`), and for the second and later containers of a pod that already has the
warning. Otherwise it is a warning, whatever the role.

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
from dslint.k8s import ContainerRef, long_running_containers, where_missing
from dslint.resources import effective_requests
from dslint.roles import NO_REQUESTS, WAITS, expected, only_waits

CODE = "DS206"
NAME = "missing-resource-requests"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    resources: tuple[str, ...] = ("cpu", "memory")
    exempt_images: tuple[str, ...] = ("pause",)


def _why_not_a_warning(
    manifest: Manifest,
    container: ContainerRef,
    missing: list[str],
    reserved: set[str],
    first: str | None,
) -> str | None:
    reason = expected(manifest, NO_REQUESTS) or (WAITS if only_waits(container) else None)
    if reason is None and all(name in reserved for name in missing):
        reason = f"the pod still reserves {' and '.join(missing)} through its other containers"
    if reason is None and first is not None:
        # One warning per pod: whoever adds requests to one container sees the others.
        reason = f"the pod's warning is on {first}"
    return reason


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    first: str | None = None  # the container that carries the pod's warning
    reserved = {name for name, amount in effective_requests(manifest).items() if amount > 0}
    for container in long_running_containers(manifest, options.exempt_images):
        # A limit without a request sets the request to the limit.
        requested = {
            *mapping_at(container.data, ("resources", "requests")),
            *mapping_at(container.data, ("resources", "limits")),
        }
        missing = [name for name in options.resources if name not in requested]
        if not missing:
            continue
        path = where_missing(container, "resources", "requests")
        message = (
            f"{container.describe()} has no {' or '.join(missing)} request, so the scheduler "
            "reserves nothing for it and it is among the first pods evicted under pressure"
        )
        reason = _why_not_a_warning(manifest, container, missing, reserved, first)
        if reason is None:
            first = container.describe()
            yield Finding(path, message)
        else:
            yield Finding(path, f"{message}; {reason}", level="info")
