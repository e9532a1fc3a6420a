"""An init container that is not a sidecar declares a liveness, readiness or startup probe.

An init container runs to completion before the next one starts; only an init container with
`restartPolicy: Always` (a sidecar) keeps running beside the regular containers and may be probed.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers
without restartPolicy=Always`. Either the probe is unnecessary (the container exits when done) or
the container was meant to be a sidecar and lacks `restartPolicy: Always`.

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
        - name: proxy
          image: registry.example.com/proxy:2.0.1
          readinessProbe:
            tcpSocket: {port: 15001}
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
      initContainers:
        - name: proxy
          image: registry.example.com/proxy:2.0.1
          restartPolicy: Always
          readinessProbe:
            tcpSocket: {port: 15001}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, init containers, differences from regular containers:
  https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#differences-from-regular-containers
- Kubernetes, sidecar containers:
  https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, field_path

CODE = "DS110"
NAME = "probe-on-init-container"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if not container.is_init:
            continue
        for probe_name in PROBES:
            if container.data.get(probe_name) is None:
                continue
            path = (*container.path, probe_name)
            yield Finding(
                path,
                f"{container.describe()} has a {probe_name}, but it runs to completion before "
                f"the others start (add restartPolicy: Always to make it a sidecar): "
                f"{field_path(path)}: Forbidden: may not be set for init containers without "
                "restartPolicy=Always",
            )
