"""A document exceeds a limit that protects the linter: nesting depth or alias expansion.

A document nested more than 100 levels deep, or one whose aliases expand to more than 200,000
values (an "alias bomb"), is reported and not checked further. Real manifests stay far below both.

## Why is this bad?
Such input is almost always an accident or an attack; parsers and validators that walk it can
exhaust memory or crash.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
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
- Billion laughs attack: https://en.wikipedia.org/wiki/Billion_laughs_attack
"""

from __future__ import annotations

CODE = "DS004"
NAME = "input-limit-exceeded"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
