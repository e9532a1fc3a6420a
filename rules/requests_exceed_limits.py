"""A container requests more of a resource than its limit allows.

Compared per resource (cpu, memory, ephemeral storage) on every container, init containers
included. Resources that cannot be overcommitted (extended resources such as `nvidia.com/gpu`, and
hugepages) must have equal requests and limits, which `invalid-extended-resource` checks; invalid
quantities are left to `invalid-resource-quantity`.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or
equal to cpu limit of 1`. A request is what the scheduler reserves and a limit what the container
may use; a reservation above the ceiling cannot be honoured. It often comes from mixing units
(`memory: 1G` against `1Gi`, or `512m` meaning milli-bytes).

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
          resources:
            requests: {memory: 256Mi}
            limits: {memory: 128Mi}
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
          resources:
            requests: {memory: 128Mi}
            limits: {memory: 256Mi}
```

## Options
None.

## References
- Kubernetes, requests and limits:
  https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits
- Kubernetes source, `ValidateResourceRequirements` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, field_path, go_quote, is_extended_resource, parse_quantity

CODE = "DS112"
NAME = "requests-exceed-limits"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def overcommit_allowed(name: str) -> bool:
    """Whether a request may be lower than its limit (not so for devices and hugepages)."""
    return not (is_extended_resource(name) or name.startswith("hugepages-"))


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        resources = container.data.get("resources")
        if not isinstance(resources, dict):
            continue
        requests, limits = resources.get("requests"), resources.get("limits")
        if not isinstance(requests, dict) or not isinstance(limits, dict):
            continue
        for name, requested in requests.items():
            if name not in limits or not overcommit_allowed(str(name)):
                continue
            request, limit = parse_quantity(requested), parse_quantity(limits[name])
            if request is None or limit is None or request <= limit:
                continue
            api_path = (*container.path, "resources", "requests")
            yield Finding(
                (*api_path, name),
                f"{container.describe()} requests {requested} {name} but its limit is "
                f"{limits[name]}: {field_path(api_path)}: Invalid value: "
                f"{go_quote(str(requested))}: must be less than or equal to {name} limit of "
                f"{limits[name]}",
            )
