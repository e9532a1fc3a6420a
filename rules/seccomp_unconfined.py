"""A container runs without seccomp: profile type `Unconfined`, or (with an option) no profile.

The profile is resolved as the kubelet does: a container's own `seccompProfile` wins over the
pod's. An explicit `Unconfined` is reported where it is written: at the pod's
`securityContext` once (when some container inherits it) or at the container's. Privileged
containers are skipped, since the runtime disables seccomp for them whatever the profile says.
With `require-profile`, containers that end up with no profile at all are reported at `info`:
unless the kubelet runs with `--seccomp-default`, that also means unconfined.

## Why is this bad?
Seccomp's runtime default profile blocks the system calls containers almost never need and
that most kernel exploits use (`keyctl`, `unshare`, `bpf`, `mount`, kernel module calls). An
agent that needs one of them should get a `Localhost` profile that allows it, not lose the
filter entirely. The `baseline` Pod Security level forbids `Unconfined`; `restricted` requires
`RuntimeDefault` or `Localhost`.

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
      securityContext:
        seccompProfile:
          type: Unconfined
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
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Options
- `require-profile` (boolean, default false): also report, at `info`, containers with no
  seccomp profile from either the container or the pod.

## References
- Kubernetes, Restrict a Container's Syscalls with seccomp:
  https://kubernetes.io/docs/tutorials/security/seccomp/
- Kubernetes, Pod Security Standards, Seccomp:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Edit, Finding, Manifest, Path
from dslint.k8s import containers, is_privileged, reported_before, security_setting

CODE = "DS306"
NAME = "seccomp-unconfined"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "unsafe"


class Options(NamedTuple):
    require_profile: bool = False


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    reported_pod: set[Path] = set()
    for container in containers(manifest):
        if is_privileged(container):
            continue
        setting = security_setting(manifest, container, "seccompProfile", "type")
        if setting is None:
            if options.require_profile:
                yield Finding(
                    (*container.path, "securityContext"),
                    f"{container.describe()} has no seccomp profile, so it runs unconfined "
                    'unless the kubelet uses --seccomp-default; set type "RuntimeDefault"',
                    level="info",
                    fix=(
                        Edit(
                            (*container.path, "securityContext", "seccompProfile", "type"),
                            "RuntimeDefault",
                        ),
                    ),
                )
            continue
        if setting.value != "Unconfined":
            continue
        if reported_before(setting, reported_pod):
            continue
        if setting.from_pod:
            message = (
                f'the pod sets seccompProfile type "Unconfined", inherited by '
                f'{container.describe()}; use "RuntimeDefault" or a "Localhost" profile'
            )
        else:
            message = (
                f'{container.describe()} sets seccompProfile type "Unconfined"; use '
                '"RuntimeDefault" or a "Localhost" profile'
            )
        yield Finding(setting.path, message, fix=(Edit(setting.path, "RuntimeDefault"),))
