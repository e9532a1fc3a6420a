"""A volume mount asks for a mount propagation the API server rejects.

`mountPropagation` must be `None`, `HostToContainer` or `Bidirectional` (case matters), and
`Bidirectional` is allowed only in a container whose own `securityContext.privileged` is `true`.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.containers[0].volumeMounts[0].mountPropagation:
Forbidden: Bidirectional mount propagation is available only to privileged containers`.
Bidirectional propagation lets mounts made inside the container appear on the host (CSI node
plugins need it), which is why Kubernetes reserves it for privileged containers.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: csi-node
spec:
  selector:
    matchLabels: {app: csi-node}
  template:
    metadata:
      labels: {app: csi-node}
    spec:
      containers:
        - name: driver
          image: registry.example.com/csi-driver:2.1.0
          volumeMounts:
            - name: kubelet-pods
              mountPath: /var/lib/kubelet/pods
              mountPropagation: Bidirectional
      volumes:
        - name: kubelet-pods
          hostPath: {path: /var/lib/kubelet/pods, type: Directory}
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: csi-node
spec:
  selector:
    matchLabels: {app: csi-node}
  template:
    metadata:
      labels: {app: csi-node}
    spec:
      containers:
        - name: driver
          image: registry.example.com/csi-driver:2.1.0
          securityContext:
            privileged: true
          volumeMounts:
            - name: kubelet-pods
              mountPath: /var/lib/kubelet/pods
              mountPropagation: Bidirectional
      volumes:
        - name: kubelet-pods
          hostPath: {path: /var/lib/kubelet/pods, type: Directory}
```

## Options
None.

## References
- Kubernetes, Volumes, mount propagation:
  https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation
- Kubernetes source, `validateMountPropagation` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import api_error, containers, meant_value

CODE = "DS175"
NAME = "invalid-mount-propagation"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

PROPAGATION_MODES = ("Bidirectional", "HostToContainer", "None")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        mounts = container.data.get("volumeMounts")
        if not isinstance(mounts, list):
            continue
        security = container.data.get("securityContext")
        privileged = isinstance(security, dict) and security.get("privileged") is True
        for index, mount in enumerate(mounts):
            mode = mount.get("mountPropagation") if isinstance(mount, dict) else None
            if not isinstance(mode, str):
                continue
            path = (*container.path, "volumeMounts", index, "mountPropagation")
            where = f'{container.describe()} mount at "{mount.get("mountPath")}"'
            if mode not in PROPAGATION_MODES:
                supported = ", ".join(f'"{value}"' for value in PROPAGATION_MODES)
                detail = f"supported values: {supported}"
                meant = meant_value(mode, PROPAGATION_MODES)
                yield Finding(
                    path,
                    f'{where} uses unknown propagation "{mode}"; '
                    + api_error(path, "Unsupported value", detail, mode),
                    fix=(Edit(path, meant),) if meant else (),
                )
            elif mode == "Bidirectional" and not privileged:
                detail = (
                    "Bidirectional mount propagation is available only to privileged containers"
                )
                yield Finding(
                    path,
                    f"{where} uses Bidirectional propagation but the container is not privileged; "
                    + api_error(path, "Forbidden", detail),
                )
