"""One container declares two ports with the same name.

Port names must be unique within a container (different containers may reuse a name).

## Why is this bad?
Services, probes and `kubectl port-forward` refer to ports by name, so a name must point at one
port. The API server rejects the DaemonSet:
`spec.template.spec.containers[0].ports[1].name: Duplicate value: "metrics"`.

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
          image: registry.example.com/agent:1.2.3
          ports:
            - name: metrics
              containerPort: 9100
            - name: metrics
              containerPort: 9101
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
          image: registry.example.com/agent:1.2.3
          ports:
            - name: metrics
              containerPort: 9100
            - name: metrics-extra
              containerPort: 9101
```

## Options
None.

## References
- Kubernetes source, `validateContainerPorts`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, containers, repeated_values

CODE = "DS152"
NAME = "duplicate-port-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        for index, name, _ in repeated_values(container.data, "ports", "name"):
            path = (*container.path, "ports", index, "name")
            error = api_error(path, "Duplicate value", value=name)
            yield Finding(
                path, f'{container.describe()} declares port name "{name}" twice; {error}'
            )
