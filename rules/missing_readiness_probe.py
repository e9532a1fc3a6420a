"""A container of the DaemonSet has no readinessProbe.

Checked on regular containers and sidecars (init containers that run to completion cannot have
probes). Containers running an exempt image (by default `pause`, which does nothing and so has
nothing to check) are skipped.

## Why is this bad?
Without a readiness probe a pod counts as ready, and so as available, as soon as its
containers start. A DaemonSet rolling update replaces pods node by node and moves on once the new
pod is available, so a release that starts but does not work rolls out to every node without the
update ever pausing. Services that select the pods also send traffic to them too early.

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
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
```

## Options
- `exempt-images` (list of strings, default `["pause"]`): image names (the last part of the
  repository, without registry, path or tag) whose containers need no readinessProbe.

## References
- Kubernetes, liveness, readiness and startup probes:
  https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
- Kubernetes, DaemonSet rolling update:
  https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dslint.api import Finding, Manifest
from dslint.k8s import containers, image_name

CODE = "DS202"
NAME = "missing-readiness-probe"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


@dataclass(frozen=True)
class Options:
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init or container.data.get("readinessProbe") is not None:
            continue
        if image_name(container) in options.exempt_images:
            continue
        yield Finding(
            (*container.path, "name"),
            f"{container.describe()} has no readinessProbe, so it counts as available as soon "
            "as it starts and a broken rollout does not pause",
        )
