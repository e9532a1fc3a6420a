"""An image comes from a registry outside the allowed list, or names no registry at all.

With option `allowed-registries` set, every image must start with one of its entries (a warning
otherwise). Without it, the rule flags short image names such as `fluentd:v1.16`, which name no
registry (advice). Off by default.

## Why is this bad?
Where an image comes from decides who can change what runs, with host access, on every node. An
allow-list in review catches a copied example that pulls from a personal Docker Hub account.
Short names are resolved by the node's container runtime: containerd and Docker use Docker Hub
(with its anonymous pull rate limits, shared by all nodes behind one NAT address), while CRI-O
may try each of its `unqualified-search-registries` in turn, so the same manifest can pull
different images on different nodes. Writing the registry out (`docker.io/library/fluentd`) makes
the source explicit.

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
          image: fluentd:v1.16
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
          image: docker.io/library/fluentd:v1.16
```

## Options
- `allowed-registries` (list of strings, default empty): allowed image prefixes, matched against
  the registry and repository with Docker Hub short names expanded (`fluentd` is
  `docker.io/library/fluentd`). An entry matches a whole registry (`registry.k8s.io`) or a
  repository path below it (`quay.io/cilium`), and may use `*` wildcards
  (`*.dkr.ecr.*.amazonaws.com`).

## References
- Kubernetes, Images, image names:
  https://kubernetes.io/docs/concepts/containers/images/#image-names
- containers-registries.conf(5), `unqualified-search-registries` and short-name resolution:
  https://github.com/containers/image/blob/main/docs/containers-registries.conf.5.md
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import ImageRef, container_images

CODE = "DS407"
NAME = "untrusted-image-registry"
LEVEL = "warning"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False

DOCKER_HUB = "docker.io"


class Options(NamedTuple):
    allowed_registries: tuple[str, ...] = ()


def full_name(reference: ImageRef) -> str:
    """`registry/repository`, with Docker Hub's implicit registry and `library/` written out."""
    registry = reference.registry or DOCKER_HUB
    repository = reference.repository
    if registry in (DOCKER_HUB, "index.docker.io") and "/" not in repository:
        repository = f"library/{repository}"
    if registry == "index.docker.io":
        registry = DOCKER_HUB
    return f"{registry}/{repository}"


def allowed(name: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        prefix = pattern.rstrip("/")
        parts = name.split("/")
        # Compare against each leading part of the name, so `quay.io/cilium` allows below it.
        candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatchcase(candidate, prefix) for candidate in candidates):
            return True
    return False


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container, image, reference in container_images(manifest):
        path = (*container.path, "image")
        if options.allowed_registries:
            name = full_name(reference)
            if not allowed(name, options.allowed_registries):
                yield Finding(
                    path,
                    f'{container.describe()} image "{image}" ({name}) is not from an allowed '
                    "registry: " + ", ".join(options.allowed_registries),
                )
        elif reference.registry is None:
            yield Finding(
                path,
                f'{container.describe()} image "{image}" names no registry, so each node\'s '
                f'runtime decides where to pull it from; write it out as "{full_name(reference)}"',
                level="info",
            )
