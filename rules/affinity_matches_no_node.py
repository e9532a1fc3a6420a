"""A required node affinity term that can never match a node, although the API server accepts it.

Flags terms of `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` that no node can
satisfy: an empty term (`{}`, or one whose `matchExpressions` and `matchFields` are both empty) is
skipped by the scheduler and matches nothing; a `Gt` or `Lt` value that is not a base-10 integer
and an `In`/`NotIn` value that is not a valid label value make the term fail to parse, so it never
matches; and requirements of one term that contradict each other (`Exists` with `DoesNotExist`,
`In` with `DoesNotExist`, `In` lists without a common value, every `In` value also in a `NotIn`)
leave no node that fits. The API server accepts all of these.

Terms are ORed, so when every term is dead no node runs the DaemonSet: that is an error, reported
at `nodeSelectorTerms`. A dead term beside live ones only does nothing, and is a warning.

## Why is this bad?
The DaemonSet is created, but its desired count stays 0: the controller finds no node whose
labels satisfy the affinity, creates no pods and reports no error. With `Gt`/`Lt` the comparison
is numeric, so `values: ["v2"]` or `values: ["1.5"]` never matches.

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
      labels: {app: agent}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - {key: example.com/driver-version, operator: Gt, values: ["v2"]}
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
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - {key: example.com/driver-version, operator: Gt, values: ["2"]}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Assigning pods to nodes, node affinity:
  https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
- Kubernetes source, `LazyErrorNodeSelector.Match` in
  `component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go`
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import POD_SPEC, label_value_errors

CODE = "DS231"
NAME = "affinity-matches-no-node"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

TERMS_PATH: Path = (
    *POD_SPEC,
    "affinity",
    "nodeAffinity",
    "requiredDuringSchedulingIgnoredDuringExecution",
    "nodeSelectorTerms",
)
_INT64 = re.compile(r"^[+-]?[0-9]+$")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    terms = manifest.get(TERMS_PATH)
    if not isinstance(terms, list) or not terms:
        return  # an empty list is rejected by the API server (invalid-node-affinity)
    dead = []
    for index, term in enumerate(terms):
        if not isinstance(term, dict):
            return  # a malformed term: the schema reports it, and we cannot judge the rest
        reason = _why_dead(term)
        if reason is not None:
            dead.append(((*TERMS_PATH, index), reason))
    if not dead:
        return
    if len(dead) == len(terms):
        reasons = "; ".join(f"term {path[-1]}: {reason}" for path, reason in dead)
        yield Finding(
            TERMS_PATH,
            f"no required node affinity term can match a node ({reasons}), so the DaemonSet "
            "runs on no node; the API server accepts this",
        )
        return
    for path, reason in dead:
        yield Finding(
            path,
            f"node affinity term {path[-1]} can never match a node ({reason}); "
            "the other terms still can",
            level="warning",
        )


def _why_dead(term: Mapping[str, Any]) -> str | None:
    expressions = term.get("matchExpressions")
    fields = term.get("matchFields")
    expressions = expressions if isinstance(expressions, list) else []
    fields = fields if isinstance(fields, list) else []
    if not expressions and not fields:
        return "the term is empty, and an empty term matches no node"
    for expression in expressions:
        if isinstance(expression, dict):
            reason = _unparsable(expression)
            if reason is not None:
                return reason
    return _contradiction([e for e in expressions if isinstance(e, dict)])


def _unparsable(expression: Mapping[str, Any]) -> str | None:
    """A requirement the scheduler cannot parse: the whole term then matches nothing."""
    operator = expression.get("operator")
    values = expression.get("values")
    if not isinstance(values, list):
        return None
    key = expression.get("key")
    if operator in ("Gt", "Lt") and len(values) == 1:
        value = values[0]
        if isinstance(value, str) and not _is_int64(value):
            return f'"{key}" {operator} "{value}" compares numbers, and "{value}" is not an integer'
    if operator in ("In", "NotIn"):
        for value in values:
            if isinstance(value, str) and label_value_errors(value):
                return f'"{key}" {operator} value "{value}" is not a valid label value'
    return None


def _is_int64(value: str) -> bool:
    return bool(_INT64.match(value)) and INT64_MIN <= int(value) <= INT64_MAX


def _contradiction(expressions: list[Mapping[str, Any]]) -> str | None:
    """Requirements on one key that no label value can satisfy together."""
    by_key: dict[str, list[tuple[str, set[str]]]] = {}
    for expression in expressions:
        key, operator, values = (
            expression.get("key"),
            expression.get("operator"),
            expression.get("values"),
        )
        if not isinstance(key, str) or not isinstance(operator, str):
            continue
        value_set = {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()
        by_key.setdefault(key, []).append((operator, value_set))
    for key, requirements in by_key.items():
        operators = {operator for operator, _ in requirements}
        if "DoesNotExist" in operators and operators & {"Exists", "In", "Gt", "Lt"}:
            return f'"{key}" must both exist and not exist'
        allowed: set[str] | None = None
        for operator, values in requirements:
            if operator == "In" and values:
                allowed = values if allowed is None else allowed & values
        if allowed is None:
            continue
        for operator, values in requirements:
            if operator == "NotIn":
                allowed = allowed - values
        if not allowed:
            return f'no value of "{key}" satisfies all of its In and NotIn requirements'
    return None
