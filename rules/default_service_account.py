"""The pod runs as the namespace's `default` service account.

Flags a pod template with no `serviceAccountName` (nor the deprecated `serviceAccount`) or with
the value `default`, unless it also sets `automountServiceAccountToken: false` (then no token of
that account reaches the pod). Off by default.

## Why is this bad?
Every pod in a namespace that names no service account shares `default`. Permissions granted to
it for one workload are granted to all of them, and RBAC reviews cannot tell who needs what. A
node agent that uses the API should have its own service account with only the permissions it
needs; one that does not should not mount a token at all.

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
      serviceAccountName: agent
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Service accounts:
  https://kubernetes.io/docs/concepts/security/service-accounts/
- Kubernetes, RBAC good practices:
  https://kubernetes.io/docs/concepts/security/rbac-good-practices/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS411"
NAME = "default-service-account"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    if not spec or spec.get("automountServiceAccountToken") is False:
        return
    for field in ("serviceAccountName", "serviceAccount"):
        value = spec.get(field)
        if isinstance(value, str) and value:
            if value == "default":
                yield Finding(
                    (*POD_SPEC, field),
                    f'DaemonSet "{manifest.name}" runs as the shared "default" service account; '
                    "give the agent its own",
                )
            return  # serviceAccountName wins over the deprecated field
    yield Finding(
        (*POD_SPEC, "serviceAccountName"),
        f'DaemonSet "{manifest.name}" names no service account, so it runs as the shared '
        '"default" one; give the agent its own or set automountServiceAccountToken to false',
    )
