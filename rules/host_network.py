"""The pod uses the node's network namespace (`hostNetwork: true`).

Reported at `info`: CNI plugins, kube-proxy replacements, node-local DNS and some exporters
need it, and for them this is a note for the reviewer rather than a defect. The `node-agent`
preset turns it off. Related rules: `host-network-without-cluster-dns` (DNS resolution changes
under hostNetwork) and `host-port` (ports under hostNetwork occupy the node's ports).

## Why is this bad?
A pod on the host network binds the node's interfaces: its ports collide with anything else on
the node (only one such pod per node can listen on a port, which also makes rolling updates
with `maxSurge` impossible), NetworkPolicies do not select its traffic, and it reaches
services listening on the node's loopback, such as the kubelet's read-only port or local
databases. With `NET_RAW` or `NET_ADMIN` it can sniff or change the node's traffic. An agent
that only needs to be reachable on each node can use a `hostPort` or a Service with
`internalTrafficPolicy: Local` instead.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      hostNetwork: true
      dnsPolicy: ClusterFirstWithHostNet
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: metrics-agent
spec:
  selector:
    matchLabels: {app: metrics-agent}
  template:
    metadata:
      labels: {app: metrics-agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/metrics-agent:1.8.0
          ports:
            - {name: metrics, containerPort: 9100}
```

## Options
None.

## References
- Kubernetes, Pod Security Standards, Host Namespaces:
  https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
- Kubernetes, Service internal traffic policy:
  https://kubernetes.io/docs/concepts/services-networking/service-traffic-policy/
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC

CODE = "DS320"
NAME = "host-network"
LEVEL = "info"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    path = (*POD_SPEC, "hostNetwork")
    if manifest.get(path) is True:
        yield Finding(
            path,
            "the pod uses the node's network namespace (hostNetwork: true): its ports are the "
            "node's and NetworkPolicies do not apply to it",
        )
