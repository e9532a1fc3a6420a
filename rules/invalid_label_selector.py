"""A DaemonSet's `spec.selector` has a syntax error the API server rejects.

Flags a `matchExpressions` operator other than `In`, `NotIn`, `Exists` and `DoesNotExist` (`Gt`
and `Lt` exist only in node affinity), `In`/`NotIn` without values, `Exists`/`DoesNotExist` with
values, and label keys or values that are not valid labels (in `matchLabels`, in an expression's
`key` or in its `values`), including values that are not strings.

## Why is this bad?
The DaemonSet is rejected with errors such as
`spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator`.
The selector is also immutable once created, so it is worth getting right the first time.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
    matchExpressions:
      - {key: tier, operator: Exists, values: [node]}
  template:
    metadata:
      labels: {app: agent, tier: node}
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
    matchExpressions:
      - {key: tier, operator: In, values: [node]}
  template:
    metadata:
      labels: {app: agent, tier: node}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, labels and selectors, syntax and character set:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
- Kubernetes, set-based requirements:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement
- Kubernetes source, `ValidateLabelSelector` in apimachinery `pkg/apis/meta/v1/validation`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import api_error, label_value_errors, qualified_name_errors

CODE = "DS107"
NAME = "invalid-label-selector"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SELECTOR: Path = ("spec", "selector")
OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")
NEEDS_VALUES = ("In", "NotIn")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    selector = manifest.mapping(SELECTOR)
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, dict):
        yield from _check_match_labels(match_labels)
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, list):
        for index, expression in enumerate(expressions):
            if isinstance(expression, dict):
                yield from _check_expression((*SELECTOR, "matchExpressions", index), expression)


def _check_match_labels(match_labels: Mapping[Any, Any]) -> Iterator[Finding]:
    where: Path = (*SELECTOR, "matchLabels")
    for key, value in match_labels.items():
        path = (*where, key)
        for error in qualified_name_errors(str(key)):
            yield Finding(
                path,
                f'selector label key "{key}" is not a valid label key: '
                + api_error(where, "Invalid value", error, str(key)),
            )
        yield from _check_value(path, where, f'selector label "{key}"', value)


def _check_value(path: Path, api_path: Path, what: str, value: object) -> Iterator[Finding]:
    if not isinstance(value, str):
        yield Finding(
            path,
            f"{what} has value {value!r}, which is not a string; label values are strings, "
            "so quote it",
        )
        return
    for error in label_value_errors(value):
        yield Finding(
            path,
            f'{what} value "{value}" is not a valid label value: '
            + api_error(api_path, "Invalid value", error, value),
        )


def _check_expression(path: Path, expression: Mapping[str, Any]) -> Iterator[Finding]:
    key = expression.get("key")
    key_text = "" if key is None else str(key)
    for error in qualified_name_errors(key_text):
        yield Finding(
            (*path, "key"),
            f'selector expression key "{key_text}" is not a valid label key: '
            + api_error((*path, "key"), "Invalid value", error, key_text),
        )
    operator = expression.get("operator")
    values = expression.get("values")
    has_values = isinstance(values, list) and len(values) > 0
    if operator not in OPERATORS:
        operator_text = "" if operator is None else str(operator)
        hint = " (Gt and Lt work only in node affinity)" if operator in ("Gt", "Lt") else ""
        yield Finding(
            (*path, "operator"),
            f'selector expression on "{key_text}" uses operator "{operator_text}"{hint}: '
            + api_error(
                (*path, "operator"), "Invalid value", "not a valid selector operator", operator_text
            ),
        )
    elif operator in NEEDS_VALUES and not has_values:
        yield Finding(
            (*path, "values") if "values" in expression else (*path, "operator"),
            f'selector expression "{key_text} {operator}" has no values: '
            + api_error(
                (*path, "values"),
                "Required value",
                "must be specified when `operator` is 'In' or 'NotIn'",
            ),
        )
    elif operator not in NEEDS_VALUES and has_values:
        yield Finding(
            (*path, "values"),
            f'selector expression "{key_text} {operator}" must not list values: '
            + api_error(
                (*path, "values"),
                "Forbidden",
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
        )
    if isinstance(values, list):
        for index, value in enumerate(values):
            value_path = (*path, "values", index)
            yield from _check_value(
                value_path, value_path, f'selector expression on "{key_text}"', value
            )
