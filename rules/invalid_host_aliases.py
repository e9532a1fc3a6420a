"""A `hostAliases` entry with an invalid IP address or hostname.

Each entry of `spec.template.spec.hostAliases` needs an `ip` that is an IPv4 or IPv6 address, and
each of its `hostnames` must be a DNS subdomain (lower-case letters, digits, `-` and `.`).

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.hostAliases[0].ip: Invalid value:
"registry.local": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`. The entries
become lines of the pod's `/etc/hosts`, which maps addresses to names, not names to names.

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
      hostAliases:
        - ip: registry.local
          hostnames: [Registry]
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
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
      hostAliases:
        - ip: 10.0.0.15
          hostnames: [registry.local]
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, Adding entries to pod /etc/hosts with hostAliases:
  https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
- Kubernetes source, `ValidateHostAliases` in `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

from collections.abc import Iterator

from dslint.api import Finding, Manifest
from dslint.k8s import (
    IP_ADDRESS_MESSAGE,
    POD_SPEC,
    api_error,
    dns1123_subdomain_errors,
    is_ip_address,
    pod_spec,
)

CODE = "DS188"
NAME = "invalid-host-aliases"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    aliases = pod_spec(manifest).get("hostAliases")
    if not isinstance(aliases, list):
        return
    for index, alias in enumerate(aliases):
        if not isinstance(alias, dict):
            continue
        path = (*POD_SPEC, "hostAliases", index)
        ip = alias.get("ip", "")
        if isinstance(ip, str) and not is_ip_address(ip):
            where = (*path, "ip")
            error = api_error(where, "Invalid value", IP_ADDRESS_MESSAGE, ip)
            yield Finding(where, f'host alias address "{ip}" is not an IP address; {error}')
        hostnames = alias.get("hostnames")
        if not isinstance(hostnames, list):
            continue
        for position, hostname in enumerate(hostnames):
            if not isinstance(hostname, str):
                continue
            where = (*path, "hostnames", position)
            for detail in dns1123_subdomain_errors(hostname):
                error = api_error(where, "Invalid value", detail, hostname)
                yield Finding(where, f'host alias name "{hostname}" is not valid; {error}')
