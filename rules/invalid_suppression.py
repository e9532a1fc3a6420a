"""A `# dslint:` suppression comment names a rule that does not exist.

Each name in the comment's list must be a rule's name (`latest-image-tag`), its code (`DS201`), a
code prefix (`DS2`, every `DS2xx` rule) or `all`. Rules that are not enabled count as existing:
naming one is not an error. Only real YAML comments are read; the same text inside a string or a
block scalar is data and is neither a suppression nor a finding.

## Why is this bad?
A misspelt name suppresses nothing, silently: the author believes a finding is accepted while it
is still reported (or, worse, believes a whole file is muted for one rule while another was
meant). Reporting the comment makes the mistake visible where it was made.

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
          image: registry.example.com/agent:latest  # dslint: disable-line=latest-tag
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
          image: registry.example.com/agent:latest  # dslint: disable-line=latest-image-tag
```

## Options
None.

## References
- ruff, error suppression and `RUF100`: https://docs.astral.sh/ruff/linter/#error-suppression
"""

from __future__ import annotations

CODE = "DS005"
NAME = "invalid-suppression"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
