"""A container's `terminationMessagePolicy` is not `File` or `FallbackToLogsOnError`.

The value is case-sensitive; an empty or missing value is defaulted to `File`.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].terminationMessagePolicy: Unsupported value:
"fallbackToLogsOnError": supported values: "File", "FallbackToLogsOnError"`.

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
          image: registry.example.com/agent:1.2.3
          terminationMessagePolicy: fallbackToLogsOnError
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
          terminationMessagePolicy: FallbackToLogsOnError
```

## Options
None.

## References
- Kubernetes, Determine the reason for pod failure, customizing the termination message:
  https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/
- Kubernetes source, `validateContainersOnlyForPod` / `validateContainerCommon`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import api_error, containers, meant_value

CODE = "DS157"
NAME = "invalid-termination-message-policy"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

POLICIES = ("File", "FallbackToLogsOnError")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        policy = container.data.get("terminationMessagePolicy")
        if not isinstance(policy, str) or not policy or policy in POLICIES:
            continue
        path = (*container.path, "terminationMessagePolicy")
        supported = ", ".join(f'"{p}"' for p in POLICIES)
        error = api_error(path, "Unsupported value", f"supported values: {supported}", value=policy)
        meant = meant_value(policy, POLICIES)
        yield Finding(
            path,
            f'{container.describe()} terminationMessagePolicy "{policy}" is unknown; {error}',
            fix=(Edit(path, meant),) if meant else (),
        )
