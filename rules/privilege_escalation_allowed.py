"""A container sets `allowPrivilegeEscalation: true`, or (with an option) leaves it unset.

Privileged containers and containers that add `SYS_ADMIN` are skipped: for them the kernel always
allows escalation, and `privileged-container` and `dangerous-capability` already report the cause.
By default only an explicit `true` is reported (`warning`); with `require-explicit-false` a
container that leaves the field unset is reported at `info`. The `restricted` Pod Security level
(`--pod-security restricted`) requires the explicit `false` on every container.

## Why is this bad?
When the field is true or unset, the container's processes may gain more privileges than their
parent through setuid binaries and file capabilities (the kernel's `no_new_privs` flag is not
set). A container running as a non-root user can then become root inside the container again,
which undoes the point of `runAsNonRoot`. Writing `true` explicitly is a deliberate choice to
keep that path open, which is rarely what a node agent needs.

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
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: true
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
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
```

## Options
- `require-explicit-false` (boolean, default false): also report, at `info`, containers that
  leave `allowPrivilegeEscalation` unset.

## References
- Kubernetes, Pod Security Standards, Privilege Escalation:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
- Linux, no_new_privs: https://docs.kernel.org/userspace-api/no_new_privs.html
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Edit, Finding, Manifest, value_at
from dslint.k8s import containers, is_privileged

CODE = "DS301"
NAME = "privilege-escalation-allowed"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"


class Options(NamedTuple):
    require_explicit_false: bool = False


def _adds_sys_admin(data: object) -> bool:
    added = value_at(data, ("securityContext", "capabilities", "add"))
    return isinstance(added, list) and any(
        isinstance(c, str) and c.upper().removeprefix("CAP_") in ("SYS_ADMIN", "ALL") for c in added
    )


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in containers(manifest):
        if is_privileged(container) or _adds_sys_admin(container.data):
            continue
        context = container.data.get("securityContext")
        value = context.get("allowPrivilegeEscalation") if isinstance(context, dict) else None
        fix = (Edit((*container.path, "securityContext", "allowPrivilegeEscalation"), False),)
        if value is True:
            yield Finding(
                (*container.path, "securityContext", "allowPrivilegeEscalation"),
                f'{container.describe()} sets allowPrivilegeEscalation to "true"; set it to '
                "false unless a setuid binary must gain privileges",
                fix=fix,
            )
        elif value is None and options.require_explicit_false:
            yield Finding(
                (*container.path, "securityContext"),
                f"{container.describe()} does not set allowPrivilegeEscalation: false, so "
                "setuid binaries can gain privileges",
                level="info",
                fix=fix,
            )
