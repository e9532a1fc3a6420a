"""A container's image reference can never be pulled: its syntax is not an image reference.

Placeholders left in a manifest (`FILLED BY THE OPERATOR`, `<IMAGE>`, `$REGISTRY/agent`), upper
case in the repository (`Team/agent`), an empty tag (`agent:`) or a malformed digest
(`agent@sha256:abc`) all fail to parse. The API server accepts them (it checks only that the image
is not empty and has no surrounding spaces), so the DaemonSet is created and every pod stays in
`InvalidImageName` on every node. Checked on every container, init containers included; an
image that is missing or empty is `missing-image`.

## Why is this bad?
The kubelet refuses to pull, the pod never starts, and a rolling update that introduces such a
reference stops after the first node with `maxUnavailable` pods down. Other rules would misread the
reference too (an unparseable reference is not "runs :latest"), so this one is an error.

## By role
The role does not change the level.

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
          image: $REGISTRY/agent:1.4.2
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
```

## Options
None.

## References
- Kubernetes, images and `InvalidImageName`:
  https://kubernetes.io/docs/concepts/containers/images/#image-names
- The reference grammar runtimes parse with:
  https://github.com/distribution/reference/blob/main/reference.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import containers, image_reference_error

CODE = "DS212"
NAME = "invalid-image-reference"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        image = container.data.get("image")
        if not isinstance(image, str) or not image.strip():
            continue  # missing-image
        problem = image_reference_error(image)
        if problem is not None:
            yield Finding(
                (*container.path, "image"),
                f'{container.describe()} image "{image}" can never be pulled ({problem}): its '
                "pods stay in InvalidImageName",
            )
