"""A container of the DaemonSet has no livenessProbe.

Checked on regular containers and sidecars (init containers that run to completion cannot have
probes). Containers running an exempt image (by default `pause`, which does nothing and so has
nothing to check) are skipped.

## Why is this bad?
Without a liveness probe the kubelet restarts a container only when its process exits. An
agent that deadlocks or stops doing its work keeps running, and on a DaemonSet that means a node
silently without its log shipping, networking or storage plugin until someone notices.

## By role
The finding is info for every role: the kubelet already restarts a container whose process exits,
and a liveness probe that is wrong restarts a healthy agent on every node at once, so whether a
node agent needs one is a judgement, not a defect (kube-score grades it as optional and
kube-linter has it off by default). The message says why when the role makes a probe pointless: a
node installer, a container that only waits, or a CSI registrar sidecar (the plugin's own
liveness-probe sidecar checks the driver).

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
from dslint.roles import NO_LIVENESS_PROBE, WAITS, expected, is_helper_sidecar, only_waits

CODE = "DS203"
NAME = "missing-liveness-probe"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

CSI_SIDECAR = "expected for a CSI sidecar: the plugin's liveness-probe sidecar checks the driver"


class Options(NamedTuple):
    exempt_images: tuple[str, ...] = ("pause",)


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in long_running_containers(manifest, options.exempt_images):
        if container.data.get("livenessProbe") is not None:
            continue
        message = (
            f"{container.describe()} has no livenessProbe, so a hung process is never restarted"
        )
        reason = expected(manifest, NO_LIVENESS_PROBE) or (WAITS if only_waits(container) else None)
        if reason is None and is_helper_sidecar(container):
            reason = CSI_SIDECAR
        yield Finding(
            (*container.path, "name"),
            message if reason is None else f"{message}; {reason}",
            level=None if reason is None else "info",
        )
