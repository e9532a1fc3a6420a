"""A rolling update with `maxSurge` above zero, while the pods bind host ports.

With a surge the DaemonSet controller starts the new pod on a node before it stops the old one.
A pod that binds a host port (a `hostPort`, or any declared `containerPort` on the host network,
where it becomes the host port) cannot be scheduled beside the old pod that still holds that port,
and the old pod is kept until the new one is available. The API server accepts this; the rollout
then stalls with the first new pods Pending (`node(s) didn't have free ports for the requested pod
ports`). Only strategies the API server accepts (`maxUnavailable: 0`) are checked.

## Why is this bad?
The update can never finish: every surged pod waits for a port that the pod it replaces will only
release once the new pod is running. Use `maxUnavailable` for DaemonSets that bind host ports.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress
spec:
  selector:
    matchLabels: {app: ingress}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels: {app: ingress}
    spec:
      containers:
        - name: ingress
          image: registry.example.com/ingress:1.2.3
          ports:
            - containerPort: 80
              hostPort: 80
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress
spec:
  selector:
    matchLabels: {app: ingress}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels: {app: ingress}
    spec:
      containers:
        - name: ingress
          image: registry.example.com/ingress:1.2.3
          ports:
            - containerPort: 80
              hostPort: 80
```

## Options
None.

## References
- Kubernetes, Perform a rolling update on a DaemonSet:
  https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
- Kubernetes scheduler, NodePorts filter:
  https://kubernetes.io/docs/reference/scheduling/config/#scheduling-plugins
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, is_int, pod_spec

CODE = "DS159"
NAME = "surge-with-host-port"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

ROLLING = ("spec", "updateStrategy", "rollingUpdate")
_PERCENT = re.compile(r"^([0-9]+)%$")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if manifest.get(("spec", "updateStrategy", "type")) not in (None, "", "RollingUpdate"):
        return
    rolling = manifest.mapping(ROLLING)
    surge = rolling.get("maxSurge")
    if not _is_zero(rolling.get("maxUnavailable")) or _is_zero(surge) or not _amount(surge):
        return  # no surge, or a strategy the API server rejects (reported elsewhere)
    port = _first_host_port(manifest)
    if port is None:
        return
    who, number = port
    yield Finding(
        (*ROLLING, "maxSurge"),
        f"maxSurge {surge} starts each new pod beside the old one, but {who} binds host port "
        f"{number}, so the new pod can never be scheduled and the rollout stalls; use "
        "maxUnavailable instead (the API server accepts this strategy)",
    )


def _amount(value: object) -> int:
    if is_int(value):
        return value
    match = _PERCENT.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else 0


def _is_zero(value: object) -> bool:
    return value == 0 or (
        isinstance(value, str) and bool(_PERCENT.match(value)) and _amount(value) == 0
    )


def _first_host_port(manifest: Manifest) -> tuple[str, int] | None:
    """The first host port a running container binds: (who, port)."""
    host_network = pod_spec(manifest).get("hostNetwork") is True
    for container in containers(manifest):
        if container.kind == "init":
            continue  # finished before the pod is ready; it holds no port then
        ports = container.data.get("ports")
        for port in ports if isinstance(ports, list) else []:
            if not isinstance(port, dict):
                continue
            host_port = port.get("hostPort")
            if is_int(host_port) and host_port > 0:
                return container.describe(), host_port
            container_port = port.get("containerPort")
            if host_network and is_int(container_port) and container_port > 0:
                return container.describe(), container_port
    return None
