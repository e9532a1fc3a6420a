"""A container image is referenced by tag, not pinned by digest (`@sha256:...`).

Checked on every container, init containers included, since they run on every node too. Images
from registries listed in `allowed-registries` are trusted by tag. Off by default: it is part of
the `strict` preset only.

## Why is this bad?
A tag is a movable name: whoever can push to the repository can point `1.4.2` at other content,
by mistake or in an attack on the supply chain. Nodes pull when they start a pod, so a DaemonSet
whose tag was moved runs different code on old and new nodes, without any rollout. A digest
names exactly one image, so every node runs the same bytes and what was reviewed is what runs.

The trade-off: digests are unreadable and must be updated on every release, which needs tooling
(a bot that bumps them, or a `tag@digest` reference that keeps the tag for humans). Teams that
control their registry and never move tags often accept tags from it; list such registries in
`allowed-registries`.

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
          image: agent:1.4
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
          image: agent:1.4@sha256:0f4ab2c3e8d7a1b9c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3
```

## Options
- `allowed-registries` (list of strings, default empty): registry hosts, as written in the image
  reference (with the port if it has one, such as `registry.internal:5000`), whose tags are
  trusted. Docker Hub images written without a registry count as `docker.io`.

## References
- Kubernetes, Images, image names and digests:
  https://kubernetes.io/docs/concepts/containers/images/#image-names
- OCI distribution specification, pulling manifests by digest:
  https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import container_images

CODE = "DS211"
NAME = "image-not-pinned-by-digest"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

# Where an image reference without a registry is pulled from.
DEFAULT_REGISTRY = "docker.io"


class Options(NamedTuple):
    allowed_registries: tuple[str, ...] = ()


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container, image, reference in container_images(manifest):
        if reference.is_pinned:
            continue
        if (reference.registry or DEFAULT_REGISTRY) in options.allowed_registries:
            continue
        yield Finding(
            (*container.path, "image"),
            f'{container.describe()} image "{image}" is not pinned by digest, so the tag can be '
            "moved to other content; add @sha256:<digest>",
        )
