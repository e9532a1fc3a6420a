"""A container's `resizePolicy` names an unknown resource or policy, repeats a resource, or sits
on an init container.

From Kubernetes 1.33 (in-place pod resize on by default) each `resizePolicy` entry needs
`resourceName` `cpu` or `memory` and `restartPolicy` `NotRequired` or `RestartContainer`, each
resource at most once; init containers that are not sidecars may not set it. Before 1.33 the API
server drops the field silently, so the rule is quiet there.

## Why is this bad?
The API server rejects the DaemonSet, e.g.
`spec.template.spec.containers[0].resizePolicy: Unsupported value: "Memory": supported values:
"cpu", "memory"` or `spec.template.spec.containers[0].resizePolicy[1]: Duplicate value: "cpu"`.

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
          image: registry.example.com/agent:1.2.3
          resizePolicy:
            - resourceName: Memory
              restartPolicy: RestartContainer
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
          image: registry.example.com/agent:1.2.3
          resizePolicy:
            - resourceName: memory
              restartPolicy: RestartContainer
```

## Options
None. The rule follows `--kubernetes-version`.

## References
- Kubernetes, Resize CPU and memory resources assigned to containers:
  https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/
- Kubernetes source, `validateResizePolicy`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import ContainerRef, api_error, containers, field_path

CODE = "DS158"
NAME = "invalid-resize-policy"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

RESIZE_DEFAULT_SINCE = (1, 33)  # InPlacePodVerticalScaling beta, on by default
RESOURCES = ("cpu", "memory")
POLICIES = ("NotRequired", "RestartContainer")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if manifest.kubernetes_version < RESIZE_DEFAULT_SINCE:
        return
    for container in containers(manifest):
        policies = container.data.get("resizePolicy")
        if not isinstance(policies, list) or not policies:
            continue
        if container.kind == "init":
            path = (*container.path, "resizePolicy")
            yield Finding(
                path,
                f"{container.describe()} sets resizePolicy, which init containers may not; "
                f"{field_path(path)}: Invalid value: {_go_policies(policies)}: "
                "must not be set for init containers",
            )
            continue
        yield from _check_entries(container, policies)


def _check_entries(container: ContainerRef, policies: list[object]) -> Iterator[Finding]:
    list_path = (*container.path, "resizePolicy")
    who = container.describe()
    seen: set[str] = set()
    for index, entry in enumerate(policies):
        if not isinstance(entry, dict):
            continue
        for field, allowed in (("resourceName", RESOURCES), ("restartPolicy", POLICIES)):
            value = entry.get(field)
            if value is None or value == "":
                error = api_error(list_path, "Required value")
                yield Finding((*list_path, index), f"{who} resizePolicy lacks {field}; {error}")
            elif isinstance(value, str) and value not in allowed:
                supported = ", ".join(f'"{a}"' for a in allowed)
                error = api_error(
                    list_path, "Unsupported value", f"supported values: {supported}", value=value
                )
                yield Finding(
                    (*list_path, index, field),
                    f'{who} resizePolicy {field} "{value}" is unknown; {error}',
                )
        resource = entry.get("resourceName")
        if isinstance(resource, str) and resource:
            if resource in seen:
                error = api_error((*list_path, index), "Duplicate value", value=resource)
                yield Finding(
                    (*list_path, index, "resourceName"),
                    f'{who} resizePolicy repeats "{resource}"; {error}',
                )
            seen.add(resource)


def _go_policies(policies: list[object]) -> str:
    """The list as Go prints it (`%#v` of []core.ContainerResizePolicy)."""
    items = []
    for entry in policies:
        data = entry if isinstance(entry, dict) else {}
        resource = str(data.get("resourceName") or "")
        policy = str(data.get("restartPolicy") or "")
        items.append(
            f'core.ContainerResizePolicy{{ResourceName:"{resource}", RestartPolicy:"{policy}"}}'
        )
    return f"[]core.ContainerResizePolicy{{{', '.join(items)}}}"
