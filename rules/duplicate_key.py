"""A mapping holds the same key twice.

YAML parsers disagree on what a duplicate key means (most keep the last value silently), and the
Kubernetes API server in strict mode (the default for `kubectl apply` since 1.27) rejects the
object: `strict decoding error: ... duplicate field`.

## Why is this bad?
One of the two values is silently lost, usually the one the author meant, or the apply fails.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  name: agent-v2
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent-v2
```

## Options
None.

## References
- KEP-2885 server-side unknown field validation:
  https://github.com/kubernetes/enhancements/tree/master/keps/sig-api-machinery/2885-server-side-unknown-field-validation
"""

from __future__ import annotations

CODE = "DS002"
NAME = "duplicate-key"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
