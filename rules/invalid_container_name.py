"""A container, init container or sidecar has no name, or a name that is not an RFC 1123 label.

Container names must be at most 63 characters of lower-case letters, digits and `-`, starting
and ending with a letter or digit; dots, capitals and underscores are not allowed.

## Why is this bad?
The API server rejects the DaemonSet, e.g.
`spec.template.spec.containers[0].name: Invalid value: "node_agent": a lowercase RFC 1123 label
must consist of lower case alphanumeric characters or '-', and must start and end with an
alphanumeric character (...)` or `spec.template.spec.initContainers[0].name: Required value`.

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
        - name: node_agent
          image: registry.example.com/agent:1.2.3
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
        - name: node-agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes API, Container `name`:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
- Kubernetes source, `validateContainerCommon`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, containers, dns1123_label_errors, invalid_value_errors

CODE = "DS149"
NAME = "invalid-container-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        name = container.data.get("name")
        path = (*container.path, "name")
        if name is None or name == "":
            error = api_error(path, "Required value")
            yield Finding(path, f"{container.describe()} has no name; {error}")
        elif isinstance(name, str):
            errors = invalid_value_errors(path, name, dns1123_label_errors(name))
            if errors:
                yield Finding(
                    path, f'{container.describe()} name "{name}" is not an RFC 1123 label; {errors}'
                )
