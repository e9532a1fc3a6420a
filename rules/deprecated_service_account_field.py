"""The pod template uses the deprecated `serviceAccount` field.

`serviceAccount` is the old name of `serviceAccountName`. This rule flags it when it is used
alone (or with an empty `serviceAccountName`). The same value in both fields is how the API server
returns every pod template (`kubectl get -o yaml` copies the name into the old field), so that is
not reported; when the two disagree, `conflicting-service-account-names` reports it instead.

## Why is this bad?
The field has been deprecated since Kubernetes 1.8. The API server still copies it into
`serviceAccountName` when that is empty, but tools, policies and readers look at
`serviceAccountName`, and a later edit that sets only one of them leaves two names that disagree.

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
      serviceAccount: agent
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
      serviceAccountName: agent
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes API, PodSpec `serviceAccount` ("DeprecatedServiceAccount ... Deprecated: Use
  serviceAccountName instead"):
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS412"
NAME = "deprecated-service-account-field"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    old = spec.get("serviceAccount")
    if "serviceAccount" not in spec:
        return
    new = spec.get("serviceAccountName")
    if isinstance(new, str) and new:
        # A disagreement is conflicting-service-account-names' finding; the same value is the
        # copy the API server writes into every object it returns.
        return
    path = (*POD_SPEC, "serviceAccount")
    fix: tuple[Edit, ...] = ()
    if isinstance(old, str) or old is None:
        # The pod runs as serviceAccountName when it is set, else as serviceAccount.
        fix = (Edit(path, delete=True),)
        if old and not new:
            fix = (Edit((*POD_SPEC, "serviceAccountName"), old), *fix)
    yield Finding(
        path,
        f'the deprecated field serviceAccount "{old}" is set; use serviceAccountName instead',
        fix=fix,
    )
