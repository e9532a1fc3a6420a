"""With `hostNetwork: true`, a container port sets a `hostPort` that differs from its
`containerPort`.

On the host network there is no port mapping: the process listens on the node's port directly,
so a `hostPort` must equal the `containerPort` or be left out (the pod then copies the
`containerPort` into it). The API server checks regular containers.

## Why is this bad?
The API server rejects the DaemonSet:
`spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 8081: must match
`containerPort` when `hostNetwork` is true`. The intended remapping cannot happen on the host
network anyway.

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
      hostNetwork: true
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
          ports:
            - containerPort: 8080
              hostPort: 8081
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
      hostNetwork: true
      containers:
        - name: agent
          image: registry.example.com/agent:1.2.3
          ports:
            - containerPort: 8081
              hostPort: 8081
```

## Options
None.

## References
- Kubernetes API, PodSpec `hostNetwork`:
  https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#hostname-and-name-resolution
- Kubernetes source, `validatePodHostNetworkDeps`:
  https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import api_error, container_ports, is_int, pod_spec

CODE = "DS154"
NAME = "host-network-port-mismatch"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    if pod_spec(manifest).get("hostNetwork") is not True:
        return
    for container, entry, port in container_ports(manifest, include_init=False):
        host_port = port.get("hostPort")
        container_port = port.get("containerPort")
        # A template may leave hostPort 0: the pod copies containerPort into it.
        if not is_int(host_port) or host_port == 0 or not is_int(container_port):
            continue
        if host_port != container_port:
            path = (*entry, "hostPort")
            error = api_error(
                path,
                "Invalid value",
                "must match `containerPort` when `hostNetwork` is true",
                value=host_port,
            )
            yield Finding(
                path,
                f"{container.describe()} maps host port {host_port} to {container_port}, "
                f"which the host network cannot do; {error}",
            )
