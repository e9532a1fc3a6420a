"""The pod template sets `terminationGracePeriodSeconds: 0`, so containers are killed at once.

## Why is this bad?
On deletion the kubelet sends SIGTERM, waits the grace period, then sends SIGKILL. With 0 there is
no wait: `preStop` hooks do not get to run and the process cannot flush buffers or clean up. For a
node agent that means a log collector losing its last lines, a CNI or CSI plugin leaving
half-written state on the node, or a proxy dropping connections mid-flight on every rollout and
every node drain. A short grace period (a few seconds) costs little and lets a well-behaved
agent exit cleanly.

## By role
The role does not change the level. A comment that explains the setting, on its line or just
above it, marks it as a deliberate choice and lowers the warning to info.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Pod lifecycle, termination of pods:
  https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS264"
NAME = "termination-grace-period-zero"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"
RECORDED_CHOICE = True


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    path = (*POD_SPEC, "terminationGracePeriodSeconds")
    value = manifest.get(path)
    if value == 0 and not isinstance(value, bool):
        yield Finding(
            path,
            f'DaemonSet "{manifest.name}" sets terminationGracePeriodSeconds 0: containers are '
            "killed without SIGTERM time to clean up; allow a few seconds",
            fix=(Edit(path, delete=True),),  # the default, 30 seconds
        )
