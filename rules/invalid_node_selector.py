"""A `nodeSelector` key or value that is not a valid label.

Each key of `spec.template.spec.nodeSelector` must be a label key (an optional DNS subdomain
prefix and `/`, then a name of at most 63 letters, digits, `-`, `_` or `.` that starts and ends
with a letter or digit), and each value a label value (empty, or at most 63 such characters).

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.nodeSelector: Invalid value: "node role": name
part must consist of alphanumeric characters, ...`. A node could never carry such a label anyway,
so the selector could not match.

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
      nodeSelector:
        kubernetes.io/os: linux
        node-pool: "gpu nodes"
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
        node-pool: gpu-nodes
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Assigning pods to nodes, nodeSelector:
  https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector
- Kubernetes, Labels, syntax and character set:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, label_value_errors, pod_spec, qualified_name_errors

CODE = "DS179"
NAME = "invalid-node-selector"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    selector = pod_spec(manifest).get("nodeSelector")
    if not isinstance(selector, dict):
        return
    path = (*POD_SPEC, "nodeSelector")
    for key, value in selector.items():
        if not isinstance(key, str):
            continue
        for detail in qualified_name_errors(key):
            error = api_error(path, "Invalid value", detail, key)
            yield Finding(
                (*path, key), f'nodeSelector key "{key}" is not a valid label key; {error}'
            )
        if isinstance(value, str):
            for detail in label_value_errors(value):
                error = api_error(path, "Invalid value", detail, value)
                yield Finding(
                    (*path, key),
                    f'nodeSelector "{key}" value "{value}" is not a valid label value; {error}',
                )
