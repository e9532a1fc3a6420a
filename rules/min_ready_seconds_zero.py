"""A rolling update counts a pod available at its first successful readiness probe.

Flags a DaemonSet with readiness probes and no `minReadySeconds` (or 0) that rolls out with
`RollingUpdate`. Off by default: it is a safety margin, not a defect.

## Why is this bad?
The controller moves to the next node as soon as the new pod is available, and with
`minReadySeconds: 0` a pod is available the moment it is first ready. A version that passes one
readiness check and then crashes (a bad config read late, a leak, a failing connection to the API
server) is rolled onto every node before anyone notices. `minReadySeconds` makes each pod stay
ready for that long first, so a bad rollout stalls on its first nodes. Without readiness probes a
pod is ready when its containers start; that is the probe rules' concern.

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
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  minReadySeconds: 15
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
```

## Options
None.

## References
- Kubernetes API, DaemonSetSpec `minReadySeconds`:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
- Kubernetes, Perform a rolling update on a DaemonSet:
  https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers

CODE = "DS262"
NAME = "min-ready-seconds-zero"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if manifest.get(("spec", "updateStrategy", "type"), "RollingUpdate") != "RollingUpdate":
        return
    seconds = manifest.get(("spec", "minReadySeconds"), 0)
    if seconds != 0 or isinstance(seconds, bool):
        return
    probed = [
        c
        for c in containers(manifest)
        if not c.is_init and isinstance(c.data.get("readinessProbe"), dict)
    ]
    if not probed:
        return
    yield Finding(
        ("spec", "minReadySeconds"),
        f'DaemonSet "{manifest.name}" counts a pod available at its first successful readiness '
        f"probe (minReadySeconds 0), so a version that fails soon after start still reaches every "
        "node; set minReadySeconds",
    )
