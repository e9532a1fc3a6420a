"""A liveness or startup probe sets `successThreshold` to something other than 1.

Only a readiness probe may ask for several consecutive successes. A value of 0 is accepted
because the API server defaults it to 1. Checked on regular containers and sidecars.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1`.
A liveness or startup probe passes on its first success by design; waiting for more is what
`initialDelaySeconds` or a startup probe's `failureThreshold` is for.

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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
            successThreshold: 3
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
            successThreshold: 3
```

## Options
None.

## References
- Kubernetes, configure probes:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
- Kubernetes source, `validateLivenessProbe` and `validateStartupProbe` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import api_error, containers, is_int

CODE = "DS109"
NAME = "invalid-probe-success-threshold"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

# Probes whose successThreshold must be 1 (0 is defaulted to 1 before validation).
SINGLE_SUCCESS_PROBES = ("livenessProbe", "startupProbe")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init:
            continue
        for probe_name in SINGLE_SUCCESS_PROBES:
            probe = container.data.get(probe_name)
            if not isinstance(probe, dict):
                continue
            threshold = probe.get("successThreshold")
            if not is_int(threshold) or threshold in (0, 1):
                continue
            path = (*container.path, probe_name, "successThreshold")
            yield Finding(
                path,
                f"{container.describe()} {probe_name} successThreshold is {threshold}: "
                + api_error(path, "Invalid value", "must be 1", threshold),
                fix=(Edit(path, 1),),
            )
