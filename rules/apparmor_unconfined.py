"""A container runs without AppArmor: profile type `Unconfined` or annotation `unconfined`.

Both forms are read: `appArmorProfile.type: Unconfined` in the pod's or a container's
`securityContext` (a container's own profile wins), and the older pod-template annotation
`container.apparmor.security.beta.kubernetes.io/<container>: unconfined`. Privileged containers
are skipped: the runtime does not confine them whatever the profile says.

## Why is this bad?
On nodes with AppArmor (Ubuntu, Debian, SUSE) the runtime's default profile denies writes to
`/proc` and `/sys` files that change the kernel, mounting, and ptrace of processes outside the
container. Turning it off removes a layer that stops a compromised agent from reaching the node.
An agent that needs more should ship a `Localhost` profile. The `baseline` Pod Security level
forbids `Unconfined`.

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
          securityContext:
            appArmorProfile:
              type: Unconfined
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
            appArmorProfile:
              type: RuntimeDefault
```

## Options
None.

## References
- Kubernetes, Restrict a Container's Access to Resources with AppArmor:
  https://kubernetes.io/docs/tutorials/security/apparmor/
- Kubernetes, Pod Security Standards, AppArmor:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest, Path
from dslint.k8s import POD_TEMPLATE, containers, is_privileged, reported_before, security_setting

CODE = "DS307"
NAME = "apparmor-unconfined"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"

ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    reported_pod: set[Path] = set()
    privileged_names: set[str] = set()
    for container in containers(manifest):
        if is_privileged(container):
            privileged_names.add(container.name)
            continue
        setting = security_setting(manifest, container, "appArmorProfile", "type")
        if setting is None or setting.value != "Unconfined":
            continue
        if reported_before(setting, reported_pod):
            continue
        if setting.from_pod:
            message = (
                'the pod sets appArmorProfile type "Unconfined", inherited by '
                f'{container.describe()}; use "RuntimeDefault" or a "Localhost" profile'
            )
        else:
            message = (
                f'{container.describe()} sets appArmorProfile type "Unconfined"; use '
                '"RuntimeDefault" or a "Localhost" profile'
            )
        yield Finding(setting.path, message, fix=(Edit(setting.path, "RuntimeDefault"),))
    annotations = manifest.mapping((*POD_TEMPLATE, "metadata", "annotations"))
    for key, value in annotations.items():
        if not isinstance(key, str) or not key.startswith(ANNOTATION_PREFIX):
            continue
        name = key[len(ANNOTATION_PREFIX) :]
        if value != "unconfined" or name in privileged_names:
            continue
        path = (*POD_TEMPLATE, "metadata", "annotations", key)
        yield Finding(
            path,
            f'annotation "{key}" runs container "{name}" with AppArmor "unconfined"; use '
            '"runtime/default" or a "localhost/" profile',
            fix=(Edit(path, "runtime/default"),),
        )
