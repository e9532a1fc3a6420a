"""A container mounts a volume that the pod does not declare.

Every `volumeMounts[].name` of a container, init container or sidecar must name an entry of
`spec.template.spec.volumes`. A volume declared with only a name counts (it becomes an `emptyDir`).

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].volumeMounts[0].name: Not found: "config"`. This usually means a
typo, or a volume that was removed while a mount of it was kept.

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
              mountPath: /etc/agent
      volumes:
        - name: agent-config
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
            - name: agent-config
              mountPath: /etc/agent
      volumes:
        - name: agent-config
          configMap: {name: agent-config}
```

## Options
None.

## References
- Kubernetes, Volumes: https://kubernetes.io/docs/concepts/storage/volumes/
- Kubernetes source, `ValidateVolumeMounts` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, containers, pod_spec

CODE = "DS172"
NAME = "undeclared-volume-mount"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    volumes = pod_spec(manifest).get("volumes")
    declared = {
        volume.get("name")
        for volume in (volumes if isinstance(volumes, list) else [])
        if isinstance(volume, dict) and isinstance(volume.get("name"), str)
    }
    for container in containers(manifest):
        mounts = container.data.get("volumeMounts")
        if not isinstance(mounts, list):
            continue
        for index, mount in enumerate(mounts):
            name = mount.get("name") if isinstance(mount, dict) else None
            if not isinstance(name, str) or not name or name in declared:
                continue
            path = (*container.path, "volumeMounts", index, "name")
            yield Finding(
                path,
                f'{container.describe()} mounts volume "{name}", which the pod does not declare; '
                + api_error(path, "Not found", value=name),
            )
