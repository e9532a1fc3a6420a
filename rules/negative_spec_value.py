"""`spec.minReadySeconds` or `spec.revisionHistoryLimit` of the DaemonSet is negative.

## Why is this bad?
Both count something (seconds a new pod must be ready before it counts as available, old
revisions kept for rollback) and the API server rejects negative values:
`spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0`. A
`revisionHistoryLimit` of 0 is allowed, but leaves nothing to roll back to.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  minReadySeconds: -1
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  minReadySeconds: 10
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes API, DaemonSetSpec:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetSpec
- Kubernetes source, `ValidateDaemonSetSpec`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, is_int

CODE = "DS148"
NAME = "negative-spec-value"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

FIELDS = ("minReadySeconds", "revisionHistoryLimit")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for field in FIELDS:
        path = ("spec", field)
        value = manifest.get(path)
        if is_int(value) and value < 0:
            error = api_error(
                path, "Invalid value", "must be greater than or equal to 0", value=value
            )
            yield Finding(path, f"{field} is negative ({value}); {error}")
