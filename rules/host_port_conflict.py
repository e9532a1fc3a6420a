"""Two ports of the pod template claim the same host port.

Regular containers run side by side, so across all of them each combination of protocol, host
IP and `hostPort` may appear once. Init containers run one after another, so each is checked on
its own, like the API server does.

## Why is this bad?
A host port can be bound once per node. The API server rejects the DaemonSet:
`spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"` (protocol,
host IP and port). Give each port its own `hostPort`, or a different protocol or `hostIP`.

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
            - containerPort: 8080
              hostPort: 8080
        - name: exporter
          image: registry.example.com/exporter:0.9.0
          ports:
            - containerPort: 9100
              hostPort: 8080
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
            - containerPort: 8080
              hostPort: 8080
        - name: exporter
          image: registry.example.com/exporter:0.9.0
          ports:
            - containerPort: 9100
              hostPort: 9100
```

## Options
None.

## References
- Kubernetes source, `AccumulateUniqueHostPorts`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import ContainerRef, api_error, containers, is_int, list_entries

CODE = "DS153"
NAME = "host-port-conflict"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    every = list(containers(manifest))
    regular = [c for c in every if c.kind == "container"]
    yield from _conflicts(regular)
    for container in every:
        if container.kind != "container":
            yield from _conflicts([container])


def _conflicts(group: Iterable[ContainerRef]) -> Iterator[Finding]:
    """Ports in `group` whose protocol/hostIP/hostPort was already taken within the group."""
    taken: dict[str, ContainerRef] = {}
    for container in group:
        for index, port in list_entries(container.data, "ports"):
            host_port = port.get("hostPort")
            if not is_int(host_port) or host_port == 0:
                continue
            protocol = port.get("protocol") or "TCP"  # defaulted before validation
            host_ip = port.get("hostIP") or ""
            key = f"{protocol}/{host_ip}/{host_port}"
            first = taken.get(key)
            if first is None:
                taken[key] = container
                continue
            path = (*container.path, "ports", index, "hostPort")
            error = api_error(path, "Duplicate value", value=key)
            owner = "itself" if first is container else first.describe()
            yield Finding(
                path,
                f"{container.describe()} claims host port {host_port}/{protocol} that "
                f"{owner} already uses; {error}",
            )
