"""A container's CPU or memory requests differ from its limits, so the pod is not Guaranteed.

A pod is in the Guaranteed quality-of-service class only when every container, init containers
included, has both a CPU and a memory limit and requests equal to them. A request left out
defaults to its limit, so only a missing limit or a request that differs is flagged. Quantities
are compared by value: `1000m` equals `1`, `1Gi` equals `1024Mi`. Off by default: it is part of
the `strict` preset only.

## Why is this bad?
Under memory pressure the kubelet evicts BestEffort and Burstable pods first; Guaranteed pods go
last. A node agent that must not disappear (a CNI plugin, a storage driver, a log shipper) is
safest in the Guaranteed class, and with the static CPU manager policy only Guaranteed pods can
get exclusive cores.

The trade-off: Guaranteed means setting a CPU limit, and CPU limits throttle even when the node
has idle cores; it also reserves the full limit on every node, which is costly for agents whose
use is spiky. Many agents are fine as Burstable with a high priority class instead. Enable this
rule when your node agents must be Guaranteed.

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
            requests: {cpu: 100m, memory: 64Mi}
            limits: {cpu: 500m, memory: 128Mi}
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
            requests: {cpu: 500m, memory: 128Mi}
            limits: {cpu: 500m, memory: 128Mi}
```

## Options
None.

## References
- Kubernetes, pod quality of service classes:
  https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/
- Kubernetes, node-pressure eviction:
  https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
- Kubernetes, CPU management policies:
  https://kubernetes.io/docs/tasks/administer-cluster/cpu-management-policies/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, parse_quantity, where_missing

CODE = "DS210"
NAME = "requests-not-equal-limits"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

# The resources that decide the Guaranteed class.
QOS_RESOURCES = ("cpu", "memory")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    # Init containers count too: the pod's class is computed over all of its containers.
    for container in containers(manifest):
        resources = container.data.get("resources")
        resources = resources if isinstance(resources, dict) else {}
        requests = resources.get("requests")
        requests = requests if isinstance(requests, dict) else {}
        limits = resources.get("limits")
        limits = limits if isinstance(limits, dict) else {}

        missing = [name for name in QOS_RESOURCES if limits.get(name) is None]
        if missing:
            path = where_missing(container, "resources", "limits")
            what = " and ".join(missing)
            plural = "s" if len(missing) > 1 else ""
            yield Finding(
                path,
                f"{container.describe()} has no {what} limit{plural}, so the pod is not in the "
                "Guaranteed QoS class",
            )

        for name in QOS_RESOURCES:
            requested, limit = requests.get(name), limits.get(name)
            if requested is None or limit is None:
                continue  # a missing request defaults to the limit
            request_value, limit_value = parse_quantity(requested), parse_quantity(limit)
            if request_value is None or limit_value is None or request_value == limit_value:
                continue  # an invalid quantity is another rule's finding
            yield Finding(
                (*container.path, "resources", "requests", name),
                f'{container.describe()} requests {name} "{requested}" but its limit is '
                f'"{limit}", so the pod is not in the Guaranteed QoS class',
            )
