"""A field that does not exist in the apps/v1 DaemonSet schema (often a typo or a wrong indent).

Every key of an `apps/v1` DaemonSet is checked against the schema of the target Kubernetes
version (`--kubernetes-version`, default the newest bundled one); a key the schema does not know is
reported with the API server's wording, plus the closest known field when there is one:
`unknown field "spec.template.spec.containers[0].imagePullPolices"; did you mean
"imagePullPolicy"?`. Free-form maps (labels, annotations, `nodeSelector`, resource lists) accept
any key. Objects with another `apiVersion` are left to `removed-api-version` and
`wrong-api-version`.

## Why is this bad?
Since Kubernetes 1.27 `kubectl apply` and `kubectl create` validate strictly on the server, so the
request fails: `strict decoding error: unknown field "..."`. Older clients, `--validate=false`,
and many GitOps tools instead drop the field silently and the setting never takes effect: a probe
whose `initialDelaySeconds` is indented under `exec` runs with no delay at all, a misspelled
`imagePullPolicy` is ignored. A field that exists only in a newer Kubernetes release is reported
for older target versions, because an older API server does not know it either.

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
          imagePullPolices: IfNotPresent
          livenessProbe:
            exec:
              command: [/bin/check]
              initialDelaySeconds: 10
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
          imagePullPolicy: IfNotPresent
          livenessProbe:
            exec:
              command: [/bin/check]
            initialDelaySeconds: 10
```

## Options
None. The schema follows `kubernetes-version`; a version without a bundled schema uses the
nearest bundled one (see docs/schemas.md).

## References
- Kubernetes, field validation (strict decoding):
  https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
- KEP-2885 server-side unknown field validation:
  https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/2885-server-side-unknown-field-validation
- DaemonSet API reference:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.schema import iter_errors, should_validate

CODE = "DS131"
NAME = "unknown-field"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if not should_validate(manifest):
        return
    for error in iter_errors(manifest.data, manifest.kubernetes_version, {"unknown-field"}):
        yield Finding(error.path, error.message, at_key=True)
