"""What a DaemonSet is for, read from the manifest: the role rules grade host access against.

A node agent needs what its job needs: a CNI plugin writes `/opt/cni/bin` and runs on the host
network, a CSI node plugin is privileged and publishes mounts with `Bidirectional` propagation,
a log collector reads `/var/log`. Rules ask `role_of(manifest)` and lower what the role needs to
`info`, with the reason in the message, while what the role does not need stays a warning.

The role is inferred from evidence in the manifest (hostPath mounts, CSI sidecars and sockets,
capabilities, tolerations, images and names, HostProcess) and computed once per object. A
configuration may name the role of an object or of the files under a path (`roles:`); the engine
records that choice in `manifest.derived` before rules run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from dslint.api import Manifest
from dslint.k8s import POD_SPEC, ContainerRef, containers, host_path_volumes, pod_spec

# Role identifiers and how messages name them.
ROLES: dict[str, str] = {
    "cni-plugin": "CNI plugin",
    "csi-node-plugin": "CSI node plugin",
    "log-collector": "log collector",
    "metrics-exporter": "metrics exporter",
    "device-plugin": "device plugin",
    "network-agent": "node network agent",
    "security-agent": "security agent",
    "cloud-controller-manager": "cloud controller manager",
    "node-installer": "node installer",
}
# A configuration names `none` to say an object has no node-agent role (no leniency).
NO_ROLE = "none"
ROLE_CHOICES: tuple[str, ...] = (*ROLES, NO_ROLE)

# Evidence below this score is not enough to call an object anything.
_THRESHOLD = 3
# When two roles score the same, the more specific one (earlier here) wins.
_PRECEDENCE = tuple(ROLES)

OVERRIDE_KEY = "role-override"
_CACHE_KEY = "role"


class Role(NamedTuple):
    """The role of one object, the evidence for it, and where it came from."""

    name: str  # a key of ROLES, or NO_ROLE
    evidence: tuple[str, ...]
    source: str  # "inferred" or "configured"

    @property
    def label(self) -> str:
        return ROLES.get(self.name, "workload")

    @property
    def known(self) -> bool:
        return self.name in ROLES

    def expected(self, what: str) -> str:
        """The phrase rules put in a message about something this role needs."""
        return f"expected for a {self.label}: {what}"

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.name, "source": self.source, "evidence": list(self.evidence)}


UNKNOWN = Role(NO_ROLE, (), "inferred")


# --- evidence tables ----------------------------------------------------------------------------

# hostPath prefixes (lower case, forward slashes, no drive letter) and the role each points to.
_HOST_PATHS: tuple[tuple[str, str, int], ...] = (
    ("/opt/cni/bin", "cni-plugin", 3),
    ("/etc/cni/net.d", "cni-plugin", 3),
    ("/var/lib/cni", "cni-plugin", 2),
    ("/var/lib/kubelet/plugins_registry", "csi-node-plugin", 3),
    ("/var/lib/kubelet/plugins", "csi-node-plugin", 2),
    ("/var/lib/kubelet/device-plugins", "device-plugin", 4),
    ("/var/log/pods", "log-collector", 2),
    ("/var/log/containers", "log-collector", 2),
    ("/var/lib/docker/containers", "log-collector", 2),
    ("/var/log/journal", "log-collector", 1),
    ("/run/log/journal", "log-collector", 1),
    ("/run/xtables.lock", "network-agent", 1),
    ("/sys/kernel/debug", "security-agent", 1),
    ("/boot", "security-agent", 1),
    ("/usr/libexec/kubernetes/kubelet-plugins", "node-installer", 3),
    ("/run/secrets-store-csi-providers", "csi-node-plugin", 2),
)
# Path endings that name CNI folders wherever a distribution keeps them (`/etc/kubernetes/cni`).
_CNI_SUFFIXES = ("/cni/net.d", "/cni/bin")
# Exact hostPath values (not prefixes).
_EXACT_HOST_PATHS: dict[str, tuple[str, int]] = {
    "/var/log": ("log-collector", 2),
    "/": ("node-installer", 1),
}

# Words in image repositories and object names, and the role each points to. Matched against
# whole path segments or hyphenated words of the repository (`quay.io/cilium/cilium` -> cilium).
_NAMES: dict[str, str] = {
    # CNI plugins
    "calico": "cni-plugin",
    "cilium": "cni-plugin",
    "flannel": "cni-plugin",
    "weave-kube": "cni-plugin",
    "antrea": "cni-plugin",
    "multus": "cni-plugin",
    "amazon-k8s-cni": "cni-plugin",
    "aws-node": "cni-plugin",
    "kindnetd": "cni-plugin",
    "canal": "cni-plugin",
    "sriov-cni": "cni-plugin",
    "whereabouts": "cni-plugin",
    "ovnkube": "cni-plugin",
    "kube-router": "cni-plugin",
    # CSI
    "csi-node-driver-registrar": "csi-node-plugin",
    "driver-registrar": "csi-node-plugin",
    "csi-node-driver": "csi-node-plugin",
    # log collectors
    "fluentd": "log-collector",
    "fluent-bit": "log-collector",
    "fluentbit": "log-collector",
    "filebeat": "log-collector",
    "journalbeat": "log-collector",
    "promtail": "log-collector",
    "logstash": "log-collector",
    "logspout": "log-collector",
    "vector": "log-collector",
    "datadog": "metrics-exporter",
    "nrsysmond": "metrics-exporter",
    "weave-scope": "metrics-exporter",
    # metrics exporters
    "node-exporter": "metrics-exporter",
    "dcgm-exporter": "metrics-exporter",
    "cadvisor": "metrics-exporter",
    "telegraf": "metrics-exporter",
    "metricbeat": "metrics-exporter",
    "collectd": "metrics-exporter",
    "newrelic-infra": "metrics-exporter",
    "infrastructure-k8s": "metrics-exporter",
    "datadog-agent": "metrics-exporter",
    "falco-exporter": "metrics-exporter",
    "node-problem-detector": "metrics-exporter",
    # device plugins
    "device-plugin": "device-plugin",
    "k8s-device-plugin": "device-plugin",
    "sriov-network-device-plugin": "device-plugin",
    "gpu-feature-discovery": "device-plugin",
    # node network agents (kube-proxy and its relatives)
    "kube-proxy": "network-agent",
    "kube-vip": "network-agent",
    "keepalived": "network-agent",
    "speaker": "network-agent",
    "k8s-dns-node-cache": "network-agent",
    "node-local-dns": "network-agent",
    "ip-masq-agent": "network-agent",
    "kube-network-policies": "network-agent",
    "metadata-proxy": "network-agent",
    "frr-k8s": "network-agent",
    # security agents
    "falco": "security-agent",
    "sysdig": "security-agent",
    "agent-kmodule": "security-agent",
    "tetragon": "security-agent",
    "tracee": "security-agent",
    "neuvector": "security-agent",
    "suricata": "security-agent",
    "kube-bench": "security-agent",
    "osquery": "security-agent",
    "wazuh": "security-agent",
    # cloud controller managers
    "cloud-controller-manager": "cloud-controller-manager",
    "cloud-node-manager": "cloud-controller-manager",
    # node installers and initialisers
    "driver-installer": "node-installer",
    "installer": "node-installer",
    "node-init": "node-installer",
    "startup-script": "node-installer",
    "nvidia-driver-installer": "node-installer",
}
# Images of sidecars that only help the main container (they are judged with it).
CSI_SIDECARS = frozenset({"csi-node-driver-registrar", "driver-registrar", "livenessprobe"})

_CNI_VARIABLES = ("CNI_", "DEST_CNI_")
_NETWORK_CAPABILITIES = frozenset({"NET_ADMIN", "NET_RAW"})
_TRACING_CAPABILITIES = frozenset({"SYS_PTRACE", "BPF", "PERFMON", "SYS_RESOURCE"})
_SLEEP = re.compile(r"\b(sleep\s+(infinity|inf|\d{4,})|pause|tail\s+-f\s+/dev/null)\b")


class _Scores:
    __slots__ = ("evidence", "points")

    def __init__(self) -> None:
        self.points: dict[str, int] = {}
        self.evidence: dict[str, list[str]] = {}

    def add(self, role: str, weight: int, why: str) -> None:
        # The same evidence counts once (an image shared by several containers).
        reasons = self.evidence.setdefault(role, [])
        if why not in reasons:
            reasons.append(why)
            self.points[role] = self.points.get(role, 0) + weight

    def best(self) -> Role:
        if not self.points:
            return UNKNOWN
        name = max(self.points, key=lambda r: (self.points[r], -_PRECEDENCE.index(r)))
        if self.points[name] < _THRESHOLD:
            return UNKNOWN
        return Role(name, tuple(self.evidence[name]), "inferred")


def normalise_host_path(path: str) -> str:
    """`C:\\etc\\cni\\net.d\\` and `/var/run/x/` as `/etc/cni/net.d` and `/run/x`."""
    text = path.strip().replace("\\", "/").lower()
    if re.match(r"^[a-z]:/", text):
        text = text[2:]
    text = re.sub(r"/+", "/", text)
    if text.startswith("/var/run/") or text == "/var/run":
        text = text[len("/var") :]
    return text.rstrip("/") or "/"


def image_words(image: str) -> list[str]:
    """The repository's path segments without registry or tag: `quay.io/a/b-c:1` -> a, b-c."""
    reference = image.split("@", 1)[0]
    parts = reference.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]
    if parts:
        parts[-1] = parts[-1].split(":", 1)[0]
    return [part.lower() for part in parts if part]


def _name_roles(text: str) -> Iterator[str]:
    """The role of the known word in a name or image segment: the whole segment, then its
    longest hyphenated run of words that is known."""
    if text in _NAMES:
        yield _NAMES[text]
        return
    words = text.split("-")
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            candidate = "-".join(words[start : start + size])
            if candidate in _NAMES:
                yield _NAMES[candidate]
                return


def container_image(container: ContainerRef) -> str:
    image = container.data.get("image")
    return image if isinstance(image, str) else ""


def is_helper_sidecar(container: ContainerRef) -> bool:
    """A CSI registrar or liveness-probe sidecar, which the plugin's own container speaks for."""
    words = image_words(container_image(container))
    return bool(words) and words[-1] in CSI_SIDECARS


def _host_path_evidence(manifest: Manifest, scores: _Scores) -> None:
    for volume in host_path_volumes(manifest):
        path = normalise_host_path(volume.host_path)
        if path in _EXACT_HOST_PATHS:
            role, weight = _EXACT_HOST_PATHS[path]
            scores.add(role, weight, f"hostPath {volume.host_path}")
            continue
        for prefix, role, weight in _HOST_PATHS:
            if path == prefix or path.startswith(prefix + "/"):
                scores.add(role, weight, f"hostPath {volume.host_path}")
                break
        else:
            if path.endswith(_CNI_SUFFIXES):
                scores.add("cni-plugin", 2, f"hostPath {volume.host_path}")


def _capabilities(container: ContainerRef) -> set[str]:
    context = container.data.get("securityContext")
    caps = context.get("capabilities") if isinstance(context, dict) else None
    added = caps.get("add") if isinstance(caps, dict) else None
    if not isinstance(added, list):
        return set()
    return {str(c).upper().removeprefix("CAP_") for c in added}


def _command_text(container: ContainerRef) -> str:
    parts: list[str] = []
    for key in ("command", "args"):
        value = container.data.get(key)
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
    return " ".join(parts)


def _container_evidence(manifest: Manifest, scores: _Scores) -> None:
    for container in containers(manifest):
        image = container_image(container)
        for segment in image_words(image):
            for role in _name_roles(segment):
                weight = 1 if container.is_init else 3
                scores.add(role, weight, f"image {image}")
        command = _command_text(container)
        if "--csi-address" in command or "csi.sock" in command:
            scores.add("csi-node-plugin", 2, f"{container.describe()} talks to a CSI socket")
        for env in container.data.get("env") or []:
            variable = env.get("name") if isinstance(env, dict) else None
            if variable == "CSI_ENDPOINT":
                scores.add("csi-node-plugin", 2, f"{container.describe()} sets CSI_ENDPOINT")
            elif isinstance(variable, str) and variable.startswith(_CNI_VARIABLES):
                scores.add("cni-plugin", 2, f"{container.describe()} sets {variable}")
        for role in _name_roles(container.name.lower()):
            scores.add(role, 1, f"{container.describe()}")
        if container.is_init:
            continue
        caps = _capabilities(container)
        if caps & _NETWORK_CAPABILITIES:
            for role in ("cni-plugin", "network-agent"):
                scores.add(role, 1, f"{container.describe()} adds {', '.join(sorted(caps))}")
        if caps & _TRACING_CAPABILITIES:
            scores.add("security-agent", 1, f"{container.describe()} adds tracing capabilities")
        waits = _SLEEP.search(command) or (image_words(image) or [""])[-1] == "pause"
        if waits and any(c.is_init for c in containers(manifest)):
            scores.add("node-installer", 3, "init containers do the work; the main container waits")


def _pod_evidence(manifest: Manifest, scores: _Scores) -> None:
    spec = pod_spec(manifest)
    for toleration in spec.get("tolerations") or []:
        if (
            isinstance(toleration, dict)
            and toleration.get("key") == "node.cloudprovider.kubernetes.io/uninitialized"
        ):
            scores.add(
                "cloud-controller-manager",
                2,
                "tolerates node.cloudprovider.kubernetes.io/uninitialized",
            )
    name = manifest.name.lower()
    for role in _name_roles(name):
        scores.add(role, 2, f"named {manifest.name}")
    if spec.get("hostPID") is True and scores.points.get("security-agent"):
        scores.add("security-agent", 1, "hostPID")
    host_process = manifest.get((*POD_SPEC, "securityContext", "windowsOptions", "hostProcess"))
    if host_process is True and scores.points:
        # A HostProcess pod is a node agent: it strengthens whatever else the manifest shows.
        best = max(scores.points, key=lambda r: scores.points[r])
        scores.add(best, 1, "Windows HostProcess pod")


def infer_role(manifest: Manifest) -> Role:
    """The role the manifest's evidence points to (no configuration involved)."""
    scores = _Scores()
    _host_path_evidence(manifest, scores)
    _container_evidence(manifest, scores)
    _pod_evidence(manifest, scores)
    return scores.best()


def role_of(manifest: Manifest) -> Role:
    """The object's role: configured when the configuration names it, else inferred; cached."""
    cached: Role | None = manifest.derived.get(_CACHE_KEY)
    if cached is not None:
        return cached
    configured = manifest.derived.get(OVERRIDE_KEY)
    if isinstance(configured, str):
        role = Role(configured, (f"configured as {configured}",), "configured")
    else:
        role = infer_role(manifest)
    manifest.derived[_CACHE_KEY] = role
    return role


def configured_role(
    roles: Mapping[str, str], file: str, namespace: str | None, name: str
) -> str | None:
    """The role a `roles:` table gives an object: by `namespace/name`, by name, or by file glob.

    An object key wins over a path pattern; among patterns the first that matches wins.
    """
    from fnmatch import fnmatch

    for key in (f"{namespace or 'default'}/{name}", name):
        if key in roles:
            return roles[key]
    normalised = file.replace("\\", "/")
    for pattern, role in roles.items():
        if fnmatch(normalised, pattern) or fnmatch(normalised, f"*/{pattern}"):
            return role
    return None


__all__ = [
    "CSI_SIDECARS",
    "NO_ROLE",
    "OVERRIDE_KEY",
    "ROLES",
    "ROLE_CHOICES",
    "UNKNOWN",
    "Role",
    "configured_role",
    "image_words",
    "infer_role",
    "is_helper_sidecar",
    "normalise_host_path",
    "role_of",
]
