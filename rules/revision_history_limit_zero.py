"""The DaemonSet sets `revisionHistoryLimit: 0`, so no earlier revision is kept to roll back to.

## Why is this bad?
The controller keeps old pod templates as ControllerRevisions, `revisionHistoryLimit` of them
(10 by default). With 0 they are deleted as soon as a rollout finishes, so
`kubectl rollout undo daemonset/<name>` has nothing to return to and `kubectl rollout history`
is empty. When a new version breaks a node agent on every node, the way back is to find and
re-apply the old manifest by hand.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  revisionHistoryLimit: 0
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
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
  revisionHistoryLimit: 5
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes API, DaemonSetSpec `revisionHistoryLimit`:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
- Kubernetes, Perform a rollback on a DaemonSet:
  https://kubernetes.io/docs/tasks/manage-daemon/rollback-daemon-set/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest

CODE = "DS263"
NAME = "revision-history-limit-zero"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    value = manifest.get(("spec", "revisionHistoryLimit"))
    if value == 0 and not isinstance(value, bool):
        yield Finding(
            ("spec", "revisionHistoryLimit"),
            f'DaemonSet "{manifest.name}" keeps no old revisions (revisionHistoryLimit: 0), so '
            "`kubectl rollout undo` has nothing to roll back to",
            fix=(Edit(("spec", "revisionHistoryLimit"), delete=True),),  # the default, 10
        )
