"""A YAML tag asks for an object to be constructed (`!!python/object/apply`, `!Ref`, ...).

dslint never executes or constructs tagged objects; it reports the tag and skips the document.
Kubernetes manifests hold plain data: maps, lists, strings, numbers, booleans and nulls.

## Why is this bad?
The API server cannot decode such a tag, and a tool that constructs it may run code.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: !!python/object/apply:os.system ["true"]
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
```

## Options
None.

## References
- PyYAML safe loading: https://pyyaml.org/wiki/PyYAMLDocumentation
"""

from __future__ import annotations

CODE = "DS003"
NAME = "unsupported-yaml-tag"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
