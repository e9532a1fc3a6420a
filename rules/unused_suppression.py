"""A `# dslint:` suppression comment suppresses no finding.

Off by default, like ruff's `RUF100`: turn it on (`select: [unused-suppression]` or `extends:
strict`) to clean up comments that outlived the finding they were written for. A comment that
names a rule that does not exist is `invalid-suppression` instead.

## Why is this bad?
A suppression that no longer suppresses anything is noise at best; at worst it silently mutes the
next, unrelated finding of that rule on the line, because the reason written for the old
finding now covers a new one.

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
          image: registry.example.com/agent:1.4.2  # dslint: disable-line=latest-image-tag
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
```

## Options
None.

## References
- ruff, `unused-noqa` (RUF100): https://docs.astral.sh/ruff/rules/unused-noqa/
"""

from __future__ import annotations

CODE = "DS006"
NAME = "unused-suppression"
LEVEL = "warning"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False
