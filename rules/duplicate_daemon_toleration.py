"""A toleration repeats one that the DaemonSet controller adds to every daemon pod.

The controller adds `Exists` tolerations for `node.kubernetes.io/not-ready` and `unreachable`
(`NoExecute`), `disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable`
(`NoSchedule`), and `network-unavailable` (`NoSchedule`) when `hostNetwork` is true. A toleration
with the same key, operator, value and effect is replaced by the controller's. With
`tolerationSeconds` this is a warning (the limit is silently dropped); without, it is advice
(the line does nothing).

## Why is this bad?
The controller compares tolerations without their `tolerationSeconds` and overwrites a match
with its own, which tolerates forever. A manifest that says "leave a NotReady node after 300
seconds" therefore never leaves, and nothing reports it. A plain duplicate is harmless but makes
readers believe the line matters.

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
      tolerations:
        - key: node.kubernetes.io/not-ready
          operator: Exists
          effect: NoExecute
          tolerationSeconds: 300
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
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, DaemonSet, taints and tolerations:
  https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations
- Kubernetes source, `AddOrUpdateDaemonPodTolerations` in
  `pkg/controller/daemon/util/daemonset_util.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import DAEMON_POD_TOLERATIONS, POD_SPEC, pod_spec

CODE = "DS252"
NAME = "duplicate-daemon-toleration"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    host_network = spec.get("hostNetwork") is True
    added = {
        (key, effect)
        for key, effect, needs_host_network in DAEMON_POD_TOLERATIONS
        if host_network or not needs_host_network
    }
    tolerations = spec.get("tolerations")
    if not isinstance(tolerations, list):
        return
    for index, toleration in enumerate(tolerations):
        if not isinstance(toleration, dict) or toleration.get("operator") != "Exists":
            continue
        if toleration.get("value") not in (None, ""):
            continue
        key, effect = toleration.get("key"), toleration.get("effect")
        if not isinstance(key, str) or not isinstance(effect, str) or (key, effect) not in added:
            continue
        path = (*POD_SPEC, "tolerations", index)
        seconds = toleration.get("tolerationSeconds")
        # The controller replaces this toleration with its own: removing it changes nothing.
        remove = (Edit(path, delete=True),)
        if seconds is not None:
            yield Finding(
                (*path, "tolerationSeconds"),
                f'toleration "{key}:{effect}" is replaced by the one the DaemonSet controller '
                f"adds, so tolerationSeconds {seconds} is ignored and the pod stays forever",
                fix=remove,
            )
        else:
            yield Finding(
                (*path, "key"),
                f'toleration "{key}:{effect}" repeats one the DaemonSet controller adds to every '
                "daemon pod; remove it",
                level="info",
                fix=remove,
            )
