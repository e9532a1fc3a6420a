"""The DaemonSet has no name, or its name or namespace is not one Kubernetes accepts.

`metadata.name` is required (unless `generateName` is given) and must be a lowercase RFC 1123
subdomain: at most 253 characters of `a-z`, `0-9`, `-` and `.`, starting and ending with a letter
or digit. A `metadata.namespace`, when set, must be a lowercase RFC 1123 label (at most 63
characters, no dots).

## Why is this bad?
The API server rejects the object, for example
`metadata.name: Invalid value: "Node_Exporter": a lowercase RFC 1123 subdomain must consist of ...`
or `metadata.name: Required value: name or generateName is required`. Nothing is created.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: Node_Exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
```

## Options
None.

## References
- Kubernetes, Object names and IDs:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
- Kubernetes source, `ValidateObjectMeta` and `NameIsDNSSubdomain`:
  https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import (
    api_error,
    dns1123_label_errors,
    dns1123_subdomain_errors,
    invalid_value_errors,
)

CODE = "DS140"
NAME = "invalid-object-name"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    metadata = manifest.metadata
    name = metadata.get("name")
    generate_name = metadata.get("generateName")
    if name is None or name == "":
        if isinstance(generate_name, str) and generate_name:
            yield from _check_generate_name(generate_name)
        elif generate_name is None or generate_name == "":
            path = ("metadata", "name")
            error = api_error(path, "Required value", "name or generateName is required")
            yield Finding(path, f"the DaemonSet has no name; {error}")
    elif isinstance(name, str):
        problems = dns1123_subdomain_errors(name)
        if problems:
            path = ("metadata", "name")
            yield Finding(
                path,
                f'name "{name}" is not a valid object name; '
                f"{invalid_value_errors(path, name, problems)}",
            )
    namespace = metadata.get("namespace")
    if isinstance(namespace, str) and namespace:
        problems = dns1123_label_errors(namespace)
        if problems:
            path = ("metadata", "namespace")
            yield Finding(
                path,
                f'namespace "{namespace}" is not a valid namespace name; '
                f"{invalid_value_errors(path, namespace, problems)}",
            )


def _check_generate_name(prefix: str) -> Iterator[Finding]:
    # A generated name gets random characters appended, so a trailing dash is fine.
    problems = dns1123_subdomain_errors(prefix[:-1] + "a" if prefix.endswith("-") else prefix)
    if problems:
        path = ("metadata", "generateName")
        yield Finding(
            path,
            f'generateName "{prefix}" cannot start a valid object name; '
            f"{invalid_value_errors(path, prefix, problems)}",
        )
