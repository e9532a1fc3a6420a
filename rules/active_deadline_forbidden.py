"""The pod template of a DaemonSet sets `activeDeadlineSeconds`.

## Why is this bad?
`activeDeadlineSeconds` fails a pod once it has run that long, which contradicts a controller
whose pods should run for as long as the node does. The API server rejects the DaemonSet:
`spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not
Supported`.

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
      activeDeadlineSeconds: 3600
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
- Kubernetes API, PodSpec `activeDeadlineSeconds`:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#lifecycle
- Kubernetes source, `ValidateDaemonSetSpec`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, pod_spec

CODE = "DS145"
NAME = "active-deadline-forbidden"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    if spec.get("activeDeadlineSeconds") is None:
        return
    path = (*POD_SPEC, "activeDeadlineSeconds")
    error = api_error(path, "Forbidden", "activeDeadlineSeconds in DaemonSet is not Supported")
    yield Finding(
        path,
        f"a DaemonSet pod may not have a deadline; remove activeDeadlineSeconds; {error}",
        fix=(Edit(path, delete=True),),
    )
