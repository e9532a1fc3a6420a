"""A DaemonSet's `spec.selector` is empty (`{}`, or no `matchLabels` and no `matchExpressions`).

An empty label selector selects every pod in the namespace, so the API server refuses it for a
DaemonSet: `spec.selector: Invalid value: ...: empty selector is invalid for daemonset`.

## Why is this bad?
The DaemonSet is rejected. Were it accepted, the controller would adopt or delete every pod in the
namespace as if it were its own.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {}
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
None.

## References
- Kubernetes, labels and selectors:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
- Kubernetes source, `ValidateDaemonSetSpec` in `pkg/apis/apps/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest

CODE = "DS105"
NAME = "empty-selector"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SELECTOR = ("spec", "selector")


def _is_empty(value: object) -> bool:
    # Null and empty collections count as "not given"; a wrong type is a schema problem instead.
    return value is None or value == {} or value == []


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    selector = manifest.get(SELECTOR)
    if not isinstance(selector, dict):
        return
    if _is_empty(selector.get("matchLabels")) and _is_empty(selector.get("matchExpressions")):
        yield Finding(
            SELECTOR,
            "selector is empty, so it would select every pod in the namespace: spec.selector: "
            "Invalid value: ...: empty selector is invalid for daemonset",
        )
