"""A container runs with a `runAsUser` or `runAsGroup` below `min-id` (10000 by default).

The effective value is checked: the container's own `securityContext`, or the pod's when the
container does not set the field. A pod-level value is reported once, at the pod's
`securityContext`. Zero is left to `container-runs-as-root`, so root is not reported twice.
Off by default; select it to follow the kube-score and Checkov advice.

## Why is this bad?
Low ids are the ones the node itself uses: system accounts and groups on the host (daemons,
`adm`, `disk`, `docker`) and the first users created on it. Because containers share the
node's kernel, and DaemonSets often mount host paths, a container running as uid 100 or gid 6
acts as that host account on every file it can reach, and a container escape lands as it. An
id of 10000 or more is unlikely to match anything on the node. The trade-off for node agents:
some must run as a specific host account to read host files (a log shipper in group `adm`,
for example); keep those, lower `min-id` or suppress the finding with a reason.

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
      securityContext:
        runAsUser: 1000
        runAsGroup: 1000
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
      securityContext:
        runAsUser: 10001
        runAsGroup: 10001
        runAsNonRoot: true
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
```

## Options
- `min-id` (integer, default 10000): the lowest user and group id that is not reported.

## References
- Kubernetes, Configure a Security Context for a Pod or Container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
- kube-score, container-security-context-user-group-id:
  https://github.com/zegl/kube-score/blob/master/README_CHECKS.md
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest, Path
from dslint.k8s import containers, is_int, reported_before, security_setting, setting_owner

CODE = "DS312"
NAME = "low-user-id"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    min_id: int = 10000


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    reported_pod_fields: set[Path] = set()
    for container in containers(manifest):
        for field in ("runAsUser", "runAsGroup"):
            setting = security_setting(manifest, container, field)
            if setting is None or not is_int(setting.value):
                continue
            # 0 is root (container-runs-as-root); negative ids are rejected by the API server.
            if not 0 < setting.value < options.min_id:
                continue
            text = f"{field}: {setting.value}"
            if reported_before(setting, reported_pod_fields):
                continue
            who = setting_owner(setting, container)
            yield Finding(
                setting.path, f'{who} sets "{text}", below the minimum id {options.min_id}'
            )
