"""A `priorityClassName` that is not a valid name, or an unknown `preemptionPolicy`.

`spec.template.spec.priorityClassName`, when set, must be a DNS subdomain (lower-case letters,
digits, `-` and `.`, at most 253 characters); `preemptionPolicy` must be `PreemptLowerPriority` or
`Never`. Whether the PriorityClass exists is checked only when the pods are created; see
`missing-priority-class` for node agents without one.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.priorityClassName: Invalid value:
"System-Node-Critical": a lowercase RFC 1123 subdomain must consist of ...`. The built-in classes
are spelled `system-node-critical` and `system-cluster-critical`.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      priorityClassName: System-Node-Critical
      preemptionPolicy: never
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
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      priorityClassName: system-node-critical
      preemptionPolicy: Never
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Pod priority and preemption:
  https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
- Kubernetes source, `ValidatePodSpec` and `validatePreemptionPolicy` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, dns1123_subdomain_errors, pod_spec

CODE = "DS185"
NAME = "invalid-priority"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

PREEMPTION_POLICIES = ("PreemptLowerPriority", "Never")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    name = spec.get("priorityClassName")
    if isinstance(name, str) and name:
        where = (*POD_SPEC, "priorityClassName")
        for detail in dns1123_subdomain_errors(name):
            error = api_error(where, "Invalid value", detail, name)
            yield Finding(where, f'priorityClassName "{name}" is not a valid name; {error}')
    policy = spec.get("preemptionPolicy")
    if isinstance(policy, str) and policy not in PREEMPTION_POLICIES:
        where = (*POD_SPEC, "preemptionPolicy")
        listed = ", ".join(f'"{value}"' for value in PREEMPTION_POLICIES)
        error = api_error(where, "Unsupported value", f"supported values: {listed}", policy)
        yield Finding(where, f'preemptionPolicy "{policy}" is unknown; {error}')
