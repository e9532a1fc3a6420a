"""Two pod volumes share a name.

Each entry of `spec.template.spec.volumes` must have its own name; the second and later entries
that reuse a name are flagged.

## Why is this bad?
The API server rejects the DaemonSet (`spec.template.spec.volumes[1].name: Duplicate value:
"data"`). Even if it did not, a volume mount names its volume, so it could not say which of the two
it means.

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
      volumes:
        - name: logs
          hostPath: {path: /var/log}
        - name: logs
          hostPath: {path: /var/lib/docker/containers}
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
      volumes:
        - name: logs
          hostPath: {path: /var/log}
        - name: container-logs
          hostPath: {path: /var/lib/docker/containers}
```

## Options
None.

## References
- Kubernetes, Volumes: https://kubernetes.io/docs/concepts/storage/volumes/
- Kubernetes source, `ValidateVolumes` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, pod_spec, repeated_values

CODE = "DS170"
NAME = "duplicate-volume-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for index, name, _ in repeated_values(pod_spec(manifest), "volumes", "name"):
        path = (*POD_SPEC, "volumes", index, "name")
        error = api_error(path, "Duplicate value", value=name)
        yield Finding(path, f'volume name "{name}" is used twice; {error}')
