"""A pod volume the API server rejects: a bad name, several sources, or a malformed source.

Checks each entry of `spec.template.spec.volumes`: the name is required and must be an RFC 1123
label; at most one volume source may be given (a volume with only a name is valid, the API server
defaults it to `emptyDir`); `hostPath.path` is required, contains no `..` element, and
`hostPath.type` is one of the known types; `secret.secretName`, `configMap.name` and
`persistentVolumeClaim.claimName` are required; `defaultMode` and item `mode` lie between 0 and
0777; `items` have a key and a relative path without `..`; each projected source names exactly one
kind, and a service account token lives at least ten minutes; `nfs.path` is absolute.
Duplicate names are the rule `duplicate-volume-name`.

## Why is this bad?
`kubectl apply` fails with `DaemonSet.apps "..." is invalid`, so nothing is rolled out. The
messages quote the API server's field path and wording, e.g.
`spec.template.spec.volumes[0].hostPath.type: Unsupported value: "directory": ...`.

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
      volumes:
        - name: host-logs
          hostPath:
            path: /var/log
            type: directory
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
      volumes:
        - name: host-logs
          hostPath:
            path: /var/log
            type: Directory
```

## Options
None.

## References
- Kubernetes, Volumes: https://kubernetes.io/docs/concepts/storage/volumes/
- Kubernetes source, `ValidateVolumes` and `validateVolumeSource` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import POD_SPEC, api_error, dns1123_label_errors, is_int, list_entries, pod_spec

CODE = "DS171"
NAME = "invalid-volume"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

# Every volume source the core API knows; a volume may name at most one of them.
VOLUME_SOURCES = (
    "hostPath",
    "emptyDir",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "quobyte",
    "cinder",
    "cephfs",
    "downwardAPI",
    "fc",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "configMap",
    "projected",
    "scaleIO",
    "csi",
    "ephemeral",
    "image",
)
PROJECTION_SOURCES = (
    "secret",
    "downwardAPI",
    "configMap",
    "serviceAccountToken",
    "clusterTrustBundle",
    "podCertificate",
)
HOST_PATH_TYPES = (
    "",
    "BlockDevice",
    "CharDevice",
    "Directory",
    "DirectoryOrCreate",
    "File",
    "FileOrCreate",
    "Socket",
)
DOWNWARD_API_FIELDS = (
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
)
FILE_MODE_MESSAGE = "must be a number between 0 and 0777 (octal), both inclusive"
MIN_TOKEN_SECONDS = 600
MAX_TOKEN_SECONDS = 1 << 32


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    volumes = pod_spec(manifest).get("volumes")
    if not isinstance(volumes, list):
        return
    for index, volume in enumerate(volumes):
        if isinstance(volume, dict):
            yield from _check_volume((*POD_SPEC, "volumes", index), volume)


def _check_volume(path: Path, volume: Mapping[str, Any]) -> Iterator[Finding]:
    name = volume.get("name")
    label = f'volume "{name}"' if isinstance(name, str) and name else "a volume"
    if name is None or name == "":
        yield Finding(
            (*path, "name"), f"a volume has no name; {api_error((*path, 'name'), 'Required value')}"
        )
    elif isinstance(name, str):
        for detail in dns1123_label_errors(name):
            error = api_error((*path, "name"), "Invalid value", detail, name)
            yield Finding((*path, "name"), f"{label} has an invalid name; {error}")
    sources = [key for key in volume if key in VOLUME_SOURCES and volume[key] is not None]
    for extra in sources[1:]:
        yield Finding(
            (*path, extra),
            f"{label} names {len(sources)} sources ({', '.join(sources)}); "
            + api_error((*path, extra), "Forbidden", "may not specify more than 1 volume type"),
        )
    checks = {
        "hostPath": _check_host_path,
        "secret": _check_secret,
        "configMap": _check_config_map,
        "downwardAPI": _check_downward_api,
        "projected": _check_projected,
        "persistentVolumeClaim": _check_claim,
        "nfs": _check_nfs,
    }
    for key, source_check in checks.items():
        source = volume.get(key)
        if isinstance(source, dict):
            for source_path, message in source_check((*path, key), source):
                yield Finding(source_path, f"{label} is invalid; {message}")


Problem = tuple[Path, str]


def _required(source: Mapping[str, Any], path: Path, key: str) -> Iterator[Problem]:
    if source.get(key) is None or source.get(key) == "":
        yield (*path, key), api_error((*path, key), "Required value")


def _check_host_path(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _required(source, path, "path")
    host_path = source.get("path")
    if isinstance(host_path, str) and ".." in host_path.split("/"):
        yield (
            (*path, "path"),
            api_error((*path, "path"), "Invalid value", "must not contain '..'", host_path),
        )
    kind = source.get("type")
    if isinstance(kind, str) and kind not in HOST_PATH_TYPES:
        supported = ", ".join(f'"{value}"' for value in HOST_PATH_TYPES)
        yield (
            (*path, "type"),
            api_error((*path, "type"), "Unsupported value", f"supported values: {supported}", kind),
        )


def _check_mode(path: Path, source: Mapping[str, Any], key: str) -> Iterator[Problem]:
    mode = source.get(key)
    if is_int(mode) and not 0 <= mode <= 0o777:
        yield (*path, key), api_error((*path, key), "Invalid value", FILE_MODE_MESSAGE, mode)


def _check_relative_path(path: Path, value: object) -> Iterator[Problem]:
    """A file path inside a volume: required, relative, no `..` element, not starting with `..`."""
    if value is None or value == "":
        yield path, api_error(path, "Required value")
        return
    if not isinstance(value, str):
        return
    if value.startswith("/"):
        yield path, api_error(path, "Invalid value", "must be a relative path", value)
    if ".." in value.split("/"):
        yield path, api_error(path, "Invalid value", "must not contain '..'", value)
    elif value.startswith(".."):
        yield path, api_error(path, "Invalid value", "must not start with '..'", value)


def _check_items(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    for index, item in list_entries(source, "items"):
        item_path = (*path, "items", index)
        yield from _required(item, item_path, "key")
        yield from _check_relative_path((*item_path, "path"), item.get("path"))
        yield from _check_mode(item_path, item, "mode")


def _check_secret(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _required(source, path, "secretName")
    yield from _check_mode(path, source, "defaultMode")
    yield from _check_items(path, source)


def _check_config_map(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _required(source, path, "name")
    yield from _check_mode(path, source, "defaultMode")
    yield from _check_items(path, source)


def _check_claim(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _required(source, path, "claimName")


def _check_nfs(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _required(source, path, "server")
    yield from _required(source, path, "path")
    nfs_path = source.get("path")
    if isinstance(nfs_path, str) and nfs_path and not nfs_path.startswith("/"):
        yield (
            (*path, "path"),
            api_error((*path, "path"), "Invalid value", "must be an absolute path", nfs_path),
        )


def _check_downward_api(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _check_mode(path, source, "defaultMode")
    yield from _check_downward_items(path, source)


def _check_downward_items(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    for index, item in list_entries(source, "items"):
        item_path = (*path, "items", index)
        yield from _check_relative_path((*item_path, "path"), item.get("path"))
        yield from _check_mode(item_path, item, "mode")
        field_ref = item.get("fieldRef")
        if isinstance(field_ref, dict):
            field = field_ref.get("fieldPath")
            if isinstance(field, str) and not _downward_field_supported(field):
                supported = ", ".join(f'"{value}"' for value in DOWNWARD_API_FIELDS)
                field_path = (*item_path, "fieldRef", "fieldPath")
                yield (
                    field_path,
                    api_error(
                        field_path, "Unsupported value", f"supported values: {supported}", field
                    ),
                )
        resource_ref = item.get("resourceFieldRef")
        if isinstance(resource_ref, dict):
            yield from _required(resource_ref, (*item_path, "resourceFieldRef"), "containerName")


def _downward_field_supported(field: str) -> bool:
    if field in DOWNWARD_API_FIELDS:
        return True
    # A single label or annotation: metadata.labels['app'].
    for prefix in ("metadata.labels[", "metadata.annotations["):
        if field.startswith(prefix) and field.endswith("]"):
            return True
    return False


def _check_projected(path: Path, source: Mapping[str, Any]) -> Iterator[Problem]:
    yield from _check_mode(path, source, "defaultMode")
    sources = source.get("sources")
    if not isinstance(sources, list):
        return
    seen_paths: set[str] = set()
    for index, projection in enumerate(sources):
        if not isinstance(projection, dict):
            continue
        projection_path = (*path, "sources", index)
        kinds = [
            key for key in projection if key in PROJECTION_SOURCES and projection[key] is not None
        ]
        if len(kinds) > 1:
            yield (
                projection_path,
                api_error(
                    projection_path,
                    "Forbidden",
                    "may not specify more than 1 volume type per source",
                ),
            )
        for kind in kinds:
            part = projection[kind]
            if not isinstance(part, dict):
                continue
            part_path = (*projection_path, kind)
            if kind in ("secret", "configMap"):
                yield from _check_items(part_path, part)
            elif kind == "downwardAPI":
                yield from _check_downward_items(part_path, part)
            elif kind == "serviceAccountToken":
                yield from _check_token(part_path, part)
            yield from _duplicate_paths(part_path, part, seen_paths)


def _check_token(path: Path, token: Mapping[str, Any]) -> Iterator[Problem]:
    seconds = token.get("expirationSeconds")
    seconds_path = (*path, "expirationSeconds")
    if is_int(seconds) and seconds < MIN_TOKEN_SECONDS:
        yield (
            seconds_path,
            api_error(
                seconds_path,
                "Invalid value",
                "may not specify a duration less than 10 minutes",
                seconds,
            ),
        )
    elif is_int(seconds) and seconds > MAX_TOKEN_SECONDS:
        yield (
            seconds_path,
            api_error(
                seconds_path,
                "Invalid value",
                "may not specify a duration larger than 2^32 seconds",
                seconds,
            ),
        )
    yield from _check_relative_path((*path, "path"), token.get("path"))


def _duplicate_paths(path: Path, part: Mapping[str, Any], seen: set[str]) -> Iterator[Problem]:
    """Two projections may not write the same file (`conflicting duplicate paths`)."""
    targets: list[tuple[Path, str]] = []
    if isinstance(part.get("path"), str):
        targets.append(((*path, "path"), part["path"]))
    items = part.get("items")
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                targets.append(((*path, "items", index, "path"), item["path"]))
    for target_path, target in targets:
        if target in seen:
            yield (
                target_path,
                api_error(target_path, "Invalid value", "conflicting duplicate paths", target),
            )
        seen.add(target)
