"""A value of the wrong type, or a required field missing, in an apps/v1 DaemonSet.

The DaemonSet is checked against the schema of the target Kubernetes version
(`--kubernetes-version`, default the newest bundled one). Each problem is one finding with the
API server's field path, at the offending value (a wrong type) or at the parent of a missing
field: `spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "2020": must be
an integer; remove the quotes`. A value of the wrong type is not looked into further, so one
mistake gives one finding.

A list the API server requires to hold at least one item is reported when present but empty
too: `containers: []` is `spec.template.spec.containers: Required value`.

Int-or-string fields (`maxUnavailable`, probe ports) take either, resource quantities take a
number or a string, and `null` counts as an omitted field. Only fields the API server really
requires are reported as missing: fields it defaults (`imagePullPolicy`, `protocol`, a header
`value`, ...) are not. Missing fields that a dedicated rule explains better are left to it:
`spec.selector` (`missing-selector`), volume names and sources (`invalid-volume`) and mount names
and paths (`invalid-volume-mount`). Unknown fields are `unknown-field`'s findings; objects with
another `apiVersion` are left to `removed-api-version` and `wrong-api-version`.

## Why is this bad?
The API server cannot decode the object and rejects it: a quoted number where an integer belongs
(`json: cannot unmarshal string into Go struct field ... of type int32`), an unquoted `true` or
`1.0` where a string belongs (a classic in labels and `env` values), a mapping where a list
belongs. A missing required field such as a container `name` or a port's `containerPort` is
rejected by validation (`Required value`). Nothing is created.

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
          ports:
            - containerPort: "2020"
          env:
            - name: VERBOSE
              value: true
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
          ports:
            - containerPort: 2020
          env:
            - name: VERBOSE
              value: "true"
```

## Options
None. The schema follows `kubernetes-version`; a version without a bundled schema uses the
nearest bundled one (see docs/schemas.md).

## References
- DaemonSet API reference:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
- Kubernetes API conventions, optional and required fields:
  https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#optional-vs-required
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest, Path
from dslint.k8s import POD_SPEC, api_error
from dslint.schema import iter_errors, should_validate

CODE = "DS130"
NAME = "schema-violation"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

# Volume sources whose required fields `invalid-volume` checks with a clearer message.
_VOLUME_SOURCES_CHECKED_ELSEWHERE = frozenset(
    {
        "name",
        "hostPath",
        "secret",
        "configMap",
        "downwardAPI",
        "projected",
        "persistentVolumeClaim",
        "nfs",
    }
)


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if not should_validate(manifest):
        return
    kinds = {"type", "required", "enum", "range"}
    for error in iter_errors(manifest.data, manifest.kubernetes_version, kinds):
        if error.kind == "required" and reported_by_another_rule(error.path):
            continue
        yield Finding(error.path, error.message)
    for path in REQUIRED_NON_EMPTY:
        # Present but empty is as missing to the API server as absent (`len(list) == 0`).
        if manifest.get(path) == []:
            yield Finding(path, api_error(path, "Required value"))


# Lists the API server requires to have at least one item where the schema only says "required".
REQUIRED_NON_EMPTY: tuple[Path, ...] = ((*POD_SPEC, "containers"),)


def reported_by_another_rule(path: Path) -> bool:
    """Whether a missing field is already the finding of a more specific rule."""
    if path == ("spec", "selector"):
        return True
    volumes = (*POD_SPEC, "volumes")
    if path[: len(volumes)] == volumes and len(path) > len(volumes) + 1:
        return path[len(volumes) + 1] in _VOLUME_SOURCES_CHECKED_ELSEWHERE
    return len(path) >= 3 and path[-3] == "volumeMounts" and path[-1] in ("name", "mountPath")
