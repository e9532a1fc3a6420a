"""A pod sysctl the API server rejects: a bad or repeated name, or one the host namespace owns.

Checks `spec.template.spec.securityContext.sysctls`: each name is required, at most 253
characters of lower-case segments separated by `.` or `/`, and appears once; a network sysctl
(`net.*`) is rejected when the pod uses `hostNetwork`, and an IPC sysctl (`kernel.shm*`,
`kernel.msg*`, `kernel.sem`, `fs.mqueue.*`) when it uses `hostIPC`. Which sysctls a cluster
allows (safe versus unsafe) is decided by the kubelet and Pod Security, not here.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.securityContext.sysctls[0].name: Invalid value:
"net.core.somaxconn": may not be specified when 'hostNetwork' is true`. A pod on the host network
shares the node's network namespace, so setting a namespaced network sysctl there would change it
for the whole node.

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: proxy
spec:
  selector:
    matchLabels: {app: proxy}
  template:
    metadata:
      labels: {app: proxy}
    spec:
      hostNetwork: true
      securityContext:
        sysctls:
          - {name: net.core.somaxconn, value: "4096"}
      containers:
        - name: proxy
          image: registry.example.com/proxy:3.0.1
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: proxy
spec:
  selector:
    matchLabels: {app: proxy}
  template:
    metadata:
      labels: {app: proxy}
    spec:
      securityContext:
        sysctls:
          - {name: net.core.somaxconn, value: "4096"}
      containers:
        - name: proxy
          image: registry.example.com/proxy:3.0.1
```

## Options
None.

## References
- Kubernetes, Using sysctls in a Kubernetes cluster:
  https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
- Kubernetes source, `validateSysctls` and `ValidateHostSysctl` in
  `pkg/apis/core/validation/validation.go`; `pkg/kubelet/sysctl` namespaces
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import POD_SPEC, api_error, pod_spec

CODE = "DS178"
NAME = "invalid-sysctl"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

MAX_LENGTH = 253
_SEGMENT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?"
SYSCTL_PATTERN = f"^({_SEGMENT}[\\./])*{_SEGMENT}$"
_SYSCTL = re.compile(SYSCTL_PATTERN)
NAME_MESSAGE = f"must have at most {MAX_LENGTH} characters and match regex {SYSCTL_PATTERN}"

# Namespaced sysctls by the namespace that owns them (`pkg/kubelet/sysctl/namespace.go`).
IPC_PREFIXES = ("kernel.shm", "kernel.msg", "fs.mqueue.")
IPC_NAMES = ("kernel.sem",)
NET_PREFIX = "net."


def normalize(name: str) -> str:
    """`net/ipv4/ip_forward` means `net.ipv4.ip_forward`: with `/` first, `/` and `.` swap roles."""
    first_dot, first_slash = name.find("."), name.find("/")
    if first_slash != -1 and (first_dot == -1 or first_slash < first_dot):
        return name.translate(str.maketrans("./", "/."))
    return name


def namespace_of(name: str) -> str | None:
    """`net` or `ipc` for namespaced sysctls, None for node-level ones."""
    name = normalize(name)
    if name.startswith(NET_PREFIX):
        return "net"
    if name in IPC_NAMES or name.startswith(IPC_PREFIXES):
        return "ipc"
    return None


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    sysctls = manifest.get((*POD_SPEC, "securityContext", "sysctls"))
    if not isinstance(sysctls, list):
        return
    seen: set[str] = set()
    for index, sysctl in enumerate(sysctls):
        if not isinstance(sysctl, dict):
            continue
        name = sysctl.get("name")
        where = (*POD_SPEC, "securityContext", "sysctls", index, "name")
        if name is None or name == "":
            yield Finding(where, f"a sysctl has no name; {api_error(where, 'Required value')}")
            continue
        if not isinstance(name, str):
            continue
        if len(name) > MAX_LENGTH or not _SYSCTL.match(name):
            error = api_error(where, "Invalid value", NAME_MESSAGE, name)
            yield Finding(where, f'sysctl "{name}" has an invalid name; {error}')
        elif name in seen:
            error = api_error(where, "Duplicate value", value=name)
            yield Finding(where, f'sysctl "{name}" is set twice; {error}')
        seen.add(name)
        namespace = namespace_of(name)
        if namespace == "net" and spec.get("hostNetwork") is True:
            detail = "may not be specified when 'hostNetwork' is true"
            error = api_error(where, "Invalid value", detail, name)
            yield Finding(
                where, f'network sysctl "{name}" cannot be set on the host network; {error}'
            )
        elif namespace == "ipc" and spec.get("hostIPC") is True:
            detail = "may not be specified when 'hostIPC' is true"
            error = api_error(where, "Invalid value", detail, name)
            yield Finding(
                where, f'IPC sysctl "{name}" cannot be set in the host IPC namespace; {error}'
            )
