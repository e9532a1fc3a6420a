"""A hostPath volume exposes a sensitive part of the node, graded by what and how it mounts.

A hostPath is only as dangerous as its mounts, so each volume is judged by the host path each
container actually sees (the volume's `path` plus the mount's `subPath`) and whether that mount
is read-only. A path that contains a sensitive one is as sensitive as what it contains
(`/var/run` holds the container runtime's socket, `/` holds everything). `/var/run` is read as
`/run`, which it links to on current distributions. Volumes no container mounts are skipped.

Grades (read-only / writable):

- `warning` / `warning`: `/`; the Docker, containerd, CRI-O, cri-dockerd and Podman sockets
  and their `/run` folders; credentials: `/etc/kubernetes/pki`, `/etc/kubernetes/admin.conf`,
  `/etc/kubernetes/kubelet.conf`, `/var/lib/kubelet/pki`, `/etc/shadow`, `/etc/ssh`,
  `/root/.ssh`.
- `info` / `warning`: `/var/lib/kubelet` (every pod's volumes and secrets), `/var/lib/docker`
  and `/var/lib/containerd` (every container's filesystem), `/proc`, and `/root` and `/home`
  themselves (not their subfolders, such as GKE's `/home/kubernetes/bin`).
- not reported / `warning`: `/sys`, `/boot`, `/lib/modules`, `/usr`, `/lib`, `/bin`, `/sbin`,
  `/etc/systemd`, `/etc/sudoers`, `/etc/cron.d`.
- `info` / `info`: `/dev` (device access stays limited by the device cgroup unless the
  container is privileged).
- not reported / `info`: `/var/log`, `/var/lib/docker/containers`, `/sys/fs/bpf`, the
  FlexVolume folder `/usr/libexec/kubernetes/kubelet-plugins` (installing drivers there is what
  FlexVolume installers are for).
- not reported: the kubelet's plugin folders `/var/lib/kubelet/plugins`, `plugins_registry`,
  `device-plugins` and `pod-resources`, which exist for node agents, and `/usr/libexec/cni`.

For a privileged container, `/sys` and `/dev` are at most `info`: privilege already gives it a
writable `/sys` and every device, so the hostPath adds nothing.

A socket is as dangerous read-only as writable: `readOnly` does not stop a process from
connecting to it. `/var/lib/kubelet` mounted writable with `mountPropagation: Bidirectional`
is how CSI and other volume plugins publish volumes, so it is `info` there. Paths not listed
(`/etc/cni/net.d`, `/opt/cni/bin`, `/run/xtables.lock`, an agent's own state folder) are
not reported.

Under the `node-agent` preset, read-only mounts of `/proc`, `/sys`, `/var/log` and
`/var/lib/docker/containers` are accepted (collectors and exporters read exactly those); the
runtime sockets, `/`, credentials and anything writable are still reported.

## Why is this bad?
A hostPath hands the container a piece of the node, with the node's permissions. The container
runtime's socket is full control of every container on the node (start a privileged one and
you are root on the node). `/` or a writable `/etc`, `/usr` or `/boot` lets the container
change the node's software and configuration. `/var/lib/kubelet` and the runtime's data folders
hold every pod's secrets and files. Writable `/proc` and `/sys` change kernel settings for the
node. Read-only mounts of narrow paths are usually what an agent needs; anything broader should
be a deliberate, reviewed exception.

## By role
A host path the DaemonSet's role needs, with the access it needs, is reported as info with the
reason ("expected for a CSI node plugin: ..."): `/var/lib/kubelet` and `/dev` for a CSI node
plugin, `/opt/cni/bin`, `/etc/cni/net.d` and `/lib/modules` for a CNI plugin, read-only `/proc`,
`/sys` and `/` for a metrics exporter, read-only `/var/log` for a log collector, the runtime
sockets for a security agent, and so on. What the role does not need stays a warning: a log
collector or a metrics exporter with write access to `/var/lib`, anyone with a runtime socket who
is not a security agent, the cluster's keys.

## Example
```yaml
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
          volumeMounts:
            - {name: docker-sock, mountPath: /var/run/docker.sock, readOnly: true}
      volumes:
        - name: docker-sock
          hostPath: {path: /var/run/docker.sock, type: Socket}
```

## Use instead
```yaml
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
          volumeMounts:
            - {name: pod-logs, mountPath: /var/log/pods, readOnly: true}
      volumes:
        - name: pod-logs
          hostPath: {path: /var/log/pods, type: Directory}
```

## Options
- `allowed-paths` (list of strings, default empty): host paths (and everything below them)
  never reported, however they are mounted.
- `allowed-read-only-paths` (list of strings, default empty): host paths (and everything below
  them) not reported when every mount of them is read-only.

## References
- Kubernetes, Volumes, hostPath: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
- Kubernetes, Pod Security Standards, HostPath Volumes:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Edit, Finding, Level, Manifest
from dslint.k8s import VolumeMount, host_path_volumes, is_privileged, volume_mounts
from dslint.roles import expected_host_path

CODE = "DS330"
NAME = "sensitive-host-path"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"


class Options(NamedTuple):
    allowed_paths: tuple[str, ...] = ()
    allowed_read_only_paths: tuple[str, ...] = ()


class Exposure(NamedTuple):
    """What a host path gives a container: its grade read-only and writable, and why."""

    read_only: Level | None
    writable: Level | None
    what: str
    subtree: bool = True  # everything below the path is graded the same
    # Privileged containers already have a writable /sys and every device: a hostPath of these
    # gives them nothing new, so it is at most `info` for them.
    privilege_covers: bool = False


_RUNTIME = "control of every container on the node"
_SENSITIVE: dict[str, Exposure] = {
    "/": Exposure("warning", "warning", "the node's whole filesystem", subtree=False),
    "/run/containerd": Exposure("warning", "warning", f"containerd's socket: {_RUNTIME}"),
    "/run/crio": Exposure("warning", "warning", f"CRI-O's socket: {_RUNTIME}"),
    "/run/docker.sock": Exposure("warning", "warning", f"the Docker socket: {_RUNTIME}"),
    "/run/dockershim.sock": Exposure("warning", "warning", f"the dockershim socket: {_RUNTIME}"),
    "/run/cri-dockerd.sock": Exposure("warning", "warning", f"cri-dockerd's socket: {_RUNTIME}"),
    "/run/podman": Exposure("warning", "warning", f"Podman's socket: {_RUNTIME}"),
    "/etc/kubernetes/pki": Exposure("warning", "warning", "the cluster's certificates and keys"),
    "/etc/kubernetes/admin.conf": Exposure("warning", "warning", "cluster-admin credentials"),
    "/etc/kubernetes/kubelet.conf": Exposure("warning", "warning", "the kubelet's credentials"),
    "/var/lib/kubelet/pki": Exposure("warning", "warning", "the kubelet's credentials"),
    "/etc/shadow": Exposure("warning", "warning", "the node's password hashes"),
    "/etc/ssh": Exposure("warning", "warning", "the node's SSH host keys and configuration"),
    "/var/lib/kubelet": Exposure("info", "warning", "every pod's volumes and secrets"),
    "/var/lib/kubelet/pods": Exposure("info", "warning", "every pod's volumes and secrets"),
    "/var/lib/docker": Exposure("info", "warning", "every container's filesystem"),
    "/var/lib/containerd": Exposure("info", "warning", "every container's filesystem"),
    "/proc": Exposure("info", "warning", "every process and the kernel's settings"),
    "/sys": Exposure(None, "warning", "kernel and device settings", privilege_covers=True),
    "/boot": Exposure(None, "warning", "the node's kernel and boot loader"),
    "/lib/modules": Exposure(None, "warning", "the node's kernel modules"),
    "/usr": Exposure(None, "warning", "the node's programs"),
    "/lib": Exposure(None, "warning", "the node's libraries"),
    "/bin": Exposure(None, "warning", "the node's programs"),
    "/sbin": Exposure(None, "warning", "the node's programs"),
    "/etc/systemd": Exposure(None, "warning", "the node's services"),
    "/etc/sudoers": Exposure(None, "warning", "the node's sudo rules"),
    "/etc/cron.d": Exposure(None, "warning", "the node's scheduled jobs"),
    "/dev": Exposure("info", "info", "the node's devices", privilege_covers=True),
    "/root": Exposure("info", "warning", "root's home", subtree=False),
    "/root/.ssh": Exposure("warning", "warning", "root's SSH keys"),
    "/home": Exposure("info", "warning", "users' homes, including SSH keys", subtree=False),
    "/usr/libexec/kubernetes/kubelet-plugins": Exposure(
        None, "info", "FlexVolume drivers, which the kubelet runs as root"
    ),
    "/usr/libexec/cni": Exposure(None, None, "CNI plugins"),
    "/var/log": Exposure(None, "info", "the node's logs, which the kubelet serves to users"),
    "/var/lib/docker/containers": Exposure(None, "info", "every container's logs"),
    "/sys/fs/bpf": Exposure(None, "info", "pinned BPF programs and maps"),
    # The kubelet's folders for plugin registration are meant for node agents.
    "/var/lib/kubelet/plugins": Exposure(None, None, "CSI plugin sockets"),
    "/var/lib/kubelet/plugins_registry": Exposure(None, None, "plugin registration"),
    "/var/lib/kubelet/device-plugins": Exposure(None, None, "device plugin registration"),
    "/var/lib/kubelet/pod-resources": Exposure(None, None, "the pod resources API"),
}
_RANK: dict[Level | None, int] = {None: 0, "info": 1, "warning": 2, "error": 3}


def canonical_host_path(path: str) -> str:
    """`/var/run/x/` and `//run/./x` are `/run/x`."""
    normal = posixpath.normpath(path) if path.startswith("/") else path
    if normal.startswith("//"):
        normal = "/" + normal.lstrip("/")
    if normal == "/var/run" or normal.startswith("/var/run/"):
        normal = normal[len("/var") :]
    return normal


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def _level(exposure: Exposure, writable: bool, privileged: bool) -> Level | None:
    level = exposure.writable if writable else exposure.read_only
    if privileged and exposure.privilege_covers and level is not None:
        return "info"
    return level


def grade(path: str, writable: bool, privileged: bool = False) -> tuple[Level | None, str]:
    """The level of exposing `path` to a container, and what it exposes."""
    best: tuple[Level | None, str] = (None, "")
    # The most specific entry at or above the path decides for the path itself ...
    owner = max(
        (p for p, e in _SENSITIVE.items() if path == p or (e.subtree and _under(path, p))),
        key=len,
        default=None,
    )
    if owner is not None:
        exposure = _SENSITIVE[owner]
        best = (_level(exposure, writable, privileged), exposure.what)
    # ... and a path that contains sensitive ones is at least as bad as they are.
    for prefix, exposure in _SENSITIVE.items():
        if prefix != path and _under(prefix, path):
            level = _level(exposure, writable, privileged)
            if _RANK[level] > _RANK[best[0]]:
                best = (level, f"it contains {prefix}, {exposure.what}")
    return best


def _mount_host_path(volume_path: str, mount: VolumeMount) -> str:
    sub_path = mount.data.get("subPath")
    if isinstance(sub_path, str) and sub_path and "$(" not in sub_path:
        return canonical_host_path(f"{volume_path}/{sub_path}")
    return canonical_host_path(volume_path)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    allowed = [canonical_host_path(p) for p in options.allowed_paths]
    allowed_read_only = [canonical_host_path(p) for p in options.allowed_read_only_paths]
    for volume in host_path_volumes(manifest):
        if not volume.host_path.startswith("/"):
            continue  # Windows paths and empty paths are not graded
        worst: Level | None = None
        what = ""
        users: list[str] = []
        read_only: list[Edit] = []
        for mount in volume_mounts(manifest, volume.name):
            host_path = _mount_host_path(volume.host_path, mount)
            writable = not mount.read_only
            if any(_under(host_path, p) for p in allowed):
                continue
            if not writable and any(_under(host_path, p) for p in allowed_read_only):
                continue
            level, reason = grade(host_path, writable, is_privileged(mount.container))
            if (
                level == "warning"
                and writable
                and mount.data.get("mountPropagation") == "Bidirectional"
                and _under(host_path, "/var/lib/kubelet")
                and not _under(host_path, "/var/lib/kubelet/pki")
            ):
                level = "info"  # how CSI and volume plugins publish volumes to pods
            if level == "warning":
                expected_by_role = expected_host_path(manifest, host_path, writable)
                if expected_by_role is not None:
                    level, reason = "info", f"{reason}; {expected_by_role}"
            if level is None:
                continue
            if _read_only_helps(host_path, mount, level):
                read_only.append(Edit((*mount.path, "readOnly"), True))
            mode = "writable" if writable else "read-only"
            users.append(f"{mount.container.describe()} ({mode})")
            if _RANK[level] > _RANK[worst]:
                worst, what = level, reason
        if worst is None:
            continue
        yield Finding(
            volume.host_path_field,
            f'hostPath volume "{volume.name}" exposes "{volume.host_path}" ({what}) to '
            f"{', '.join(users)}",
            level=None if worst == LEVEL else worst,
            fix=tuple(read_only),
        )


def _read_only_helps(host_path: str, mount: VolumeMount, level: Level | None) -> bool:
    """Whether mounting read-only would lower the grade of a writable mount."""
    if mount.read_only or mount.data.get("mountPropagation") == "Bidirectional":
        return False  # Bidirectional propagation needs a writable mount
    read_only_level, _ = grade(host_path, False, is_privileged(mount.container))
    return _RANK[read_only_level] < _RANK[level]
