"""A topology spread constraint the API server rejects.

Checks each entry of `spec.template.spec.topologySpreadConstraints`: `maxSkew` is greater than
zero; `topologyKey` is required and a label key; `whenUnsatisfiable` is `DoNotSchedule` or
`ScheduleAnyway`; no two constraints share both `topologyKey` and `whenUnsatisfiable`;
`minDomains` is greater than zero and only used with `DoNotSchedule`; `nodeAffinityPolicy` and
`nodeTaintsPolicy` are `Honor` or `Ignore`; `labelSelector` follows label selector syntax; and
`matchLabelKeys` needs a `labelSelector`, holds label keys, and does not repeat the selector's keys.
A constraint without a `labelSelector` is accepted with a warning, since it counts no pods; it is
reported as a warning.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value:
0: must be greater than zero`. A DaemonSet already places one pod per node, so spreading rarely
adds anything to it; check that the constraint is wanted at all.

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
      topologySpreadConstraints:
        - maxSkew: 0
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app: agent}
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
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app: agent}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Pod topology spread constraints:
  https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
- Kubernetes source, `validateTopologySpreadConstraints` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import (
    POD_SPEC,
    api_error,
    is_int,
    label_selector_errors,
    null_selector_warning,
    pod_spec,
    qualified_name_errors,
)

CODE = "DS182"
NAME = "invalid-topology-spread"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

ACTIONS = ("DoNotSchedule", "ScheduleAnyway")
INCLUSION_POLICIES = ("Honor", "Ignore")

Problem = tuple[Path, str]


def _supported(where: Path, value: str, values: tuple[str, ...]) -> str:
    listed = ", ".join(f'"{item}"' for item in values)
    return api_error(where, "Unsupported value", f"supported values: {listed}", value)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    constraints = pod_spec(manifest).get("topologySpreadConstraints")
    if not isinstance(constraints, list):
        return
    base = (*POD_SPEC, "topologySpreadConstraints")
    repeated = _repeated_indexes(constraints)
    for index, constraint in enumerate(constraints):
        if not isinstance(constraint, dict):
            continue
        path = (*base, index)
        for where, error in _problems(path, constraint):
            yield Finding(where, f"topology spread constraint {index} is invalid; {error}")
        if constraint.get("labelSelector") is None:
            yield Finding(
                path,
                f"topology spread constraint {index} has no labelSelector, so it counts no pods "
                f"and spreads nothing ({null_selector_warning(path)})",
                level="warning",
            )
        if index in repeated:
            pair = f"{{{constraint.get('topologyKey')}, {constraint.get('whenUnsatisfiable')}}}"
            error = api_error(
                (*path, "{topologyKey, whenUnsatisfiable}"), "Duplicate value", value=pair
            )
            yield Finding(
                (*path, "topologyKey"),
                f"topology spread constraint {index} is repeated by a later one; {error}",
            )


def _repeated_indexes(constraints: list[Any]) -> set[int]:
    """Indexes of constraints whose {topologyKey, whenUnsatisfiable} a later one repeats."""
    last_seen: dict[tuple[str, str], int] = {}
    repeated: set[int] = set()
    for index in range(len(constraints) - 1, -1, -1):
        constraint = constraints[index]
        if not isinstance(constraint, dict):
            continue
        key = constraint.get("topologyKey")
        action = constraint.get("whenUnsatisfiable")
        if not (isinstance(key, str) and key and isinstance(action, str) and action):
            continue
        if (key, action) in last_seen:
            repeated.add(index)
        last_seen[(key, action)] = index
    return repeated


def _problems(path: Path, constraint: Mapping[str, Any]) -> Iterator[Problem]:
    max_skew = constraint.get("maxSkew", 0)
    if is_int(max_skew) and max_skew <= 0:
        where = (*path, "maxSkew")
        yield where, api_error(where, "Invalid value", "must be greater than zero", max_skew)
    topology_key = constraint.get("topologyKey")
    where = (*path, "topologyKey")
    if topology_key is None or topology_key == "":
        yield where, api_error(where, "Required value", "can not be empty")
    elif isinstance(topology_key, str):
        for detail in qualified_name_errors(topology_key):
            yield where, api_error(where, "Invalid value", detail, topology_key)
    action = constraint.get("whenUnsatisfiable")
    where = (*path, "whenUnsatisfiable")
    if action is None or (isinstance(action, str) and action not in ACTIONS):
        yield where, _supported(where, action or "", ACTIONS)
    min_domains = constraint.get("minDomains")
    where = (*path, "minDomains")
    if is_int(min_domains):
        if min_domains <= 0:
            yield where, api_error(where, "Invalid value", "must be greater than zero", min_domains)
        if isinstance(action, str) and action in ACTIONS and action != "DoNotSchedule":
            detail = f"can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}"
            yield where, api_error(where, "Invalid value", detail, min_domains)
    for field in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
        policy = constraint.get(field)
        if isinstance(policy, str) and policy not in INCLUSION_POLICIES:
            yield (*path, field), _supported((*path, field), policy, INCLUSION_POLICIES)
    selector = constraint.get("labelSelector")
    yield from label_selector_errors((*path, "labelSelector"), selector)
    yield from _match_label_keys_problems(path, constraint.get("matchLabelKeys"), selector)


def _match_label_keys_problems(path: Path, keys: object, selector: object) -> Iterator[Problem]:
    if not isinstance(keys, list) or not keys:
        return
    where = (*path, "matchLabelKeys")
    selector_keys: set[str] = set()
    if isinstance(selector, dict):
        match_labels = selector.get("matchLabels")
        if isinstance(match_labels, dict):
            selector_keys.update(k for k in match_labels if isinstance(k, str))
        expressions = selector.get("matchExpressions")
        if isinstance(expressions, list):
            selector_keys.update(
                e["key"]
                for e in expressions
                if isinstance(e, dict) and isinstance(e.get("key"), str)
            )
    elif selector is None:
        detail = "must not be specified when labelSelector is not set"
        yield where, api_error(where, "Forbidden", detail)
    for index, key in enumerate(keys):
        if not isinstance(key, str):
            continue
        for detail in qualified_name_errors(key):
            yield (*where, index), api_error((*where, index), "Invalid value", detail, key)
        if key in selector_keys:
            detail = "exists in both matchLabelKeys and labelSelector"
            yield (*where, index), api_error((*where, index), "Invalid value", detail, key)
