"""A pod `hostname` or `subdomain` that is not an RFC 1123 label.

`spec.template.spec.hostname` and `spec.template.spec.subdomain`, when set, must each be at most 63
lower-case letters, digits or `-`, starting and ending with a letter or digit, without dots.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.hostname: Invalid value: "node.agent": must not
contain dots`. Note also that every pod of a DaemonSet gets the same fixed hostname; leaving it
unset gives each pod its own name.

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
      subdomain: Agents
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
      subdomain: agents
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, DNS for services and pods, pod's hostname and subdomain fields:
  https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-hostname-and-subdomain-field
- Kubernetes source, `ValidatePodSpec` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, dns1123_label_errors, pod_spec

CODE = "DS184"
NAME = "invalid-hostname"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    for field in ("hostname", "subdomain"):
        value = spec.get(field)
        if not isinstance(value, str) or not value:
            continue
        where = (*POD_SPEC, field)
        for detail in dns1123_label_errors(value):
            error = api_error(where, "Invalid value", detail, value)
            yield Finding(where, f'pod {field} "{value}" is not a valid RFC 1123 label; {error}')
