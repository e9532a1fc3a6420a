"""A probe setting the API server rejects: a negative timing, a bad port or scheme.

Checks the liveness, readiness and startup probes of containers and sidecars:
`initialDelaySeconds`, `timeoutSeconds`, `periodSeconds`, `successThreshold` and
`failureThreshold` may not be negative (zero is replaced by the default); a probe's own
`terminationGracePeriodSeconds` must be positive and may not be set on a readiness probe;
`httpGet.scheme` is `HTTP` or `HTTPS`; a numeric `httpGet.port` or `tcpSocket.port` lies between 1
and 65535, and so does `grpc.port`; `exec.command` is not empty; HTTP header names use letters,
digits and `-` only. Named ports are checked by `undeclared-probe-port`, the number of handlers
by `invalid-probe-handler`, and `successThreshold` of liveness and startup probes by
`invalid-probe-success-threshold`.

## Why is this bad?
`kubectl apply` fails with the API server's message, e.g.
`spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10:
must not be set for readinessProbes`. Kubernetes only lets liveness and startup probes shorten the
grace period, because only their failure kills the container.

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
          readinessProbe:
            httpGet: {path: /ready, port: 8080, scheme: http}
            periodSeconds: -5
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
          readinessProbe:
            httpGet: {path: /ready, port: 8080, scheme: HTTP}
            periodSeconds: 5
```

## Options
None.

## References
- Kubernetes, Configure liveness, readiness and startup probes:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
- Kubernetes source, `validateProbe` and `validateHandler` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import api_error, containers, is_int

CODE = "DS176"
NAME = "invalid-probe-settings"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
NON_NEGATIVE = (
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
)
SCHEMES = ("HTTP", "HTTPS")
PORT_RANGE_MESSAGE = "must be between 1 and 65535, inclusive"
_HEADER_NAME = re.compile(r"^[-A-Za-z0-9]+$")
HEADER_NAME_MESSAGE = (
    "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', "
    "regex used for validation is '[-A-Za-z0-9]+')"
)

Problem = tuple[Path, str]


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init:
            continue  # probes on plain init containers are forbidden outright, elsewhere
        for probe_name in PROBES:
            probe = container.data.get(probe_name)
            if not isinstance(probe, dict):
                continue
            path = (*container.path, probe_name)
            for where, error in _probe_errors(path, probe, probe_name):
                yield Finding(where, f"{container.describe()} {probe_name} is invalid; {error}")


def _probe_errors(path: Path, probe: Mapping[str, Any], probe_name: str) -> Iterator[Problem]:
    for key in NON_NEGATIVE:
        value = probe.get(key)
        if is_int(value) and value < 0:
            detail = "must be greater than or equal to 0"
            yield (*path, key), api_error((*path, key), "Invalid value", detail, value)
    grace = probe.get("terminationGracePeriodSeconds")
    where = (*path, "terminationGracePeriodSeconds")
    if probe_name == "readinessProbe" and grace is not None:
        detail = "must not be set for readinessProbes"
        yield where, api_error(where, "Invalid value", detail, grace)
    elif is_int(grace) and grace <= 0:
        yield where, api_error(where, "Invalid value", "must be greater than 0", grace)
    yield from _handler_errors(path, probe)


def _handler_errors(path: Path, probe: Mapping[str, Any]) -> Iterator[Problem]:
    exec_action = probe.get("exec")
    if isinstance(exec_action, dict):
        command = exec_action.get("command")
        if command is None or command == []:
            yield (
                (*path, "exec", "command"),
                api_error((*path, "exec", "command"), "Required value"),
            )
    http_get = probe.get("httpGet")
    if isinstance(http_get, dict):
        yield from _port_errors((*path, "httpGet", "port"), http_get.get("port"))
        scheme = http_get.get("scheme")
        if isinstance(scheme, str) and scheme and scheme not in SCHEMES:
            where = (*path, "httpGet", "scheme")
            supported = ", ".join(f'"{value}"' for value in SCHEMES)
            detail = f"supported values: {supported}"
            yield where, api_error(where, "Unsupported value", detail, scheme)
        yield from _header_errors((*path, "httpGet"), http_get.get("httpHeaders"))
    tcp_socket = probe.get("tcpSocket")
    if isinstance(tcp_socket, dict):
        yield from _port_errors((*path, "tcpSocket", "port"), tcp_socket.get("port"))
    grpc = probe.get("grpc")
    if isinstance(grpc, dict):
        # An omitted gRPC port is 0, which is out of range.
        yield from _port_errors((*path, "grpc", "port"), grpc.get("port", 0))


def _port_errors(where: Path, port: object) -> Iterator[Problem]:
    """Numeric ports only: named ports are checked by the rule on probe port names."""
    if is_int(port) and not 1 <= port <= 65535:
        yield where, api_error(where, "Invalid value", PORT_RANGE_MESSAGE, port)


def _header_errors(path: Path, headers: object) -> Iterator[Problem]:
    if not isinstance(headers, list):
        return
    for index, header in enumerate(headers):
        name = header.get("name") if isinstance(header, dict) else None
        if isinstance(name, str) and not _HEADER_NAME.match(name):
            where = (*path, "httpHeaders", index, "name")
            message_path = (*path, "httpHeaders")
            yield where, api_error(message_path, "Invalid value", HEADER_NAME_MESSAGE, name)
