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
  pod slots and the host ports taken. `Rooms(node_objects, pod_objects)` builds one per node,
  numbering equal rooms once (nodes of a pool with no pods differ only in name).
- `shortfalls(requests, ports, room) -> list[Shortfall]`: what does not fit, each with what the
  pod asks and what is free: cpu, memory, ephemeral-storage, hugepages and extended resources
  (`nvidia.com/gpu`) with a non-zero request; `pods` when no slot is left (every pod needs
  one); `hostPort:<port>/<protocol>` for a port another pod on the node holds.
- `fit(spec, rooms, wanted, own) -> list[tuple[str, ...] | None]`: per node, the names of what
  does not fit (empty: it fits) where `wanted` is true, None elsewhere or where the node's
  allocatable is unknown. `own` names pods to leave out of the room (the DaemonSet's own
  pods, which the new ones replace).
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


def _resource_list(value: object) -> Resources:
    found: Resources = {}
    if isinstance(value, dict):
        for name, quantity in value.items():
            amount = parse_quantity(quantity)
            if isinstance(name, str) and amount is not None:
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


def room_of(total: Resources | None, pods: Sequence[Mapping[str, Any]]) -> Room | None:
    """What is left of `total` (a node's allocatable) once `pods` run on it."""
    if total is None:
        return None
    used: Resources = {}
    ports: list[HostPort] = []
    for pod in pods:
        spec = pod.get("spec")
        spec = spec if isinstance(spec, dict) else {}
        _add(used, pod_requests(spec))
        ports.extend(host_ports(spec))
    free = {name: amount - used.get(name, Decimal(0)) for name, amount in total.items()}
    for name, amount in used.items():
        free.setdefault(name, -amount)
    pod_slots = free.pop(PODS, Decimal(0)) - len(pods)
    return Room(tuple(sorted(free.items())), pod_slots, tuple(sorted(set(ports))))


class Rooms:
    """Every node's room, with equal rooms numbered once; the pods on each node kept by name."""

    __slots__ = ("_free", "_slots", "allocatable", "pods_on", "room_of_node", "rooms")

    def __init__(
        self, node_objects: Iterable[Mapping[str, Any]], pod_objects: Iterable[Mapping[str, Any]]
    ) -> None:
        nodes = list(node_objects)
        self.pods_on: dict[str, list[Mapping[str, Any]]] = {}
        for pod in pod_objects:
            node_name = _pod_node(pod)
            if node_name is not None:
                self.pods_on.setdefault(node_name, []).append(pod)
        self.allocatable: list[Resources | None] = [allocatable(node) for node in nodes]
        numbering: dict[Room | None, int] = {}
        self.room_of_node: list[int] = []
        for node, total in zip(nodes, self.allocatable, strict=True):
            room = room_of(total, self.pods_on.get(_name(node), []))
            self.room_of_node.append(numbering.setdefault(room, len(numbering)))
        self.rooms: list[Room | None] = list(numbering)
        self._slots = [room is not None and room.pod_slots >= 1 for room in self.rooms]
        self._free: dict[str, list[Decimal]] = {}  # per resource, what each room has left

    def fitting(self, requests: Mapping[str, Decimal]) -> list[bool]:
        """Per room, whether a pod with these requests and no host port fits.

        Each resource is compared over all rooms at once: when every node is a room of its own
        (5,000 distinct allocatables), this is much cheaper than `shortfalls` room by room.
        """
        fits = self._slots
        for resource, amount in requests.items():
            if resource == PODS or amount <= 0:
                continue
            free = self._free.get(resource)
            if free is None:
                free = [Decimal(0) if r is None else r.free_of(resource) for r in self.rooms]
                self._free[resource] = free
            fits = [ok and amount <= left for ok, left in zip(fits, free, strict=True)]
        return fits


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
    names: Sequence[str],
    wanted: Sequence[bool],
    own: set[int] | None = None,
) -> list[list[Shortfall] | None]:
    """Per node, what does not fit where `wanted`; None where not wanted or not known.

    `own` holds the `id()` of pods to leave out (the DaemonSet's own, which are replaced).
    """
    requests = pod_requests(spec)
    ports = host_ports(spec)
    # Each room is decided once, then spread over its nodes; with a room per node, whether the
    # pod fits is compared resource by resource over all rooms at once (`Rooms.fitting`).
    fitting = rooms.fitting(requests) if not ports else None
    fits: list[Shortfall] = []  # shared by every room the pod fits in
    decided: dict[int, list[Shortfall] | None] = {}
    for number in {room for room, want in zip(rooms.room_of_node, wanted, strict=True) if want}:
        room = rooms.rooms[number]
        if room is None:
            decided[number] = None
        elif fitting is not None and fitting[number]:
            decided[number] = fits
        else:
            decided[number] = shortfalls(requests, ports, room)
    result = [
        decided[number] if want else None
        for number, want in zip(rooms.room_of_node, wanted, strict=True)
    ]
    if own:  # nodes running the DaemonSet's own pods: those pods are replaced, their room freed
        index_of = {name: index for index, name in enumerate(names)}
        for name, on_node in rooms.pods_on.items():
            index = index_of.get(name)
            if index is None or not wanted[index] or not any(id(p) in own for p in on_node):
                continue
            room = room_of(rooms.allocatable[index], [p for p in on_node if id(p) not in own])
            result[index] = None if room is None else shortfalls(requests, ports, room)
    return result
