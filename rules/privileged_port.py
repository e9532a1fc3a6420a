"""A container listens on, or binds on the node, a port below 1024.

Checks `containerPort` (which is the node's port in a `hostNetwork` pod) and `hostPort`. Off by
default (`info` under the `strict` preset): it is advice, since DNS caches and ingress
controllers legitimately serve ports 53, 80 and 443.

## Why is this bad?
Binding a port below 1024 needs root or the `NET_BIND_SERVICE` capability (unless the pod
lowers `net.ipv4.ip_unprivileged_port_start`), so an agent on such a port tends to keep
privileges it does not otherwise need. On the node (hostNetwork or hostPort) low ports are
where system services live, so collisions with SSH, DNS or the node's own web services are
likely. Choosing a high port lets the agent drop root and capabilities.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
          ports:
            - {name: metrics, containerPort: 80}
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
          ports:
            - {name: metrics, containerPort: 9100}
```

## Options
- `allowed-ports` (list of strings, default empty): port numbers accepted, such as `"53"` for a
  node-local DNS cache.

## References
- Linux, capabilities(7), CAP_NET_BIND_SERVICE:
  https://man7.org/linux/man-pages/man7/capabilities.7.html
- Kubernetes, Using sysctls (net.ipv4.ip_unprivileged_port_start):
  https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import container_ports, is_int

CODE = "DS324"
NAME = "privileged-port"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    allowed_ports: tuple[str, ...] = ()


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    allowed = {p.strip() for p in options.allowed_ports}
    for container, path, port in container_ports(manifest):
        for field in ("containerPort", "hostPort"):
            number = port.get(field)
            if not is_int(number) or not 0 < number < 1024 or str(number) in allowed:
                continue
            yield Finding(
                (*path, field),
                f'{container.describe()} uses privileged port "{number}" ({field}), which '
                "needs root or NET_BIND_SERVICE",
            )
