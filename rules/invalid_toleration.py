"""A toleration breaks one of the rules the API server enforces on tolerations.

Flags an operator other than `Equal` and `Exists` (case-sensitive), `operator: Exists` with a
`value`, an empty `key` without `operator: Exists`, an effect other than `NoSchedule`,
`PreferNoSchedule` and `NoExecute`, `tolerationSeconds` without `effect: NoExecute`, a key that is
not a valid label key, an `Equal` value that is not a valid label value, and keys or values that
are not strings (`value: true` must be quoted).

## Why is this bad?
The API server rejects the whole DaemonSet, for example with
`spec.template.spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute'
when `tolerationSeconds` is set`. Each of these usually hides a misunderstanding: `Exists` ignores
the value, an empty key with `Exists` means "every taint", and `tolerationSeconds` only limits how
long a pod stays on a node after a `NoExecute` taint appears.

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
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          value: "true"
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
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, taints and tolerations:
  https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
- Kubernetes source, `ValidateTolerations` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Edit, Finding, Manifest, Path
from dslint.k8s import (
    POD_SPEC,
    api_error,
    label_value_errors,
    meant_value,
    qualified_name_errors,
)

CODE = "DS116"
NAME = "invalid-toleration"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

OPERATORS = ("Equal", "Exists")
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def _supported(values: tuple[str, ...]) -> str:
    return "supported values: " + ", ".join(f'"{value}"' for value in values)


def _did_you_mean(value: str, choices: tuple[str, ...]) -> str:
    meant = [choice for choice in choices if choice.lower() == value.strip().lower()]
    return f' (did you mean "{meant[0]}"?)' if meant else ""


def _respelled(path: Path, value: object, choices: tuple[str, ...]) -> tuple[Edit, ...]:
    meant = meant_value(value, choices)
    return (Edit(path, meant),) if meant else ()


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for index, toleration in enumerate(manifest.sequence((*POD_SPEC, "tolerations"))):
        if isinstance(toleration, dict):
            yield from _check_toleration((*POD_SPEC, "tolerations", index), toleration)


def _check_toleration(path: Path, toleration: Mapping[str, Any]) -> Iterator[Finding]:
    key, value = toleration.get("key"), toleration.get("value")
    operator, effect = toleration.get("operator"), toleration.get("effect")
    for field in ("key", "value"):
        if toleration.get(field) is not None and not isinstance(toleration.get(field), str):
            yield Finding(
                (*path, field),
                f"toleration {field} {toleration[field]!r} is not a string; quote it "
                f'("{toleration[field]}" in YAML is a {type(toleration[field]).__name__})',
            )
    key_text = key if isinstance(key, str) else ""
    value_text = value if isinstance(value, str) else ""
    operator_text = "" if operator is None else str(operator)
    name = f'toleration "{key_text}"' if key_text else "toleration without a key"

    if key_text:
        for error in qualified_name_errors(key_text):
            yield Finding(
                (*path, "key"),
                f'toleration key "{key_text}" is not a valid label key: '
                + api_error((*path, "key"), "Invalid value", error, key_text),
            )
    if operator_text not in ("", *OPERATORS):
        hint = _did_you_mean(operator_text, OPERATORS)
        if operator_text in ("Gt", "Lt") and not hint:
            hint = " (Gt and Lt need an alpha feature gate)"
        yield Finding(
            (*path, "operator"),
            f'{name} has operator "{operator_text}"{hint}: '
            + api_error(
                (*path, "operator"), "Unsupported value", _supported(OPERATORS), operator_text
            ),
            fix=_respelled((*path, "operator"), operator, OPERATORS),
        )
    elif operator_text == "Exists" and value_text:
        yield Finding(
            (*path, "value"),
            f'{name} has operator Exists, which matches any value, and value "{value_text}": '
            f"{api_error((*path, 'operator'), 'Invalid value')}: ...: "
            "value must be empty when `operator` is 'Exists'",
            # Exists ignores the value: removing it keeps what the toleration matches.
            fix=(Edit((*path, "value"), delete=True),),
        )
    elif operator_text != "Exists":
        if not key_text:
            where = (*path, "operator") if "operator" in toleration else path
            yield Finding(
                where,
                "toleration without a key needs operator Exists, "
                f'not "{operator_text or "Equal"}": '
                + api_error(
                    (*path, "operator"),
                    "Invalid value",
                    "operator must be Exists when `key` is empty, which means "
                    '"match all values and all keys"',
                    operator_text,
                ),
            )
        for error in label_value_errors(value_text):
            yield Finding(
                (*path, "value"),
                f'{name} value "{value_text}" is not a valid label value: '
                + api_error((*path, "operator"), "Invalid value", error, value_text),
            )
    effect_text = "" if effect is None else str(effect)
    if effect_text not in ("", *EFFECTS):
        yield Finding(
            (*path, "effect"),
            f'{name} has effect "{effect_text}"{_did_you_mean(effect_text, EFFECTS)}: '
            + api_error((*path, "effect"), "Unsupported value", _supported(EFFECTS), effect_text),
            fix=_respelled((*path, "effect"), effect, EFFECTS),
        )
    elif toleration.get("tolerationSeconds") is not None and effect_text != "NoExecute":
        yield Finding(
            (*path, "effect") if effect_text else (*path, "tolerationSeconds"),
            f"{name} sets tolerationSeconds, which only applies to NoExecute taints, "
            f'but its effect is "{effect_text}": '
            + api_error(
                (*path, "effect"),
                "Invalid value",
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
                effect_text,
            ),
        )
