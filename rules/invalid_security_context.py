"""A pod or container security context the API server rejects.

Flags, in the pod's `securityContext` and in each container's (init containers and sidecars
included): `privileged: true` or an added `CAP_SYS_ADMIN` together with
`allowPrivilegeEscalation: false`; `runAsUser`, `runAsGroup`, `fsGroup` and `supplementalGroups`
outside 0..2147483647; `procMount` other than `Default` or `Unmasked`, and `Unmasked` without
`hostUsers: false`; a `seccompProfile` or `appArmorProfile` without a known `type`, a `Localhost`
profile without `localhostProfile` (or with an absolute or `..` path), and `localhostProfile` with
another type; `fsGroupChangePolicy` and `supplementalGroupsPolicy` values; `shareProcessNamespace`
with `hostPID`; `hostUsers: false` with host namespaces; and Windows `hostProcess` settings that
disagree or lack `hostNetwork: true`. Only `CAP_SYS_ADMIN` is caught by the API server, not
`SYS_ADMIN`, so only that spelling is flagged. Whether these settings are wise is for the security
rules; this rule reports only what cannot be applied.

## Why is this bad?
`kubectl apply` fails with the API server's message, e.g.
`spec.template.spec.containers[0].securityContext: Invalid value: ...: cannot set
`allowPrivilegeEscalation` to false and `privileged` to true`. A privileged container can always
gain privileges, so the two settings contradict each other.

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
          securityContext:
            privileged: true
            allowPrivilegeEscalation: false
            seccompProfile: {type: Localhost}
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
          securityContext:
            privileged: true
            seccompProfile: {type: Localhost, localhostProfile: profiles/agent.json}
```

## Options
None.

## References
- Kubernetes, Configure a security context for a pod or container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
- Kubernetes, Windows HostProcess containers:
  https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
- Kubernetes source, `ValidateSecurityContext`, `validatePodSpecSecurityContext`,
  `validateSeccompProfileField`, `validateAppArmorProfileField` and
  `validateWindowsHostProcessPod` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import POD_SPEC, api_error, containers, field_path, is_int, pod_spec

CODE = "DS177"
NAME = "invalid-security-context"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

MAX_ID = 2147483647
ID_RANGE_MESSAGE = f"must be between 0 and {MAX_ID}, inclusive"
PROFILE_TYPES = ("Localhost", "RuntimeDefault", "Unconfined")
PROC_MOUNT_TYPES = ("Default", "Unmasked")
FS_GROUP_CHANGE_POLICIES = ("OnRootMismatch", "Always")
SUPPLEMENTAL_GROUPS_POLICIES = ("Merge", "Strict")
MAX_APPARMOR_PROFILE_LENGTH = 4095
POD_SECURITY: Path = (*POD_SPEC, "securityContext")

Problem = tuple[Path, str]


def _supported(where: Path, value: str, values: tuple[str, ...]) -> str:
    listed = ", ".join(f'"{item}"' for item in values)
    return api_error(where, "Unsupported value", f"supported values: {listed}", value)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    pod_context = spec.get("securityContext")
    pod_context = pod_context if isinstance(pod_context, dict) else {}
    for where, error in _pod_errors(spec, pod_context):
        yield Finding(where, f"the pod security context is invalid; {error}")
    host_users = spec.get("hostUsers") is not False
    for container in containers(manifest):
        context = container.data.get("securityContext")
        if not isinstance(context, dict):
            continue
        path = (*container.path, "securityContext")
        for where, error in _container_errors(path, context, host_users):
            yield Finding(where, f"{container.describe()} security context is invalid; {error}")
    for where, error in _host_process_errors(manifest, spec, pod_context):
        yield Finding(where, error)


def _id_errors(path: Path, context: Mapping[str, Any], keys: tuple[str, ...]) -> Iterator[Problem]:
    for key in keys:
        value = context.get(key)
        if is_int(value) and not 0 <= value <= MAX_ID:
            yield (*path, key), api_error((*path, key), "Invalid value", ID_RANGE_MESSAGE, value)


def _pod_errors(spec: Mapping[str, Any], context: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _id_errors(POD_SECURITY, context, ("runAsUser", "runAsGroup", "fsGroup"))
    groups = context.get("supplementalGroups")
    if isinstance(groups, list):
        for index, group in enumerate(groups):
            where = (*POD_SECURITY, "supplementalGroups", index)
            if is_int(group) and not 0 <= group <= MAX_ID:
                yield where, api_error(where, "Invalid value", ID_RANGE_MESSAGE, group)
    for key, values in (
        ("fsGroupChangePolicy", FS_GROUP_CHANGE_POLICIES),
        ("supplementalGroupsPolicy", SUPPLEMENTAL_GROUPS_POLICIES),
    ):
        value = context.get(key)
        if isinstance(value, str) and value not in values:
            yield (*POD_SECURITY, key), _supported((*POD_SECURITY, key), value, values)
    yield from _profile_errors(POD_SECURITY, context)
    # The API server checks these pod fields as part of the pod security context.
    if spec.get("shareProcessNamespace") is True and spec.get("hostPID") is True:
        detail = "ShareProcessNamespace and HostPID cannot both be enabled"
        error = api_error((*POD_SECURITY, "shareProcessNamespace"), "Invalid value", detail, True)
        yield (*POD_SPEC, "shareProcessNamespace"), error
    # `hostUsers` is a pod spec field (the API server's internal type keeps it in the context).
    if spec.get("hostUsers") is False:
        for key in ("hostNetwork", "hostPID", "hostIPC"):
            if spec.get(key) is True:
                detail = "when `pod.Spec.HostUsers` is false"
                yield (*POD_SPEC, key), api_error((*POD_SECURITY, key), "Forbidden", detail)


def _container_errors(
    path: Path, context: Mapping[str, Any], host_users: bool
) -> Iterator[Problem]:
    yield from _id_errors(path, context, ("runAsUser", "runAsGroup"))
    if context.get("allowPrivilegeEscalation") is False:
        where = (*path, "allowPrivilegeEscalation")
        prefix = (
            f"{field_path(path)}: Invalid value: ...: "
            "cannot set `allowPrivilegeEscalation` to false"
        )
        if context.get("privileged") is True:
            yield where, f"{prefix} and `privileged` to true"
        capabilities = context.get("capabilities")
        added = capabilities.get("add") if isinstance(capabilities, dict) else None
        if isinstance(added, list) and "CAP_SYS_ADMIN" in added:
            yield where, f"{prefix} and `capabilities.Add` CAP_SYS_ADMIN"
    proc_mount = context.get("procMount")
    if isinstance(proc_mount, str):
        where = (*path, "procMount")
        if proc_mount not in PROC_MOUNT_TYPES:
            yield where, _supported(where, proc_mount, PROC_MOUNT_TYPES)
        elif proc_mount == "Unmasked" and host_users:
            yield (
                where,
                api_error(where, "Forbidden", "`hostUsers` must be false to use `Unmasked`"),
            )
    yield from _profile_errors(path, context)


def _profile_errors(path: Path, context: Mapping[str, Any]) -> Iterator[Problem]:
    seccomp = context.get("seccompProfile")
    if isinstance(seccomp, dict):
        yield from _seccomp_errors((*path, "seccompProfile"), seccomp)
    app_armor = context.get("appArmorProfile")
    if isinstance(app_armor, dict):
        yield from _app_armor_errors((*path, "appArmorProfile"), app_armor)


def _seccomp_errors(path: Path, profile: Mapping[str, Any]) -> Iterator[Problem]:
    kind = profile.get("type")
    local = profile.get("localhostProfile")
    if kind is None or kind == "":
        yield (
            (*path, "type"),
            api_error(
                (*path, "type"), "Required value", "type is required when seccompProfile is set"
            ),
        )
    elif isinstance(kind, str) and kind not in PROFILE_TYPES:
        yield (*path, "type"), _supported((*path, "type"), kind, PROFILE_TYPES)
    where = (*path, "localhostProfile")
    if kind == "Localhost":
        if local is None:
            detail = "must be set when seccomp type is Localhost"
            yield where, api_error(where, "Required value", detail)
        elif isinstance(local, str):
            if local.startswith("/"):
                yield where, api_error(where, "Invalid value", "must be a relative path", local)
            if ".." in local.split("/"):
                yield where, api_error(where, "Invalid value", "must not contain '..'", local)
    elif local is not None and isinstance(kind, str) and kind in PROFILE_TYPES:
        detail = "can only be set when seccomp type is Localhost"
        yield where, f"{field_path(where)}: Invalid value: ...: {detail}"


def _app_armor_errors(path: Path, profile: Mapping[str, Any]) -> Iterator[Problem]:
    kind = profile.get("type")
    local = profile.get("localhostProfile")
    where = (*path, "localhostProfile")
    if kind == "Localhost":
        if local is None or local == "":
            detail = "must be set when AppArmor type is Localhost"
            yield where, api_error(where, "Required value", detail)
        elif isinstance(local, str) and local.strip() != local:
            detail = "must not be padded with whitespace"
            yield where, api_error(where, "Invalid value", detail, local)
        elif isinstance(local, str) and len(local) > MAX_APPARMOR_PROFILE_LENGTH:
            detail = f"may not be more than {MAX_APPARMOR_PROFILE_LENGTH} bytes"
            yield where, api_error(where, "Too long", detail)
    elif local is not None and isinstance(kind, str) and kind in PROFILE_TYPES:
        detail = "can only be set when AppArmor type is Localhost"
        yield where, api_error(where, "Invalid value", detail, local)
    if kind is None or kind == "":
        yield (*path, "type"), api_error((*path, "type"), "Required value")
    elif isinstance(kind, str) and kind not in PROFILE_TYPES:
        yield (*path, "type"), _supported((*path, "type"), kind, PROFILE_TYPES)


def _host_process(context: object) -> bool | None:
    options = context.get("windowsOptions") if isinstance(context, dict) else None
    value = options.get("hostProcess") if isinstance(options, dict) else None
    return value if isinstance(value, bool) else None


def _host_process_errors(
    manifest: Manifest, spec: Mapping[str, Any], pod_context: Mapping[str, Any]
) -> Iterator[Problem]:
    """Windows HostProcess pods: all containers alike, and always on the host network."""
    pod_value = _host_process(pod_context)
    total = host_process_count = 0
    for container in containers(manifest):
        total += 1
        value = _host_process(container.data.get("securityContext"))
        where = (*container.path, "securityContext", "windowsOptions", "hostProcess")
        if pod_value is not None and value is not None and value != pod_value:
            detail = (
                "pod hostProcess value must be identical if both are specified, "
                f"was {str(pod_value).lower()}"
            )
            error = api_error(where, "Invalid value", detail, value)
            yield where, f"{container.describe()} disagrees with the pod on hostProcess; {error}"
        if value is True or (value is None and pod_value is True):
            host_process_count += 1
    if not host_process_count:
        return
    if host_process_count != total:
        detail = (
            "If pod contains any hostProcess containers then all containers must be "
            "HostProcess containers"
        )
        yield (
            POD_SPEC,
            (
                f"{host_process_count} of {total} containers are hostProcess containers; "
                + api_error(POD_SPEC, "Invalid value", detail, "")
            ),
        )
    if spec.get("hostNetwork") is not True:
        detail = "hostNetwork must be true if pod contains any hostProcess containers"
        where = (*POD_SPEC, "hostNetwork")
        yield (
            where,
            (
                "a pod with hostProcess containers must use the host network; "
                + api_error(where, "Invalid value", detail, False)
            ),
        )
