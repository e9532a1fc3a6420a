"""A hostPath volume for a file or socket does not set `type`.

Only paths that name a file are reported: a socket, lock, PID, certificate or configuration
file by its extension (`.sock`, `.lock`, `.conf`, `.json`, ...) or a well-known file such as
`/etc/machine-id` or `/etc/localtime`. For folders an unset type is harmless in practice.

## Why is this bad?
With `type` unset the kubelet checks nothing, and when the path does not exist on the node the
container runtime creates an empty directory in its place. The agent then finds a directory
where it expected a socket or a file and fails with a confusing error, and the directory stays
on the node. This is what happens to agents that mount `/var/run/docker.sock` on nodes that
run containerd, or `/run/xtables.lock` before anything created it (iptables then fails to take
its lock). `type: Socket` or `type: File` makes the pod fail clearly instead (the volume
does not mount, and the event names the path); `FileOrCreate` creates a file rather than a
directory.

## By role
The role does not change the level. A file every Linux node has (`/etc/localtime`, `/etc/hosts`,
`/etc/hostname`, `/etc/passwd`, `/etc/group`) is reported as info, since it is never missing.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: net-agent
spec:
  selector:
    matchLabels: {app: net-agent}
  template:
    metadata:
      labels: {app: net-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/net-agent:0.9.1
          volumeMounts:
            - {name: xtables-lock, mountPath: /run/xtables.lock}
      volumes:
        - name: xtables-lock
          hostPath: {path: /run/xtables.lock}
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: net-agent
spec:
  selector:
    matchLabels: {app: net-agent}
  template:
    metadata:
      labels: {app: net-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/net-agent:0.9.1
          volumeMounts:
            - {name: xtables-lock, mountPath: /run/xtables.lock}
      volumes:
        - name: xtables-lock
          hostPath: {path: /run/xtables.lock, type: FileOrCreate}
```

## Options
None.

## References
- Kubernetes, Volumes, hostPath volume types:
  https://kubernetes.io/docs/concepts/storage/volumes/#hostpath-volume-types
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import host_path_volumes

CODE = "DS331"
NAME = "host-path-type-unset"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"

FILE_EXTENSIONS = frozenset(
    {
        ".sock",
        ".socket",
        ".lock",
        ".pid",
        ".conf",
        ".config",
        ".cfg",
        ".ini",
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".pem",
        ".crt",
        ".key",
        ".kubeconfig",
    }
)
# Files every Linux node has: where they are mounted, an unset type cannot create a directory.
ALWAYS_PRESENT = frozenset(
    {"/etc/localtime", "/etc/hosts", "/etc/hostname", "/etc/passwd", "/etc/group"}
)
WELL_KNOWN_FILES = frozenset(
    {
        "/etc/machine-id",
        "/etc/localtime",
        "/etc/timezone",
        "/etc/hostname",
        "/etc/hosts",
        "/etc/os-release",
        "/etc/passwd",
        "/etc/group",
        "/var/lib/dbus/machine-id",
    }
)


def names_a_file(path: str) -> bool:
    normal = posixpath.normpath(path)
    return normal in WELL_KNOWN_FILES or posixpath.splitext(normal)[1].lower() in FILE_EXTENSIONS


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for volume in host_path_volumes(manifest):
        if volume.type or not volume.host_path.startswith("/"):
            continue  # a set type, or a Windows path, which the runtime does not create
        if not names_a_file(volume.host_path):
            continue
        message = (
            f'hostPath volume "{volume.name}" mounts the file "{volume.host_path}" without a '
            "type: where it does not exist the runtime creates a directory in its place; set "
            'type "File", "Socket" or "FileOrCreate"'
        )
        # The pod then fails to start where the file is missing, instead of getting a folder.
        fix = (Edit((*volume.path, "hostPath", "type"), _file_type(volume.host_path)),)
        if posixpath.normpath(volume.host_path) in ALWAYS_PRESENT:
            yield Finding(
                (*volume.path, "hostPath"),
                f"{message} (every Linux node has this file, so the type only documents it)",
                level="info",
                fix=fix,
            )
        else:
            yield Finding((*volume.path, "hostPath"), message, fix=fix)


def _file_type(path: str) -> str:
    extension = posixpath.splitext(path)[1].lower()
    return "Socket" if extension in (".sock", ".socket") else "File"
