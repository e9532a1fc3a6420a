"""The text is not valid YAML (or JSON), so the document cannot be read.

Reported at the line and column where the parser stopped. Other documents of the same stream are
still checked: a stream is split at its `---` markers and each document is parsed on its own.

## Why is this bad?
`kubectl apply` refuses the whole file, and no other check can look at the document.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {app: agent
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {app: agent}
```

## Options
None.

## References
- YAML 1.2 specification: https://yaml.org/spec/1.2.2/
"""

from __future__ import annotations

CODE = "DS001"
NAME = "invalid-yaml"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
