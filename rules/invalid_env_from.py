"""An `envFrom` entry of a container names no source, two sources, an invalid object name or an
invalid prefix.

Each entry names exactly one of `configMapRef` and `secretRef`, whose `name` is required and a
valid object name; a `prefix`, when set, must be a valid environment variable name.

## Why is this bad?
The API server rejects the DaemonSet, e.g.
`spec.template.spec.containers[0].envFrom: Invalid value: "": must specify one of:
`configMapRef` or `secretRef`` or
`spec.template.spec.containers[0].envFrom[0].configMapRef.name: Required value`.

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
          image: registry.example.com/agent:1.2.3
          envFrom:
            - configMapRef:
                name: agent-config
              secretRef:
                name: agent-secrets
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
          image: registry.example.com/agent:1.2.3
          envFrom:
            - configMapRef:
                name: agent-config
            - secretRef:
                name: agent-secrets
```

## Options
None. The prefix rule follows `--kubernetes-version` (relaxed names from 1.32).

## References
- Kubernetes, Configure all key-value pairs in a ConfigMap as container environment variables:
  https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/
- Kubernetes source, `ValidateEnvFrom`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import (
    ContainerRef,
    api_error,
    containers,
    dns1123_subdomain_errors,
    env_name_errors,
    invalid_value_errors,
)

CODE = "DS156"
NAME = "invalid-env-from"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SOURCES = ("configMapRef", "secretRef")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        env_from = container.data.get("envFrom")
        if not isinstance(env_from, list):
            continue
        for index, entry in enumerate(env_from):
            if isinstance(entry, dict):
                yield from _check_entry(container, index, entry, manifest.kubernetes_version)


def _check_entry(
    container: ContainerRef, index: int, entry: Mapping[str, Any], version: tuple[int, int]
) -> Iterator[Finding]:
    who = container.describe()
    base = (*container.path, "envFrom", index)
    prefix = entry.get("prefix")
    if isinstance(prefix, str) and prefix:
        problems = env_name_errors(prefix, version)
        if problems:
            path = (*base, "prefix")
            errors = invalid_value_errors(path, prefix, problems)
            yield Finding(path, f'{who} envFrom prefix "{prefix}" is not valid; {errors}')
    sources = [source for source in SOURCES if entry.get(source) is not None]
    # The API server reports these two on `envFrom` itself, without the index.
    list_path = (*container.path, "envFrom")
    if not sources:
        error = api_error(
            list_path,
            "Invalid value",
            "must specify one of: `configMapRef` or `secretRef`",
            value="",
        )
        yield Finding(base, f"{who} envFrom entry #{index + 1} names no source; {error}")
    elif len(sources) > 1:
        error = api_error(
            list_path,
            "Invalid value",
            "may not have more than one field specified at a time",
            value="",
        )
        yield Finding(
            base,
            f"{who} envFrom entry #{index + 1} names both a ConfigMap and a Secret; "
            f"use one entry for each; {error}",
        )
    for source in sources:
        reference = entry.get(source)
        if isinstance(reference, dict):
            yield from _check_name(who, (*base, source), reference)


def _check_name(who: str, path: Path, reference: Mapping[str, Any]) -> Iterator[Finding]:
    name = reference.get("name")
    name_path = (*path, "name")
    if name is None or name == "":
        error = api_error(name_path, "Required value")
        yield Finding(name_path, f"{who} envFrom {path[-1]} has no name; {error}")
        return
    if not isinstance(name, str):
        return
    # The name is checked as a prefix, so a trailing dash is allowed.
    problems = dns1123_subdomain_errors(name[:-1] + "a" if name.endswith("-") else name)
    if problems:
        errors = invalid_value_errors(name_path, name, problems)
        yield Finding(name_path, f'{who} envFrom {path[-1]} name "{name}" is not valid; {errors}')
