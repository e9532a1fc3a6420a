"""A pod or container sets `windowsOptions.hostProcess: true` (a Windows HostProcess container).

A pod-level setting is reported once, at the pod's `securityContext`; a container-level one at
the container. Under the `node-agent` preset the finding is `info`: HostProcess containers are
how Windows node agents (CNI, CSI proxy, log collectors) reach the host.

## Why is this bad?
A HostProcess container is not isolated at all: it runs as a process on the Windows node, sees
the node's filesystem and network, and acts as the account it is given (often
`NT AUTHORITY\\SYSTEM`). It is the Windows counterpart of a privileged Linux container and gets
the same scrutiny. The `baseline` Pod Security level forbids it.

## By role
HostProcess is how Windows node agents reach the host: for a CNI plugin, a CSI node plugin and a
node network agent it is expected and reported as info with the reason; for other roles it
stays a warning.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: win-agent
spec:
  selector:
    matchLabels: {app: win-agent}
  template:
    metadata:
      labels: {app: win-agent}
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
      containers:
        - name: agent
          image: registry.example.com/win-agent:1.0.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: win-agent
spec:
  selector:
    matchLabels: {app: win-agent}
  template:
    metadata:
      labels: {app: win-agent}
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      containers:
        - name: agent
          image: registry.example.com/win-agent:1.0.0
```

## Options
None.

## References
- Kubernetes, Create a Windows HostProcess Pod:
  https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
- Kubernetes, Pod Security Standards, HostProcess:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Level, Manifest
from dslint.k8s import POD_SPEC, containers
from dslint.roles import HOST_PROCESS, expected

CODE = "DS311"
NAME = "windows-host-process"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    reason = expected(manifest, HOST_PROCESS)
    level: Level | None = None if reason is None else "info"
    because = "" if reason is None else f"; {reason}"
    pod_path = (*POD_SPEC, "securityContext", "windowsOptions", "hostProcess")
    if manifest.get(pod_path) is True:
        yield Finding(
            pod_path,
            "the pod runs as Windows HostProcess containers (hostProcess: true): no isolation "
            f"from the node{because}",
            level=level,
        )
    for container in containers(manifest):
        path = (*container.path, "securityContext", "windowsOptions", "hostProcess")
        if manifest.get(path) is True:
            yield Finding(
                path,
                f"{container.describe()} is a Windows HostProcess container (hostProcess: "
                f"true): no isolation from the node{because}",
                level=level,
            )
