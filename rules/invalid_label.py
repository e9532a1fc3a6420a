"""A label key or value on the DaemonSet or its pod template is not valid Kubernetes syntax.

Label keys are qualified names: an optional DNS subdomain prefix and `/`, then a name of at most
63 characters of letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit.
Values are empty or follow the same rule for the name part. Both `metadata.labels` and
`spec.template.metadata.labels` are checked.

## Why is this bad?
The API server rejects the DaemonSet, e.g. `metadata.labels: Invalid value: "team lead": name part
must consist of alphanumeric characters, '-', '_' or '.', ...`. Label values longer than 63
characters, typically a version string or a commit description, are the usual cause.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels:
    app.kubernetes.io/version: "v1.2.3 (built on a Friday)"
spec:
  selector:
    matchLabels: {app: agent}
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
  labels:
    app.kubernetes.io/version: "v1.2.3"
spec:
  selector:
    matchLabels: {app: agent}
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
- Kubernetes, Labels and selectors, syntax and character set:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
- Kubernetes source, `ValidateLabels`:
  https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest, Path
from dslint.k8s import invalid_value_errors, label_value_errors, qualified_name_errors

CODE = "DS141"
NAME = "invalid-label"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

LABEL_MAPS: tuple[tuple[Path, str], ...] = (
    (("metadata", "labels"), "DaemonSet"),
    (("spec", "template", "metadata", "labels"), "pod template"),
)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for labels_path, owner in LABEL_MAPS:
        for key, value in manifest.mapping(labels_path).items():
            if not isinstance(key, str):
                continue  # a key YAML reads as a number or boolean is a type problem
            path = (*labels_path, key)
            problems = qualified_name_errors(key)
            if problems:
                errors = invalid_value_errors(labels_path, key, problems)
                yield Finding(path, f'{owner} label key "{key}" is not valid; {errors}')
            if isinstance(value, str):
                errors = invalid_value_errors(labels_path, value, label_value_errors(value))
                if errors:
                    yield Finding(
                        path, f'{owner} label "{key}" has an invalid value "{value}"; {errors}'
                    )
