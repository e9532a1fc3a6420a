"""A `schedulerName` that is not a valid scheduler name.

`spec.template.spec.schedulerName`, when set, must be a DNS subdomain: lower-case letters, digits,
`-` and `.`, starting and ending with a letter or digit, at most 253 characters. An empty value
means `default-scheduler`.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.schedulerName: Invalid value: "Custom_Scheduler":
a lowercase RFC 1123 subdomain must consist of ...`. No scheduler could be registered under such
a name anyway, so the pods would stay Pending.

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
      schedulerName: Custom_Scheduler
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
      schedulerName: custom-scheduler
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Configure multiple schedulers:
  https://kubernetes.io/docs/tasks/extend-kubernetes/configure-multiple-schedulers/
- Kubernetes source, `ValidatePodSpec` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, dns1123_subdomain_errors, pod_spec

CODE = "DS186"
NAME = "invalid-scheduler-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    name = pod_spec(manifest).get("schedulerName")
    if not isinstance(name, str) or not name:
        return  # empty is defaulted to default-scheduler
    where = (*POD_SPEC, "schedulerName")
    for detail in dns1123_subdomain_errors(name):
        error = api_error(where, "Invalid value", detail, name)
        yield Finding(where, f'schedulerName "{name}" is not a valid name; {error}')
