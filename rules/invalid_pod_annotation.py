"""A pod template annotation that Kubernetes interprets has a value it does not accept.

Checked on `spec.template.metadata.annotations`:
- `controller.kubernetes.io/pod-deletion-cost` must be a 32-bit integer;
- `seccomp.security.alpha.kubernetes.io/pod` and
  `container.seccomp.security.alpha.kubernetes.io/<c>` must be `runtime/default`,
  `docker/default`, `unconfined` or `localhost/<relative path>`;
- `container.apparmor.security.beta.kubernetes.io/<c>` must name a container of the pod and hold
  `runtime/default`, `unconfined` or `localhost/<profile>`;
- `kubernetes.io/config.mirror` (mirror pods) needs `spec.nodeName`.

## Why is this bad?
The API server validates these annotations like fields and rejects the DaemonSet, e.g.
`spec.template.metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value:
"high": must be a 32bit integer`. An AppArmor annotation for a renamed container is a common
leftover.

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
      annotations:
        container.apparmor.security.beta.kubernetes.io/collector: runtime/default
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
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
      annotations:
        container.apparmor.security.beta.kubernetes.io/agent: runtime/default
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes, Well-known labels, annotations and taints:
  https://kubernetes.io/docs/reference/labels-annotations-taints/
- Kubernetes source, `ValidatePodSpecificAnnotations`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, field_path, go_quote, pod_spec

CODE = "DS143"
NAME = "invalid-pod-annotation"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

ANNOTATIONS = ("spec", "template", "metadata", "annotations")
DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
MIRROR = "kubernetes.io/config.mirror"
SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/"
APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/"

# Go's strconv.ParseInt after the API's own first-digit check (no `+`, no leading zeros).
_DELETION_COST = re.compile(r"^(0|-[0-9]+|[1-9][0-9]*)$")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    annotations = manifest.mapping(ANNOTATIONS)
    for key, value in annotations.items():
        if not isinstance(key, str) or not isinstance(value, str):
            continue
        path = (*ANNOTATIONS, key)
        keyed = f"{field_path(ANNOTATIONS)}[{key}]"
        if key == DELETION_COST and not _is_int32(value):
            error = f"{keyed}: Invalid value: {go_quote(value)}: must be a 32bit integer"
            yield Finding(path, f'pod deletion cost "{value}" is not a 32-bit integer; {error}')
        elif key == MIRROR and not pod_spec(manifest).get("nodeName"):
            error = (
                f"{keyed}: Invalid value: {go_quote(value)}: "
                "must set spec.nodeName if mirror pod annotation is set"
            )
            yield Finding(path, f'annotation "{MIRROR}" needs spec.nodeName; {error}')
        elif key == SECCOMP_POD or key.startswith(SECCOMP_CONTAINER_PREFIX):
            problem = _seccomp_problem(value)
            if problem:
                error = api_error((*ANNOTATIONS, key), "Invalid value", problem, value=value)
                yield Finding(path, f'seccomp annotation "{key}" has an invalid value; {error}')
        elif key.startswith(APPARMOR_PREFIX):
            yield from _check_apparmor(key, value, keyed, pod_spec(manifest))


def _is_int32(value: str) -> bool:
    return bool(_DELETION_COST.match(value)) and -(2**31) <= int(value) < 2**31


def _seccomp_problem(value: str) -> str | None:
    if value in ("runtime/default", "docker/default", "unconfined"):
        return None
    if value.startswith("localhost/"):
        profile = value.removeprefix("localhost/")
        if profile.startswith("/"):
            return "must be a relative path"
        if ".." in profile.split("/"):
            return "must not contain '..'"
        return None
    return "must be a valid seccomp profile"


def _check_apparmor(key: str, value: str, keyed: str, spec: Mapping[str, Any]) -> Iterator[Finding]:
    path = (*ANNOTATIONS, key)
    container = key.removeprefix(APPARMOR_PREFIX)
    if container not in _container_names(spec):
        error = f"{keyed}: Invalid value: {go_quote(container)}: container not found"
        yield Finding(
            path, f'AppArmor annotation names container "{container}", which the pod lacks; {error}'
        )
    if value not in ("", "runtime/default", "unconfined") and not value.startswith("localhost/"):
        detail = f"invalid AppArmor profile name: {go_quote(value)}"
        error = f"{keyed}: Invalid value: {go_quote(value)}: {detail}"
        yield Finding(path, f'AppArmor annotation "{key}" has an invalid profile; {error}')


def _container_names(spec: Mapping[str, Any]) -> set[str]:
    names: set[str] = set()
    for field in ("containers", "initContainers", "ephemeralContainers"):
        items = spec.get(field)
        if isinstance(items, list):
            names.update(
                item["name"]
                for item in items
                if isinstance(item, dict) and isinstance(item.get("name"), str)
            )
    return names
