"""The DaemonSet lacks recommended labels (`app.kubernetes.io/name`, `app.kubernetes.io/instance`).

The labels checked are those of option `recommended-labels` (advice) and `required-labels`
(a warning each: your organisation requires them). Only the DaemonSet's own `metadata.labels` are
read. Off by default.

## Why is this bad?
The `app.kubernetes.io/*` labels are how dashboards, `kubectl`, cost tools and policy engines tell
which application and which installation an object belongs to, without knowing each chart's
private labels. A cluster runs many DaemonSets from many vendors; without these labels every
query has to special-case each one.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
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

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app: agent
    app.kubernetes.io/name: agent
    app.kubernetes.io/instance: agent-prod
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
- `recommended-labels` (list of strings, default `app.kubernetes.io/name`,
  `app.kubernetes.io/instance`): labels whose absence is reported as advice.
- `required-labels` (list of strings, default empty): labels whose absence is reported as a
  warning, such as `team` or `cost-center`.

## References
- Kubernetes, Recommended labels:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from dslint.api import Finding, Level, Manifest

CODE = "DS401"
NAME = "missing-recommended-labels"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


class Options(NamedTuple):
    recommended_labels: tuple[str, ...] = ("app.kubernetes.io/name", "app.kubernetes.io/instance")
    required_labels: tuple[str, ...] = ()


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    labels = manifest.mapping(("metadata", "labels"))
    required = options.required_labels
    recommended = [name for name in options.recommended_labels if name not in required]
    wanted: tuple[tuple[str, Sequence[str], Level], ...] = (
        ("required", required, "warning"),
        ("recommended", recommended, "info"),
    )
    for kind, names, level in wanted:
        missing = [label for label in names if label not in labels]
        if missing:
            yield Finding(
                ("metadata", "labels"),
                f'DaemonSet "{manifest.name}" lacks the {kind} label(s) '
                + ", ".join(f'"{label}"' for label in missing),
                level=level,
            )
