"""An `apps/v1` DaemonSet has no `spec.selector`.

Only the removed `extensions/v1beta1` defaulted the selector from the template labels; `apps/v1`
(and `apps/v1beta2`) require it. The API server does not say "required" here: a missing selector
matches nothing, so the error it returns is the mismatch one,
`spec.template.metadata.labels: Invalid value: map[string]string{...}: `selector` does not match
template `labels``.

## Why is this bad?
The DaemonSet is rejected. The error text points at the template labels rather than at the
missing selector, which sends people looking in the wrong place.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
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
- Kubernetes source, `ValidateDaemonSetSpec` in `pkg/apis/apps/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import go_label_map

CODE = "DS104"
NAME = "missing-selector"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"

# The only apiVersion that filled in a missing selector from the template labels.
DEFAULTS_SELECTOR = "extensions/v1beta1"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = manifest.data.get("spec")
    if not isinstance(spec, dict) or spec.get("selector") is not None:
        return
    if manifest.api_version == DEFAULTS_SELECTOR:
        return
    labels = manifest.get(("spec", "template", "metadata", "labels"))
    hint = ""
    fix: tuple[Edit, ...] = ()
    if isinstance(labels, dict) and labels:
        # What extensions/v1beta1 filled in: the template's labels.
        fix = (Edit(("spec", "selector"), {"matchLabels": dict(labels)}),)
        pairs = ", ".join(f"{key}: {value}" for key, value in labels.items())
        hint = f" (for example matchLabels {{{pairs}}})"
    yield Finding(
        ("spec", "selector"),
        "spec.selector is missing, so it selects no pods: spec.template.metadata.labels: "
        f"Invalid value: {go_label_map(labels)}: `selector` does not match template `labels`; "
        f"add a selector for the template's labels{hint}",
        fix=fix,
    )
