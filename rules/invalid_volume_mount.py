"""A volume mount the API server rejects: missing name or mountPath, or a bad subPath.

Checks each `volumeMounts[]` entry of every container, init container and sidecar: `name` and
`mountPath` are required; `subPath` and `subPathExpr` must be relative paths without a `..`
element and may not both be set; `recursiveReadOnly` is `Disabled`, `IfPossible` or `Enabled`, and
the last two need `readOnly: true` and no mount propagation other than `None`. A relative
`mountPath` is not flagged: the API server does not require it to be absolute.
A mount of an undeclared volume is the rule `undeclared-volume-mount`, a repeated mount path
`duplicate-mount-path`, and `mountPropagation` is `invalid-mount-propagation`.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.containers[0].volumeMounts[0].subPath: Invalid
value: "../etc": must not contain '..'`. A subPath may not climb out of its volume.

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
          volumeMounts:
            - name: config
              mountPath: /etc/agent/agent.yaml
              subPath: /agent.yaml
      volumes:
        - name: config
          configMap: {name: agent-config}
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
          volumeMounts:
            - name: config
              mountPath: /etc/agent/agent.yaml
              subPath: agent.yaml
      volumes:
        - name: config
          configMap: {name: agent-config}
```

## Options
None.

## References
- Kubernetes, Volumes, using subPath:
  https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath
- Kubernetes, recursive read-only mounts:
  https://kubernetes.io/docs/concepts/storage/volumes/#recursive-read-only-mounts
- Kubernetes source, `ValidateVolumeMounts` and `validateMountRecursiveReadOnly` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import ContainerRef, api_error, containers

CODE = "DS174"
NAME = "invalid-volume-mount"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

RECURSIVE_READ_ONLY = ("Disabled", "Enabled", "IfPossible")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        mounts = container.data.get("volumeMounts")
        if not isinstance(mounts, list):
            continue
        for index, mount in enumerate(mounts):
            if isinstance(mount, dict):
                path = (*container.path, "volumeMounts", index)
                for where, error in _mount_errors(path, mount):
                    yield Finding(where, f"{_describe(container, mount)}; {error}")


def _describe(container: ContainerRef, mount: Mapping[str, Any]) -> str:
    name = mount.get("name")
    volume = f' of volume "{name}"' if isinstance(name, str) and name else ""
    return f"{container.describe()} has an invalid mount{volume}"


def _mount_errors(path: Path, mount: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    for key in ("name", "mountPath"):
        if mount.get(key) is None or mount.get(key) == "":
            yield (*path, key), api_error((*path, key), "Required value")
    sub_path = mount.get("subPath")
    sub_path_expr = mount.get("subPathExpr")
    if isinstance(sub_path, str) and sub_path:
        yield from _descending_path_errors((*path, "subPath"), sub_path)
    if isinstance(sub_path_expr, str) and sub_path_expr:
        where = (*path, "subPathExpr")
        if isinstance(sub_path, str) and sub_path:
            detail = "subPathExpr and subPath are mutually exclusive"
            yield where, api_error(where, "Invalid value", detail, sub_path_expr)
        yield from _descending_path_errors(where, sub_path_expr)
    yield from _recursive_read_only_errors(path, mount)


def _descending_path_errors(where: Path, value: str) -> Iterator[tuple[Path, str]]:
    """A path inside the volume: relative, and never stepping up with `..`."""
    if value.startswith("/"):
        yield where, api_error(where, "Invalid value", "must be a relative path", value)
    if ".." in value.split("/"):
        yield where, api_error(where, "Invalid value", "must not contain '..'", value)


def _recursive_read_only_errors(path: Path, mount: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    mode = mount.get("recursiveReadOnly")
    if not isinstance(mode, str):
        return
    where = (*path, "recursiveReadOnly")
    if mode not in RECURSIVE_READ_ONLY:
        supported = ", ".join(f'"{value}"' for value in RECURSIVE_READ_ONLY)
        yield where, api_error(where, "Unsupported value", f"supported values: {supported}", mode)
        return
    if mode == "Disabled":
        return
    if mount.get("readOnly") is not True:
        yield where, api_error(where, "Forbidden", "may only be specified when readOnly is true")
    propagation = mount.get("mountPropagation")
    if propagation is not None and propagation != "None":
        detail = "may only be specified when mountPropagation is None or not specified"
        yield where, api_error(where, "Forbidden", detail)
