"""The pod shares the node's IPC namespace (`hostIPC: true`).

Reported at `warning`, under the `node-agent` preset too: very few node agents need it
(some GPU and RDMA drivers share memory with host processes).

## Why is this bad?
With the host's IPC namespace the container reads and writes the shared memory segments,
semaphores and message queues of every process on the node that is not in its own IPC
namespace: databases, other host-IPC pods, system daemons. Data in shared memory is not
protected by anything else. It also blocks IPC sysctls for the pod.

## By role
The role does not change the level. A comment that explains the setting, on its line or just
above it, lowers the warning to info.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-agent
spec:
  selector:
    matchLabels: {app: gpu-agent}
  template:
    metadata:
      labels: {app: gpu-agent}
    spec:
      hostIPC: true
      containers:
        - name: agent
          image: registry.example.com/gpu-agent:1.0.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-agent
spec:
  selector:
    matchLabels: {app: gpu-agent}
  template:
    metadata:
      labels: {app: gpu-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/gpu-agent:1.0.0
```

## Options
None.

## References
- Kubernetes, Pod Security Standards, Host Namespaces:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS322"
NAME = "host-ipc"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"
RECORDED_CHOICE = True


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    path = (*POD_SPEC, "hostIPC")
    if manifest.get(path) is True:
        yield Finding(
            path,
            "the pod shares the node's IPC namespace (hostIPC: true): it can read other "
            "processes' shared memory on the node",
            fix=(Edit(path, delete=True),),
        )
