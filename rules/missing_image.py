"""A container has no image, or an empty one.

Checked on every container, init containers included. An image made only of spaces counts as
empty.

## Why is this bad?
The API server rejects the DaemonSet: `spec.template.spec.containers[0].image: Required value`.
A missing image is often a templating variable that rendered empty. (An image with leading or
trailing spaces is accepted in the DaemonSet, but every pod it creates is rejected.)

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
          image: ""
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
```

## Options
None.

## References
- Kubernetes, images:
  https://kubernetes.io/docs/concepts/containers/images/
- Kubernetes API reference, Container:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, field_path

CODE = "DS115"
NAME = "missing-image"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        image = container.data.get("image")
        if image is not None and not isinstance(image, str):
            continue  # a wrong type is a schema problem
        if image is not None and image.strip():
            continue
        path = (*container.path, "image")
        state = "no image" if image is None else "an empty image"
        yield Finding(
            path if image is not None else (*container.path, "name"),
            f"{container.describe()} has {state}: {field_path(path)}: Required value",
        )
