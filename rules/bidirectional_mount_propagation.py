"""A privileged container mounts a volume with `mountPropagation: Bidirectional`.

Reported at `info` as a note for review: CSI node plugins and other volume plugins need it, and
the API server allows it only on privileged containers (a non-privileged container with it is
rejected, which is reported by the API-validity rules, not here). The `node-agent` preset turns
it off.

## Why is this bad?
With `Bidirectional` propagation every mount the container makes below the mount point appears
on the node and in every other pod that mounts the same host path, and mounts made on the node
appear in the container. A bug or an attacker in the container can therefore shadow host
folders (mount over `/var/lib/kubelet/pods/...` of another pod) or leave mounts behind that keep
devices busy after the pod is gone. `HostToContainer` is enough for an agent that only needs to
see mounts made on the node.

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
        - name: plugin
          image: registry.example.com/csi-plugin:1.5.0
          securityContext:
            privileged: true
          volumeMounts:
            - name: kubelet
              mountPath: /var/lib/kubelet
              mountPropagation: Bidirectional
      volumes:
        - name: kubelet
          hostPath: {path: /var/lib/kubelet, type: Directory}
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
        - name: plugin
          image: registry.example.com/csi-plugin:1.5.0
          volumeMounts:
            - name: kubelet
              mountPath: /var/lib/kubelet
              mountPropagation: HostToContainer
              readOnly: true
      volumes:
        - name: kubelet
          hostPath: {path: /var/lib/kubelet, type: Directory}
```

## Options
None.

## References
- Kubernetes, Volumes, Mount propagation:
  https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import containers, is_privileged

CODE = "DS332"
NAME = "bidirectional-mount-propagation"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if not is_privileged(container):
            continue  # the API server rejects it; the API-validity rules report that
        mounts = container.data.get("volumeMounts")
        if not isinstance(mounts, list):
            continue
        for index, mount in enumerate(mounts):
            if not isinstance(mount, dict) or mount.get("mountPropagation") != "Bidirectional":
                continue
            target = mount.get("mountPath")
            path = (*container.path, "volumeMounts", index, "mountPropagation")
            yield Finding(
                path,
                f'{container.describe()} mounts "{target}" with "Bidirectional" propagation: '
                "mounts it makes there appear on the node and in other pods",
                # The container still sees the node's mounts; its own stay inside.
                fix=(Edit(path, "HostToContainer"),),
            )
