"""A probe names a port that its container does not declare.

An `httpGet` or `tcpSocket` probe may give its port as a name (`port: metrics`); the kubelet
looks that name up in the same container's `ports`. Checked on regular containers and sidecars.
Also flagged: a port written as a quoted number (`port: "8080"`), which is read as a name and
rejected (`must contain at least one letter (a-z)`), and a named port in a `grpc` probe, whose
port must be a number.

## Why is this bad?
The API server accepts an undeclared name, because it checks only the name's syntax, but the
probe can never work: the kubelet cannot resolve the port, so every probe fails. A liveness
probe then restarts the container forever, a readiness probe keeps the pod unready (stalling a
rolling update), and a startup probe never lets it start. Declaring the port on another container
of the pod does not help: a probe sees only its own container's ports.

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
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: health}
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
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
```

## Options
None.

## References
- Kubernetes, configure probes, use a named port:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port
- Kubernetes source, `findPortByName` in `pkg/kubelet/prober/prober.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import ContainerRef, api_error, containers

CODE = "DS204"
NAME = "undeclared-probe-port"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
NAMED_PORT_HANDLERS = ("httpGet", "tcpSocket")


def port_names(container: Mapping[str, Any]) -> list[str]:
    ports = container.get("ports")
    if not isinstance(ports, list):
        return []
    return [
        port["name"]
        for port in ports
        if isinstance(port, dict) and isinstance(port.get("name"), str)
    ]


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    all_containers = list(containers(manifest))
    for container in all_containers:
        if container.is_init:
            continue
        declared = port_names(container.data)
        for probe_name in PROBES:
            probe = container.data.get(probe_name)
            if not isinstance(probe, dict):
                continue
            for handler in NAMED_PORT_HANDLERS:
                action = probe.get(handler)
                if isinstance(action, dict):
                    port = action.get("port")
                    if isinstance(port, str) and port not in declared:
                        path = (*container.path, probe_name, handler, "port")
                        yield _named_port_finding(
                            container, all_containers, probe_name, path, port, declared
                        )
            grpc = probe.get("grpc")
            if isinstance(grpc, dict) and isinstance(grpc.get("port"), str):
                path = (*container.path, probe_name, "grpc", "port")
                number = grpc["port"].strip()
                yield Finding(
                    path,
                    f'{container.describe()} {probe_name} gives the gRPC port as "{grpc["port"]}",'
                    " but a gRPC probe port must be a number (the API server cannot decode it)",
                    fix=(Edit(path, int(number)),) if number.isdigit() else (),
                )


def _named_port_finding(
    container: ContainerRef,
    all_containers: list[ContainerRef],
    probe_name: str,
    path: tuple[str | int, ...],
    port: str,
    declared: list[str],
) -> Finding:
    what = f"{container.describe()} {probe_name}"
    if port.isdigit():
        return Finding(
            path,
            f'{what} port "{port}" is quoted, so it is read as a port name; write it as a '
            "number: "
            + api_error(path, "Invalid value", "must contain at least one letter (a-z)", port),
            fix=(Edit(path, int(port)),),
        )
    owners = [c for c in all_containers if c is not container and port in port_names(c.data)]
    if owners:
        where = f"; {owners[0].describe()} declares it, but a probe sees only its own container"
    elif declared:
        where = f" (it declares {', '.join(repr(name) for name in declared)})"
    else:
        where = " (it declares no named ports)"
    # A name declared in another case: port names are lower case, so it can mean only that one.
    meant = [name for name in declared if name.lower() == port.lower()]
    return Finding(
        path,
        f'{what} uses port "{port}", which the container does not declare{where}; '
        "the kubelet cannot resolve it, so the probe always fails",
        fix=(Edit(path, meant[0]),) if len(meant) == 1 else (),
    )
