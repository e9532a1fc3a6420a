"""The pod shares the node's process namespace (`hostPID: true`).

Reported at `warning`, and at `info` under the `node-agent` preset (process exporters, security
agents and tools that `nsenter` into the host's namespaces need it).

## Why is this bad?
With the host's PID namespace the container sees every process on the node, including other
pods' processes, with their command lines (which often carry tokens or passwords). Running as
root it can signal them, and with `SYS_PTRACE` it can read and change their memory, or enter
the host's mount namespace through `/proc/1/ns/mnt` and act as the node. Agents that only need
process metrics can often read a read-only host `/proc` mount instead.

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
      hostPID: true
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
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
          args: [--path.procfs=/host/proc]
          volumeMounts:
            - {name: proc, mountPath: /host/proc, readOnly: true}
      volumes:
        - name: proc
          hostPath: {path: /proc, type: Directory}
```

## Options
None.

## References
- Kubernetes, Pod Security Standards, Host Namespaces:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS321"
NAME = "host-pid"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    path = (*POD_SPEC, "hostPID")
    if manifest.get(path) is True:
        yield Finding(
            path,
            "the pod shares the node's process namespace (hostPID: true): it sees and can "
            "signal every process on the node",
        )
