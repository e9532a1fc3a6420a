"""A container port has no `containerPort`, a port number out of range, an unknown protocol or a
malformed name.

Checked for every entry of `ports` of containers, init containers and sidecars:
`containerPort` is required and 1-65535; `hostPort`, when set, is 1-65535; `protocol` is `TCP`,
`UDP` or `SCTP` (case matters); `name`, when set, is an IANA service name: at most 15 characters
of `a-z`, `0-9` and `-`, with at least one letter, no `--`, and no `-` at either end.

## Why is this bad?
The API server rejects the DaemonSet, e.g.
`spec.template.spec.containers[0].ports[1].name: Invalid value: "Metrics": must contain only
alpha-numeric characters (a-z, 0-9), and hyphens (-)` or
`spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values:
"SCTP", "TCP", "UDP"`. Port names longer than 15 characters (`prometheus-metrics`) are the most
common slip.

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
            - name: prometheus-metrics
              containerPort: 9100
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
```

## Options
None.

## References
- Kubernetes API, ContainerPort:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
- Kubernetes source, `validateContainerPorts`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest
from dslint.k8s import (
    ContainerRef,
    api_error,
    containers,
    invalid_value_errors,
    is_int,
    list_entries,
    port_name_errors,
    port_number_errors,
)

CODE = "DS151"
NAME = "invalid-container-port"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

PROTOCOLS = ("SCTP", "TCP", "UDP")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        for index, port in list_entries(container.data, "ports"):
            yield from _check_port(container, index, port)


def _check_port(container: ContainerRef, index: int, port: Mapping[str, Any]) -> Iterator[Finding]:
    base = (*container.path, "ports", index)
    who = container.describe()
    container_port = port.get("containerPort")
    if container_port is None or container_port == 0:
        path = (*base, "containerPort")
        error = api_error(path, "Required value")
        yield Finding(path, f"{who} port #{index + 1} has no containerPort; {error}")
    elif is_int(container_port) and port_number_errors(container_port):
        path = (*base, "containerPort")
        errors = invalid_value_errors(path, container_port, port_number_errors(container_port))
        yield Finding(path, f"{who} containerPort {container_port} is out of range; {errors}")
    host_port = port.get("hostPort")
    if is_int(host_port) and host_port != 0 and port_number_errors(host_port):
        path = (*base, "hostPort")
        errors = invalid_value_errors(path, host_port, port_number_errors(host_port))
        yield Finding(path, f"{who} hostPort {host_port} is out of range; {errors}")
    protocol = port.get("protocol")
    # An empty protocol is defaulted to TCP before validation.
    if isinstance(protocol, str) and protocol and protocol not in PROTOCOLS:
        path = (*base, "protocol")
        supported = ", ".join(f'"{p}"' for p in PROTOCOLS)
        error = api_error(
            path, "Unsupported value", f"supported values: {supported}", value=protocol
        )
        yield Finding(path, f'{who} port protocol "{protocol}" is not TCP, UDP or SCTP; {error}')
    name = port.get("name")
    if isinstance(name, str) and name:
        problems = port_name_errors(name)
        if problems:
            path = (*base, "name")
            errors = invalid_value_errors(path, name, problems)
            yield Finding(path, f'{who} port name "{name}" is not a valid port name; {errors}')
