"""Two containers of the pod template share a name.

Names must be unique across `containers` and `initContainers` (sidecars included). An init
container that repeats the name of a regular container is reported on the init container, as the
API server does.

## Why is this bad?
The kubelet, `kubectl logs -c`, `kubectl exec -c` and resource metrics all address containers
by name, so the API server rejects the DaemonSet:
`spec.template.spec.initContainers[0].name: Duplicate value: "agent"`. Copying a container to
make an init container or a sidecar is the usual cause.

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
        - name: agent
          image: registry.example.com/agent:1.2.3
          command: [agent, init]
      containers:
        - name: agent
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
      initContainers:
        - name: agent-init
          image: registry.example.com/agent:1.2.3
          command: [agent, init]
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes source, `validateContainers` and `validateInitContainers`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import ContainerRef, api_error, containers

CODE = "DS150"
NAME = "duplicate-container-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    # Regular containers come first, so an init container is the one reported on a clash.
    seen: dict[str, ContainerRef] = {}
    for container in containers(manifest):
        name = container.data.get("name")
        if not isinstance(name, str) or not name:
            continue
        first = seen.get(name)
        if first is None:
            seen[name] = container
            continue
        path = (*container.path, "name")
        error = api_error(path, "Duplicate value", value=name)
        yield Finding(
            path, f"{container.describe()} has the same name as {first.describe()}; {error}"
        )
