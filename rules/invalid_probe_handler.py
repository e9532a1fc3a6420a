"""A probe has more than one handler, or none.

A liveness, readiness or startup probe runs exactly one of `exec`, `httpGet`, `tcpSocket` and
`grpc`. Checked on regular containers and sidecars (probes on other init containers are
`probe-on-init-container`'s finding).

## Why is this bad?
The API server rejects the DaemonSet: a second handler gives
`spec.template.spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1
handler type`, and a probe with only timing fields gives `...livenessProbe: Required value: must
specify a handler type`. Two handlers usually come from merging two snippets, one of which was
meant to replace the other.

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
            exec:
              command: [/bin/agent, health]
            httpGet:
              path: /healthz
              port: 8080
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
            httpGet:
              path: /healthz
              port: 8080
```

## Options
None.

## References
- Kubernetes, configure liveness, readiness and startup probes:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
- Kubernetes API reference, Probe:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, field_path

CODE = "DS108"
NAME = "invalid-probe-handler"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init:
            continue
        for probe_name in PROBES:
            probe = container.data.get(probe_name)
            if not isinstance(probe, dict):
                continue
            probe_path = (*container.path, probe_name)
            handlers = [name for name in HANDLERS if probe.get(name) is not None]
            if not handlers:
                yield Finding(
                    probe_path,
                    f"{container.describe()} {probe_name} has no handler (one of exec, httpGet, "
                    f"tcpSocket, grpc): {field_path(probe_path)}: Required value: "
                    "must specify a handler type",
                )
            for extra in handlers[1:]:
                yield Finding(
                    (*probe_path, extra),
                    f"{container.describe()} {probe_name} has both {handlers[0]} and {extra}: "
                    f"{field_path((*probe_path, extra))}: Forbidden: "
                    "may not specify more than 1 handler type",
                )
