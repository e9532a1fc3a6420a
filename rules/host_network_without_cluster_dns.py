"""A `hostNetwork` pod does not set `dnsPolicy: ClusterFirstWithHostNet`, so it uses the node's DNS.

In a hostNetwork pod the default `dnsPolicy: ClusterFirst` behaves like `Default`: the pod
gets the node's `/etc/resolv.conf` and cannot resolve Service names. Graded:

- `warning` when the pod says `dnsPolicy: ClusterFirst` explicitly: the manifest asks for
  cluster DNS and silently does not get it.
- `info`, only with the `report-unset` option, when `dnsPolicy` is unset: many network agents
  (CNI plugins, node-local DNS) must use the node's resolver because cluster DNS depends on
  them, so an unset policy is often right; writing `dnsPolicy: Default` says so.

`dnsPolicy: Default` and `None` are deliberate choices and are not reported.

## Why is this bad?
An agent that talks to in-cluster Services by name (`metrics-server.kube-system.svc`, an
OpenTelemetry collector) fails to resolve them only when it runs on the host network, often
discovered after rollout. Writing the policy down either fixes that or documents that the node's
resolver is intended.

## By role
A CNI plugin, a node network agent and a cloud controller manager run before (or provide) the
network cluster DNS needs, so for them the node's resolver is expected and the finding is info
with the reason; for other roles it stays a warning. A comment explaining `dnsPolicy` on its line,
or just above it, lowers the warning to info.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      hostNetwork: true
      dnsPolicy: ClusterFirst
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      hostNetwork: true
      dnsPolicy: ClusterFirstWithHostNet
      containers:
        - name: agent
          image: registry.example.com/log-agent:2.1.0
```

## Options
- `report-unset` (boolean, default false): also report hostNetwork pods that leave `dnsPolicy`
  unset, at `info`.

## References
- Kubernetes, DNS for Services and Pods, Pod's DNS Policy:
  https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC
from dslint.roles import NODE_DNS, expected

CODE = "DS333"
NAME = "host-network-without-cluster-dns"
LEVEL = "warning"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
RECORDED_CHOICE = True


class Options(NamedTuple):
    report_unset: bool = False


def check(manifest: Manifest, options: Options) -> Iterator[Finding]:
    if manifest.get((*POD_SPEC, "hostNetwork")) is not True:
        return
    policy = manifest.get((*POD_SPEC, "dnsPolicy"))
    if policy == "ClusterFirst":
        reason = expected(manifest, NODE_DNS)
        yield Finding(
            (*POD_SPEC, "dnsPolicy"),
            'dnsPolicy "ClusterFirst" falls back to the node\'s DNS in a hostNetwork pod, so '
            + (
                'Service names do not resolve; use "ClusterFirstWithHostNet"'
                if reason is None
                else f'Service names do not resolve; {reason} (say so with dnsPolicy "Default")'
            ),
            level=None if reason is None else "info",
        )
    elif policy is None and options.report_unset:
        yield Finding(
            (*POD_SPEC, "hostNetwork"),
            "the hostNetwork pod uses the node's DNS resolver, not cluster DNS; set dnsPolicy "
            '"ClusterFirstWithHostNet" to resolve Services, or "Default" to say the node\'s '
            "resolver is intended",
            level="info",
        )
