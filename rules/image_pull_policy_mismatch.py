"""A container's `imagePullPolicy` does not fit its image reference.

Flags `Always` on an image pinned by digest (it cannot change, so every pull only adds a registry
dependency), `IfNotPresent` on a moving `:latest` or untagged image (each node keeps whichever
version it pulled first), and `Never` (pods start only where the image was preloaded). Off by
default; `latest-image-tag` already warns about the moving tag itself.

## Why is this bad?
A DaemonSet starts a pod on every node, including each new node and each node after a reboot.
With `Always`, each start needs the registry to answer, so a registry outage or rate limit keeps
agents from starting on new nodes, for an image that by digest cannot have changed. With
`IfNotPresent` and `:latest`, nodes pulled at different times run different code under one
manifest. With `Never`, any node whose image cache lacks the image gets a pod stuck in
`ErrImageNeverPull`.

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
          image: ex.io/agent@sha256:4bcf3bb3f4b6a2d7e01cd2bb6f9a0d3d8f0d5a1f7f6c3bd0c93bc9a71ae0b2d1
          imagePullPolicy: Always
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
          image: ex.io/agent@sha256:4bcf3bb3f4b6a2d7e01cd2bb6f9a0d3d8f0d5a1f7f6c3bd0c93bc9a71ae0b2d1
          imagePullPolicy: IfNotPresent
```

## Options
None.

## References
- Kubernetes, Images, image pull policy:
  https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import container_images

CODE = "DS406"
NAME = "image-pull-policy-mismatch"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container, image, reference in container_images(manifest):
        policy = container.data.get("imagePullPolicy")
        if not isinstance(policy, str):
            continue
        path = (*container.path, "imagePullPolicy")
        who = container.describe()
        if policy == "Always" and reference.is_pinned:
            yield Finding(
                path,
                f'{who} pulls "Always" although image "{image}" is pinned by digest; every pod '
                'start then depends on the registry for nothing; use "IfNotPresent"',
            )
        elif (
            policy == "IfNotPresent"
            and not reference.is_pinned
            and reference.tag in (None, "latest")
        ):
            yield Finding(
                path,
                f'{who} pulls "IfNotPresent" for the moving image "{image}", so each node keeps '
                "whichever version it pulled first; pin a version",
            )
        elif policy == "Never":
            yield Finding(
                path,
                f'{who} never pulls image "{image}", so pods start only on nodes where it was '
                "preloaded",
            )
