"""An object is meant to be a DaemonSet but its kind is misspelled.

`Daemonset`, `daemonset`, `DaemonSets` and `daemon-set` are flagged.

Kinds are case-sensitive and singular. dslint still lints such an object as a DaemonSet, so its
other problems are reported too.

## Why is this bad?
The API server knows no such kind: `kubectl apply` fails with `no matches for kind "Daemonset" in
version "apps/v1"`. Other tools that select objects by kind (kustomize patches, policy engines,
other linters) silently skip the object, so it may pass every check and still never deploy.

## Example
```yaml
apiVersion: apps/v1
kind: Daemonset
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
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes API reference, DaemonSet:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import DAEMONSET_KIND, near_miss_kind

CODE = "DS103"
NAME = "misspelled-kind"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    kind = manifest.kind
    if not near_miss_kind(kind):
        return
    version = manifest.api_version or "apps/v1"
    yield Finding(
        ("kind",),
        f'kind "{kind}": no matches for kind "{kind}" in version "{version}"; '
        f'did you mean "{DAEMONSET_KIND}"?',
        fix=(Edit(("kind",), DAEMONSET_KIND),),
    )
