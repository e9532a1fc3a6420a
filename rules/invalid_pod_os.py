"""An `os.name` the API server rejects, or fields that `os.name` forbids.

`spec.template.spec.os.name` must be `linux` or `windows`. A `linux` pod may not set
`windowsOptions` (pod or container). A `windows` pod may not set Linux-only security fields: at
pod level `seLinuxOptions`, `seccompProfile`, `appArmorProfile`, `runAsUser`, `runAsGroup`,
`fsGroup`, `fsGroupChangePolicy`, `supplementalGroupsPolicy`, `sysctls`, `hostUsers`,
`shareProcessNamespace`, `hostPID: true` and `hostIPC: true`; in any container `seLinuxOptions`,
`seccompProfile`, `appArmorProfile`, `capabilities`, `readOnlyRootFilesystem`, `privileged`,
`allowPrivilegeEscalation`, `procMount`, `runAsUser` and `runAsGroup` (even when set to `false`).

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.containers[0].securityContext.privileged:
Forbidden: cannot be set for a windows pod`. Declaring the OS lets the API server refuse
settings the node's runtime would ignore or fail on.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: win-agent
spec:
  selector:
    matchLabels: {app: win-agent}
  template:
    metadata:
      labels: {app: win-agent}
    spec:
      os: {name: windows}
      nodeSelector: {kubernetes.io/os: windows}
      containers:
        - name: agent
          image: registry.example.com/win-agent:1.4.2
          securityContext:
            runAsUser: 1000
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: win-agent
spec:
  selector:
    matchLabels: {app: win-agent}
  template:
    metadata:
      labels: {app: win-agent}
    spec:
      os: {name: windows}
      nodeSelector: {kubernetes.io/os: windows}
      containers:
        - name: agent
          image: registry.example.com/win-agent:1.4.2
          securityContext:
            windowsOptions: {runAsUserName: ContainerUser}
```

## Options
None.

## References
- Kubernetes, Pod OS: https://kubernetes.io/docs/concepts/workloads/pods/#pod-os
- Kubernetes, Windows security context:
  https://kubernetes.io/docs/concepts/windows/intro/#compatibility-v1-pod-spec-containers-securitycontext
- Kubernetes source, `validateOS`, `validateLinux` and `validateWindows` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Edit, Finding, Manifest, Path
from dslint.k8s import POD_SPEC, api_error, containers, meant_value, pod_spec

CODE = "DS190"
NAME = "invalid-pod-os"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

OS_NAMES = ("linux", "windows")
WINDOWS_FORBIDDEN_POD_CONTEXT = (
    "appArmorProfile",
    "seLinuxOptions",
    "runAsUser",
    "runAsGroup",
    "seccompProfile",
    "fsGroup",
    "fsGroupChangePolicy",
    "sysctls",
    "supplementalGroupsPolicy",
    "hostUsers",
)
WINDOWS_FORBIDDEN_CONTAINER_CONTEXT = (
    "appArmorProfile",
    "seLinuxOptions",
    "seccompProfile",
    "capabilities",
    "readOnlyRootFilesystem",
    "privileged",
    "allowPrivilegeEscalation",
    "procMount",
    "runAsUser",
    "runAsGroup",
)
POD_CONTEXT: Path = (*POD_SPEC, "securityContext")
WINDOWS_MESSAGE = "cannot be set for a windows pod"
LINUX_MESSAGE = "windows options cannot be set for a linux pod"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    os = spec.get("os")
    if not isinstance(os, dict):
        return
    name = os.get("name")
    if name is None or name == "":
        where = (*POD_SPEC, "os", "name")
        yield Finding(
            where, f"pod os has no name; {api_error(where, 'Required value', 'cannot be empty')}"
        )
        return
    if not isinstance(name, str):
        return
    if name not in OS_NAMES:
        where = (*POD_SPEC, "os", "name")
        listed = ", ".join(f'"{value}"' for value in OS_NAMES)
        error = api_error(
            (*POD_SPEC, "os"), "Unsupported value", f"supported values: {listed}", name
        )
        meant = meant_value(name, OS_NAMES)
        fix = (Edit(where, meant),) if meant else ()
        yield Finding(where, f'pod os "{name}" is unknown; {error}', fix=fix)
        return
    forbidden = (
        _windows_forbidden(manifest, spec) if name == "windows" else _linux_forbidden(manifest)
    )
    for where, message_path, detail in forbidden:
        error = api_error(message_path, "Forbidden", detail)
        yield Finding(where, f'a pod with os "{name}" may not set {where[-1]}; {error}')


Forbidden = tuple[Path, Path, str]


def _set(context: object, key: str) -> bool:
    return isinstance(context, dict) and context.get(key) is not None


def _windows_forbidden(manifest: Manifest, spec: Mapping[str, Any]) -> Iterator[Forbidden]:
    context = spec.get("securityContext")
    for key in WINDOWS_FORBIDDEN_POD_CONTEXT:
        if _set(context, key):
            if key == "sysctls" and not (isinstance(context, dict) and context.get(key)):
                continue  # an empty list is not set
            where = (*POD_CONTEXT, key)
            yield where, where, WINDOWS_MESSAGE
    # In the API's internal form these pod fields live in the security context.
    if spec.get("shareProcessNamespace") is not None:
        where = (*POD_SPEC, "shareProcessNamespace")
        yield where, (*POD_CONTEXT, "shareProcessNamespace"), WINDOWS_MESSAGE
    for key in ("hostPID", "hostIPC"):
        if spec.get(key) is True:
            yield (*POD_SPEC, key), (*POD_CONTEXT, key), WINDOWS_MESSAGE
    for container in containers(manifest):
        container_context = container.data.get("securityContext")
        for key in WINDOWS_FORBIDDEN_CONTAINER_CONTEXT:
            if _set(container_context, key):
                where = (*container.path, "securityContext", key)
                yield where, where, WINDOWS_MESSAGE


def _linux_forbidden(manifest: Manifest) -> Iterator[Forbidden]:
    if _set(manifest.get(POD_CONTEXT), "windowsOptions"):
        where = (*POD_CONTEXT, "windowsOptions")
        yield where, where, LINUX_MESSAGE
    for container in containers(manifest):
        if _set(container.data.get("securityContext"), "windowsOptions"):
            where = (*container.path, "securityContext", "windowsOptions")
            yield where, where, LINUX_MESSAGE
