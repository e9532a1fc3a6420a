"""The DaemonSet names no namespace, or names `default`.

Off by default: charts and kustomizations often set the namespace at install time, and then the
manifest rightly leaves it out.

## Why is this bad?
Without `metadata.namespace` the object lands in whatever namespace the applying kubectl context
points at, so the same file installs differently for different people. The `default` namespace
is shared by everything nobody placed deliberately: quotas, network policies and RBAC written for
the agent cannot be scoped to it, and `kubectl get pods` there mixes the agent's hundreds of pods
with everything else.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: default
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
  namespace: monitoring
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

## Options
None.

## References
- Kubernetes, Namespaces, when to use multiple namespaces:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest

CODE = "DS400"
NAME = "missing-namespace"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    namespace = manifest.get(("metadata", "namespace"))
    if namespace == "default":
        yield Finding(
            ("metadata", "namespace"),
            f'DaemonSet "{manifest.name}" is placed in the "default" namespace; give it its own',
        )
    elif namespace is None or namespace == "":
        yield Finding(
            ("metadata", "namespace"),
            f'DaemonSet "{manifest.name}" names no namespace, so it lands in whatever namespace '
            "the kubectl context points at",
        )
