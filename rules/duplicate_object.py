"""The same object (kind, namespace and name) is defined twice in one run: a stream, a folder, the
files named on the command line.

Reported at the `metadata.name` of the second definition, naming the file and line of the first.
Objects without a namespace are compared as they are written: `metadata.namespace` left out and
given are two objects (the namespace applied may be the same).

## Why is this bad?
`kubectl apply` applies both, one after the other: the second silently replaces the first, so a
change made to the first copy never reaches the cluster. Two copies of a DaemonSet usually come
from a file copied to make a variant and not renamed.

## Example
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
data: {level: info}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
data: {level: debug}
```

## Use instead
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
data: {level: info}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config-debug
data: {level: debug}
```

## Options
None.

## References
- Declarative management of objects: https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/
- Object names and IDs: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
"""

from __future__ import annotations

CODE = "DS270"
NAME = "duplicate-object"
LEVEL = "error"
ENABLED = False
KINDS = ("*",)
FIX = False
