"""An extended resource such as `nvidia.com/gpu` is requested in a way the API server rejects.

Extended resources are whole devices that cannot be overcommitted, so a container that requests
one must also set a limit, the two must be equal, and both must be whole numbers. A limit alone
is fine: the pod copies it into the request. Hugepages cannot be overcommitted either, so their
requests and limits are checked the same way (they are byte sizes, not whole numbers). Checked on
every container, init containers included.

## Why is this bad?
The API server rejects the DaemonSet with one of:
`...resources.limits: Required value: Limit must be set for non overcommitable resources`,
`...resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2`, or
`...resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer`.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-agent
spec:
  selector:
    matchLabels: {app: gpu-agent}
  template:
    metadata:
      labels: {app: gpu-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/gpu-agent:1.4.2
          resources:
            requests: {nvidia.com/gpu: 1}
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-agent
spec:
  selector:
    matchLabels: {app: gpu-agent}
  template:
    metadata:
      labels: {app: gpu-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/gpu-agent:1.4.2
          resources:
            limits: {nvidia.com/gpu: 1}
```

## Options
None.

## References
- Kubernetes, extended resources:
  https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources
- Kubernetes, schedule GPUs:
  https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import (
    api_error,
    containers,
    field_path,
    go_quote,
    is_extended_resource,
    parse_quantity,
)

CODE = "DS113"
NAME = "invalid-extended-resource"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def is_non_overcommitable(name: str) -> bool:
    return is_extended_resource(name) or name.startswith("hugepages-")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        resources = container.data.get("resources")
        if not isinstance(resources, dict):
            continue
        resources_path = (*container.path, "resources")
        requests = resources.get("requests")
        limits = resources.get("limits")
        requests = requests if isinstance(requests, dict) else {}
        limits = limits if isinstance(limits, dict) else {}
        for section, values in (("requests", requests), ("limits", limits)):
            for name, value in values.items():
                quantity = parse_quantity(value)
                if (
                    is_extended_resource(str(name))
                    and quantity is not None
                    and quantity != quantity.to_integral_value()
                ):
                    yield Finding(
                        (*resources_path, section, name),
                        f"{container.describe()} asks for {value} {name}, but extended "
                        "resources are whole devices: "
                        + api_error(
                            (*resources_path, f"{section}[{name}]"),
                            "Invalid value",
                            "must be an integer",
                            str(value),
                        ),
                    )
        for name, requested in requests.items():
            if not is_non_overcommitable(str(name)):
                continue
            if name not in limits:
                yield Finding(
                    (*resources_path, "requests", name),
                    f"{container.describe()} requests {name} without a limit: "
                    f"{field_path((*resources_path, 'limits'))}: Required value: "
                    "Limit must be set for non overcommitable resources",
                )
                continue
            request, limit = parse_quantity(requested), parse_quantity(limits[name])
            if request is not None and limit is not None and request != limit:
                yield Finding(
                    (*resources_path, "requests", name),
                    f"{container.describe()} requests {requested} {name} but its limit is "
                    f"{limits[name]}, and {name} cannot be overcommitted: "
                    f"{field_path((*resources_path, 'requests'))}: Invalid value: "
                    f"{go_quote(str(requested))}: must be equal to {name} limit of {limits[name]}",
                )
