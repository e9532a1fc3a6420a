"""The pod shares the node's process namespace (`hostPID: true`).

Graded by what the containers can do to the processes they see: `warning` when some container
may run as root (no `runAsNonRoot: true` and no non-zero `runAsUser`, on the container or the
pod), is privileged or adds `SYS_PTRACE`, `SYS_ADMIN` or `ALL`; `info` when every container
runs as a non-root user without those, since it can then see the node's processes but not
signal, trace or enter them. Under the `node-agent` preset the `warning` grade becomes `info`
(process exporters, security agents and tools that `nsenter` into the host need it).

## Why is this bad?
With the host's PID namespace the container sees every process on the node, including other
pods' processes, with their command lines (which often carry tokens or passwords). Running as
root it can signal them, and with `SYS_PTRACE` it can read and change their memory, or enter
the host's mount namespace through `/proc/1/ns/mnt` and act as the node. Agents that only need
process metrics can often read a read-only host `/proc` mount instead.

## By role
Sharing the node's process namespace is expected, and reported as info with the reason, for a
CNI plugin (it enters pods' network namespaces), a security agent, a metrics exporter (process
metrics) and a node installer (`nsenter`). For a log collector and any other role it stays a
warning. A comment that explains the setting on its line, or just above it, lowers the warning
to info.

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

from dslint.api import Edit, Finding, Manifest, value_at
from dslint.k8s import POD_SPEC, ContainerRef, containers, is_int, is_privileged, security_setting
from dslint.roles import HOST_PID, expected

CODE = "DS321"
NAME = "host-pid"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"
RECORDED_CHOICE = True


_PROCESS_CONTROL = frozenset({"SYS_PTRACE", "SYS_ADMIN", "ALL"})


def why_it_can_act_on_processes(manifest: Manifest, container: ContainerRef) -> str | None:
    """Why the container can signal, trace or enter other processes, or None if it cannot."""
    if is_privileged(container):
        return "is privileged"
    added = value_at(container.data, ("securityContext", "capabilities", "add"))
    if isinstance(added, list):
        for name in added:
            if isinstance(name, str) and name.upper().removeprefix("CAP_") in _PROCESS_CONTROL:
                return f'adds "{name}"'
    non_root = security_setting(manifest, container, "runAsNonRoot")
    user = security_setting(manifest, container, "runAsUser")
    if user is not None and is_int(user.value):
        return None if user.value != 0 else "runs as root"
    if non_root is not None and non_root.value is True:
        return None
    return "may run as root"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    path = (*POD_SPEC, "hostPID")
    if manifest.get(path) is not True:
        return
    reason = expected(manifest, HOST_PID)
    if reason is not None:
        yield Finding(
            path, f"the pod shares the node's process namespace (hostPID: true); {reason}", "info"
        )
        return
    for container in containers(manifest):
        reason = why_it_can_act_on_processes(manifest, container)
        if reason is not None:
            yield Finding(
                path,
                "the pod shares the node's process namespace (hostPID: true) and "
                f"{container.describe()} {reason}: it can signal or trace every process on "
                "the node",
                fix=(Edit(path, delete=True),),
            )
            return
    yield Finding(
        path,
        "the pod shares the node's process namespace (hostPID: true): its non-root containers "
        "see every process on the node and their command lines",
        level="info",
        fix=(Edit(path, delete=True),),
    )
