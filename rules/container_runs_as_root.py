"""A container is set to run as root: `runAsUser: 0`, `runAsGroup: 0` or `runAsNonRoot: false`.

Pod-level settings apply to every container that does not set its own, so a pod-level value is
reported once, at the pod's `securityContext`, when some container inherits it. By default only
explicit root settings are reported; with `require-run-as-non-root` a container that may run as
root because nothing says otherwise (no `runAsNonRoot: true`, no non-zero `runAsUser`) is
reported too. The `restricted` Pod Security level (`--pod-security restricted`) requires
`runAsNonRoot: true`.

## Why is this bad?
Root in a container is root on the node as far as the kernel is concerned (unless the pod uses
a user namespace with `hostUsers: false`): any hostPath mount, any capability and any container
escape is exercised as uid 0. Many node agents do need root to read host files, which is why
this is `info` advice and why the `node-agent` preset turns it off; an agent that only exports
metrics or ships logs it can read as another user should not be root.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      securityContext:
        runAsUser: 0
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      securityContext:
        runAsUser: 65534
        runAsNonRoot: true
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
```

## Options
- `require-run-as-non-root` (boolean, default false): also report containers that set neither
  `runAsNonRoot: true` nor a non-zero `runAsUser` (directly or through the pod).

## References
- Kubernetes, Configure a Security Context for a Pod or Container:
  https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
- Kubernetes, Pod Security Standards, Running as Non-root:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest, Path
from dslint.k8s import containers, is_int, reported_before, security_setting

CODE = "DS302"
NAME = "container-runs-as-root"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    require_run_as_non_root: bool = False


# (field, the value that means root, how the message states it)
_ROOT_SETTINGS = (
    ("runAsUser", 0, "runAsUser: 0"),
    ("runAsGroup", 0, "runAsGroup: 0"),
    ("runAsNonRoot", False, "runAsNonRoot: false"),
)


def _is_root_value(value: object, root: object) -> bool:
    if root is False:
        return value is False
    return is_int(value) and value == root


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    reported_pod_fields: set[Path] = set()
    for container in containers(manifest):
        explicit_root = False
        for field, root, text in _ROOT_SETTINGS:
            setting = security_setting(manifest, container, field)
            if setting is None or not _is_root_value(setting.value, root):
                continue
            explicit_root = True
            if reported_before(setting, reported_pod_fields):
                continue
            if setting.from_pod:
                who = f"the pod securityContext (inherited by {container.describe()})"
                yield Finding(setting.path, f'{who} sets "{text}", so it runs as root')
            else:
                yield Finding(setting.path, f'{container.describe()} sets "{text}"')
        if explicit_root or not options.require_run_as_non_root:
            continue
        non_root = security_setting(manifest, container, "runAsNonRoot")
        user = security_setting(manifest, container, "runAsUser")
        if (non_root is not None and non_root.value is True) or (
            user is not None and is_int(user.value) and user.value != 0
        ):
            continue
        yield Finding(
            (*container.path, "securityContext"),
            f"{container.describe()} may run as root: set runAsNonRoot: true and a non-zero "
            "runAsUser (on the container or the pod)",
        )
