"""A container defines the same environment variable name twice.

## Why is this bad?
Only the last definition takes effect, so the first one is dead text that readers believe. Worse,
`kubectl apply` and server-side apply treat `env` as a map keyed by name: a duplicate can be
merged away or dropped on the next apply, and the API server warns
`spec.template.spec.containers[0].env[1]: hides previous definition of "LOG_LEVEL", which may be
dropped when using apply`.

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
          env:
            - name: LOG_LEVEL
              value: info
            - name: LOG_LEVEL
              value: debug
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
          env:
            - name: LOG_LEVEL
              value: debug
```

## Options
None.

## References
- Kubernetes, Define environment variables for a container:
  https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
- Kubernetes source, duplicate env warnings in `pkg/api/pod/warnings.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Edit, Finding, Manifest
from dslint.k8s import containers, repeated_values

CODE = "DS403"
NAME = "duplicate-env-var"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = "safe"


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        env = container.data.get("env")
        for index, name, first in repeated_values(container.data, "env", "name"):
            fix: tuple[Edit, ...] = ()
            if isinstance(env, list) and _same_meaning(env[first], env[index]):
                fix = (Edit((*container.path, "env", index), delete=True),)
            yield Finding(
                (*container.path, "env", index, "name"),
                f'{container.describe()} defines env "{name}" again (first at '
                f"env[{first}]); only the last value is used and apply may drop one",
                fix=fix,
            )


def _same_meaning(first: object, again: object) -> bool:
    """Whether the repeated entry sets the same value, so that removing it changes nothing.

    A value that refers to other variables, `$(NAME)`, is expanded where it stands: the same
    text in two places can mean two values.
    """
    return first == again and "$(" not in str(again)
