"""A container's liveness probe is identical to its readiness probe.

Checked on regular containers and sidecars; probes that differ in any field (handler, path,
thresholds or timing) are not flagged.

## Why is this bad?
Readiness asks "should this pod get traffic or count as available?"; liveness asks "is this
process stuck beyond repair?". When both are the same check, every time the pod is merely not
ready (busy, waiting for a dependency, starting slowly) the kubelet also restarts it, which makes
the situation worse. On a DaemonSet that happens on every node at once when a shared dependency
has a hiccup. Give liveness a cheaper check or a higher `failureThreshold`.

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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            failureThreshold: 6
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
```

## Options
None.

## References
- Kubernetes, liveness, readiness and startup probes:
  https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
- Kubernetes, configure probes:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers

CODE = "DS205"
NAME = "identical-liveness-and-readiness-probes"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init:
            continue
        liveness = container.data.get("livenessProbe")
        readiness = container.data.get("readinessProbe")
        if isinstance(liveness, dict) and liveness and liveness == readiness:
            yield Finding(
                (*container.path, "livenessProbe"),
                f"{container.describe()} livenessProbe is identical to its readinessProbe, so a "
                "pod that is only not ready gets restarted; give liveness its own check or a "
                "higher failureThreshold",
            )
