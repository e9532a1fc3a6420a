"""The pod template does not restrict its nodes by operating system (`kubernetes.io/os`).

Flags a DaemonSet whose `nodeSelector` and required node affinity never mention the
`kubernetes.io/os` node label (the deprecated `beta.kubernetes.io/os` is accepted too). Off by
default: it matters on clusters that mix Linux and Windows nodes.

## Why is this bad?
A DaemonSet places a pod on every node it may run on. On a cluster with Windows nodes, a Linux
image scheduled there never starts (`ImagePullBackOff` or "no matching manifest"), and the
DaemonSet never reports all pods ready. Windows nodes are often tainted, but a DaemonSet that
tolerates every taint (`operator: Exists`) lands there anyway. One line of `nodeSelector` makes the
intent explicit and survives the day someone adds a Windows node pool.

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
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
        - operator: Exists
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Well-known labels, `kubernetes.io/os`:
  https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-os
- Kubernetes, Guide for scheduling Windows containers:
  https://kubernetes.io/docs/concepts/windows/user-guide/
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS251"
NAME = "missing-os-node-selector"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

OS_LABELS = ("kubernetes.io/os", "beta.kubernetes.io/os")


def _term_names_os(term: Any) -> bool:
    if not isinstance(term, dict):
        return False
    expressions = term.get("matchExpressions")
    return isinstance(expressions, list) and any(
        isinstance(e, dict) and e.get("key") in OS_LABELS for e in expressions
    )


def _affinity_names_os(spec: Mapping[str, Any]) -> bool:
    """Required node affinity terms are ORed, so every term must constrain the OS."""
    affinity = spec.get("affinity")
    node_affinity = affinity.get("nodeAffinity") if isinstance(affinity, dict) else None
    required = (
        node_affinity.get("requiredDuringSchedulingIgnoredDuringExecution")
        if isinstance(node_affinity, dict)
        else None
    )
    terms = required.get("nodeSelectorTerms") if isinstance(required, dict) else None
    return isinstance(terms, list) and bool(terms) and all(_term_names_os(t) for t in terms)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    if not spec:
        return
    node_selector = spec.get("nodeSelector")
    if isinstance(node_selector, dict) and any(label in node_selector for label in OS_LABELS):
        return
    if _affinity_names_os(spec):
        return
    where = "nodeSelector" if isinstance(node_selector, dict) else "nodeSelector or node affinity"
    yield Finding(
        (*POD_SPEC, "nodeSelector"),
        f'DaemonSet "{manifest.name}" does not restrict its {where} to an operating system; '
        'add "kubernetes.io/os: linux" (or windows) so it never lands on the wrong nodes',
    )
