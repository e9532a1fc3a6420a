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
from collections.abc import Iterator
from typing import Any, NamedTuple

from dslint.api import Manifest
from dslint.k8s import (
    POD_SPEC,
    ContainerRef,
    containers,
    host_path_volumes,
    pod_spec,
    volume_mounts,
)

# Role identifiers and how messages name them.
ROLES: dict[str, str] = {
    "cni-plugin": "CNI plugin",
    "csi-node-plugin": "CSI node plugin",
    "storage-agent": "storage node agent",
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
    ("/run/udev", "storage-agent", 2),
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
    # storage node agents (disk discovery, local volumes, replicated block storage)
    "node-disk-manager": "storage-agent",
    "local-volume-provisioner": "storage-agent",
    "longhorn-manager": "storage-agent",
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
    text = str(path).strip().replace("\\", "/").lower()
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


_WAITS_FOREVER = re.compile(
    r"sleep\s+(?:infinity|inf|\d{4,})\b|tail\s+-f\s+/dev/null|while\s+(?:true|:)\s*;\s*do\s+sleep\b"
    # Windows images have no sleep: a long ping of the loopback address is the usual idiom.
    r"|ping\s+-n\s+\d{3,}\s+127\.0\.0\.1"
)


def only_waits(container: ContainerRef) -> bool:
    """A container that does its work at start (copy, install) and then waits forever."""
    image = (image_words(container_image(container)) or [""])[-1]
    return image == "pause" or bool(_WAITS_FOREVER.search(_command_text(container)))


WAITS = "it only waits after its start-up work (copy, install), so there is nothing to check"


def is_helper_sidecar(container: ContainerRef) -> bool:
    """A CSI registrar or liveness-probe sidecar, which the plugin's own container speaks for."""
    words = image_words(container_image(container))
    return bool(words) and words[-1] in CSI_SIDECARS


def _host_path_evidence(manifest: Manifest, scores: _Scores) -> None:
    for volume in host_path_volumes(manifest):
        for mount in volume_mounts(manifest, volume.name):
            propagation = mount.data.get("mountPropagation")
            if propagation in ("HostToContainer", "Bidirectional") and not normalise_host_path(
                volume.host_path
            ).startswith("/var/lib/kubelet"):
                why = f"mounts hostPath {volume.host_path} with {propagation} propagation"
                scores.add("storage-agent", 2, why)
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


def _items(value: object) -> list[Any]:
    """A list field, or nothing when the manifest has something else there."""
    return value if isinstance(value, list) else []


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
        for env in _items(container.data.get("env")):
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
        if only_waits(container) and any(c.is_init for c in containers(manifest)):
            scores.add("node-installer", 3, "init containers do the work; the main container waits")


def _pod_evidence(manifest: Manifest, scores: _Scores) -> None:
    spec = pod_spec(manifest)
    for toleration in _items(spec.get("tolerations")):
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
    role = scores.best()
    if role.name == "cni-plugin" and _only_installs_cni(manifest):
        why = "installs CNI files without the host network, privilege or network capabilities"
        return Role("node-installer", (*role.evidence, why), "inferred")
    return role


def _only_installs_cni(manifest: Manifest) -> bool:
    """A CNI DaemonSet that only puts the plugin's files in place; the runtime runs the plugin."""
    if pod_spec(manifest).get("hostNetwork") is True:
        return False
    for container in containers(manifest):
        context = container.data.get("securityContext")
        if isinstance(context, dict) and context.get("privileged") is True:
            return False
        if _capabilities(container) & _NETWORK_CAPABILITIES:
            return False
    return True


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


# --- what each role needs -----------------------------------------------------------------------

# Needs that rules ask about, and why each role has them (the reason goes into the message).
PRIVILEGED = "privileged"
HOST_PID = "host-pid"
HOST_NETWORK = "host-network"
NODE_DNS = "node-dns"  # a hostNetwork pod that resolves with the node's resolver
NO_READINESS_PROBE = "no-readiness-probe"
NO_LIVENESS_PROBE = "no-liveness-probe"
NO_MEMORY_LIMIT = "no-memory-limit"
NO_REQUESTS = "no-requests"
HOST_PROCESS = "host-process"

_OOM_KILL = "an out-of-memory kill of the agent takes {} down with it, so it runs without a limit"
_NEEDS: dict[str, dict[str, str]] = {
    "cni-plugin": {
        PRIVILEGED: "it installs CNI binaries and configures the node's network",
        HOST_PID: "it enters the network namespaces of the node's pods",
        HOST_NETWORK: "it provides the pod network, so it cannot run on it",
        NODE_DNS: "cluster DNS runs on the network it provides",
        NO_MEMORY_LIMIT: _OOM_KILL.format("every pod's networking on the node"),
        HOST_PROCESS: "Windows networking is configured from the host",
    },
    "csi-node-plugin": {
        PRIVILEGED: "it formats and mounts devices and publishes mounts to pods",
        HOST_NETWORK: "it reaches the storage backend and metadata service from the node",
        NO_READINESS_PROBE: "the kubelet tracks it through its registration socket",
        NO_MEMORY_LIMIT: _OOM_KILL.format("volume mounts in progress"),
        HOST_PROCESS: "Windows mounts are made from the host",
    },
    "device-plugin": {
        PRIVILEGED: "it initialises the node's devices and hands them to pods",
        HOST_NETWORK: "some device plugins serve node-local endpoints",
        NO_READINESS_PROBE: "the kubelet tracks it through its registration socket",
        NO_MEMORY_LIMIT: _OOM_KILL.format("the node's schedulable devices"),
    },
    "network-agent": {
        PRIVILEGED: "it programs the node's packet filtering and routes",
        HOST_NETWORK: "it works on the node's own network stack",
        NODE_DNS: "it must work before and without cluster DNS",
        NO_MEMORY_LIMIT: _OOM_KILL.format("the node's service routing"),
        HOST_PROCESS: "Windows networking is configured from the host",
    },
    "storage-agent": {
        PRIVILEGED: "it discovers, formats and mounts the node's disks",
    },
    "security-agent": {
        PRIVILEGED: "it loads its kernel probe or driver and watches the whole node",
        HOST_PID: "it watches every process on the node",
        HOST_NETWORK: "it watches the node's network traffic",
    },
    "metrics-exporter": {
        HOST_PID: "it reports on the node's processes",
        HOST_NETWORK: "it serves the node's metrics on the node's address",
    },
    "log-collector": {},
    "cloud-controller-manager": {
        HOST_NETWORK: "it initialises nodes before the pod network exists",
        NODE_DNS: "it runs before cluster DNS can be scheduled",
    },
    "node-installer": {
        PRIVILEGED: "it installs software on the node",
        HOST_PID: "it runs commands in the node's namespaces (nsenter)",
        HOST_NETWORK: "it prepares the node before the pod network exists",
        NO_READINESS_PROBE: "it puts files on the node and then only keeps them in place",
        NO_LIVENESS_PROBE: "it puts files on the node and then only keeps them in place",
        NO_REQUESTS: "it puts files on the node and then only keeps them in place",
    },
}

# Host paths each role needs, with the access it needs (True: writable). A path covers what is
# below it. Runtime sockets, credentials and the kubelet's keys are never listed.
_HOST_PATH_NEEDS: dict[str, dict[str, bool]] = {
    "cni-plugin": {
        "/opt/cni/bin": True,
        "/etc/cni/net.d": True,
        "/var/lib/cni": True,
        "/run/netns": True,
        "/run/xtables.lock": True,
        "/lib/modules": False,
        "/sys/fs/bpf": True,
        "/proc": False,
        "/sys": False,
        "/var/log": True,
        "/etc/kubernetes/cni": True,
        "/var/lib/calico": True,
        "/dev": False,
        "/sys/fs/cgroup": True,
    },
    "csi-node-plugin": {
        "/var/lib/kubelet": True,
        "/dev": True,
        "/sys": False,
        "/run/udev": False,
        "/etc/selinux": False,
        "/lib/modules": False,
        "/run/mount": True,
        "/proc": False,
        "/etc/iscsi": True,
        "/run/lock": True,
    },
    "storage-agent": {
        "/dev": True,
        "/run/udev": False,
        "/proc": False,
        "/sys": False,
        "/boot": False,
    },
    "device-plugin": {
        "/var/lib/kubelet/device-plugins": True,
        "/var/lib/kubelet/pod-resources": False,
        "/dev": True,
        "/sys": True,
        "/proc": False,
        "/run/nvidia": True,
        "/etc/kubernetes/node-feature-discovery": True,
    },
    "network-agent": {
        "/lib/modules": False,
        "/run/xtables.lock": True,
        "/sys": False,
        "/proc": False,
    },
    "security-agent": {
        "/proc": False,
        "/boot": False,
        "/lib/modules": False,
        "/usr": False,
        "/etc": False,
        "/dev": False,
        "/sys": False,
        "/run/containerd/containerd.sock": True,
        "/run/crio/crio.sock": True,
        "/run/docker.sock": True,
        "/var/run/docker.sock": True,
        "/run/podman/podman.sock": True,
        "/run/k3s/containerd/containerd.sock": True,
        "/var/lib/docker": False,
        "/var/log": False,
        "/": False,
    },
    "metrics-exporter": {
        "/proc": False,
        "/sys": False,
        "/": False,
        "/dev": False,
        "/run/udev": False,
        "/var/log": False,
    },
    "log-collector": {
        "/var/log": False,
        "/var/lib/docker/containers": False,
        "/run/log/journal": False,
    },
    "cloud-controller-manager": {"/etc/kubernetes/pki": False, "/etc/kubernetes": False},
    "node-installer": {
        "/": True,
        "/etc": True,
        "/usr": True,
        "/opt": True,
        "/lib/modules": True,
        "/boot": True,
        "/dev": True,
        "/sys": True,
        "/proc": True,
        "/var/lib": True,
        "/run": True,
        "/home/kubernetes": True,
    },
}
_HOST_PATH_WHY: dict[str, str] = {
    "cni-plugin": "it installs CNI binaries and configuration and manages network namespaces",
    "csi-node-plugin": "it mounts volumes for the kubelet and publishes them to pods",
    "storage-agent": "it discovers and manages the node's disks",
    "cloud-controller-manager": "it reads the cluster's CA and its cloud configuration (read-only)",
    "device-plugin": "it registers with the kubelet and hands out the node's devices",
    "network-agent": "it programs the node's network",
    "security-agent": "it reads the node's processes, kernel and container runtime (read-only)",
    "metrics-exporter": "it reads the node's state (read-only)",
    "log-collector": "it reads the node's logs (read-only)",
    "node-installer": "it installs software on the node",
}
# Capabilities each role needs beyond the narrow ones.
_CAPABILITY_NEEDS: dict[str, frozenset[str]] = {
    "cni-plugin": frozenset(
        {
            "NET_ADMIN",
            "NET_RAW",
            "SYS_ADMIN",
            "SYS_MODULE",
            "SYS_RESOURCE",
            "BPF",
            "PERFMON",
            "IPC_LOCK",
            "SYS_PTRACE",
            "SYS_NICE",
            "CHOWN",
            "KILL",
            "DAC_OVERRIDE",
            "FOWNER",
            "SETGID",
            "SETUID",
            "NET_BIND_SERVICE",
        }
    ),
    "network-agent": frozenset(
        {"NET_ADMIN", "NET_RAW", "SYS_ADMIN", "SYS_MODULE", "NET_BIND_SERVICE", "BPF"}
    ),
    "security-agent": frozenset(
        {
            "SYS_ADMIN",
            "SYS_PTRACE",
            "SYS_RESOURCE",
            "SYS_MODULE",
            "BPF",
            "PERFMON",
            "IPC_LOCK",
            "DAC_READ_SEARCH",
            "SYS_RAWIO",
            "NET_ADMIN",
            "NET_RAW",
        }
    ),
    "csi-node-plugin": frozenset({"SYS_ADMIN"}),
    "device-plugin": frozenset({"SYS_ADMIN", "SYS_RAWIO"}),
    "metrics-exporter": frozenset({"SYS_PTRACE", "DAC_READ_SEARCH", "SYS_RESOURCE", "PERFMON"}),
    "node-installer": frozenset({"SYS_ADMIN", "SYS_MODULE", "SYS_CHROOT"}),
}


def expected(manifest: Manifest, need: str) -> str | None:
    """`expected for a CSI node plugin: ...` when the object's role needs `need`, else None."""
    role = role_of(manifest)
    why = _NEEDS.get(role.name, {}).get(need)
    return role.expected(why) if why else None


def expected_host_path(manifest: Manifest, path: str, writable: bool) -> str | None:
    """The reason a host path (canonical, as sensitive-host-path reads it) is expected, or None."""
    role = role_of(manifest)
    needs = _HOST_PATH_NEEDS.get(role.name)
    if not needs:
        return None
    normal = normalise_host_path(path)
    for prefix, write in needs.items():
        if prefix == "/" and normal != "/":
            continue  # `/` itself (a root file system view), not everything below it
        if (normal == prefix or normal.startswith(prefix.rstrip("/") + "/")) and (
            write or not writable
        ):
            return role.expected(_HOST_PATH_WHY[role.name])
    return None


def expected_capability(manifest: Manifest, capability: str) -> str | None:
    role = role_of(manifest)
    if capability in _CAPABILITY_NEEDS.get(role.name, frozenset()):
        return role.expected(f"its work needs {capability}")
    return None


__all__ = [
    "CSI_SIDECARS",
    "HOST_NETWORK",
    "HOST_PID",
    "HOST_PROCESS",
    "NODE_DNS",
    "NO_LIVENESS_PROBE",
    "NO_MEMORY_LIMIT",
    "NO_READINESS_PROBE",
    "NO_REQUESTS",
    "NO_ROLE",
    "OVERRIDE_KEY",
    "PRIVILEGED",
    "ROLES",
    "ROLE_CHOICES",
    "UNKNOWN",
    "WAITS",
    "Role",
    "expected",
    "expected_capability",
    "expected_host_path",
    "image_words",
    "infer_role",
    "is_helper_sidecar",
    "normalise_host_path",
    "only_waits",
    "role_of",
]
