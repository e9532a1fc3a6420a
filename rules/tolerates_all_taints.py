"""A toleration with `operator: Exists` and no key tolerates every taint (of one effect, if set).

Without an effect it tolerates all taints; with `effect: NoSchedule` or `effect: NoExecute` it
tolerates every taint of that effect. Node agents (CNI plugins, log collectors, node exporters)
often mean exactly this, so this is advice: the finding says what the toleration implies, and a
suppression comment records that it is intended.

## Why is this bad?
Taints are how a cluster keeps pods off nodes: control-plane nodes, nodes reserved for one team or
for GPUs, nodes being taken out of service. A blanket toleration opts out of all of them at once,
including taints added later for reasons nobody had in mind when the DaemonSet was written, and a
blanket `NoExecute` toleration means no taint ever evicts the pods. Listing the taints the agent
must tolerate keeps those controls working.

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
        - operator: Exists
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
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, taints and tolerations:
  https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
- Kubernetes, DaemonSet, taints and tolerations added automatically:
  https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS208"
NAME = "tolerates-all-taints"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

IMPLICATIONS = {
    "": "tolerates every taint: the pods run on every node, control-plane and dedicated nodes "
    "included, and no NoExecute taint ever evicts them",
    "NoSchedule": "tolerates every NoSchedule taint: the pods are placed on every node, "
    "control-plane and dedicated nodes included",
    "NoExecute": "tolerates every NoExecute taint: no taint ever evicts the pods, including "
    "taints meant to clear a node",
}


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for index, toleration in enumerate(manifest.sequence((*POD_SPEC, "tolerations"))):
        if not isinstance(toleration, dict) or toleration.get("operator") != "Exists":
            continue
        if toleration.get("key") not in (None, ""):
            continue
        effect = toleration.get("effect") or ""
        implication = IMPLICATIONS.get(effect) if isinstance(effect, str) else None
        if implication is None:
            continue  # PreferNoSchedule never keeps a pod away; invalid effects are errors
        shown = f"{{operator: Exists, effect: {effect}}}" if effect else "{operator: Exists}"
        yield Finding(
            (*POD_SPEC, "tolerations", index, "operator"),
            f"toleration {shown} without a key {implication}; list the taints the agent needs "
            "if that is not intended",
        )
