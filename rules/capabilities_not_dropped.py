"""A container keeps the `NET_RAW` capability, or (with an option) does not drop `ALL`.

Container runtimes give every container a default set of capabilities, `NET_RAW` among them.
By default this rule reports a container that neither drops `NET_RAW` nor drops `ALL`; with
`require-drop-all` it reports every container that does not drop `ALL`. A container that adds
`NET_RAW` back is left to `dangerous-capability`, and privileged containers are skipped (they
have every capability). The `restricted` Pod Security level (`--pod-security restricted`)
requires `drop: ["ALL"]` on every container.

Off by default (on under the `strict` preset): almost every container keeps the runtime's
default set, so by default the rule would report nearly every container of every node agent,
and the restricted Pod Security mode already reports the missing `drop: ["ALL"]` per container.

## Why is this bad?
`NET_RAW` lets a process craft any packet: ARP and DNS spoofing of neighbours, and on a
`hostNetwork` pod, of the whole node. Agents that need ICMP can use the unprivileged ping
socket (`net.ipv4.ping_group_range`) instead. Dropping `ALL` and adding back only what the
agent uses keeps the capability set a reviewed list rather than a runtime default.

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
      hostNetwork: true
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
      hostNetwork: true
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
          securityContext:
            capabilities:
              drop: [ALL]
```

## Options
- `require-drop-all` (boolean, default false): report every container that does not drop
  `ALL`, not only those that keep `NET_RAW`.

## References
- Kubernetes, Set capabilities for a Container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
- containerd, default capabilities:
  https://github.com/containerd/containerd/blob/main/pkg/oci/spec.go
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import containers, is_privileged

CODE = "DS305"
NAME = "capabilities-not-dropped"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    require_drop_all: bool = False


def _names(value: object) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {item.strip().upper().removeprefix("CAP_") for item in value if isinstance(item, str)}


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in containers(manifest):
        if is_privileged(container):
            continue
        context = container.data.get("securityContext")
        capabilities = context.get("capabilities") if isinstance(context, dict) else None
        capabilities = capabilities if isinstance(capabilities, dict) else {}
        dropped = _names(capabilities.get("drop"))
        added = _names(capabilities.get("add"))
        if "ALL" in dropped or "NET_RAW" in added or "ALL" in added:
            continue
        path = (*container.path, "securityContext", "capabilities")
        if "drop" in capabilities:
            path = (*path, "drop")
        if "NET_RAW" not in dropped:
            yield Finding(
                path,
                f'{container.describe()} keeps the default capability "NET_RAW" (raw '
                'sockets); add drop: ["ALL"] or drop: ["NET_RAW"]',
            )
        elif options.require_drop_all:
            yield Finding(
                path,
                f'{container.describe()} does not drop "ALL" capabilities; drop ALL and add '
                "back only what it needs",
            )
