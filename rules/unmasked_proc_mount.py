"""A container sets `procMount: Unmasked`.

`Unmasked` turns off the masking of sensitive `/proc` paths. In a pod with `hostUsers: false`
(its own user namespace) the finding is `info`, since root in the container is not root on the
node and the `baseline` Pod Security level allows it there from Kubernetes 1.35.

## Why is this bad?
The runtime masks `/proc` paths such as `/proc/kcore`, `/proc/sysrq-trigger`, `/proc/keys` and
`/proc/timer_list` and makes `/proc/sys` read-only, because through them a container reads
kernel memory, triggers reboots or changes kernel settings for the whole node. `Unmasked`
exists for nested container runtimes in user namespaces; a node agent that reads host process
information should mount the host's `/proc` read-only instead.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: builder
spec:
  selector:
    matchLabels: {app: builder}
  template:
    metadata:
      labels: {app: builder}
    spec:
      containers:
        - name: builder
          image: registry.example.com/builder:3.0.0
          securityContext:
            procMount: Unmasked
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: builder
spec:
  selector:
    matchLabels: {app: builder}
  template:
    metadata:
      labels: {app: builder}
    spec:
      hostUsers: false
      containers:
        - name: builder
          image: registry.example.com/builder:3.0.0
          securityContext:
            procMount: Default
```

## Options
None.

## References
- Kubernetes, Pod Security Standards, /proc Mount Type:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
- Kubernetes, User Namespaces: https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC, containers

CODE = "DS309"
NAME = "unmasked-proc-mount"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    in_user_namespace = manifest.get((*POD_SPEC, "hostUsers")) is False
    for container in containers(manifest):
        context = container.data.get("securityContext")
        if not isinstance(context, dict) or context.get("procMount") != "Unmasked":
            continue
        path = (*container.path, "securityContext", "procMount")
        masked = (Edit(path, "Default"),)
        if in_user_namespace:
            yield Finding(
                path,
                f'{container.describe()} sets procMount "Unmasked"; the pod uses its own user '
                "namespace (hostUsers: false), so this exposes only the pod's /proc",
                level="info",
                fix=masked,
            )
        else:
            yield Finding(
                path,
                f'{container.describe()} sets procMount "Unmasked", exposing the kernel paths '
                "the runtime masks in /proc; remove it or run the pod with hostUsers: false",
                fix=masked,
            )
