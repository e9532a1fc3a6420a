"""A node affinity the API server rejects: no terms, bad operators, values or weights.

Checks `spec.template.spec.affinity.nodeAffinity`. The required part needs at least one entry in
`nodeSelectorTerms`. In every term (required, or the `preference` of a preferred one) a
`matchExpressions` operator is `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`; `In` and
`NotIn` need values, `Exists` and `DoesNotExist` take none, `Gt` and `Lt` exactly one; keys are
label keys. `matchFields` may only use the key `metadata.name` with `In` or `NotIn` and exactly one
node name. Preferred terms have a `weight` from 1 to 100. Terms the API server accepts but that
can never match a node (an empty term, `Gt` with a non-integer) are the rule
`affinity-matches-no-node`.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.affinity.nodeAffinity.
requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values:
Required value: must be specified single value when `operator` is 'Lt' or 'Gt'`.

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
                  - {key: kubernetes.io/os, operator: Equals, values: [linux]}
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
                  - {key: kubernetes.io/os, operator: In, values: [linux]}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Assigning pods to nodes, node affinity:
  https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
- Kubernetes source, `ValidateNodeSelector`, `ValidateNodeSelectorRequirement`,
  `ValidateNodeFieldSelectorRequirement` and `ValidatePreferredSchedulingTerms` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import (
    POD_SPEC,
    api_error,
    dns1123_subdomain_errors,
    each_value_errors,
    is_int,
    operator_values_error,
    pod_spec,
    qualified_name_errors,
)

CODE = "DS180"
NAME = "invalid-node-affinity"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

NODE_AFFINITY: Path = (*POD_SPEC, "affinity", "nodeAffinity")
REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"
OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")
FIELD_KEYS = ("metadata.name",)

Problem = tuple[Path, str]


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    affinity = pod_spec(manifest).get("affinity")
    node_affinity = affinity.get("nodeAffinity") if isinstance(affinity, dict) else None
    if not isinstance(node_affinity, dict):
        return
    for where, error in _problems(node_affinity):
        yield Finding(where, f"node affinity is invalid; {error}")


def _problems(node_affinity: Mapping[str, Any]) -> Iterator[Problem]:
    required = node_affinity.get(REQUIRED)
    if isinstance(required, dict):
        terms_path = (*NODE_AFFINITY, REQUIRED, "nodeSelectorTerms")
        terms = required.get("nodeSelectorTerms")
        if terms is None or terms == []:
            detail = "must have at least one node selector term"
            yield terms_path, api_error(terms_path, "Required value", detail)
        elif isinstance(terms, list):
            for index, term in enumerate(terms):
                if isinstance(term, dict):
                    yield from _term_problems((*terms_path, index), term)
    preferred = node_affinity.get(PREFERRED)
    if isinstance(preferred, list):
        for index, entry in enumerate(preferred):
            if not isinstance(entry, dict):
                continue
            path = (*NODE_AFFINITY, PREFERRED, index)
            weight = entry.get("weight", 0)
            if is_int(weight) and not 1 <= weight <= 100:
                where = (*path, "weight")
                yield where, api_error(where, "Invalid value", "must be in the range 1-100", weight)
            preference = entry.get("preference")
            if isinstance(preference, dict):
                yield from _term_problems((*path, "preference"), preference)


def _term_problems(path: Path, term: Mapping[str, Any]) -> Iterator[Problem]:
    expressions = term.get("matchExpressions")
    if isinstance(expressions, list):
        for index, expression in enumerate(expressions):
            if isinstance(expression, dict):
                yield from _expression_problems((*path, "matchExpressions", index), expression)
    fields = term.get("matchFields")
    if isinstance(fields, list):
        for index, requirement in enumerate(fields):
            if isinstance(requirement, dict):
                yield from _field_problems((*path, "matchFields", index), requirement)


def _expression_problems(path: Path, expression: Mapping[str, Any]) -> Iterator[Problem]:
    operator = expression.get("operator")
    values = expression.get("values")
    values_error = operator_values_error(path, operator, values, numeric=True)
    if values_error is not None:
        yield values_error
    elif operator is None or (isinstance(operator, str) and operator not in OPERATORS):
        where = (*path, "operator")
        detail = "not a valid selector operator"
        yield where, api_error(where, "Invalid value", detail, operator or "")
    key = expression.get("key")
    if isinstance(key, str) or key is None:
        for detail in qualified_name_errors(key or ""):
            yield (*path, "key"), api_error((*path, "key"), "Invalid value", detail, key or "")


def _field_problems(path: Path, requirement: Mapping[str, Any]) -> Iterator[Problem]:
    operator = requirement.get("operator")
    values = requirement.get("values")
    count = len(values) if isinstance(values, list) else 0
    if operator in ("In", "NotIn"):
        if count != 1:
            where = (*path, "values")
            detail = (
                "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"
            )
            yield where, api_error(where, "Required value", detail)
    elif operator is None or isinstance(operator, str):
        where = (*path, "operator")
        detail = "not a valid selector operator"
        yield where, api_error(where, "Invalid value", detail, operator or "")
    key = requirement.get("key")
    if key not in FIELD_KEYS and (key is None or isinstance(key, str)):
        where = (*path, "key")
        yield where, api_error(where, "Invalid value", "not a valid field selector key", key or "")
    else:
        yield from each_value_errors((*path, "values"), values, dns1123_subdomain_errors)
