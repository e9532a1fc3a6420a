"""A rule failed while checking an object; its findings for that object are missing.

dslint reports the failure as this finding instead of crashing, so every other rule and object
keeps its findings. The message names the rule and the error.

## Why is this bad?
The failing rule did not check the object, so problems it looks for may be hidden. It usually
means a bug in the rule (report it) or input of a shape the rule did not expect.

## Example
```yaml
# Any DaemonSet on which a rule raises an exception.
```

## Use instead
```yaml
# Nothing to change in the manifest; report the failure with the message.
```

## Options
None.

## References
- dslint's rule API: `dslint/api.py`
"""

from __future__ import annotations

CODE = "DS000"
NAME = "internal-error"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
