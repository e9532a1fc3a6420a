"""A node agent DaemonSet sets no `priorityClassName`, so its pods have priority 0.

A node agent here is a DaemonSet that reaches into the node: `hostNetwork`, `hostPID`, `hostIPC`
or a `hostPath` volume (CNI and CSI plugins, proxies, log and metrics collectors). The finding is
a warning in `kube-system`, where `system-node-critical` is always admitted, and advice elsewhere.

## Why is this bad?
Since Kubernetes 1.17 the default scheduler places daemon pods like any other pod. On a node that
is already full, a daemon pod without a priority cannot preempt anything and stays `Pending`; under
memory or disk pressure the kubelet evicts it before higher-priority pods. For a CNI or CSI
plugin that leaves the whole node without networking or storage.

`system-node-critical` is the class made for this. The API server admits it in `kube-system`;
in other namespaces many clusters admit it only where a `ResourceQuota` with a matching
`scopeSelector` allows it (see "limit priority class consumption"), so outside `kube-system`
create your own high-value PriorityClass or add that quota.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: cni-agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: cni-agent}
  template:
    metadata:
      labels: {app: cni-agent}
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: registry.example.com/cni-agent:1.4.2
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: cni-agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: cni-agent}
  template:
    metadata:
      labels: {app: cni-agent}
    spec:
      hostNetwork: true
      priorityClassName: system-node-critical
      containers:
        - name: agent
          image: registry.example.com/cni-agent:1.4.2
```

## Options
- `all-daemonsets` (boolean, default false): flag every DaemonSet without a priority class, not
  only those that use host namespaces or `hostPath` volumes.

## References
- Kubernetes, Pod priority and preemption:
  https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
- Kubernetes, Guaranteed scheduling for critical add-on pods:
  https://kubernetes.io/docs/tasks/administer-cluster/guaranteed-scheduling-critical-addon-pods/
- Kubernetes, Limit priority class consumption by default:
  https://kubernetes.io/docs/concepts/policy/resource-quotas/#limit-priority-class-consumption-by-default
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS250"
NAME = "missing-priority-class"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    all_daemonsets: bool = False


def host_access(spec: Mapping[str, Any]) -> str | None:
    """What makes the pod a node agent (for the message), or None."""
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(field) is True:
            return f"{field}: true"
    volumes = spec.get("volumes")
    if isinstance(volumes, list):
        for volume in volumes:
            if isinstance(volume, dict) and isinstance(volume.get("hostPath"), dict):
                return "hostPath volumes"
    return None


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    if isinstance(spec.get("priorityClassName"), str) and spec["priorityClassName"]:
        return
    if "priority" in spec:
        return  # an explicit integer priority is a decision, even if an unusual one
    reason = host_access(spec)
    if reason is None and not options.all_daemonsets:
        return
    if reason:
        subject = f'node agent "{manifest.name}" uses {reason} but sets no priorityClassName'
    else:
        subject = f'DaemonSet "{manifest.name}" sets no priorityClassName'
    consequence = "its pods cannot preempt on a full node and are evicted early"
    path = (*POD_SPEC, "priorityClassName")
    if manifest.namespace == "kube-system":
        yield Finding(path, f'{subject}: {consequence}; use "system-node-critical"')
    else:
        yield Finding(
            path,
            f"{subject}: {consequence}; use a high-value PriorityClass "
            '("system-node-critical" outside kube-system needs a ResourceQuota that admits it)',
            level="info",
        )
