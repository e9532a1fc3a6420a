"""A container declares port 22, the SSH port, as its `containerPort` or `hostPort`.

Each port entry is reported once, at its `hostPort` when that is 22, otherwise at its
`containerPort`. In a `hostNetwork` pod a `containerPort` is the node's port, so port 22 there
also collides with the node's own SSH server.

## Why is this bad?
A DaemonSet runs on every node, so an SSH server in it is a login path onto every node of the
cluster, usually with the broad host access node agents have (hostPath mounts, host
namespaces, capabilities). It bypasses the cluster's audited way in (`kubectl exec`,
`kubectl debug node/...`) and is a classic backdoor. The trade-off: a few node-maintenance
tools do ship an SSH server on purpose; run those only where needed and on a non-default port
behind a NetworkPolicy, or suppress the finding with a comment that says why.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-maintenance
spec:
  selector:
    matchLabels: {app: node-maintenance}
  template:
    metadata:
      labels: {app: node-maintenance}
    spec:
      containers:
        - name: sshd
          image: registry.example.com/sshd:9.6
          ports:
            - {name: ssh, containerPort: 22, hostPort: 22}
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-maintenance
spec:
  selector:
    matchLabels: {app: node-maintenance}
  template:
    metadata:
      labels: {app: node-maintenance}
    spec:
      containers:
        - name: agent
          image: registry.example.com/node-maintenance:1.4.0
          ports:
            - {name: metrics, containerPort: 9100}
```

## Options
None.

## References
- Kubernetes, Debugging Kubernetes Nodes With Kubectl:
  https://kubernetes.io/docs/tasks/debug/debug-cluster/kubectl-node-debug/
- Kubernetes, Pod Security Standards, Host Ports:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import container_ports, is_int

CODE = "DS325"
NAME = "ssh-port-exposed"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SSH_PORT = 22


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container, path, port in container_ports(manifest):
        # hostPort first: it is the more exposed of the two when both are 22.
        for field in ("hostPort", "containerPort"):
            value = port.get(field)
            if is_int(value) and value == SSH_PORT:
                yield Finding(
                    (*path, field),
                    f'{container.describe()} exposes the SSH port "{field}: 22" '
                    "on every node the DaemonSet runs on",
                )
                break
