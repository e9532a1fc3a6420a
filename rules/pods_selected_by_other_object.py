"""A Service or NetworkPolicy of the same run selects the DaemonSet's pods (information).

Reported at the DaemonSet's name, naming the selecting object and where it is. A Service selects
by `spec.selector`; a NetworkPolicy by `spec.podSelector.matchLabels` (an empty `podSelector`
selects every pod of its namespace; one with `matchExpressions` is left out). Both must be in the
DaemonSet's namespace as written.

## Why is this bad?
It is not: it tells a reviewer what else applies to these pods. A NetworkPolicy that selects a
node agent restricts its traffic (a `hostNetwork` pod is not subject to it on most network
plugins), and a Service puts every node's pod behind one virtual IP; both are easy to miss when
they live in another file.

## Example
```yaml
apiVersion: v1
kind: Service
metadata:
  name: agent-metrics
spec:
  selector: {app: agent}
  ports: [{port: 9100}]
---
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
          image: registry.example/agent:1.0
```

## Use instead
```yaml
apiVersion: v1
kind: Service
metadata:
  name: other-metrics
spec:
  selector: {app: other}
  ports: [{port: 9100}]
---
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
          image: registry.example/agent:1.0
```

## Options
None.

## References
- Service: https://kubernetes.io/docs/concepts/services-networking/service/
- Network policies: https://kubernetes.io/docs/concepts/services-networking/network-policies/
"""

from __future__ import annotations

CODE = "DS272"
NAME = "pods-selected-by-other-object"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False
