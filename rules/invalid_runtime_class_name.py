"""A `runtimeClassName` that is not a valid RuntimeClass name.

`spec.template.spec.runtimeClassName`, when present, must be a DNS subdomain: lower-case letters,
digits, `-` and `.`, starting and ending with a letter or digit, at most 253 characters. An empty
string is present and therefore invalid; leave the field out to use the default runtime. Whether
the RuntimeClass exists is checked only when the pods are created.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.runtimeClassName: Invalid value: "Nvidia": a
lowercase RFC 1123 subdomain must consist of ...`.

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
      runtimeClassName: Nvidia
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
      runtimeClassName: nvidia
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Runtime class: https://kubernetes.io/docs/concepts/containers/runtime-class/
- Kubernetes source, `ValidateRuntimeClassName` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, dns1123_subdomain_errors, pod_spec

CODE = "DS187"
NAME = "invalid-runtime-class-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    name = pod_spec(manifest).get("runtimeClassName")
    if not isinstance(name, str):
        return  # absent or null: the default runtime
    where = (*POD_SPEC, "runtimeClassName")
    for detail in dns1123_subdomain_errors(name):
        error = api_error(where, "Invalid value", detail, name)
        yield Finding(where, f'runtimeClassName "{name}" is not a valid name; {error}')
