"""An environment variable whose name says it holds a secret is given a literal `value`.

Names are split into words at `_`, `-` and `.`; a name is secret-looking when it contains
`PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`, `APIKEY` or `CREDENTIALS`, or the word pairs `API KEY`,
`PRIVATE KEY`, `ACCESS KEY` or `SECRET KEY` — unless its last word says it holds a reference
rather than the secret (`FILE`, `PATH`, `DIR`, `NAME`, `ID`, `URL`, `TTL`, ...). Values that are
empty, `true`/`false`, absolute paths or `$(VAR)` references are not secrets. The message never
repeats the value.

## Why is this bad?
A literal value lives in the manifest: in Git, in the chart, in CI logs, and in the DaemonSet
object that anyone allowed to read DaemonSets can see (`kubectl get ds -o yaml`), a much wider
group than those allowed to read Secrets. Rotating it means editing and re-rolling every node.
Placeholders such as `changeme` are worse: they end up deployed.

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
            - name: ELASTICSEARCH_PASSWORD
              value: changeme
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
            - name: ELASTICSEARCH_PASSWORD
              valueFrom:
                secretKeyRef: {name: agent-elasticsearch, key: password}
```

## Options
- `allowed-names` (list of strings, default empty): variable names never reported, for names
  that look secret but are not (`TOKEN_AUDIENCE`).

## References
- Kubernetes, Secrets, using Secrets as environment variables:
  https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
- Kubernetes, Good practices for Kubernetes Secrets:
  https://kubernetes.io/docs/concepts/security/secrets-good-practices/
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import containers

CODE = "DS404"
NAME = "secret-in-env-value"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

SECRET_WORDS = frozenset({"PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS"})
SECRET_PAIRS = frozenset({("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY"), ("SECRET", "KEY")})
# A last word that makes the variable a pointer to the secret or a setting about it.
REFERENCE_WORDS = frozenset(
    {"FILE", "PATH", "DIR", "NAME", "ID", "URL", "TTL", "TIMEOUT", "TYPE", "ENABLED", "REF"}
)
REFERENCE_ONLY = re.compile(r"^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$")


class Options(NamedTuple):
    allowed_names: tuple[str, ...] = ()


def looks_secret(name: str) -> bool:
    words = [w for w in re.split(r"[_\-.]", name.upper()) if w]
    if not words or words[-1] in REFERENCE_WORDS:
        return False
    if any(word in SECRET_WORDS for word in words):
        return True
    return any(pair in SECRET_PAIRS for pair in itertools.pairwise(words))


def looks_literal(value: object) -> bool:
    if not isinstance(value, str):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    text = value.strip()
    return (
        bool(text)
        and text.lower() not in ("true", "false")
        and not text.startswith("/")
        and (not REFERENCE_ONLY.match(text))
    )


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    for container in containers(manifest):
        env = container.data.get("env")
        if not isinstance(env, list):
            continue
        for index, variable in enumerate(env):
            if not isinstance(variable, dict):
                continue
            name = variable.get("name")
            if not isinstance(name, str) or name in options.allowed_names:
                continue
            if "value" not in variable or not looks_secret(name):
                continue
            if not looks_literal(variable["value"]):
                continue
            yield Finding(
                (*container.path, "env", index, "value"),
                f'{container.describe()} sets env "{name}" to a literal value; read it from a '
                "Secret with valueFrom.secretKeyRef",
            )
