"""A DaemonSet's `spec.selector` does not select the labels of its own pod template.

Each `matchLabels` entry and each `matchExpressions` requirement (`In`, `NotIn`, `Exists`,
`DoesNotExist`) is checked against `spec.template.metadata.labels`, and the finding points at
the part that disagrees: the `matchLabels` entry whose label is missing or different, the
expression that is not met, or the template label that an `NotIn`/`DoesNotExist` excludes.
A selector with a syntax error is left to `invalid-label-selector` (the API server does not
compare an invalid selector either), and a missing or empty one to `missing-selector` and
`empty-selector`.

## Why is this bad?
The API server rejects it: `spec.template.metadata.labels: Invalid value:
map[string]string{...}: `selector` does not match template `labels``. A DaemonSet must own the
pods it creates, and it finds them by its selector.

## Example
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
      labels: {app: node-agent}
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
- Kubernetes, DaemonSet, pod selector:
  https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#pod-selector
- Kubernetes, labels and selectors:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import expression_matches, go_label_map

CODE = "DS106"
NAME = "selector-does-not-match-labels"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SELECTOR: Path = ("spec", "selector")
LABELS: Path = ("spec", "template", "metadata", "labels")
OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    selector = manifest.get(SELECTOR)
    if not isinstance(selector, dict) or not _is_comparable(selector):
        return
    labels = manifest.mapping(LABELS)
    api_text = (
        f"spec.template.metadata.labels: Invalid value: {go_label_map(manifest.get(LABELS))}: "
        "`selector` does not match template `labels`"
    )
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, dict):
        for key, wanted in match_labels.items():
            path = (*SELECTOR, "matchLabels", key)
            if key not in labels:
                yield Finding(
                    path,
                    f'selector requires label "{key}: {wanted}" but the pod template has no '
                    f'label "{key}": {api_text}',
                )
            elif str(labels[key]) != str(wanted):
                yield Finding(
                    path,
                    f'selector requires label "{key}: {wanted}" but the pod template has '
                    f'"{key}: {labels[key]}": {api_text}',
                )
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, list):
        for index, expression in enumerate(expressions):
            if isinstance(expression, dict) and not expression_matches(expression, labels):
                yield _expression_finding(
                    expression, (*SELECTOR, "matchExpressions", index), labels, api_text
                )


def _expression_finding(
    expression: Mapping[str, Any], path: Path, labels: Mapping[str, Any], api_text: str
) -> Finding:
    key = str(expression.get("key"))
    operator = expression.get("operator")
    values = expression.get("values")
    listed = ", ".join(str(v) for v in values) if isinstance(values, list) else ""
    if operator in ("NotIn", "DoesNotExist") and key in labels:
        # The template label is what the expression excludes: point at it.
        excluded = f"not in [{listed}]" if operator == "NotIn" else "absent"
        return Finding(
            (*LABELS, key),
            f'pod template label "{key}: {labels[key]}" is excluded by the selector, which '
            f'requires "{key}" {excluded}: {api_text}',
        )
    if key not in labels:
        wanted = f'"{key}" in [{listed}]' if operator == "In" else f'label "{key}"'
        return Finding(
            path,
            f'selector requires {wanted} but the pod template has no label "{key}": {api_text}',
        )
    return Finding(
        path,
        f'selector requires "{key}" in [{listed}] but the pod template has '
        f'"{key}: {labels[key]}": {api_text}',
    )


def _is_comparable(selector: Mapping[str, Any]) -> bool:
    """Whether the API server would compare this selector with the labels at all.

    An empty selector and one that does not parse (bad operator, missing or extra values) are
    reported by other rules and never compared.
    """
    match_labels = selector.get("matchLabels")
    expressions = selector.get("matchExpressions")
    if match_labels is not None and not isinstance(match_labels, dict):
        return False
    if expressions is not None and not isinstance(expressions, list):
        return False
    if not match_labels and not expressions:
        return False
    for expression in expressions or []:
        if not isinstance(expression, dict):
            return False
        operator = expression.get("operator")
        values = expression.get("values")
        has_values = isinstance(values, list) and len(values) > 0
        if operator not in OPERATORS or has_values != (operator in ("In", "NotIn")):
            return False
    return True
