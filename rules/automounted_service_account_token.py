"""`automountServiceAccountToken` is unset, so every container of the DaemonSet gets an API token.

Only an unset field is flagged: `automountServiceAccountToken: true` records that the agent needs
the Kubernetes API and is accepted. Off by default; many node agents do need the API.

## Why is this bad?
Unless told otherwise, Kubernetes mounts a token for the pod's service account into every
container. A DaemonSet runs on every node, so an agent that never talks to the API server still
hands a credential to every node, and whatever can read the container's files (a compromised
process, a `hostPath` mount of the kubelet's pod directory) can use it with the service account's
permissions. Saying `false` where the API is not needed, and `true` where it is, makes the choice
visible in review.

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
      automountServiceAccountToken: false
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Configure service accounts for pods, opt out of API credential automounting:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, pod_spec

CODE = "DS410"
NAME = "automounted-service-account-token"
LEVEL = "info"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    if not spec or "automountServiceAccountToken" in spec:
        return
    yield Finding(
        (*POD_SPEC, "automountServiceAccountToken"),
        f'DaemonSet "{manifest.name}" mounts a service account token into every container by '
        "default; set automountServiceAccountToken to false, or to true if the agent uses the API",
    )
