"""A container's `imagePullPolicy` is not `Always`, `IfNotPresent` or `Never`.

The values are case-sensitive, so `always` and `ifNotPresent` are flagged too (with the spelling
meant, and a fix). An empty or missing policy is fine: the API server fills in the default.
Checked on every container, init containers included.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values:
"Always", "IfNotPresent", "Never"`.

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
          imagePullPolicy: ifNotPresent
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
          image: registry.example.com/agent:1.4.2
          imagePullPolicy: IfNotPresent
```

## Options
None.

## References
- Kubernetes, images, image pull policy:
  https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import api_error, containers

CODE = "DS114"
NAME = "invalid-image-pull-policy"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

POLICIES = ("Always", "IfNotPresent", "Never")
SUPPORTED = "supported values: " + ", ".join(f'"{policy}"' for policy in POLICIES)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        policy = container.data.get("imagePullPolicy")
        if policy is None or policy == "" or policy in POLICIES:
            continue
        path = (*container.path, "imagePullPolicy")
        text = policy if isinstance(policy, str) else str(policy)
        meant = [p for p in POLICIES if p.lower() == text.strip().lower()]
        hint = f' (did you mean "{meant[0]}"?)' if meant else ""
        yield Finding(
            path,
            f'{container.describe()} imagePullPolicy "{text}" is not a pull policy{hint}: '
            + api_error(path, "Unsupported value", SUPPORTED, text),
            fix=(Edit(path, meant[0]),) if meant else (),
        )
