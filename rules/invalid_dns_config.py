"""A `dnsPolicy` or `dnsConfig` the API server rejects.

`dnsPolicy` must be `ClusterFirst`, `ClusterFirstWithHostNet`, `Default` or `None` (case matters).
`None` needs a `dnsConfig` with at least one nameserver. `dnsConfig` may list at most 3
nameservers, each an IP address; at most 32 search domains, at most 2048 characters in all, each
a DNS subdomain (a trailing dot is allowed); and every option needs a name.

## Why is this bad?
`kubectl apply` fails, e.g. `spec.template.spec.dnsConfig: Required value: must provide
`dnsConfig` when `dnsPolicy` is None`. With `dnsPolicy: None` the pod would otherwise get no
resolver at all.

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
      dnsPolicy: None
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
      dnsPolicy: None
      dnsConfig:
        nameservers: [10.96.0.10]
        searches: [svc.cluster.local]
        options:
          - {name: ndots, value: "2"}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
```

## Options
None.

## References
- Kubernetes, DNS for services and pods, pod's DNS policy and config:
  https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
- Kubernetes source, `validateDNSPolicy` and `validatePodDNSConfig` in
  `pkg/apis/core/validation/validation.go`
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from dslint.api import Finding, Manifest, Path
from dslint.k8s import (
    IP_ADDRESS_MESSAGE,
    POD_SPEC,
    api_error,
    dns1123_subdomain_errors,
    field_path,
    is_ip_address,
    pod_spec,
)

CODE = "DS183"
NAME = "invalid-dns-config"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False

POLICIES = ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None")
MAX_NAMESERVERS = 3
MAX_SEARCHES = 32
MAX_SEARCH_CHARS = 2048
DNS_CONFIG: Path = (*POD_SPEC, "dnsConfig")
# Search domains may also use `_` (RelaxedDNSSearchValidation, on by default since v1.33).
_RELAXED_SUBDOMAIN = re.compile(
    r"^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*$"
)

Problem = tuple[Path, str]


def check(manifest: Manifest, options: None) -> Iterator[Finding]:
    spec = pod_spec(manifest)
    for where, error in _problems(spec):
        yield Finding(where, f"pod DNS settings are invalid; {error}")


def _problems(spec: Mapping[str, Any]) -> Iterator[Problem]:
    policy = spec.get("dnsPolicy")
    where = (*POD_SPEC, "dnsPolicy")
    if isinstance(policy, str) and policy and policy not in POLICIES:
        listed = ", ".join(f'"{value}"' for value in POLICIES)
        yield where, api_error(where, "Unsupported value", f"supported values: {listed}", policy)
    config = spec.get("dnsConfig")
    if policy == "None":
        if config is None:
            detail = "must provide `dnsConfig` when `dnsPolicy` is None"
            yield where, api_error(DNS_CONFIG, "Required value", detail)
            return
        if isinstance(config, dict) and not config.get("nameservers"):
            detail = "must provide at least one DNS nameserver when `dnsPolicy` is None"
            nameservers = (*DNS_CONFIG, "nameservers")
            yield nameservers, api_error(nameservers, "Required value", detail)
            return
    if isinstance(config, dict):
        yield from _config_problems(config)


def _config_problems(config: Mapping[str, Any]) -> Iterator[Problem]:
    nameservers = config.get("nameservers")
    if isinstance(nameservers, list):
        where = (*DNS_CONFIG, "nameservers")
        if len(nameservers) > MAX_NAMESERVERS:
            detail = f"must not have more than {MAX_NAMESERVERS} nameservers"
            yield where, _invalid_list(where, nameservers, detail)
        for index, server in enumerate(nameservers):
            if isinstance(server, str) and not is_ip_address(server):
                yield (
                    (*where, index),
                    api_error((*where, index), "Invalid value", IP_ADDRESS_MESSAGE, server),
                )
    searches = config.get("searches")
    if isinstance(searches, list):
        yield from _search_problems([s for s in searches if isinstance(s, str)], searches)
    dns_options = config.get("options")
    if isinstance(dns_options, list):
        for index, option in enumerate(dns_options):
            if isinstance(option, dict) and not option.get("name"):
                where = (*DNS_CONFIG, "options", index)
                yield where, api_error(where, "Required value", "must not be empty")


def _search_problems(texts: list[str], searches: list[Any]) -> Iterator[Problem]:
    where = (*DNS_CONFIG, "searches")
    if len(searches) > MAX_SEARCHES:
        detail = f"must not have more than {MAX_SEARCHES} search paths"
        yield where, _invalid_list(where, texts, detail)
    if len(" ".join(texts)) > MAX_SEARCH_CHARS:
        detail = (
            f"must not have more than {MAX_SEARCH_CHARS} characters (including spaces) "
            "in the search list"
        )
        yield where, _invalid_list(where, texts, detail)
    for index, search in enumerate(searches):
        if not isinstance(search, str) or search == ".":
            continue
        domain = search.removesuffix(".")
        if len(domain) <= 253 and _RELAXED_SUBDOMAIN.match(domain):
            continue
        for detail in dns1123_subdomain_errors(domain) or ["must be a valid DNS subdomain"]:
            yield (*where, index), api_error((*where, index), "Invalid value", detail, domain)


def _invalid_list(where: Path, values: list[Any], detail: str) -> str:
    """The API server prints a list value as Go does: `[]string{"a", "b"}`."""
    shown = "[]string{" + ", ".join(f'"{value}"' for value in values) + "}"
    return f"{field_path(where)}: Invalid value: {shown}: {detail}"
