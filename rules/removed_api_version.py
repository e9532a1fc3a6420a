"""A DaemonSet uses an apiVersion that the target Kubernetes version no longer serves.

`extensions/v1beta1` and `apps/v1beta2` served DaemonSets until Kubernetes 1.15; 1.16 stopped
serving them. The finding depends on the target version (`kubernetes-version` in the
configuration), so a manifest kept for a 1.15 cluster is not flagged when that is the target.

## Why is this bad?
The API server does not know the kind under that version: `kubectl apply` fails with
`no matches for kind "DaemonSet" in version "extensions/v1beta1"`. Moving to `apps/v1` is more
than renaming: `apps/v1` requires `spec.selector` (the old group defaulted it from the template
labels), the selector is immutable, and the default update strategy is `RollingUpdate` instead of
`OnDelete`.

## Example
```yaml
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata:
  name: agent
spec:
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
- Kubernetes blog, Deprecated APIs Removed In 1.16:
  https://kubernetes.io/blog/2019/07/18/api-deprecations-in-1-16/
- Kubernetes, Deprecated API Migration Guide:
  https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-16
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest

CODE = "DS101"
NAME = "removed-api-version"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

# apiVersion -> the first Kubernetes version that no longer serves DaemonSets under it.
REMOVED_IN: dict[str, tuple[int, int]] = {
    "extensions/v1beta1": (1, 16),
    "apps/v1beta2": (1, 16),
}


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    api_version = manifest.api_version
    removed_in = REMOVED_IN.get(api_version)
    if removed_in is None or manifest.kubernetes_version < removed_in:
        return
    target = "{}.{}".format(*manifest.kubernetes_version)
    since = "{}.{}".format(*removed_in)
    yield Finding(
        ("apiVersion",),
        f'apiVersion "{api_version}" no longer serves DaemonSet (removed in Kubernetes {since}, '
        f'target is {target}): no matches for kind "DaemonSet" in version "{api_version}"; '
        'use "apps/v1", which also requires spec.selector',
        fix=_to_apps_v1(manifest),
    )


def _to_apps_v1(manifest: Manifest) -> tuple[Edit, ...]:
    """apps/v1 with what the old version filled in written out, so the object behaves the same.

    extensions/v1beta1 took a missing selector from the template's labels and defaulted the
    update strategy to OnDelete; apps/v1 requires the selector and defaults to RollingUpdate.
    """
    edits = [Edit(("apiVersion",), "apps/v1")]
    if manifest.api_version == "extensions/v1beta1":
        if manifest.get(("spec", "selector")) is None:
            labels = manifest.get(("spec", "template", "metadata", "labels"))
            if not isinstance(labels, dict) or not labels:
                return ()  # no selector to write: apps/v1 would reject the object
            edits.append(Edit(("spec", "selector"), {"matchLabels": dict(labels)}))
        if manifest.get(("spec", "updateStrategy", "type")) in (None, ""):
            edits.append(Edit(("spec", "updateStrategy", "type"), "OnDelete"))
    return tuple(edits)
