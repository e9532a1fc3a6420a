"""An annotation key of the DaemonSet or its pod template is invalid, or annotations are too big.

Annotation keys follow the label key rules (a qualified name with an optional DNS subdomain
prefix), compared in lower case; values are free text, but all keys and values of one object
together may hold at most 256 KiB. On the DaemonSet, the annotation
`deprecated.daemonset.template.generation`, where the API server keeps the template generation,
must be a non-negative integer.

## Why is this bad?
The API server rejects the DaemonSet, e.g. `metadata.annotations: Invalid value: "checksum config":
name part must consist of alphanumeric characters, ...` or `metadata.annotations: Too long: may not
be more than 262144 bytes`. Large annotations usually come from embedding a whole config file or
from `kubectl apply`'s last-applied-configuration of a large object.

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
      annotations:
        checksum config: 5f2b8c1e
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
  template:
    metadata:
      labels: {app: agent}
      annotations:
        checksum/config: 5f2b8c1e
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
```

## Options
None.

## References
- Kubernetes, Annotations, syntax and character set:
  https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
- Kubernetes source, `ValidateAnnotations` and `ValidateAnnotationsSize`:
  https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dslint.api import Finding, Manifest, Path
from dslint.k8s import api_error, invalid_value_errors, qualified_name_errors

CODE = "DS142"
NAME = "invalid-annotation"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

TOTAL_SIZE_LIMIT = 256 * 1024  # bytes of all keys and values together
TEMPLATE_GENERATION = "deprecated.daemonset.template.generation"
_INT64 = re.compile(r"^[+-]?[0-9]+$")

ANNOTATION_MAPS: tuple[tuple[Path, str], ...] = (
    (("metadata", "annotations"), "DaemonSet"),
    (("spec", "template", "metadata", "annotations"), "pod template"),
)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for annotations_path, owner in ANNOTATION_MAPS:
        annotations = manifest.mapping(annotations_path)
        size = 0
        for key, value in annotations.items():
            if not isinstance(key, str):
                continue
            size += len(key.encode()) + (len(value.encode()) if isinstance(value, str) else 0)
            # Case does not matter in annotation keys, so the API server checks them lower-cased.
            problems = qualified_name_errors(key.lower())
            if problems:
                errors = invalid_value_errors(annotations_path, key, problems)
                yield Finding(
                    (*annotations_path, key),
                    f'{owner} annotation key "{key}" is not valid; {errors}',
                )
        if size > TOTAL_SIZE_LIMIT:
            error = api_error(
                annotations_path, "Too long", f"may not be more than {TOTAL_SIZE_LIMIT} bytes"
            )
            yield Finding(
                annotations_path,
                f"{owner} annotations hold {size} bytes, more than the 256 KiB an object may "
                f"carry; {error}",
            )
    yield from _check_template_generation(manifest)


def _check_template_generation(manifest: Manifest) -> Iterator[Finding]:
    path = ("metadata", "annotations", TEMPLATE_GENERATION)
    value = manifest.get(path)
    if not isinstance(value, str):
        return
    if not _INT64.match(value) or not -(2**63) <= int(value) < 2**63:
        reason = "invalid syntax" if not _INT64.match(value) else "value out of range"
        yield Finding(
            path,
            f'annotation "{TEMPLATE_GENERATION}" is "{value}", not a 64-bit integer; the API '
            f'server cannot convert the DaemonSet: strconv.ParseInt: parsing "{value}": {reason}',
        )
    elif int(value) < 0:
        error = api_error(
            ("spec", "templateGeneration"),
            "Invalid value",
            "must be greater than or equal to 0",
            value=int(value),
        )
        yield Finding(path, f'annotation "{TEMPLATE_GENERATION}" is negative ("{value}"); {error}')
