"""A container of the DaemonSet has no livenessProbe.

Checked on regular containers and sidecars (init containers that run to completion cannot have
probes). Containers running an exempt image (by default `pause`, which does nothing and so has
nothing to check) are skipped.

## Why is this bad?
Without a liveness probe the kubelet restarts a container only when its process exits. An
agent that deadlocks or stops doing its work keeps running, and on a DaemonSet that means a node
silently without its log shipping, networking or storage plugin until someone notices.

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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
```

## Options
- `exempt-images` (list of strings, default `["pause"]`): image names (the last part of the
  repository, without registry, path or tag) whose containers need no livenessProbe.

## References
- Kubernetes, liveness, readiness and startup probes:
  https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
- Kubernetes, define a liveness command:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import long_running_containers

CODE = "DS203"
NAME = "missing-liveness-probe"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in long_running_containers(manifest, options.exempt_images):
        if container.data.get("livenessProbe") is not None:
            continue
        yield Finding(
            (*container.path, "name"),
            f"{container.describe()} has no livenessProbe, so a hung process is never restarted",
        )
