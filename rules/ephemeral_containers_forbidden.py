"""The pod template lists `ephemeralContainers`.

## Why is this bad?
Ephemeral containers are added to a running pod for debugging (`kubectl debug`); they cannot be
part of a template. The API server rejects the DaemonSet:
`spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod
template`. They usually appear when a live pod is exported into a manifest.

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
      ephemeralContainers:
        - name: debugger
          image: busybox:1.36
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
- Kubernetes, Ephemeral containers:
  https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/
- Kubernetes source, `ValidatePodTemplateSpec`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, pod_spec

CODE = "DS146"
NAME = "ephemeral-containers-forbidden"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    ephemeral = pod_spec(manifest).get("ephemeralContainers")
    if not isinstance(ephemeral, list) or not ephemeral:
        return
    path = (*POD_SPEC, "ephemeralContainers")
    error = api_error(path, "Forbidden", "ephemeral containers not allowed in pod template")
    yield Finding(
        path,
        f"a pod template cannot hold ephemeral containers ({len(ephemeral)} listed); {error}",
        fix=(Edit(path, delete=True),),
    )
