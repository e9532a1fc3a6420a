"""A negative `terminationGracePeriodSeconds` on the pod template.

The API server accepts a negative `spec.template.spec.terminationGracePeriodSeconds` but warns
`must be >= 0; negative values are invalid and will be treated as 1`. Probe-level grace periods
are the rule `invalid-probe-settings`.

## Why is this bad?
The pods get one second to shut down instead of the time the value seems to ask for, so a node
agent is killed before it can flush buffers, release leases or clean up host state. The warning
is easy to miss in CI logs.

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
      terminationGracePeriodSeconds: -1
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
      terminationGracePeriodSeconds: 30
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Pod lifecycle, termination of pods:
  https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
- Kubernetes source, `GetWarningsForPodTemplate` in `pkg/api/pod/warnings.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, field_path, is_int, pod_spec

CODE = "DS230"
NAME = "negative-termination-grace-period"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    value = pod_spec(manifest).get("terminationGracePeriodSeconds")
    if not is_int(value) or value >= 0:
        return
    where = (*POD_SPEC, "terminationGracePeriodSeconds")
    yield Finding(
        where,
        f"terminationGracePeriodSeconds {value} is negative, so pods get 1 second to stop "
        f"(API server warning: {field_path(where)}: must be >= 0; negative values are invalid "
        "and will be treated as 1)",
    )
