"""An annotation that Kubernetes replaced with a field and no longer reads (or soon will not).

Checked on the pod template and on the DaemonSet itself. Warnings:
`scheduler.alpha.kubernetes.io/critical-pod` (non-functional since 1.16),
`scheduler.alpha.kubernetes.io/tolerations` and `.../affinity` (replaced by fields in 1.6),
`security.alpha.kubernetes.io/sysctls` and `.../unsafe-sysctls` (non-functional since 1.25) and
the seccomp annotations (non-functional since 1.27). Advice: the AppArmor annotations (deprecated
since 1.30, still read). An annotation is only reported when the target Kubernetes version
(`kubernetes-version`) has dropped it.

## Why is this bad?
The API server accepts these annotations and, for the pod template, only prints a warning such as
`metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use
the "priorityClassName" field instead`. The manifest reads as if the agent were critical, or
confined by seccomp, while nothing of the sort happens.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
      annotations:
        scheduler.alpha.kubernetes.io/critical-pod: ""
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
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      priorityClassName: system-node-critical
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Guaranteed scheduling for critical add-on pods:
  https://kubernetes.io/docs/tasks/administer-cluster/guaranteed-scheduling-critical-addon-pods/
- Kubernetes, Well-known labels, annotations and taints (deprecated entries):
  https://kubernetes.io/docs/reference/labels-annotations-taints/
- Kubernetes source, `GetWarningsForPodTemplate` in `pkg/api/pod/warnings.go`
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Edit, Finding, Level, Manifest, Path
from dslint.k8s import POD_SPEC, containers

CODE = "DS402"
NAME = "deprecated-annotation"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


class Deprecation(NamedTuple):
    since: tuple[int, int]  # the first version that ignores (or deprecates) the annotation
    what: str  # "non-functional in v1.16+" or "deprecated since v1.30"
    instead: str  # the field to use
    level: Level


EXACT = {
    "scheduler.alpha.kubernetes.io/critical-pod": Deprecation(
        (1, 16), "non-functional in v1.16+", '"priorityClassName" field', "warning"
    ),
    "scheduler.alpha.kubernetes.io/tolerations": Deprecation(
        (1, 6), "ignored since v1.6", '"tolerations" field', "warning"
    ),
    "scheduler.alpha.kubernetes.io/affinity": Deprecation(
        (1, 6), "ignored since v1.6", '"affinity" field', "warning"
    ),
    "security.alpha.kubernetes.io/sysctls": Deprecation(
        (1, 25), "non-functional in v1.25+", '"sysctls" field', "warning"
    ),
    "security.alpha.kubernetes.io/unsafe-sysctls": Deprecation(
        (1, 25), "non-functional in v1.25+", '"sysctls" field', "warning"
    ),
    "seccomp.security.alpha.kubernetes.io/pod": Deprecation(
        (1, 27), "non-functional in v1.27+", '"seccompProfile" field', "warning"
    ),
}
PREFIXES = {
    "container.seccomp.security.alpha.kubernetes.io/": Deprecation(
        (1, 27), "non-functional in v1.27+", '"seccompProfile" field', "warning"
    ),
    "container.apparmor.security.beta.kubernetes.io/": Deprecation(
        (1, 30), "deprecated since v1.30", '"appArmorProfile" field', "info"
    ),
}


def deprecation_of(key: str) -> Deprecation | None:
    if key in EXACT:
        return EXACT[key]
    for prefix, deprecation in PREFIXES.items():
        if key.startswith(prefix):
            return deprecation
    return None


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for where, path in (
        ("pod template", ("spec", "template", "metadata", "annotations")),
        ("DaemonSet", ("metadata", "annotations")),
    ):
        for key in manifest.mapping(path):
            if not isinstance(key, str):
                continue
            deprecation = deprecation_of(key)
            if deprecation is None or manifest.kubernetes_version < deprecation.since:
                continue
            value = manifest.mapping(path)[key]
            yield Finding(
                (*path, key),
                f'{where} annotation "{key}" is {deprecation.what}; use the '
                f"{deprecation.instead} instead",
                level=deprecation.level,
                fix=_as_field(manifest, path, key, value) if where == "pod template" else (),
            )


SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/"
APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/"


def _profile(value: object) -> dict[str, str] | None:
    """The profile field an annotation value names (the same for seccomp and AppArmor)."""
    if value in ("runtime/default", "docker/default"):
        return {"type": "RuntimeDefault"}
    if value == "unconfined":
        return {"type": "Unconfined"}
    if isinstance(value, str) and value.startswith("localhost/") and len(value) > 10:
        return {"type": "Localhost", "localhostProfile": value[len("localhost/") :]}
    return None


def _as_field(manifest: Manifest, annotations: Path, key: str, value: object) -> tuple[Edit, ...]:
    """The annotation moved to the field that replaces it, where that field is not set yet."""
    profile = _profile(value)
    if profile is None:
        return ()
    if key == SECCOMP_POD:
        context: Path = (*POD_SPEC, "securityContext")
        field = "seccompProfile"
    else:
        prefix = SECCOMP_CONTAINER if key.startswith(SECCOMP_CONTAINER) else APPARMOR_CONTAINER
        if not key.startswith(prefix):
            return ()
        named = [c for c in containers(manifest) if c.name == key[len(prefix) :]]
        if len(named) != 1:
            return ()
        context = (*named[0].path, "securityContext")
        field = "seccompProfile" if prefix == SECCOMP_CONTAINER else "appArmorProfile"
    if manifest.get((*context, field)) is not None:
        return ()  # the field decides already; which one the user meant is not ours to say
    return (Edit((*annotations, key), delete=True), Edit((*context, field), profile))
