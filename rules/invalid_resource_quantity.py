"""A container's resource request or limit is not a valid Kubernetes quantity, or is negative.

Quantities are a number with an optional suffix: binary `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`,
decimal `n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`, or an exponent (`1e3`). Units borrowed from
elsewhere (`128MB`, `1.5Gb`, `1GiB`, `512 Mi`) are not quantities. Checked on every container,
init containers included.

## Why is this bad?
The API server cannot even decode the DaemonSet: `quantities must match the regular expression
'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`. A negative quantity decodes but is rejected with
`must be greater than or equal to 0`. Note that `m` means milli: `memory: 512m` is half a byte.

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
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          resources:
            requests: {cpu: 100m, memory: 128MB}
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
          resources:
            requests: {cpu: 100m, memory: 128Mi}
```

## Options
None.

## References
- Kubernetes, resource units:
  https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes
- Kubernetes API reference, Quantity:
  https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import api_error, containers, parse_quantity

CODE = "DS111"
NAME = "invalid-resource-quantity"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

SECTIONS = {"requests": "request", "limits": "limit"}
QUANTITY_FORMAT = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
# `128MB`, `1.5Gb`, `1GiB`, `512mi`: a number and a byte unit spelled the way other tools do.
_BYTE_UNIT = re.compile(
    r"^(?P<number>[0-9.]+)(?P<unit>[kKmMgGtTpPeE])(?:(?P<binary>[iI])[bB]?|[bB])$"
)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        resources = container.data.get("resources")
        if not isinstance(resources, dict):
            continue
        for section, noun in SECTIONS.items():
            values = resources.get(section)
            if not isinstance(values, dict):
                continue
            for name, value in values.items():
                if value is None:
                    continue
                path = (*container.path, "resources", section, name)
                what = f"{container.describe()} {name} {noun}"
                quantity = parse_quantity(value)
                if quantity is None:
                    meant = _meant(value)
                    yield Finding(
                        path,
                        f'{what} "{value}" is not a quantity{_suggestion(meant)}: '
                        + QUANTITY_FORMAT,
                        # Only a spelling with one meaning is fixed (`128MB` has two).
                        fix=(Edit(path, meant[0]),) if len(meant) == 1 else (),
                    )
                elif quantity < 0:
                    api_path = (*container.path, "resources", f"{section}[{name}]")
                    yield Finding(
                        path,
                        f'{what} "{value}" is negative: '
                        + api_error(
                            api_path,
                            "Invalid value",
                            "must be greater than or equal to 0",
                            str(value),
                        ),
                    )


def _meant(value: object) -> list[str]:
    """The quantities `value` may mean: `128MB` -> 128M or 128Mi, `1GiB` -> 1Gi, `2 Gi` -> 2Gi."""
    if not isinstance(value, str):
        return []
    compact = "".join(value.split())
    if compact != value and parse_quantity(compact) is not None:
        return [compact]
    match = _BYTE_UNIT.match(compact)
    if not match or parse_quantity(match["number"]) is None:
        return []
    number, unit = match["number"], match["unit"].upper()
    binary = f"{number}{unit}i"
    if match["binary"]:
        return [binary]
    return [f"{number}{'k' if unit == 'K' else unit}", binary]


def _suggestion(meant: list[str]) -> str:
    """` (did you mean "128M" or "128Mi"?)`; empty when there is no clear guess."""
    if not meant:
        return ""
    return " (did you mean " + " or ".join(f'"{m}"' for m in meant) + "?)"
