"""A restart policy that a DaemonSet, a container or an init container does not allow.

- The pod template's `restartPolicy` must be `Always` (a daemon pod is never allowed to finish).
- Regular containers may not set `restartPolicy` at all.
- Init containers may set only `restartPolicy: Always`, which makes them sidecars.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"`,
`spec.template.spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers`
or `spec.template.spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported
values: "Always"`. Pod templates copied from a Job are the usual source.

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
      restartPolicy: OnFailure
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
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
      restartPolicy: Always
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes, DaemonSet, pod template:
  https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#pod-template
- Kubernetes, Sidecar containers:
  https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
- Kubernetes source, `ValidateDaemonSetSpec` and `validateInitContainers`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, containers, pod_spec

CODE = "DS144"
NAME = "invalid-restart-policy"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

SUPPORTED = 'supported values: "Always"'


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    policy = pod_spec(manifest).get("restartPolicy")
    # An empty policy is defaulted to Always before validation.
    if isinstance(policy, str) and policy not in ("", "Always"):
        path = (*POD_SPEC, "restartPolicy")
        error = api_error(path, "Unsupported value", SUPPORTED, value=policy)
        yield Finding(
            path,
            f'a DaemonSet pod must always restart, but restartPolicy is "{policy}"; {error}',
            fix=(Edit(path, "Always"),),
        )
    for container in containers(manifest):
        value = container.data.get("restartPolicy")
        if value is None:
            continue
        path = (*container.path, "restartPolicy")
        if container.kind == "container":
            error = api_error(path, "Forbidden", "may not be set for non-init containers")
            yield Finding(
                path,
                f"{container.describe()} sets restartPolicy, which only init containers may; "
                f"{error}",
            )
        elif value != "Always":
            error = api_error(path, "Unsupported value", SUPPORTED, value=value)
            yield Finding(
                path,
                f'{container.describe()} has restartPolicy "{value}"; only "Always" (a sidecar) '
                f"is allowed; {error}",
            )
