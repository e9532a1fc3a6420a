"""A container mounts two volumes at the same path.

Within one container (or init container, or sidecar) each `volumeMounts[].mountPath` must be
unique. The comparison is on the exact string, as the API server does it.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/etc/agent": must be
unique`. Two mounts cannot occupy one directory; one of them would hide the other.

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
          volumeMounts:
            - {name: config, mountPath: /etc/agent}
            - {name: certs, mountPath: /etc/agent}
      volumes:
        - name: config
          configMap: {name: agent-config}
        - name: certs
          secret: {secretName: agent-certs}
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
          volumeMounts:
            - {name: config, mountPath: /etc/agent}
            - {name: certs, mountPath: /etc/agent/certs}
      volumes:
        - name: config
          configMap: {name: agent-config}
        - name: certs
          secret: {secretName: agent-certs}
```

## Options
None.

## References
- Kubernetes, Volumes: https://kubernetes.io/docs/concepts/storage/volumes/
- Kubernetes source, `ValidateVolumeMounts` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, containers, repeated_values

CODE = "DS173"
NAME = "duplicate-mount-path"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        for index, mount_path, _ in repeated_values(container.data, "volumeMounts", "mountPath"):
            path = (*container.path, "volumeMounts", index, "mountPath")
            yield Finding(
                path,
                f'{container.describe()} mounts two volumes at "{mount_path}"; '
                + api_error(path, "Invalid value", "must be unique", mount_path),
            )
