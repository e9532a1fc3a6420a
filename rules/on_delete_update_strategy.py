"""The DaemonSet uses `updateStrategy.type: OnDelete`, so changed pods are never rolled out.

A `rollingUpdate` block next to `OnDelete` is reported too (at `info`): the API server accepts
it and the controller ignores it, so it only misleads whoever reads the manifest. Its fix
removes the block, which changes nothing the cluster does.

## Why is this bad?
With `OnDelete` the controller replaces a pod only after someone deletes it. `kubectl apply`
succeeds, the DaemonSet shows the new template, and every node keeps running the old one — a new
image, a security fix or a changed flag reaches a node only when that node's pod happens to be
deleted. `kubectl rollout status` refuses to work ("rollout status is only available for
RollingUpdate strategy type") and `kubectl rollout undo` changes nothing on the nodes either.

Some node agents (CNI plugins, storage drivers) choose `OnDelete` to upgrade node by node
under an operator's control; then suppress this finding with a comment that says who deletes the
pods.

## By role
The role does not change the level, which is info: `OnDelete` is never a default, so the manifest
always chooses it explicitly.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: OnDelete
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
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
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
- Kubernetes, Perform a rolling update on a DaemonSet:
  https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest

CODE = "DS260"
NAME = "on-delete-update-strategy"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if manifest.get(("spec", "updateStrategy", "type")) == "OnDelete":
        yield Finding(
            ("spec", "updateStrategy", "type"),
            f'DaemonSet "{manifest.name}" uses update strategy "OnDelete": template changes reach '
            "a node only when its pod is deleted by hand; use RollingUpdate",
        )
        rolling = ("spec", "updateStrategy", "rollingUpdate")
        if manifest.get(rolling) is not None:
            yield Finding(
                rolling,
                "rollingUpdate is ignored under OnDelete (the controller never reads it); "
                "remove it",
                level="info",
                fix=(Edit(rolling, delete=True),),
            )
