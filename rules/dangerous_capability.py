"""A container adds a Linux capability that gives it power over the node.

Graded by what the capability allows: `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`,
`SYS_RAWIO`, `SYS_BOOT`, `DAC_READ_SEARCH`, `BPF`, `MAC_ADMIN` and `MAC_OVERRIDE` are
`warning`; `NET_ADMIN`, `NET_RAW`, `SYS_RESOURCE`, `SYS_TIME`, `SYS_NICE`, `IPC_LOCK`,
`PERFMON`, `SYSLOG`, `LINUX_IMMUTABLE`, `SYS_PACCT`, `WAKE_ALARM`, `BLOCK_SUSPEND`,
`AUDIT_CONTROL` and `AUDIT_READ` are `info`. Names are compared without a `CAP_` prefix and
without regard to case, as container runtimes do. Privileged containers are skipped: they have
every capability anyway, and `privileged-container` reports them.

Under the `node-agent` preset the `info` grade (network administration, raw sockets, resource
limits, locked memory, performance monitoring) is accepted, since CNI plugins and collectors
need exactly those; the `warning` grade is still reported.

## Why is this bad?
`SYS_ADMIN` is close to full root on the node (mount, namespaces, BPF, many device ioctls);
`SYS_MODULE` loads kernel code; `SYS_PTRACE` with `hostPID` reads and changes any process's
memory; `DAC_READ_SEARCH` opens any file by handle, the classic container escape; `ALL` is all
of them. `NET_ADMIN` and `NET_RAW` change or spoof the node's networking when combined with
`hostNetwork`. Each capability should be justified by the agent's job. The `baseline` Pod
Security level rejects all but a short default list.

## By role
A capability the DaemonSet's role needs is reported as info with the reason: network
capabilities and `SYS_ADMIN`, `BPF` and `SYS_MODULE` for a CNI plugin, `SYS_ADMIN` and
`SYS_PTRACE` for a security agent, `SYS_ADMIN` for a CSI node plugin and a device plugin, and so
on (the table is in `dslint/roles.py`). Any other capability keeps its level. A comment that
explains the capability, on its line or just above it, lowers a warning to info.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: net-agent
spec:
  selector:
    matchLabels: {app: net-agent}
  template:
    metadata:
      labels: {app: net-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/net-agent:0.9.1
          securityContext:
            capabilities:
              add: [SYS_ADMIN, NET_ADMIN]
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: net-agent
spec:
  selector:
    matchLabels: {app: net-agent}
  template:
    metadata:
      labels: {app: net-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/net-agent:0.9.1
          securityContext:
            capabilities:
              drop: [ALL]
              add: [NET_BIND_SERVICE]
```

## Options
- `allowed-capabilities` (list of strings, default empty): capabilities never reported, such as
  `NET_ADMIN` for a CNI plugin. Written with or without `CAP_`.

## References
- Linux, capabilities(7): https://man7.org/linux/man-pages/man7/capabilities.7.html
- Kubernetes, Set capabilities for a Container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
- Kubernetes, Pod Security Standards, Capabilities:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Level, Manifest
from dslint.k8s import containers, is_privileged
from dslint.roles import expected_capability

CODE = "DS304"
NAME = "dangerous-capability"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
RECORDED_CHOICE = True


class Options(NamedTuple):
    allowed_capabilities: tuple[str, ...] = ()


# What each capability gives a container, as the message says it.
NODE_CONTROL: dict[str, str] = {
    "ALL": "every capability",
    "SYS_ADMIN": "mounts, namespaces and device control, close to root on the node",
    "SYS_MODULE": "loading kernel modules",
    "SYS_PTRACE": "reading and changing other processes' memory",
    "SYS_RAWIO": "raw access to devices and I/O ports",
    "SYS_BOOT": "rebooting the node",
    "DAC_READ_SEARCH": "opening any file by handle, a known container escape",
    "BPF": "loading BPF programs into the kernel",
    "MAC_ADMIN": "changing the mandatory access control policy",
    "MAC_OVERRIDE": "bypassing mandatory access control",
}
NARROW: dict[str, str] = {
    "NET_ADMIN": "changing network interfaces, routes and firewall rules",
    "NET_RAW": "raw sockets, which can spoof and sniff traffic",
    "SYS_RESOURCE": "overriding resource limits",
    "SYS_TIME": "setting the node's clock",
    "SYS_NICE": "raising process priorities",
    "IPC_LOCK": "locking memory",
    "PERFMON": "performance monitoring of the whole node",
    "SYSLOG": "reading and clearing the kernel log",
    "LINUX_IMMUTABLE": "changing immutable files",
    "SYS_PACCT": "process accounting",
    "WAKE_ALARM": "waking the system",
    "BLOCK_SUSPEND": "blocking system suspend",
    "AUDIT_CONTROL": "changing the kernel audit rules",
    "AUDIT_READ": "reading the audit log",
}


def normalize_capability(name: str) -> str:
    """`cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` name the same capability."""
    upper = name.strip().upper()
    return upper.removeprefix("CAP_")


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    allowed = {normalize_capability(c) for c in options.allowed_capabilities}
    for container in containers(manifest):
        if is_privileged(container):
            continue
        context = container.data.get("securityContext")
        capabilities = context.get("capabilities") if isinstance(context, dict) else None
        added = capabilities.get("add") if isinstance(capabilities, dict) else None
        if not isinstance(added, list):
            continue
        for index, raw in enumerate(added):
            if not isinstance(raw, str):
                continue
            name = normalize_capability(raw)
            if name in allowed:
                continue
            level: Level | None
            if name in NODE_CONTROL:
                level, what = None, NODE_CONTROL[name]
            elif name in NARROW:
                level, what = "info", NARROW[name]
            else:
                continue
            reason = expected_capability(manifest, name)
            if reason is not None:
                level, what = "info", f"{what}; {reason}"
            yield Finding(
                (*container.path, "securityContext", "capabilities", "add", index),
                f'{container.describe()} adds capability "{raw}" ({what})',
                level=level,
            )
