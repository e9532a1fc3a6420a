"""Resource requests of containers and of the whole pod, as the scheduler adds them up.

A container's request for a resource is its `requests` entry, or its `limits` entry when the
request is missing (the API server copies a limit into a missing request). The pod's effective
request, which the scheduler and quota use, counts init containers too: they run one at a time
before the others, next to the sidecars started before them, so for each resource it is the
larger of
- the regular containers plus every sidecar (init containers with `restartPolicy: Always`), and
- for each plain init container, its own request plus the sidecars started before it.
Pod-level `spec.resources.requests` (Kubernetes 1.32 and later), where set, is the pod's request.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from dslint.api import Manifest
from dslint.k8s import ContainerRef, containers, parse_quantity, pod_spec

ZERO = Decimal(0)


def _quantities(value: object) -> dict[str, Decimal]:
    if not isinstance(value, dict):
        return {}
    parsed = {str(name): parse_quantity(amount) for name, amount in value.items()}
    return {name: amount for name, amount in parsed.items() if amount is not None}


def container_requests(data: Mapping[str, Any]) -> dict[str, Decimal]:
    """A container's requests by resource name, limits standing in for missing requests."""
    resources = data.get("resources")
    if not isinstance(resources, dict):
        return {}
    requested = _quantities(resources.get("limits"))
    requested.update(_quantities(resources.get("requests")))
    return requested


def _add(total: dict[str, Decimal], more: Mapping[str, Decimal]) -> None:
    for name, amount in more.items():
        total[name] = total.get(name, ZERO) + amount


def effective_requests(manifest: Manifest) -> dict[str, Decimal]:
    """What the scheduler reserves for one pod of the template, by resource name."""
    pod_resources = pod_spec(manifest).get("resources")
    pod_level = _quantities(
        pod_resources.get("requests") if isinstance(pod_resources, dict) else None
    )
    running: dict[str, Decimal] = {}
    sidecars: dict[str, Decimal] = {}
    init_peak: dict[str, Decimal] = {}
    ordered: list[ContainerRef] = sorted(
        containers(manifest), key=lambda c: (c.kind == "container", c.path)
    )
    for container in ordered:
        requested = container_requests(container.data)
        if container.kind == "container":
            _add(running, requested)
        elif container.kind == "sidecar":
            _add(sidecars, requested)
        else:
            # A plain init container runs alone next to the sidecars started before it.
            during = dict(sidecars)
            _add(during, requested)
            for name, amount in during.items():
                init_peak[name] = max(init_peak.get(name, ZERO), amount)
    _add(running, sidecars)
    total = {
        name: max(running.get(name, ZERO), init_peak.get(name, ZERO))
        for name in {*running, *init_peak}
    }
    total.update(pod_level)
    return total


__all__ = ["container_requests", "effective_requests"]
