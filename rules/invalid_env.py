"""An environment variable of a container is malformed in a way the API server rejects.

Checked for every `env` entry of containers, init containers and sidecars:
- `name` is required; from Kubernetes 1.32 it may hold any printable ASCII character except `=`,
  before that only letters, digits, `_`, `-` and `.`, not starting with a digit;
- `valueFrom` names exactly one source (`fieldRef`, `resourceFieldRef`, `configMapKeyRef`,
  `secretKeyRef`), and is not combined with a non-empty `value`;
- `fieldRef.fieldPath` is one the downward API offers for env (`metadata.name`,
  `metadata.namespace`, `metadata.uid`, `metadata.labels['<key>']`,
  `metadata.annotations['<key>']`, `spec.nodeName`, `spec.serviceAccountName`, `status.hostIP`,
  `status.hostIPs`, `status.podIP`, `status.podIPs`);
- `resourceFieldRef.resource` is `limits.`/`requests.` plus `cpu`, `memory`, `ephemeral-storage`
  or `hugepages-<size>`;
- `configMapKeyRef`/`secretKeyRef` name a valid object name and a valid key.

## Why is this bad?
The API server rejects the DaemonSet, e.g.
`spec.template.spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when
`value` is not empty` or `spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath:
Unsupported value: "status.phase": supported values: ...`. A `fieldPath` such as `status.nodeName`
(instead of `spec.nodeName`) is a frequent slip.

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
          env:
            - name: NODE_NAME
              valueFrom:
                fieldRef:
                  fieldPath: status.nodeName
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
          env:
            - name: NODE_NAME
              valueFrom:
                fieldRef:
                  fieldPath: spec.nodeName
```

## Options
None. The variable name rule follows `--kubernetes-version` (relaxed names from 1.32).

## References
- Kubernetes, Expose pod information to containers through environment variables:
  https://kubernetes.io/docs/tasks/inject-data-application/environment-variable-expose-pod-information/
- Kubernetes source, `ValidateEnv` and `validateEnvVarValueFrom`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import (
    ContainerRef,
    api_error,
    config_key_errors,
    containers,
    dns1123_subdomain_errors,
    env_name_errors,
    invalid_value_errors,
    parse_quantity,
    qualified_name_errors,
)

CODE = "DS155"
NAME = "invalid-env"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SOURCES = ("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef")
ENV_FIELD_PATHS = (
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
)
# Paths the downward API knows, but not for env; anything else fails conversion first.
KNOWN_FIELD_PATHS = (
    *ENV_FIELD_PATHS,
    "metadata.labels",
    "metadata.annotations",
    "spec.restartPolicy",
    "spec.schedulerName",
    "status.phase",
    "spec.host",
)
RESOURCES = (
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
)
HUGEPAGES_PREFIXES = ("limits.hugepages-", "requests.hugepages-")
CPU_DIVISORS = {Decimal("0.001"), Decimal(1)}
BYTE_DIVISORS = (
    {Decimal(1)}
    | {Decimal(10) ** (3 * n) for n in range(1, 7)}
    | {Decimal(2) ** (10 * n) for n in range(1, 7)}
)
_SUBSCRIPT = re.compile(r"^(metadata\.(?:labels|annotations))\['(.*)'\]$")


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    for container in containers(manifest):
        env = container.data.get("env")
        if not isinstance(env, list):
            continue
        for index, variable in enumerate(env):
            if isinstance(variable, dict):
                yield from _check_variable(
                    container, (*container.path, "env", index), variable, manifest
                )


def _check_variable(
    container: ContainerRef, base: Path, variable: Mapping[str, Any], manifest: Manifest
) -> Iterator[Finding]:
    who = container.describe()
    name = variable.get("name")
    shown = name if isinstance(name, str) and name else f"#{base[-1]}"
    if name is None or name == "":
        path = (*base, "name")
        yield Finding(
            path, f"{who} has an env entry without a name; {api_error(path, 'Required value')}"
        )
    elif isinstance(name, str):
        problems = env_name_errors(name, manifest.kubernetes_version)
        if problems:
            path = (*base, "name")
            errors = invalid_value_errors(path, name, problems)
            yield Finding(path, f'{who} env name "{name}" is not valid; {errors}')
    value_from = variable.get("valueFrom")
    if not isinstance(value_from, dict):
        return
    path = (*base, "valueFrom")
    sources = [source for source in SOURCES if value_from.get(source) is not None]
    value = variable.get("value")
    if not sources:
        error = api_error(
            path,
            "Invalid value",
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
            "`secretKeyRef`",
            value="",
        )
        yield Finding(path, f'{who} env "{shown}" has a valueFrom without a source; {error}')
    elif isinstance(value, str) and value:
        error = api_error(
            path, "Invalid value", "may not be specified when `value` is not empty", value=""
        )
        yield Finding(path, f'{who} env "{shown}" sets both value and valueFrom; {error}')
    elif len(sources) > 1:
        error = api_error(
            path, "Invalid value", "may not have more than one field specified at a time", value=""
        )
        yield Finding(
            path, f'{who} env "{shown}" names {len(sources)} sources in valueFrom; {error}'
        )
    context = f'{who} env "{shown}"'
    field_ref = value_from.get("fieldRef")
    if isinstance(field_ref, dict):
        yield from _check_field_ref((*path, "fieldRef"), field_ref, context)
    resource_ref = value_from.get("resourceFieldRef")
    if isinstance(resource_ref, dict):
        yield from _check_resource_ref((*path, "resourceFieldRef"), resource_ref, context)
    for source in ("configMapKeyRef", "secretKeyRef"):
        selector = value_from.get(source)
        if isinstance(selector, dict):
            yield from _check_key_ref((*path, source), selector, context)


def _check_field_ref(path: Path, ref: Mapping[str, Any], context: str) -> Iterator[Finding]:
    api_version = ref.get("apiVersion") or "v1"  # defaulted
    field = ref.get("fieldPath")
    target = (*path, "fieldPath")
    if field is None or field == "":
        yield Finding(
            target,
            f"{context} has a fieldRef without fieldPath; {api_error(target, 'Required value')}",
        )
        return
    if not isinstance(field, str) or not isinstance(api_version, str):
        return
    subscript = _SUBSCRIPT.match(field)
    if api_version != "v1":
        reason = f"unsupported pod version: {api_version}"
    elif subscript is None and field not in KNOWN_FIELD_PATHS:
        reason = (
            f"field label does not support subscript: {field}"
            if "[" in field
            else f"field label not supported: {field}"
        )
    else:
        reason = ""
    if reason:
        error = api_error(
            target, "Invalid value", f"error converting fieldPath: {reason}", value=field
        )
        yield Finding(target, f'{context} reads an unknown field "{field}"; {error}')
        return
    if subscript is not None:
        key = subscript.group(2)
        problems = qualified_name_errors(key.lower() if "annotations" in field else key)
        if problems:
            errors = invalid_value_errors(path, key, problems)
            yield Finding(target, f'{context} reads an invalid key "{key}"; {errors}')
        return
    resolved = "spec.nodeName" if field == "spec.host" else field
    if resolved not in ENV_FIELD_PATHS:
        supported = ", ".join(f'"{p}"' for p in sorted(ENV_FIELD_PATHS))
        error = api_error(
            target, "Unsupported value", f"supported values: {supported}", value=resolved
        )
        yield Finding(
            target, f'{context} reads "{field}", which env variables cannot read; {error}'
        )


def _check_resource_ref(path: Path, ref: Mapping[str, Any], context: str) -> Iterator[Finding]:
    resource = ref.get("resource")
    resource_path = (*path, "resource")
    if resource is None or resource == "":
        error = api_error(resource_path, "Required value")
        yield Finding(resource_path, f"{context} has a resourceFieldRef without resource; {error}")
        return
    if not isinstance(resource, str):
        return
    if resource not in RESOURCES and not resource.startswith(HUGEPAGES_PREFIXES):
        supported = ", ".join(f'"{r}"' for r in RESOURCES)
        error = api_error(
            resource_path, "Unsupported value", f"supported values: {supported}", value=resource
        )
        yield Finding(resource_path, f'{context} reads unknown resource "{resource}"; {error}')
        return
    divisor = ref.get("divisor")
    amount = parse_quantity(divisor)
    if divisor is None or amount is None or amount == 0:
        return  # unset, or a quantity problem another check reports
    if resource.endswith(".cpu"):
        allowed, detail = (
            CPU_DIVISORS,
            "only divisor's values 1m and 1 are supported with the cpu resource",
        )
    else:
        kind = "memory" if resource.endswith(".memory") else resource.split(".", 1)[1]
        if kind.startswith("hugepages-"):
            kind = "hugepages"
        allowed = BYTE_DIVISORS
        detail = (
            "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are "
            f"supported with the {kind} resource"
        )
    if amount not in allowed:
        divisor_path = (*path, "divisor")
        error = api_error(divisor_path, "Invalid value", detail, value=resource)
        yield Finding(divisor_path, f'{context} uses divisor "{divisor}"; {error}')


def _check_key_ref(path: Path, ref: Mapping[str, Any], context: str) -> Iterator[Finding]:
    name = ref.get("name", "")
    if name is None:
        name = ""
    if isinstance(name, str):
        problems = dns1123_subdomain_errors(name)
        if problems:
            name_path = (*path, "name")
            errors = invalid_value_errors(name_path, name, problems)
            what = "no object name" if not name else f'object name "{name}", which is invalid'
            yield Finding(name_path if name else path, f"{context} refers to {what}; {errors}")
    key = ref.get("key")
    key_path = (*path, "key")
    if key is None or key == "":
        error = api_error(key_path, "Required value")
        yield Finding(key_path, f"{context} refers to no key; {error}")
    elif isinstance(key, str):
        errors = invalid_value_errors(key_path, key, config_key_errors(key))
        if errors:
            yield Finding(key_path, f'{context} refers to invalid key "{key}"; {errors}')
