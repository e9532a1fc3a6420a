"""A toleration covers `NoExecute` taints and sets no `tolerationSeconds`, so the pod never leaves.

Flags tolerations whose effect is `NoExecute` or empty (all effects) without
`tolerationSeconds`, except those for keys the DaemonSet controller tolerates forever anyway
(`node.kubernetes.io/not-ready`, `node.kubernetes.io/unreachable`). A toleration with no key and
`operator: Exists` tolerates every `NoExecute` taint there is. Off by default: for most node
agents staying is the intent.

## Why is this bad?
A `NoExecute` taint is how an administrator or an operator (node drainers, remediation
controllers, the node lifecycle controller) tells pods to leave a node. A pod that tolerates it
forever keeps running through maintenance, and a broad `operator: Exists` also tolerates taints
that are added later for reasons nobody foresaw.

It is a trade-off for DaemonSets: a CNI plugin, log collector or storage plugin usually must stay
until the node is gone, and adding `tolerationSeconds` to a daemon pod has its own cost — the
taint evicts the pod after that time, but the DaemonSet controller does not look at
`tolerationSeconds` when it decides where pods belong, so it can create a new pod that is evicted
again. So this rule is an
audit aid: it lists every taint under which the pods never leave, to confirm each is intended.
Prefer naming the taint keys you mean over an empty key.

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
        - key: example.com/maintenance
          operator: Exists
          effect: NoExecute
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
        - key: example.com/maintenance
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
- `ignored-keys` (list of strings, default empty): taint keys the pods are meant to tolerate
  forever, such as `example.com/dedicated-logging`.

## References
- Kubernetes, Taints and tolerations, taint based evictions:
  https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions
- Kubernetes, DaemonSet, taints and tolerations:
  https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS253"
NAME = "no-execute-toleration-without-seconds"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

# The DaemonSet controller tolerates these forever whatever the manifest says.
CONTROLLER_KEYS = frozenset({"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"})


class Options(NamedTuple):
    ignored_keys: tuple[str, ...] = ()


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    tolerations = pod_spec(manifest).get("tolerations")
    if not isinstance(tolerations, list):
        return
    for index, toleration in enumerate(tolerations):
        if not isinstance(toleration, dict) or "tolerationSeconds" in toleration:
            continue
        effect = toleration.get("effect")
        if effect not in (None, "", "NoExecute"):
            continue
        key = toleration.get("key")
        if isinstance(key, (dict, list)):
            continue  # not a key at all; the schema rule reports it
        if key in CONTROLLER_KEYS or key in options.ignored_keys:
            continue
        path = (*POD_SPEC, "tolerations", index)
        if key in (None, ""):
            if toleration.get("operator") != "Exists":
                continue  # invalid without a key; the API validity rules report it
            yield Finding(
                (*path, "operator"),
                "toleration with no key and operator Exists tolerates every NoExecute taint "
                "forever, so the pods never leave a node being drained or remediated",
            )
        else:
            kind = "NoExecute" if effect == "NoExecute" else "every effect of"
            yield Finding(
                (*path, "effect") if effect else (*path, "key"),
                f'toleration for {kind} taint "{key}" has no tolerationSeconds, so the pods never '
                "leave a node with that taint",
            )
