"""A container port is bound to the node with `hostPort`.

Reported at `info`. Skipped in `hostNetwork` pods, where every container port is a node port
anyway (the API server copies `containerPort` into `hostPort`) and `host-network` reports it.
The `node-agent` preset turns this rule off: a per-node endpoint is what many agents are for.

## Why is this bad?
A hostPort opens the port on every node's address, outside NetworkPolicies' usual reach on
many CNI plugins and often past firewalls that only expected the kubelet and SSH. Only one pod
per node can hold a hostPort, so a second DaemonSet or a surge rollout using the same port
stays Pending. Agents that must be reached on their own node can usually use a Service with
`internalTrafficPolicy: Local`. The `baseline` Pod Security level forbids hostPorts.

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
            - {name: metrics, containerPort: 9100, hostPort: 9100}
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
None.

## References
- Kubernetes, Configuration best practices, Services:
  https://kubernetes.io/docs/concepts/configuration/overview/#services
- Kubernetes, Pod Security Standards, Host Ports:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, container_ports, is_int

CODE = "DS323"
NAME = "host-port"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if manifest.get((*POD_SPEC, "hostNetwork")) is True:
        return
    for container, path, port in container_ports(manifest):
        host_port = port.get("hostPort")
        if not is_int(host_port) or host_port == 0:
            continue
        yield Finding(
            (*path, "hostPort"),
            f'{container.describe()} binds hostPort "{host_port}" on every node',
        )
