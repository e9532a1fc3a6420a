"""A DaemonSet wrapped around a pod spec, so tests of pod-spec rules state only what matters.

The pod spec given to `daemonset` starts on line 12, indented by six spaces.
"""

from __future__ import annotations

import textwrap

HEADER = """\
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
"""


def daemonset(pod_spec: str) -> str:
    """A full DaemonSet manifest whose `spec.template.spec` is `pod_spec` (first line is 12)."""
    return HEADER + textwrap.indent(textwrap.dedent(pod_spec), " " * 6)
