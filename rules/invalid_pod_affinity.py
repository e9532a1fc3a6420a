"""A pod affinity or anti-affinity term the API server rejects.

Checks every term of `spec.template.spec.affinity.podAffinity` and `podAntiAffinity`, required and
preferred: `topologyKey` is required and must be a label key; `labelSelector` and
`namespaceSelector` follow label selector syntax (operators `In`, `NotIn`, `Exists`,
`DoesNotExist`; no `Gt`/`Lt` here); `namespaces` are namespace names; `matchLabelKeys` and
`mismatchLabelKeys` need a `labelSelector`, are label keys, and may not share a key with each other
or with the selector; preferred terms have a `weight` from 1 to 100. A term without a
`labelSelector` is accepted with a warning, since it matches no pod; it is reported as a warning.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.affinity.podAntiAffinity.
requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty`.
A term without a selector is accepted but matches no pod: an anti-affinity then keeps nothing
apart, and a required affinity can never be met, so the pods stay Pending.

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
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels: {app: cache}
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
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels: {app: cache}
              topologyKey: kubernetes.io/hostname
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Inter-pod affinity and anti-affinity:
  https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity
- Kubernetes source, `validatePodAffinityTerm`, `validateWeightedPodAffinityTerms` and
  `validateMatchLabelKeysAndMismatchLabelKeys` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import (
    POD_SPEC,
    api_error,
    dns1123_label_errors,
    is_int,
    label_selector_errors,
    null_selector_warning,
    pod_spec,
    qualified_name_errors,
)

CODE = "DS181"
NAME = "invalid-pod-affinity"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

KINDS_OF_AFFINITY = ("podAffinity", "podAntiAffinity")
REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"

Problem = tuple[Path, str]


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    affinity = pod_spec(manifest).get("affinity")
    if not isinstance(affinity, dict):
        return
    for kind in KINDS_OF_AFFINITY:
        block = affinity.get(kind)
        if not isinstance(block, dict):
            continue
        path = (*POD_SPEC, "affinity", kind)
        required = block.get(REQUIRED)
        if isinstance(required, list):
            for index, term in enumerate(required):
                if isinstance(term, dict):
                    yield from _findings(kind, (*path, REQUIRED, index), term)
        preferred = block.get(PREFERRED)
        if isinstance(preferred, list):
            for index, entry in enumerate(preferred):
                if not isinstance(entry, dict):
                    continue
                entry_path = (*path, PREFERRED, index)
                weight = entry.get("weight", 0)
                if is_int(weight) and not 1 <= weight <= 100:
                    where = (*entry_path, "weight")
                    error = api_error(where, "Invalid value", "must be in the range 1-100", weight)
                    yield Finding(where, f"{kind} is invalid; {error}")
                term = entry.get("podAffinityTerm")
                if isinstance(term, dict):
                    yield from _findings(kind, (*entry_path, "podAffinityTerm"), term)


def _findings(kind: str, path: Path, term: Mapping[str, Any]) -> Iterator[Finding]:
    for where, error in _term_problems(path, term):
        yield Finding(where, f"{kind} is invalid; {error}")
    if term.get("labelSelector") is None:
        yield Finding(
            path,
            f"{kind} term has no labelSelector, so it matches no pod "
            f"({null_selector_warning(path)})",
            level="warning",
        )


def _term_problems(path: Path, term: Mapping[str, Any]) -> Iterator[Problem]:
    selector = term.get("labelSelector")
    yield from label_selector_errors((*path, "labelSelector"), selector)
    yield from label_selector_errors((*path, "namespaceSelector"), term.get("namespaceSelector"))
    namespaces = term.get("namespaces")
    if isinstance(namespaces, list):
        for index, namespace in enumerate(namespaces):
            if isinstance(namespace, str):
                for detail in dns1123_label_errors(namespace):
                    error = api_error((*path, "namespace"), "Invalid value", detail, namespace)
                    yield (*path, "namespaces", index), error
    yield from _label_keys_problems(path, term, selector)
    topology_key = term.get("topologyKey")
    where = (*path, "topologyKey")
    if topology_key is None or topology_key == "":
        yield where, api_error(where, "Required value", "can not be empty")
    elif isinstance(topology_key, str):
        for detail in qualified_name_errors(topology_key):
            yield where, api_error(where, "Invalid value", detail, topology_key)


def _selector_keys(selector: object) -> set[str]:
    keys: set[str] = set()
    if not isinstance(selector, dict):
        return keys
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, dict):
        keys.update(key for key in match_labels if isinstance(key, str))
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, list):
        keys.update(
            e["key"] for e in expressions if isinstance(e, dict) and isinstance(e.get("key"), str)
        )
    return keys


def _label_keys_problems(
    path: Path, term: Mapping[str, Any], selector: object
) -> Iterator[Problem]:
    lists: dict[str, list[Any]] = {}
    for field in ("matchLabelKeys", "mismatchLabelKeys"):
        keys = term.get(field)
        if isinstance(keys, list) and keys:
            lists[field] = keys
    selector_keys = _selector_keys(selector)
    for field, keys in lists.items():
        where = (*path, field)
        if selector is None:
            detail = "must not be specified when labelSelector is not set"
            yield where, api_error(where, "Forbidden", detail)
            continue
        for index, key in enumerate(keys):
            if not isinstance(key, str):
                continue
            for detail in qualified_name_errors(key):
                yield (*where, index), api_error((*where, index), "Invalid value", detail, key)
            if key in selector_keys:
                detail = f"exists in both {field} and labelSelector"
                yield (*where, index), api_error((*where, index), "Invalid value", detail, key)
    mismatch = {k for k in lists.get("mismatchLabelKeys", []) if isinstance(k, str)}
    for index, key in enumerate(lists.get("matchLabelKeys", [])):
        if isinstance(key, str) and key in mismatch:
            where = (*path, "matchLabelKeys", index)
            detail = "exists in both matchLabelKeys and mismatchLabelKeys"
            yield where, api_error(where, "Invalid value", detail, key)
