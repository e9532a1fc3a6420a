"""The DaemonSet's update strategy is one the API server rejects.

Checked: `updateStrategy.type` is `RollingUpdate` or `OnDelete`; `maxUnavailable` and `maxSurge`
are each a non-negative integer or a percentage string such as `"10%"` (a bare number in quotes,
`"1"`, is not), and no percentage exceeds `100%`; exactly one of the two is non-zero. Like the API
server, the rule applies the defaults first: a missing `maxUnavailable` is 1 and a missing
`maxSurge` is 0, so `maxSurge: 1` on its own is rejected; it needs `maxUnavailable: 0`. With
`type: OnDelete` the `rollingUpdate` block is ignored and not checked.

## Why is this bad?
The API server rejects the DaemonSet, e.g.
`spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable
is non-zero` or `spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0
when maxSurge is 0`.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
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
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes, Perform a rolling update on a DaemonSet:
  https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
- Kubernetes source, `ValidateDaemonSetUpdateStrategy` and `ValidateRollingUpdateDaemonSet`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import api_error, field_path, is_int, regex_error

CODE = "DS147"
NAME = "invalid-update-strategy"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

STRATEGY: Path = ("spec", "updateStrategy")
ROLLING: Path = (*STRATEGY, "rollingUpdate")
_PERCENT = re.compile(r"^[0-9]+%$")
PERCENT_MESSAGE = regex_error(
    "a valid percent string must be a numeric string followed by an ending '%'",
    "[0-9]+%",
    "1%",
    "93%",
)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    strategy = manifest.get(STRATEGY)
    if strategy is None:
        return  # defaulted to RollingUpdate with maxUnavailable 1
    if not isinstance(strategy, dict):
        return  # a type problem, reported by the schema check
    kind = strategy.get("type")
    if kind in (None, "", "RollingUpdate"):
        rolling = strategy.get("rollingUpdate")
        if rolling is None:
            return
        if isinstance(rolling, dict):
            yield from _check_rolling_update(rolling)
    elif kind != "OnDelete" and isinstance(kind, str):
        yield Finding(
            (*STRATEGY, "type"),
            f'update strategy type "{kind}" does not exist; use "RollingUpdate" or "OnDelete"; '
            f"{field_path(STRATEGY)}: Unsupported value: {_go_strategy(kind, strategy)}: "
            'supported values: "RollingUpdate", "OnDelete"',
        )


def _go_strategy(kind: str, strategy: Mapping[str, Any]) -> str:
    """The strategy as Go prints the struct in the error (a pointer shows only as set or nil)."""
    rolling = "nil" if strategy.get("rollingUpdate") is None else "0x..."
    return (
        f'apps.DaemonSetUpdateStrategy{{Type:"{kind}", '
        f"RollingUpdate:(*apps.RollingUpdateDaemonSet)({rolling})}}"
    )


def _check_rolling_update(rolling: Mapping[str, Any]) -> Iterator[Finding]:
    # Defaulting comes first: a missing maxUnavailable is 1, a missing maxSurge 0.
    unavailable = rolling.get("maxUnavailable", 1)
    surge = rolling.get("maxSurge", 0)
    unavailable = 1 if unavailable is None else unavailable
    surge = 0 if surge is None else surge
    checked = True
    for field, value in (("maxUnavailable", unavailable), ("maxSurge", surge)):
        if not (is_int(value) or isinstance(value, str)):
            checked = False  # a type problem, reported by the schema check
            continue
        path = (*ROLLING, field)
        for problem in _int_or_percent_problems(value):
            error = api_error(path, "Invalid value", problem, value=_intstr(value))
            yield Finding(path, f"{field} {_show(value)} is not valid; {error}")
    if not checked:
        return
    has_unavailable = _scalar(unavailable) != 0
    has_surge = _scalar(surge) != 0
    if has_unavailable and has_surge:
        path = (*ROLLING, "maxSurge")
        error = api_error(
            path,
            "Invalid value",
            "may not be set when maxUnavailable is non-zero",
            value=_intstr(surge),
        )
        if "maxUnavailable" in rolling and rolling["maxUnavailable"] is not None:
            lead = f"maxSurge {_show(surge)} needs maxUnavailable 0, not {_show(unavailable)}"
        else:
            lead = (
                f"maxSurge {_show(surge)} without maxUnavailable is rejected, because a missing "
                "maxUnavailable defaults to 1; add maxUnavailable: 0"
            )
        yield Finding(path, f"{lead}; {error}")
    elif not has_unavailable and not has_surge:
        path = (*ROLLING, "maxUnavailable")
        error = api_error(path, "Required value", "cannot be 0 when maxSurge is 0")
        yield Finding(
            path if "maxUnavailable" in rolling else ROLLING,
            "maxUnavailable and maxSurge are both 0, so a rolling update could never replace a "
            f"pod; {error}",
        )


def _int_or_percent_problems(value: int | str) -> list[str]:
    if isinstance(value, int):
        return ["must be greater than or equal to 0"] if value < 0 else []
    if not _PERCENT.match(value):
        return [PERCENT_MESSAGE]
    if int(value[:-1]) > 100:
        return ["must not be greater than 100%"]
    return []


def _scalar(value: int | str) -> int:
    """The number Kubernetes compares with zero: a percentage's number, or Go's Atoi of a string."""
    if isinstance(value, int):
        return value
    text = value[:-1] if _PERCENT.match(value) else value
    return int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else 0


class _IntOrString:
    """An int-or-string prints bare in API errors (`Invalid value: 25%`), not quoted."""

    def __init__(self, value: int | str) -> None:
        self.value = value

    def __str__(self) -> str:
        return str(self.value)


def _intstr(value: int | str) -> _IntOrString:
    return _IntOrString(value)


def _show(value: int | str) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)
