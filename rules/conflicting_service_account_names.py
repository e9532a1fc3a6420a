"""`serviceAccount` and `serviceAccountName` are both set, to different values.

## Why is this bad?
`serviceAccountName` wins: the API server uses it and overwrites the deprecated `serviceAccount`
with it. Whoever set `serviceAccount` expected the pod to run as that account, with its RBAC
permissions and image pull secrets; it will not, and nothing warns about it.

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
      serviceAccount: agent
      serviceAccountName: agent-v2
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
      serviceAccountName: agent-v2
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes API, PodSpec `serviceAccountName` and `serviceAccount`:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS413"
NAME = "conflicting-service-account-names"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    old, new = spec.get("serviceAccount"), spec.get("serviceAccountName")
    if not isinstance(old, str) or not isinstance(new, str) or not old or not new or old == new:
        return
    yield Finding(
        (*POD_SPEC, "serviceAccount"),
        f'serviceAccount "{old}" differs from serviceAccountName "{new}"; the pod runs as '
        f'"{new}" and "{old}" is ignored',
        fix=(Edit((*POD_SPEC, "serviceAccount"), delete=True),),  # it is ignored
    )
