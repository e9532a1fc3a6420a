"""A readiness gate whose `conditionType` is not a qualified name.

Each entry of `spec.template.spec.readinessGates` names a pod condition by `conditionType`, which
must be a qualified name: an optional DNS subdomain prefix and `/`, then at most 63 letters,
digits, `-`, `_` or `.`, starting and ending with a letter or digit.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.readinessGates[0].conditionType: Invalid value:
"example.com/load balancer ready": name part must consist of ...`. A readiness gate also keeps
every pod un-Ready until some controller sets that condition, so check that one does.

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
      readinessGates:
        - conditionType: "example.com/load balancer ready"
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
      readinessGates:
        - conditionType: example.com/load-balancer-ready
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Pod lifecycle, pod readiness gate:
  https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate
- Kubernetes source, `validateReadinessGates` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, pod_spec, qualified_name_errors

CODE = "DS189"
NAME = "invalid-readiness-gate"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    gates = pod_spec(manifest).get("readinessGates")
    if not isinstance(gates, list):
        return
    for index, gate in enumerate(gates):
        if not isinstance(gate, dict):
            continue
        condition = gate.get("conditionType", "")
        if not isinstance(condition, str):
            continue
        where = (*POD_SPEC, "readinessGates", index, "conditionType")
        for detail in qualified_name_errors(condition):
            error = api_error(where, "Invalid value", detail, condition)
            yield Finding(
                where, f'readiness gate "{condition}" is not a valid condition type; {error}'
            )
