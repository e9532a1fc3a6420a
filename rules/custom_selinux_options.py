"""A pod or container sets an SELinux type outside the container types, or an SELinux user or role.

Allowed types are the ones the `baseline` Pod Security level allows: `container_t`,
`container_init_t`, `container_kvm_t` and, from Kubernetes 1.31, `container_engine_t`. Types
that switch confinement off (`spc_t`, `unconfined_t` and other unconfined domains) and any
`user` or `role` are `warning`; another custom type (such as a device plugin's own
`container_device_plugin_t`) is `info`, since its confinement depends on the policy module that
defines it. A pod-level `seLinuxOptions` is reported once when some container
inherits it (a container's own `seLinuxOptions` replaces the pod's). Privileged containers are
skipped: they run as `spc_t` whatever is set.

## Why is this bad?
The SELinux type decides what the container's processes may touch on the node. `spc_t` (the
"super privileged container" type) and types such as `unconfined_t` switch confinement off;
on SELinux nodes (RHEL, Fedora CoreOS, OpenShift) the container type is what keeps a
compromised agent from reading other containers' files. A custom `user` or `role` changes the
security identity altogether. An agent that needs host files should be given those paths, not
an unconfined type.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      securityContext:
        seLinuxOptions:
          type: spc_t
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      securityContext:
        seLinuxOptions:
          level: "s0:c123,c456"
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Options
- `allowed-types` (list of strings, default empty): further SELinux types accepted, such as a
  type your own policy module defines for the agent.

## References
- Kubernetes, Assign SELinux labels to a Container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
- Kubernetes, Pod Security Standards, SELinux:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from dslint.api import Finding, Manifest, Path
from dslint.k8s import containers, is_privileged, reported_before, security_setting, setting_owner

CODE = "DS308"
NAME = "custom-selinux-options"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    allowed_types: tuple[str, ...] = ()


def container_selinux_types(version: tuple[int, int]) -> frozenset[str]:
    """SELinux types the baseline Pod Security level allows for this Kubernetes version."""
    types = {"", "container_t", "container_init_t", "container_kvm_t"}
    if version >= (1, 31):
        types.add("container_engine_t")
    return frozenset(types)


# Types that switch confinement off: the super-privileged container type and unconfined domains.
UNCONFINED_TYPES = frozenset({"spc_t", "unconfined_t", "kernel_t", "initrc_t", "sysadm_t"})


def is_unconfined_type(value: object) -> bool:
    return isinstance(value, str) and (value in UNCONFINED_TYPES or "unconfined" in value)


def problems(options: Mapping[str, Any], allowed: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(field, what is wrong) for each forbidden part of one seLinuxOptions object."""
    kind = options.get("type")
    if isinstance(kind, str) and kind not in allowed:
        yield "type", f'SELinux type "{kind}"'
    for field in ("user", "role"):
        value = options.get(field)
        if isinstance(value, str) and value:
            yield field, f'SELinux {field} "{value}"'


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    allowed = container_selinux_types(manifest.kubernetes_version) | set(options.allowed_types)
    reported_pod: set[Path] = set()
    for container in containers(manifest):
        if is_privileged(container):
            continue
        setting = security_setting(manifest, container, "seLinuxOptions")
        if setting is None or not isinstance(setting.value, dict):
            continue
        if reported_before(setting, reported_pod):
            continue
        who = setting_owner(setting, container)
        for field, what in problems(setting.value, allowed):
            value = setting.value.get(field)
            if field == "type" and not is_unconfined_type(value):
                yield Finding(
                    (*setting.path, field),
                    f"{who} sets custom {what}: it is confined only as far as the node's policy "
                    "module says, and the baseline Pod Security level rejects it",
                    level="info",
                )
            elif field == "type":
                yield Finding(
                    (*setting.path, field),
                    f"{who} sets {what}, which lifts the container's SELinux confinement",
                )
            else:
                yield Finding(
                    (*setting.path, field),
                    f"{who} sets {what}, which changes the container's SELinux identity",
                )
