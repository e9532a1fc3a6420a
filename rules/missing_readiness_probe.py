"""No container of the DaemonSet's pods has a readinessProbe.

A pod is ready when all its containers are, so one readiness probe (usually on the main
container) gates the whole pod; the finding is reported once, at the first container, unless
`every-container` asks for a probe on each. Regular containers and sidecars count (init containers
that run to completion cannot have probes); containers running an exempt image (by default
`pause`, which does nothing and so has nothing to check) are skipped.

## Why is this bad?
Without a readiness probe a pod counts as ready, and so as available, as soon as its
containers start. A DaemonSet rolling update replaces pods node by node and moves on once the new
pod is available, so a release that starts but does not work rolls out to every node without the
update ever pausing. Services that select the pods also send traffic to them too early.

## By role
For a CSI node plugin and a device plugin the kubelet tracks the plugin through its registration
socket, and a node installer (or a container that only waits after copying files) has nothing to
report: for them the finding is info with the reason. For every other role it stays a warning.

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
- `every-container` (boolean, default false): report each container without a readinessProbe,
  not only pods where no container has one.
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
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import containers, image_name
from dslint.roles import NO_READINESS_PROBE, WAITS, expected, only_waits

CODE = "DS202"
NAME = "missing-readiness-probe"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    every_container: bool = False
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    probed = [
        container
        for container in containers(manifest)
        if not container.is_init and image_name(container) not in options.exempt_images
    ]
    if not options.every_container and any(
        container.data.get("readinessProbe") is not None for container in probed
    ):
        return
    reason = expected(manifest, NO_READINESS_PROBE)
    if reason is None and probed and all(only_waits(container) for container in probed):
        reason = WAITS
    for container in probed:
        if container.data.get("readinessProbe") is not None:
            continue
        if options.every_container:
            message = f"{container.describe()} has no readinessProbe"
        else:
            message = (
                "no container has a readinessProbe, so pods count as available as soon as they "
                f"start and a broken rollout does not pause; add one to {container.describe()}"
            )
        if reason is None:
            yield Finding((*container.path, "name"), message)
        else:
            yield Finding((*container.path, "name"), f"{message}; {reason}", level="info")
        if not options.every_container:
            return
