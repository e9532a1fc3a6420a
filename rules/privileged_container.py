"""A container runs privileged (`securityContext.privileged: true`).

Regular, init and sidecar containers are checked. A container that mounts a volume with
`mountPropagation: Bidirectional` is reported at `info`: the API server accepts that propagation
only from privileged containers, so privilege cannot be dropped without dropping the propagation
(CSI node plugins need both).

## Why is this bad?
A privileged container has every capability, sees every device of the node, runs without
seccomp, AppArmor or SELinux confinement and can remount the host's filesystems: a compromise of
the container is a compromise of the node, and on a DaemonSet of every node. Most node agents
need a handful of capabilities (`NET_ADMIN` for a CNI plugin, `SYS_RESOURCE` for a collector)
rather than all of them.

Pod Security Standards forbid `privileged` from the `baseline` level up; in a namespace that
enforces baseline the DaemonSet is accepted but its pods fail to create (`FailedCreate`).

Under the `node-agent` preset the finding is `info`: device plugins, driver installers and CSI
node plugins do need it, and the review belongs to whoever approves the agent.

## By role
The role dslint infers for the DaemonSet (see docs/roles.md) decides the level. Privilege is
expected, and reported as info with the reason, for a CNI plugin, a CSI node plugin, a storage
node agent, a device plugin, a node network agent, a security agent and a node installer. For a
log collector, a metrics exporter, a cloud controller manager or a DaemonSet of no known role it
stays a warning. A comment on the `privileged` line, or just above it, that explains the
choice also lowers the warning to info.

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
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
          securityContext:
            privileged: true
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
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
          securityContext:
            privileged: false
            capabilities:
              add: [DAC_READ_SEARCH]
```

## Options
None.

## References
- Kubernetes, Pod Security Standards, Privileged Containers:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
- Kubernetes, Configure a Security Context:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import containers, is_privileged
from dslint.roles import PRIVILEGED, expected

CODE = "DS300"
NAME = "privileged-container"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"
RECORDED_CHOICE = True


def _uses_bidirectional_propagation(data: object) -> bool:
    mounts = data.get("volumeMounts") if isinstance(data, dict) else None
    return isinstance(mounts, list) and any(
        isinstance(m, dict) and m.get("mountPropagation") == "Bidirectional" for m in mounts
    )


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if not is_privileged(container):
            continue
        path = (*container.path, "securityContext", "privileged")
        reason = expected(manifest, PRIVILEGED)
        if reason is not None:
            yield Finding(path, f"{container.describe()} runs privileged; {reason}", level="info")
        elif _uses_bidirectional_propagation(container.data):
            yield Finding(
                path,
                f"{container.describe()} runs privileged; it needs that for its "
                '"Bidirectional" mount propagation, so keep what it runs small and audited',
                level="info",
            )
        else:
            yield Finding(
                path,
                f"{container.describe()} runs privileged (every capability, every device, no "
                "seccomp or AppArmor); add only the capabilities it needs",
                fix=(Edit(path, False),),
            )
