"""A container does not set `readOnlyRootFilesystem: true`.

Privileged containers are skipped (they can remount their root filesystem writable, and
`privileged-container` reports them). Off by default: it is advice that fits almost every
container ever written, so it is enabled by the `strict` preset or by selecting it.

## Why is this bad?
A writable root filesystem lets an attacker who gets code execution in the container drop tools
and modify binaries or configuration that the agent later trusts, and it hides state inside the
container that disappears on restart. A read-only root with `emptyDir` volumes for the few
paths the agent writes (buffers, temporary files) makes what the agent changes explicit.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
          securityContext:
            readOnlyRootFilesystem: true
          volumeMounts:
            - {name: buffer, mountPath: /var/lib/agent}
      volumes:
        - name: buffer
          emptyDir: {}
```

## Options
None.

## References
- Kubernetes, SecurityContext v1 core (readOnlyRootFilesystem):
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import containers, is_privileged

CODE = "DS303"
NAME = "writable-root-filesystem"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = "unsafe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        if is_privileged(container):
            continue
        context = container.data.get("securityContext")
        value = context.get("readOnlyRootFilesystem") if isinstance(context, dict) else None
        if value is True:
            continue
        if value is None:
            path = (*container.path, "securityContext")
            message = f"{container.describe()} has a writable root filesystem"
        else:
            path = (*container.path, "securityContext", "readOnlyRootFilesystem")
            shown = str(value).lower() if isinstance(value, bool) else value
            message = f'{container.describe()} sets readOnlyRootFilesystem to "{shown}"'
        yield Finding(
            path,
            message + "; set readOnlyRootFilesystem: true and mount emptyDir "
            "volumes where it writes",
            fix=(Edit((*container.path, "securityContext", "readOnlyRootFilesystem"), True),),
        )
