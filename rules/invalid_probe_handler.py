"""A probe or lifecycle hook has more than one handler, or none.

A liveness, readiness or startup probe runs exactly one of `exec`, `httpGet`, `tcpSocket` and
`grpc`; a `postStart` or `preStop` hook exactly one of `exec`, `httpGet`, `tcpSocket` and `sleep`.
Checked on regular containers (probes and hooks on init containers are
`probe-on-init-container`'s finding).

## Why is this bad?
The API server rejects the DaemonSet: a second handler gives
`spec.template.spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1
handler type`, and a probe with only timing fields (or an empty hook such as `preStop: {}`) gives
`...livenessProbe: Required value: must specify a handler type`. Two handlers usually come from
merging two snippets, one of which was meant to replace the other.

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
          livenessProbe:
            exec:
              command: [/bin/agent, health]
            httpGet:
              path: /healthz
              port: 8080
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
            httpGet:
              path: /healthz
              port: 8080
```

## Options
None.

## References
- Kubernetes, configure liveness, readiness and startup probes:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
- Kubernetes API reference, Probe:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import ContainerRef, containers, field_path

CODE = "DS108"
NAME = "invalid-probe-handler"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
HOOKS = ("postStart", "preStop")
HOOK_HANDLERS = ("exec", "httpGet", "tcpSocket", "sleep")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if container.is_init:
            continue
        for probe_name in PROBES:
            probe = container.data.get(probe_name)
            if isinstance(probe, dict):
                yield from _handlers(container, (probe_name,), probe, HANDLERS)
        lifecycle = container.data.get("lifecycle")
        if not isinstance(lifecycle, dict):
            continue
        for hook_name in HOOKS:
            hook = lifecycle.get(hook_name)
            if isinstance(hook, dict):
                yield from _handlers(container, ("lifecycle", hook_name), hook, HOOK_HANDLERS)


def _handlers(
    container: ContainerRef,
    where: tuple[str, ...],
    handler: dict[str, object],
    kinds: tuple[str, ...],
) -> Iterator[Finding]:
    """Findings for a probe or hook (`handler`, at `where` in the container) without exactly one
    of `kinds`."""
    path = (*container.path, *where)
    name = where[-1]
    present = [kind for kind in kinds if handler.get(kind) is not None]
    if not present:
        yield Finding(
            path,
            f"{container.describe()} {name} has no handler (one of {', '.join(kinds)}): "
            f"{field_path(path)}: Required value: must specify a handler type",
        )
    for extra in present[1:]:
        yield Finding(
            (*path, extra),
            f"{container.describe()} {name} has both {present[0]} and {extra}: "
            f"{field_path((*path, extra))}: Forbidden: may not specify more than 1 handler type",
        )
