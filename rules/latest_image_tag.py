"""A container image uses the `:latest` tag or no tag at all.

An image without a tag means `:latest`. A registry port is not a tag (`registry:5000/agent` has
none), and an image pinned by digest (`agent@sha256:...`) is pinned whatever its tag says, so
neither is mistaken for the other.

## Why is this bad?
`latest` moves. Nodes pull whenever they start a pod, so one DaemonSet ends up running different
code on different nodes, rollbacks do not roll back, and a new release reaches every node without
a rollout. Kubernetes also defaults `imagePullPolicy` to `Always` for `:latest`, so every pod start
depends on the registry being reachable.

## By role
The role does not change the level. When several containers of a pod run the same unpinned
reference, the first is a warning and the others are info (pinning it once pins it everywhere).

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
          image: registry.example.com:5000/agent
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
          image: registry.example.com:5000/agent:1.4.2
```

## Options
- `allowed-tags` (list of strings, default empty): tags accepted even though they move, such as
  `stable` for images your own pipeline promotes.

## References
- Kubernetes, Images, image names and tags:
  https://kubernetes.io/docs/concepts/containers/images/#image-names
- Kubernetes, configuration best practices:
  https://kubernetes.io/docs/concepts/configuration/overview/#container-images
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import container_images

CODE = "DS201"
NAME = "latest-image-tag"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    allowed_tags: tuple[str, ...] = ()


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    first_use: dict[str, str] = {}  # image -> the container that first runs it
    for container, image, reference in container_images(manifest):
        if reference.is_pinned or (reference.tag and reference.tag in options.allowed_tags):
            continue
        if reference.tag is None:
            message = f'{container.describe()} image "{image}" has no tag, so it runs ":latest"'
        elif reference.tag == "latest":
            message = f'{container.describe()} image "{image}" uses the moving tag ":latest"'
        else:
            continue
        path = (*container.path, "image")
        earlier = first_use.setdefault(image, container.describe())
        if earlier == container.describe():
            yield Finding(path, f"{message}; pin a version or a digest")
        else:
            # The same reference pinned once is pinned everywhere: one warning is enough.
            yield Finding(path, f"{message}; the same image as {earlier}", level="info")
