"""A DaemonSet declares an apiVersion that never served DaemonSets, or none at all.

DaemonSets live in the `apps` group: `apps/v1` (and, before Kubernetes 1.16, the beta versions
`extensions/v1beta1` and `apps/v1beta2`, which `removed-api-version` reports). Anything else,
such as `v1`, `batch/v1`, `apps/v1beta1` or `app/v1`, is a version the API server cannot map the
kind to. A target version older than the one that introduced a version is flagged as well
(`apps/v1` serves DaemonSets from Kubernetes 1.9).

## Why is this bad?
`kubectl apply` fails before anything reaches the cluster: `no matches for kind "DaemonSet" in
version "v1"`. In a multi-document file the other objects may still be applied, leaving the
installation half done.

## Example
```yaml
apiVersion: v1
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
```

## Options
None. The target version is the global `kubernetes-version` setting.

## References
- Kubernetes API reference, DaemonSet:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
- Kubernetes, Deprecated API Migration Guide:
  https://kubernetes.io/docs/reference/using-api/deprecation-guide/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest

CODE = "DS102"
NAME = "wrong-api-version"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

# Every apiVersion that ever served DaemonSets, with the first Kubernetes version serving it.
# Removal is `removed-api-version`'s concern.
SERVED_FROM: dict[str, tuple[int, int]] = {
    "apps/v1": (1, 9),
    "apps/v1beta2": (1, 8),
    "extensions/v1beta1": (1, 2),
}


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if "apiVersion" not in manifest.data or manifest.data["apiVersion"] is None:
        yield Finding(("apiVersion",), 'apiVersion is not set; a DaemonSet needs "apps/v1"')
        return
    value = manifest.data["apiVersion"]
    if not isinstance(value, str):
        yield Finding(
            ("apiVersion",), f'apiVersion {value!r} is not a string; a DaemonSet needs "apps/v1"'
        )
        return
    served_from = SERVED_FROM.get(value)
    if served_from is None:
        hint = ' (the group is "apps")' if value.startswith("app/") else ""
        yield Finding(
            ("apiVersion",),
            f'apiVersion "{value}" does not serve DaemonSet{hint}: no matches for kind '
            f'"DaemonSet" in version "{value}"; use "apps/v1"',
        )
    elif manifest.kubernetes_version < served_from:
        target = "{}.{}".format(*manifest.kubernetes_version)
        since = "{}.{}".format(*served_from)
        yield Finding(
            ("apiVersion",),
            f'apiVersion "{value}" serves DaemonSet only from Kubernetes {since}, '
            f"but the target is {target}",
        )
