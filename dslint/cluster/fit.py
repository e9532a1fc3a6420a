"""Whether a daemon pod fits on a node, as the scheduler decides it (NodeResourcesFit, NodePorts).

Public API (objects are plain data):

- `pod_requests(spec)` / `pod_limits(spec)`: a pod's effective requests (limits) by resource,
  as `PodRequests` computes them: the regular containers and the sidecars (init containers with
  `restartPolicy: Always`) add up; each other init container needs its own request plus the
  sidecars started before it, and the pod needs the largest of those if it is larger; pod
  `overhead` is added. A container's missing request defaults to its limit (API defaulting).
  Pod-level `resources` (cpu, memory) replace the containers' sum where set.
- `host_ports(spec)`: the host ports a pod binds (`(ip, protocol, port)`; on the host network
  every container port is one).
- `Room`: what a node has left: allocatable (or capacity, for objects that carry only that)
  minus the requests of the pods already on it (`spec.nodeName`, not Succeeded or Failed), free
  pod slots and the host ports taken. `Rooms(node_objects, pod_objects)` holds every node's
  room as columns: `free(resource)` (whole units, cpu in millicores, one entry per node),
  `slots`, `ports`, and `room(index)` for one node.
- `shortfalls(requests, ports, room) -> list[Shortfall]`: what does not fit, each with what the
  pod asks and what is free: cpu, memory, ephemeral-storage, hugepages and extended resources
  (`nvidia.com/gpu`) with a non-zero request; `pods` when no slot is left (every pod needs
  one); `hostPort:<port>/<protocol>` for a port another pod on the node holds.
- `fit(spec, rooms, wanted, own) -> list[tuple[str, ...] | None]`: per node, the names of what
  does not fit (empty: it fits) where `wanted` is true, None elsewhere or where the node's
  allocatable is unknown. `own` holds the `id()` of pods to leave out of the room (the
  DaemonSet's own pods, which the new ones replace). Each requested resource is compared over
  the free column at once, and equal results are one shared tuple, so the cost per node is a
  few comparisons whatever the number of distinct nodes.
- Quantities beyond int64 (`1e999999`) are no amounts: they are left out, as unparsable ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any, NamedTuple

from dslint.api import Manifest
from dslint.k8s import containers, parse_quantity

Resources = dict[str, Decimal]

PODS = "pods"
TERMINAL_PHASES = ("Succeeded", "Failed")
_MILLI = Decimal("0.001")


class HostPort(NamedTuple):
    ip: str
    protocol: str
    port: int

    def clashes(self, other: HostPort) -> bool:
        """Same port and protocol, on the same address or where either is every address."""
        if self.port != other.port or self.protocol != other.protocol:
            return False
        return self.ip == other.ip or "0.0.0.0" in (self.ip, other.ip)

    def label(self) -> str:
        return f"hostPort:{self.port}/{self.protocol}"


class Shortfall(NamedTuple):
    """A resource that does not fit: what the pod asks, and what the node has free."""

    resource: str
    requested: Decimal
    free: Decimal


def _normalize(resource: str, amount: Decimal) -> Decimal:
    """The scheduler counts cpu in whole millicores and the rest in whole units, rounded up."""
    if resource == "cpu":
        return amount.quantize(_MILLI, rounding=ROUND_CEILING)
    return amount.to_integral_value(rounding=ROUND_CEILING)


_UNKNOWN = 2**100  # more of anything than a pod can ask


def units(resource: str, amount: Decimal) -> int:
    """An amount as the scheduler counts it: cpu in millicores, the rest in whole units."""
    return int(amount * 1000) if resource == "cpu" else int(amount)


LARGEST = Decimal(2**63)  # the scheduler counts in int64; larger is no real amount


def _resource_list(value: object) -> Resources:
    found: Resources = {}
    if isinstance(value, dict):
        for name, quantity in value.items():
            amount = parse_quantity(quantity)
            if isinstance(name, str) and amount is not None and abs(amount) < LARGEST:
                found[name] = _normalize(name, amount)
    return found


def container_resources(container: Mapping[str, Any]) -> tuple[Resources, Resources]:
    """A container's (requests, limits), with a missing request defaulted to its limit."""
    resources = container.get("resources")
    resources = resources if isinstance(resources, dict) else {}
    requests = _resource_list(resources.get("requests"))
    limits = _resource_list(resources.get("limits"))
    for name, amount in limits.items():
        requests.setdefault(name, amount)
    return requests, limits


def _add(total: Resources, more: Mapping[str, Decimal]) -> None:
    for name, amount in more.items():
        total[name] = total.get(name, Decimal(0)) + amount


def _max(total: Resources, other: Mapping[str, Decimal]) -> None:
    for name, amount in other.items():
        if amount > total.get(name, Decimal(0)):
            total[name] = amount


def _template(spec: Mapping[str, Any]) -> Manifest:
    """A pod spec wrapped as a template, so the shared container helpers read it."""
    return Manifest({"spec": {"template": {"spec": spec}}})


def _pod_resources(spec: Mapping[str, Any], limits: bool) -> Resources:
    pick = 1 if limits else 0
    total: Resources = {}
    sidecars: Resources = {}
    init_peak: Resources = {}
    for container in containers(_template(spec)):
        amounts = container_resources(container.data)[pick]
        if container.kind == "container":
            _add(total, amounts)
        elif container.kind == "sidecar":
            _add(total, amounts)
            _add(sidecars, amounts)
            _max(init_peak, sidecars)
        else:
            running = dict(amounts)
            _add(running, sidecars)
            _max(init_peak, running)
    _max(total, init_peak)
    pod_level = spec.get("resources")
    if isinstance(pod_level, dict):
        requests = _resource_list(pod_level.get("requests"))
        pod_limits = _resource_list(pod_level.get("limits"))
        for name, amount in pod_limits.items():
            requests.setdefault(name, amount)
        total.update((pod_limits if limits else requests).items())
    _add(total, _resource_list(spec.get("overhead")))
    return total


def pod_requests(spec: Mapping[str, Any]) -> Resources:
    return _pod_resources(spec, limits=False)


def pod_limits(spec: Mapping[str, Any]) -> Resources:
    return _pod_resources(spec, limits=True)


def host_ports(spec: Mapping[str, Any]) -> tuple[HostPort, ...]:
    """The host ports of the regular and sidecar containers (hostNetwork: every port)."""
    host_network = spec.get("hostNetwork") is True
    found: list[HostPort] = []
    for container in containers(_template(spec)):
        if container.kind == "init":
            continue  # ran to completion before the pod's ports are held
        ports = container.data.get("ports")
        for port in ports if isinstance(ports, list) else ():
            if not isinstance(port, dict):
                continue
            number = port.get("hostPort")
            if host_network and not number:
                number = port.get("containerPort")  # the API server copies it in
            if isinstance(number, int) and not isinstance(number, bool) and number > 0:
                ip = port.get("hostIP")
                protocol = port.get("protocol")
                found.append(
                    HostPort(
                        ip if isinstance(ip, str) and ip else "0.0.0.0",
                        protocol if isinstance(protocol, str) and protocol else "TCP",
                        number,
                    )
                )
    return tuple(found)


# --- the nodes' side ------------------------------------------------------------------------------


class Room(NamedTuple):
    """What a node has left for one more pod."""

    free: tuple[tuple[str, Decimal], ...]  # allocatable minus requests, by resource (no pods)
    pod_slots: Decimal
    ports: tuple[HostPort, ...]

    def free_of(self, resource: str) -> Decimal:
        for name, amount in self.free:
            if name == resource:
                return amount
        return Decimal(0)


def allocatable(node: Mapping[str, Any]) -> Resources | None:
    """A node's allocatable, or its capacity when that is all it has; None when neither."""
    status = node.get("status")
    if not isinstance(status, dict):
        return None
    for field in ("allocatable", "capacity"):
        value = status.get(field)
        if isinstance(value, dict) and value:
            return _resource_list(value)
    return None


def _pod_node(pod: Mapping[str, Any]) -> str | None:
    spec = pod.get("spec")
    status = pod.get("status")
    if isinstance(status, dict) and status.get("phase") in TERMINAL_PHASES:
        return None
    node_name = spec.get("nodeName") if isinstance(spec, dict) else None
    return node_name if isinstance(node_name, str) and node_name else None


def usage(pods: Iterable[Mapping[str, Any]]) -> tuple[Resources, tuple[HostPort, ...]]:
    """What pods request together, and the host ports they hold."""
    used: Resources = {}
    ports: list[HostPort] = []
    for pod in pods:
        spec = pod.get("spec")
        spec = spec if isinstance(spec, dict) else {}
        _add(used, pod_requests(spec))
        ports.extend(host_ports(spec))
    return used, tuple(ports)


def room_of(total: Resources | None, pods: Sequence[Mapping[str, Any]]) -> Room | None:
    """What is left of `total` (a node's allocatable) once `pods` run on it."""
    if total is None:
        return None
    used, ports = usage(pods)
    free = {name: amount - used.get(name, Decimal(0)) for name, amount in total.items()}
    for name, amount in used.items():
        free.setdefault(name, -amount)
    pod_slots = free.pop(PODS, Decimal(0)) - len(pods)
    return Room(tuple(sorted(free.items())), pod_slots, tuple(sorted(set(ports))))


class Rooms:
    """Every node's room, as columns: allocatable, what its pods use, free amounts by resource.

    Free amounts are kept per resource as one column over all nodes (built on first use), so
    a pod is checked against every node with one comparison per node and requested resource.
    """

    __slots__ = ("_free", "allocatable", "names", "pods_on", "ports", "slots", "used")

    def __init__(
        self, node_objects: Iterable[Mapping[str, Any]], pod_objects: Iterable[Mapping[str, Any]]
    ) -> None:
        nodes = list(node_objects)
        self.pods_on: dict[str, list[Mapping[str, Any]]] = {}
        for pod in pod_objects:
            node_name = _pod_node(pod)
            if node_name is not None:
                self.pods_on.setdefault(node_name, []).append(pod)
        self.names = [_name(node) for node in nodes]
        self.allocatable: list[Resources | None] = [allocatable(node) for node in nodes]
        nothing: Resources = {}
        self.used: list[Resources] = []
        self.ports: list[tuple[HostPort, ...]] = []
        self.slots: list[Decimal | None] = []
        for name, total in zip(self.names, self.allocatable, strict=True):
            pods = self.pods_on.get(name, ())
            used, ports = usage(pods)
            self.used.append(used or nothing)
            self.ports.append(ports)
            slots = None if total is None else total.get(PODS, Decimal(0)) - len(pods)
            self.slots.append(slots)
        self._free: dict[str, list[int]] = {
            PODS: [_UNKNOWN if n is None else int(n) for n in self.slots]
        }

    def free(self, resource: str) -> list[int]:
        """What each node has left of a resource, in whole units (cpu: millicores).

        Nodes whose allocatable is unknown get more than any pod can ask, so they never lack;
        `fit` reports them as not judged.
        """
        column = self._free.get(resource)
        if column is None:
            zero = Decimal(0)
            column = self._free[resource] = [
                _UNKNOWN
                if total is None
                else units(resource, total.get(resource, zero) - used.get(resource, zero))
                for total, used in zip(self.allocatable, self.used, strict=True)
            ]
        return column

    def room(self, index: int, leave_out: set[int] | None = None) -> Room | None:
        """One node's room, leaving out some of its pods (by `id()`)."""
        pods = self.pods_on.get(self.names[index], [])
        if leave_out:
            pods = [pod for pod in pods if id(pod) not in leave_out]
        return room_of(self.allocatable[index], pods)


def _name(obj: Mapping[str, Any]) -> str:
    metadata = obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return name if isinstance(name, str) else ""


def shortfalls(
    requests: Mapping[str, Decimal], ports: Sequence[HostPort], room: Room
) -> list[Shortfall]:
    """What of one pod does not fit in `room` (empty: it fits)."""
    missing: list[Shortfall] = []
    if room.pod_slots < 1:
        missing.append(Shortfall(PODS, Decimal(1), room.pod_slots))
    for resource, amount in sorted(requests.items()):
        if resource == PODS or amount <= 0:
            continue
        free = room.free_of(resource)
        if amount > free:
            missing.append(Shortfall(resource, amount, free))
    for port in ports:
        if any(port.clashes(taken) for taken in room.ports):
            missing.append(Shortfall(port.label(), Decimal(1), Decimal(0)))
    return missing


def fit(
    spec: Mapping[str, Any],
    rooms: Rooms,
    wanted: Sequence[bool],
    own: set[int] | None = None,
) -> list[tuple[str, ...] | None]:
    """Per node, the names of what does not fit where `wanted`; None where not wanted or where
    the node's allocatable is unknown.

    `own` holds the `id()` of pods to leave out (the DaemonSet's own, which are replaced).
    """
    requests = pod_requests(spec)
    ports = host_ports(spec)
    checked = [PODS, *(r for r in sorted(requests) if r != PODS and requests[r] > 0)]
    outcomes = [0] * len(wanted)
    for bit, resource in enumerate(checked):
        asked = 1 if resource == PODS else units(resource, requests[resource])
        lacking = [free < asked for free in rooms.free(resource)]
        if any(lacking):
            flag = 1 << bit
            outcomes = [
                o | flag if short else o for o, short in zip(outcomes, lacking, strict=True)
            ]
    for index, taken in enumerate(rooms.ports if ports else ()):
        if taken:
            for port in ports:
                if any(port.clashes(t) for t in taken):
                    outcomes[index] |= 1 << (len(checked) + ports.index(port))
    labels = [*checked, *(port.label() for port in ports)]
    names: dict[int, tuple[str, ...]] = {}
    result: list[tuple[str, ...] | None] = []
    for outcome, want, slots in zip(outcomes, wanted, rooms.slots, strict=True):
        if not want or slots is None:
            result.append(None)
            continue
        found = names.get(outcome)
        if found is None:
            found = names[outcome] = tuple(
                label for bit, label in enumerate(labels) if outcome >> bit & 1
            )
        result.append(found)
    if own:
        for index, name in enumerate(rooms.names):
            on_node = rooms.pods_on.get(name, ())
            if wanted[index] and any(id(pod) in own for pod in on_node):
                room = rooms.room(index, own)
                found_here = shortfalls(requests, ports, room) if room is not None else None
                result[index] = (
                    None if found_here is None else tuple(s.resource for s in found_here)
                )
    return result
