"""A pod sets a sysctl outside the kubelet's safe set.

The safe set depends on the Kubernetes version (`kernel.shm_rmid_forced`,
`net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`,
`net.ipv4.ping_group_range`; from 1.27 `net.ipv4.ip_local_reserved_ports`; from 1.29 the TCP
keepalive and `tcp_fin_timeout` settings; from 1.32 `net.ipv4.tcp_rmem` and `tcp_wmem`). Names
may use `/` instead of `.`, as the kubelet accepts. Graded:

- `error` for a sysctl that no pod can ever set: one that is not namespaced (such as
  `vm.max_map_count` or `kernel.panic`; the kubelet knows `kernel.sem`, `kernel.shm*`,
  `kernel.msg*`, `fs.mqueue.*` and `net.*` as namespaced), a `net.*` sysctl in a
  `hostNetwork` pod, or an IPC sysctl in a `hostIPC` pod. The API server accepts the
  DaemonSet; the kubelet rejects every pod with `SysctlForbidden`.
- `warning` for a namespaced but unsafe sysctl: the kubelet rejects the pod unless every node's
  kubelet lists it in `--allowed-unsafe-sysctls`.

## Why is this bad?
Unsafe sysctls can affect other pods on the node (memory, scheduling, the network stack), which
is why the kubelet refuses them by default; a DaemonSet that depends on them fails on every node
whose kubelet was not configured for it. Settings that are not namespaced belong to the node
and are set by node configuration (or by a privileged init container that writes `/proc/sys`
deliberately), never through the pod's `sysctls`.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: proxy
spec:
  selector:
    matchLabels: {app: proxy}
  template:
    metadata:
      labels: {app: proxy}
    spec:
      securityContext:
        sysctls:
          - name: net.core.somaxconn
            value: "4096"
      containers:
        - name: proxy
          image: registry.example.com/proxy:1.2.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: proxy
spec:
  selector:
    matchLabels: {app: proxy}
  template:
    metadata:
      labels: {app: proxy}
    spec:
      securityContext:
        sysctls:
          - name: net.ipv4.ip_local_port_range
            value: "1024 65000"
      containers:
        - name: proxy
          image: registry.example.com/proxy:1.2.0
```

## Options
- `allowed-sysctls` (list of strings, default empty): sysctls your kubelets allow through
  `--allowed-unsafe-sysctls`; a trailing `*` matches a prefix, as in the kubelet flag.

## References
- Kubernetes, Using sysctls in a Kubernetes Cluster:
  https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
- Kubernetes source, `pkg/kubelet/sysctl/safe_sysctls.go` and `pkg/kubelet/sysctl/namespace.go`
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS310"
NAME = "unsafe-sysctl"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    allowed_sysctls: tuple[str, ...] = ()


def safe_sysctls(version: tuple[int, int]) -> frozenset[str]:
    """The sysctls the kubelet (and the baseline Pod Security level) call safe, by version."""
    safe = {
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
    }
    if version >= (1, 27):
        safe.add("net.ipv4.ip_local_reserved_ports")
    if version >= (1, 29):
        safe.update(
            {
                "net.ipv4.tcp_keepalive_time",
                "net.ipv4.tcp_fin_timeout",
                "net.ipv4.tcp_keepalive_intvl",
                "net.ipv4.tcp_keepalive_probes",
            }
        )
    if version >= (1, 32):
        safe.update({"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"})
    return frozenset(safe)


def sysctl_namespace(name: str) -> str | None:
    """ "ipc", "net", or None for a sysctl the kubelet does not know to be namespaced."""
    if name == "kernel.sem" or name.startswith(("kernel.shm", "kernel.msg", "fs.mqueue.")):
        return "ipc"
    if name.startswith("net."):
        return "net"
    return None


def normalize_sysctl(name: str) -> str:
    """`net/ipv4/tcp_syncookies` is `net.ipv4.tcp_syncookies` (a leading `/` form too)."""
    if "/" in name:
        return name.strip("/").replace("/", ".")
    return name


def _allowed(name: str, patterns: tuple[str, ...]) -> bool:
    return any(
        name.startswith(p[:-1]) if p.endswith("*") else name == normalize_sysctl(p)
        for p in patterns
    )


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    safe = safe_sysctls(manifest.kubernetes_version)
    host_network = manifest.get((*POD_SPEC, "hostNetwork")) is True
    host_ipc = manifest.get((*POD_SPEC, "hostIPC")) is True
    sysctls = manifest.sequence((*POD_SPEC, "securityContext", "sysctls"))
    for index, item in enumerate(sysctls):
        raw = item.get("name") if isinstance(item, dict) else None
        if not isinstance(raw, str) or not raw:
            continue
        name = normalize_sysctl(raw)
        path = (*POD_SPEC, "securityContext", "sysctls", index, "name")
        namespace = sysctl_namespace(name)
        if namespace is None:
            yield Finding(
                path,
                f'sysctl "{raw}" is not namespaced, so no pod may set it: the kubelet rejects '
                f'every pod (SysctlForbidden: forbidden sysctl: "{name}" not allowlisted); '
                "set it in the node configuration",
                level="error",
            )
        elif namespace == "net" and host_network:
            yield Finding(
                path,
                f'sysctl "{raw}" cannot be set in a hostNetwork pod: the kubelet rejects every '
                f'pod (SysctlForbidden: forbidden sysctl: "{name}" not allowed with host net '
                "enabled)",
                level="error",
            )
        elif namespace == "ipc" and host_ipc:
            yield Finding(
                path,
                f'sysctl "{raw}" cannot be set in a hostIPC pod: the kubelet rejects every pod '
                f'(SysctlForbidden: forbidden sysctl: "{name}" not allowed with host ipc '
                "enabled)",
                level="error",
            )
        elif name not in safe and not _allowed(name, options.allowed_sysctls):
            yield Finding(
                path,
                f'sysctl "{raw}" is not in the safe set: pods fail with SysctlForbidden on '
                "every node whose kubelet does not list it in --allowed-unsafe-sysctls",
            )
