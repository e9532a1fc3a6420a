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

from dslint.api import Finding, Level, Manifest

CODE = "DS402"
NAME = "deprecated-annotation"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


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
            yield Finding(
                (*path, key),
                f'{where} annotation "{key}" is {deprecation.what}; use the '
                f"{deprecation.instead} instead",
                level=deprecation.level,
            )
