"""The pod template violates the Pod Security Standards level asked for with `--pod-security`.

Runs only when a level is set (`--pod-security baseline|restricted` or `pod-security:` in the
config); otherwise it reports nothing. It evaluates every control of that level the way the
Pod Security admission plugin does for the target Kubernetes version (`--kubernetes-version`),
over init, sidecar and regular containers, and reports one finding per violating field with
the admission plugin's reason and detail, for example
`violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)`.

Baseline controls: host namespaces, privileged, capabilities beyond the default set (exact
names: `CAP_SYS_ADMIN` is not `SYS_ADMIN` to the plugin), hostPath volumes, host ports
(including the ports a hostNetwork pod binds), AppArmor `Unconfined` (fields and the beta
annotation), SELinux type/user/role, `procMount` (any value allowed with `hostUsers: false` from
1.35), seccomp `Unconfined`, sysctls outside the safe set, Windows HostProcess, and from 1.34
`host` in probes and lifecycle handlers. Restricted adds: volume types other than configMap,
csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret;
`allowPrivilegeEscalation: false` on every container; `runAsNonRoot: true`; no `runAsUser: 0`;
a `RuntimeDefault` or `Localhost` seccomp profile; `drop: ["ALL"]` with only
`NET_BIND_SERVICE` added; `procMount: Default` only. Pods with `spec.os.name: windows` are
exempt from the Linux-only restricted controls from 1.25.

## Why is this bad?
Pod Security admission checks Pods, not DaemonSets. In a namespace labelled
`pod-security.kubernetes.io/enforce: <level>` the API server accepts the DaemonSet (at most
with a warning), and then rejects every pod the controller creates: the DaemonSet shows
`FailedCreate` events such as `pods "agent-x7k2p" is forbidden: violates PodSecurity
"baseline:latest": ...`, and no node runs the agent. That is why findings are `error`: the pods
cannot be created there. Node agents usually belong in a namespace labelled `privileged`; this
mode tells you which fields stand between the agent and a stricter namespace.

## Example
```yaml
# dslint lint --pod-security baseline
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Use instead
```yaml
# dslint lint --pod-security baseline
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Options
None; the level comes from `--pod-security` or the `pod-security:` config key (`privileged`
reports nothing).

## References
- Kubernetes, Pod Security Standards:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/
- Kubernetes, Pod Security Admission:
  https://kubernetes.io/docs/concepts/security/pod-security-admission/
- Kubernetes source, `staging/src/k8s.io/pod-security-admission/policy/check_*.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from dslint.api import Finding, Manifest, Path
from dslint.k8s import POD_SPEC, POD_TEMPLATE, ContainerRef, containers, is_int, is_windows_pod

CODE = "DS340"
NAME = "pod-security-violation"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

LEVELS = ("baseline", "restricted")

BASELINE_CAPABILITIES = frozenset(
    {
        "AUDIT_WRITE",
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "MKNOD",
        "NET_BIND_SERVICE",
        "SETFCAP",
        "SETGID",
        "SETPCAP",
        "SETUID",
        "SYS_CHROOT",
    }
)
RESTRICTED_VOLUME_TYPES = frozenset(
    {
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "image",
        "persistentVolumeClaim",
        "projected",
        "secret",
    }
)
APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/"


class Violation(NamedTuple):
    path: Path
    reason: str
    detail: str


def selinux_types(version: tuple[int, int]) -> frozenset[str]:
    types = {"", "container_t", "container_init_t", "container_kvm_t"}
    if version >= (1, 31):
        types.add("container_engine_t")
    return frozenset(types)


def safe_sysctls(version: tuple[int, int]) -> frozenset[str]:
    """The sysctls the baseline level allows, by policy version (exact names, dots only)."""
    names = {
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
    }
    if version >= (1, 27):
        names.add("net.ipv4.ip_local_reserved_ports")
    if version >= (1, 29):
        names.update(
            f"net.ipv4.{n}"
            for n in ("tcp_keepalive_time", "tcp_fin_timeout", "tcp_keepalive_intvl")
        )
        names.add("net.ipv4.tcp_keepalive_probes")
    if version >= (1, 32):
        names.update({"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"})
    if version >= (1, 37):
        names.update({"net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"})
    return frozenset(names)


class _Pod:
    """The pod template as the admission plugin reads it."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.version = manifest.kubernetes_version
        self.spec = manifest.mapping(POD_SPEC)
        context = self.spec.get("securityContext")
        self.context: Mapping[str, Any] = context if isinstance(context, dict) else {}
        self.context_path: Path = (*POD_SPEC, "securityContext")
        self.containers = list(containers(manifest))
        self.user_namespace = self.spec.get("hostUsers") is False and self.version >= (1, 35)
        self.windows_exempt = is_windows_pod(manifest) and self.version >= (1, 25)

    @staticmethod
    def context_of(container: ContainerRef) -> Mapping[str, Any]:
        context = container.data.get("securityContext")
        return context if isinstance(context, dict) else {}

    @staticmethod
    def field_path(container: ContainerRef, *keys: str | int) -> Path:
        return (*container.path, "securityContext", *keys)


def _name(container: ContainerRef) -> str:
    return f'container "{container.name}"'


# --- baseline -------------------------------------------------------------------------------------


def host_namespaces(pod: _Pod) -> Iterator[Violation]:
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.spec.get(field) is True:
            yield Violation((*POD_SPEC, field), "host namespaces", f"{field}=true")


def privileged(pod: _Pod) -> Iterator[Violation]:
    for c in pod.containers:
        if pod.context_of(c).get("privileged") is True:
            yield Violation(
                pod.field_path(c, "privileged"),
                "privileged",
                f"{_name(c)} must not set securityContext.privileged=true",
            )


def _capability_adds(container: ContainerRef) -> Iterator[tuple[int, str]]:
    capabilities = _Pod.context_of(container).get("capabilities")
    added = capabilities.get("add") if isinstance(capabilities, dict) else None
    if isinstance(added, list):
        for index, name in enumerate(added):
            if isinstance(name, str):
                yield index, name


def capabilities_baseline(pod: _Pod) -> Iterator[Violation]:
    for c in pod.containers:
        for index, name in _capability_adds(c):
            if name not in BASELINE_CAPABILITIES:
                yield Violation(
                    pod.field_path(c, "capabilities", "add", index),
                    "non-default capabilities",
                    f'{_name(c)} must not include "{name}" in securityContext.capabilities.add',
                )


def _volumes(pod: _Pod) -> Iterator[tuple[int, str, Mapping[str, Any]]]:
    volumes = pod.spec.get("volumes")
    if isinstance(volumes, list):
        for index, volume in enumerate(volumes):
            if isinstance(volume, dict):
                name = volume.get("name")
                yield index, name if isinstance(name, str) else "", volume


def host_path_volumes(pod: _Pod) -> Iterator[Violation]:
    for index, name, volume in _volumes(pod):
        if "hostPath" in volume:
            yield Violation(
                (*POD_SPEC, "volumes", index, "hostPath"), "hostPath volumes", f'volume "{name}"'
            )


def host_ports(pod: _Pod) -> Iterator[Violation]:
    host_network = pod.spec.get("hostNetwork") is True
    for c in pod.containers:
        ports = c.data.get("ports")
        if not isinstance(ports, list):
            continue
        for index, port in enumerate(ports):
            if not isinstance(port, dict):
                continue
            field = "hostPort"
            number = port.get("hostPort")
            if host_network and not number:
                # The API server defaults hostPort to containerPort on the host network.
                field, number = "containerPort", port.get("containerPort")
            if is_int(number) and number != 0:
                yield Violation(
                    (*c.path, "ports", index, field),
                    "hostPort",
                    f"{_name(c)} uses hostPort {number}",
                )


def apparmor(pod: _Pod) -> Iterator[Violation]:
    reason = "forbidden AppArmor profile"
    if value_of(pod.context, "appArmorProfile", "type") == "Unconfined":
        yield Violation(
            (*pod.context_path, "appArmorProfile", "type"),
            reason,
            'pod must not set securityContext.appArmorProfile.type to "Unconfined"',
        )
    for c in pod.containers:
        if value_of(pod.context_of(c), "appArmorProfile", "type") == "Unconfined":
            yield Violation(
                pod.field_path(c, "appArmorProfile", "type"),
                reason,
                f'{_name(c)} must not set securityContext.appArmorProfile.type to "Unconfined"',
            )
    annotations = pod.manifest.mapping((*POD_TEMPLATE, "metadata", "annotations"))
    for key, value in annotations.items():
        if not isinstance(key, str) or not key.startswith(APPARMOR_ANNOTATION):
            continue
        profile = value if isinstance(value, str) else ""
        if profile in ("", "runtime/default") or profile.startswith("localhost/"):
            continue
        yield Violation(
            (*POD_TEMPLATE, "metadata", "annotations", key), reason, f'{key}="{profile}"'
        )


def value_of(data: Mapping[str, Any], *keys: str) -> Any:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _selinux(options: Any, path: Path, who: str, allowed: frozenset[str]) -> Iterator[Violation]:
    if not isinstance(options, dict):
        return
    detail = f"{who} set forbidden securityContext.seLinuxOptions"
    kind = options.get("type")
    if isinstance(kind, str) and kind not in allowed:
        yield Violation((*path, "type"), "seLinuxOptions", f'{detail}: type "{kind}"')
    for field in ("user", "role"):
        value = options.get(field)
        if isinstance(value, str) and value:
            yield Violation((*path, field), "seLinuxOptions", f"{detail}: {field} may not be set")


def selinux_options(pod: _Pod) -> Iterator[Violation]:
    allowed = selinux_types(pod.version)
    path = (*pod.context_path, "seLinuxOptions")
    yield from _selinux(pod.context.get("seLinuxOptions"), path, "pod", allowed)
    for c in pod.containers:
        options = pod.context_of(c).get("seLinuxOptions")
        yield from _selinux(options, pod.field_path(c, "seLinuxOptions"), _name(c), allowed)


def proc_mount(pod: _Pod, restricted: bool) -> Iterator[Violation]:
    if pod.user_namespace and not restricted:
        return
    for c in pod.containers:
        value = pod.context_of(c).get("procMount")
        if value is not None and value != "Default":
            yield Violation(
                pod.field_path(c, "procMount"),
                "procMount",
                f'{_name(c)} must not set securityContext.procMount to "{value}"',
            )


def seccomp_baseline(pod: _Pod) -> Iterator[Violation]:
    if value_of(pod.context, "seccompProfile", "type") == "Unconfined":
        yield Violation(
            (*pod.context_path, "seccompProfile", "type"),
            "seccompProfile",
            'pod must not set securityContext.seccompProfile.type to "Unconfined"',
        )
    for c in pod.containers:
        if value_of(pod.context_of(c), "seccompProfile", "type") == "Unconfined":
            yield Violation(
                pod.field_path(c, "seccompProfile", "type"),
                "seccompProfile",
                f'{_name(c)} must not set securityContext.seccompProfile.type to "Unconfined"',
            )


def sysctls(pod: _Pod) -> Iterator[Violation]:
    allowed = safe_sysctls(pod.version)
    items = pod.context.get("sysctls")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str) and name not in allowed:
            yield Violation(
                (*pod.context_path, "sysctls", index, "name"), "forbidden sysctls", name
            )


def windows_host_process(pod: _Pod) -> Iterator[Violation]:
    if value_of(pod.context, "windowsOptions", "hostProcess") is True:
        yield Violation(
            (*pod.context_path, "windowsOptions", "hostProcess"),
            "hostProcess",
            "pod must not set securityContext.windowsOptions.hostProcess=true",
        )
    for c in pod.containers:
        if value_of(pod.context_of(c), "windowsOptions", "hostProcess") is True:
            yield Violation(
                pod.field_path(c, "windowsOptions", "hostProcess"),
                "hostProcess",
                f"{_name(c)} must not set securityContext.windowsOptions.hostProcess=true",
            )


def probe_and_lifecycle_hosts(pod: _Pod) -> Iterator[Violation]:
    if pod.version < (1, 34):
        return
    handlers = [
        ("livenessProbe",),
        ("readinessProbe",),
        ("startupProbe",),
        ("lifecycle", "postStart"),
        ("lifecycle", "preStop"),
    ]
    for c in pod.containers:
        for keys in handlers:
            handler = value_of(c.data, *keys)
            if not isinstance(handler, dict):
                continue
            for action in ("httpGet", "tcpSocket"):
                host = value_of(handler, action, "host")
                if isinstance(host, str) and host:
                    yield Violation(
                        (*c.path, *keys, action, "host"),
                        "probe or lifecycle host",
                        f'{_name(c)} uses probe or lifecycle host "{host}"',
                    )


# --- restricted -----------------------------------------------------------------------------------


def restricted_volumes(pod: _Pod) -> Iterator[Violation]:
    for index, name, volume in _volumes(pod):
        for key in volume:
            if key != "name" and key not in RESTRICTED_VOLUME_TYPES:
                yield Violation(
                    (*POD_SPEC, "volumes", index, key),
                    "restricted volume types",
                    f'volume "{name}" uses restricted volume type "{key}"',
                )


def _missing_or_wrong(container: ContainerRef, *keys: str) -> Path:
    """The field when the container sets it, else the container's securityContext."""
    if value_of(_Pod.context_of(container), *keys) is not None:
        return _Pod.field_path(container, *keys)
    return _Pod.field_path(container)


def allow_privilege_escalation(pod: _Pod) -> Iterator[Violation]:
    if pod.windows_exempt:
        return
    for c in pod.containers:
        if pod.context_of(c).get("allowPrivilegeEscalation") is not False:
            yield Violation(
                _missing_or_wrong(c, "allowPrivilegeEscalation"),
                "allowPrivilegeEscalation != false",
                f"{_name(c)} must set securityContext.allowPrivilegeEscalation=false",
            )


def run_as_non_root(pod: _Pod) -> Iterator[Violation]:
    if pod.user_namespace:
        return
    reason = "runAsNonRoot != true"
    pod_value = pod.context.get("runAsNonRoot")
    if pod_value is False:
        yield Violation(
            (*pod.context_path, "runAsNonRoot"),
            reason,
            "pod must not set securityContext.runAsNonRoot=false",
        )
    for c in pod.containers:
        value = pod.context_of(c).get("runAsNonRoot")
        if value is False:
            yield Violation(
                pod.field_path(c, "runAsNonRoot"),
                reason,
                f"{_name(c)} must not set securityContext.runAsNonRoot=false",
            )
        elif value is None and pod_value is not True:
            yield Violation(
                pod.field_path(c),
                reason,
                f"pod or {_name(c)} must set securityContext.runAsNonRoot=true",
            )


def run_as_user(pod: _Pod) -> Iterator[Violation]:
    if pod.version < (1, 23) or pod.user_namespace:
        return
    value = pod.context.get("runAsUser")
    if is_int(value) and value == 0:
        yield Violation(
            (*pod.context_path, "runAsUser"), "runAsUser=0", "pod must not set runAsUser=0"
        )
    for c in pod.containers:
        value = pod.context_of(c).get("runAsUser")
        if is_int(value) and value == 0:
            yield Violation(
                pod.field_path(c, "runAsUser"),
                "runAsUser=0",
                f"{_name(c)} must not set runAsUser=0",
            )


def seccomp_restricted(pod: _Pod) -> Iterator[Violation]:
    if pod.windows_exempt:
        return
    valid = ("RuntimeDefault", "Localhost")
    pod_profile = pod.context.get("seccompProfile")
    pod_set = False
    if isinstance(pod_profile, dict):
        pod_type = pod_profile.get("type")
        if pod_type in valid:
            pod_set = True
        else:
            yield Violation(
                (*pod.context_path, "seccompProfile", "type"),
                "seccompProfile",
                f'pod must not set securityContext.seccompProfile.type to "{pod_type or ""}"',
            )
    for c in pod.containers:
        profile = pod.context_of(c).get("seccompProfile")
        if isinstance(profile, dict):
            kind = profile.get("type")
            if kind not in valid:
                yield Violation(
                    pod.field_path(c, "seccompProfile", "type"),
                    "seccompProfile",
                    f"{_name(c)} must not set securityContext.seccompProfile.type to "
                    f'"{kind or ""}"',
                )
        elif not pod_set:
            yield Violation(
                pod.field_path(c),
                "seccompProfile",
                f"pod or {_name(c)} must set securityContext.seccompProfile.type to "
                '"RuntimeDefault" or "Localhost"',
            )


def capabilities_restricted(pod: _Pod) -> Iterator[Violation]:
    if pod.version < (1, 22) or pod.windows_exempt:
        return
    reason = "unrestricted capabilities"
    for c in pod.containers:
        dropped = value_of(pod.context_of(c), "capabilities", "drop")
        if not (isinstance(dropped, list) and "ALL" in dropped):
            yield Violation(
                _missing_or_wrong(c, "capabilities", "drop"),
                reason,
                f'{_name(c)} must set securityContext.capabilities.drop=["ALL"]',
            )
        for index, name in _capability_adds(c):
            if name != "NET_BIND_SERVICE":
                yield Violation(
                    pod.field_path(c, "capabilities", "add", index),
                    reason,
                    f'{_name(c)} must not include "{name}" in securityContext.capabilities.add',
                )


def violations(pod: _Pod, level: str) -> Iterator[Violation]:
    restricted = level == "restricted"
    # Where a restricted control is stricter than a baseline one on the same field, the
    # admission plugin reports only the restricted one.
    restricted_capabilities = restricted and pod.version >= (1, 22) and not pod.windows_exempt
    restricted_seccomp = restricted and not pod.windows_exempt
    yield from host_namespaces(pod)
    yield from privileged(pod)
    if not restricted_capabilities:
        yield from capabilities_baseline(pod)
    yield from host_path_volumes(pod)
    yield from host_ports(pod)
    yield from apparmor(pod)
    yield from selinux_options(pod)
    yield from proc_mount(pod, restricted and pod.version >= (1, 35))
    if not restricted_seccomp:
        yield from seccomp_baseline(pod)
    yield from sysctls(pod)
    yield from windows_host_process(pod)
    yield from probe_and_lifecycle_hosts(pod)
    if not restricted:
        return
    yield from restricted_volumes(pod)
    yield from allow_privilege_escalation(pod)
    yield from run_as_non_root(pod)
    yield from run_as_user(pod)
    yield from seccomp_restricted(pod)
    yield from capabilities_restricted(pod)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    level = manifest.settings.get("pod_security")
    if level not in LEVELS:
        return
    pod = _Pod(manifest)
    for violation in violations(pod, level):
        yield Finding(
            violation.path,
            f'violates PodSecurity "{level}:latest": {violation.reason} ({violation.detail}); '
            "pods would be rejected in a namespace that enforces this level",
        )


def evaluate(manifest: Manifest, level: str) -> list[Violation]:
    """What the admission plugin finds at `level` on the manifest's pod template.

    Checks run as of `manifest.kubernetes_version` (a namespace's `-version` label); `privileged`
    and unknown levels find nothing. Used by `dslint simulate` for namespaces' labels.
    """
    return list(violations(_Pod(manifest), level)) if level in LEVELS else []
