"""A container has no `securityContext`, and neither has its pod.

Regular containers and sidecars (init containers with `restartPolicy: Always`) are checked;
run-to-completion init containers are not. An empty `securityContext: {}` counts as missing.
When the pod sets any `securityContext` field nothing is reported, since the pod's settings
apply to its containers. Each container is reported once, at its entry in the list. A pod
without containers is left to the rules that report that. Off by default.

## Why is this bad?
Without any securityContext a container gets the runtime's defaults: it runs as whatever user
the image says (often root), keeps the default capabilities, has a writable root filesystem
and may gain privileges through setuid binaries. Writing a securityContext down, even one
that keeps root because a node agent needs it, makes the choice explicit and reviewable. The
trade-off: many node agents need root and host access anyway, so for them this is a nudge to
state and narrow what they need (drop capabilities, read-only root filesystem), not a defect.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
```

## Options
None.

## References
- Kubernetes, Configure a Security Context for a Pod or Container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
- Kubernetes, Pod Security Standards:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, pod_spec

CODE = "DS313"
NAME = "missing-security-context"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def _sets_anything(context: object) -> bool:
    return isinstance(context, dict) and bool(context)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if _sets_anything(pod_spec(manifest).get("securityContext")):
        return
    for container in containers(manifest):
        if container.is_init or _sets_anything(container.data.get("securityContext")):
            continue
        yield Finding(
            container.path,
            f"{container.describe()} has no securityContext, and the pod sets none either",
        )
