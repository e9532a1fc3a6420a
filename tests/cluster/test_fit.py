"""Whether a daemon pod fits: effective requests, node room, extended resources, host ports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from dslint.cluster.fit import (
    HostPort,
    Rooms,
    Shortfall,
    allocatable,
    fit,
    host_ports,
    pod_limits,
    pod_requests,
    room_of,
    shortfalls,
)
from dslint.cluster.inventory import object_name, read_inventory
from tests.cluster.corpus import NODE_LISTS, NODES, PODS, needs_corpus

D = Decimal


def container(name: str, requests: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "image": "x"}
    if requests is not None:
        found["resources"] = {"requests": requests}
    found.update(extra)
    return found


def sidecar(name: str, requests: dict[str, Any]) -> dict[str, Any]:
    return container(name, requests, restartPolicy="Always")


def node(name: str, allocatable: dict[str, Any] | None = None) -> dict[str, Any]:
    obj: dict[str, Any] = {"kind": "Node", "metadata": {"name": name}}
    if allocatable is not None:
        obj["status"] = {"allocatable": allocatable}
    return obj


def pod_on(node_name: str, spec: dict[str, Any], phase: str = "Running") -> dict[str, Any]:
    return {
        "kind": "Pod",
        "metadata": {"name": f"p-{node_name}"},
        "spec": {"nodeName": node_name, **spec},
        "status": {"phase": phase},
    }


# --- effective requests --------------------------------------------------------------------------


def test_containers_add_up() -> None:
    spec = {
        "containers": [
            container("a", {"cpu": "100m", "memory": "64Mi"}),
            container("b", {"cpu": 1}),
        ]
    }
    assert pod_requests(spec) == {"cpu": D("1.1"), "memory": D(64 * 2**20)}


def test_a_limit_without_request_is_the_request() -> None:
    spec = {
        "containers": [
            container(
                "a", resources={"limits": {"cpu": "2", "memory": "1Gi"}, "requests": {"cpu": "1"}}
            )
        ]
    }
    assert pod_requests(spec) == {"cpu": D(1), "memory": D(2**30)}
    assert pod_limits(spec) == {"cpu": D(2), "memory": D(2**30)}


def test_init_containers_count_as_the_largest() -> None:
    spec = {
        "initContainers": [container("setup", {"cpu": "2", "memory": "10Mi"})],
        "containers": [container("a", {"cpu": "500m", "memory": "100Mi"})],
    }
    # cpu: the init container's 2 is more than the 500m that runs after it; memory: 100Mi.
    assert pod_requests(spec) == {"cpu": D(2), "memory": D(100 * 2**20)}


def test_sidecars_add_to_the_containers_and_to_later_init_containers() -> None:
    spec = {
        "initContainers": [
            sidecar("proxy", {"cpu": "300m"}),
            container("migrate", {"cpu": "1"}),  # runs beside the proxy: 1.3
        ],
        "containers": [container("a", {"cpu": "500m"})],
    }
    assert pod_requests(spec) == {"cpu": D("1.3")}
    spec["initContainers"] = [container("migrate", {"cpu": "1"}), sidecar("proxy", {"cpu": "300m"})]
    # The init container ran before the sidecar started: max(1, 0.5 + 0.3).
    assert pod_requests(spec) == {"cpu": D(1)}


def test_overhead_and_pod_level_resources() -> None:
    spec: dict[str, Any] = {
        "containers": [container("a", {"cpu": "100m", "memory": "10Mi"})],
        "overhead": {"cpu": "250m", "memory": "120Mi"},
    }
    assert pod_requests(spec) == {"cpu": D("0.35"), "memory": D(130 * 2**20)}
    spec["resources"] = {"requests": {"cpu": "1"}}
    assert pod_requests(spec) == {"cpu": D("1.25"), "memory": D(130 * 2**20)}


def test_cpu_rounds_up_to_millicores_and_bytes_to_whole_units() -> None:
    spec = {"containers": [container("a", {"cpu": "100100u", "memory": "1.5"})]}
    assert pod_requests(spec) == {"cpu": D("0.101"), "memory": D(2)}


def test_extended_resources_and_hugepages() -> None:
    spec = {"containers": [container("a", {"nvidia.com/gpu": 1, "hugepages-2Mi": "4Mi"})]}
    assert pod_requests(spec) == {"nvidia.com/gpu": D(1), "hugepages-2Mi": D(4 * 2**20)}


# --- host ports ----------------------------------------------------------------------------------


def test_host_ports() -> None:
    spec = {
        "hostNetwork": True,
        "initContainers": [container("init", ports=[{"containerPort": 1}])],
        "containers": [
            container(
                "a",
                ports=[
                    {"containerPort": 9100},
                    {"containerPort": 53, "protocol": "UDP", "hostIP": "10.0.0.1"},
                ],
            )
        ],
    }
    assert host_ports(spec) == (HostPort("0.0.0.0", "TCP", 9100), HostPort("10.0.0.1", "UDP", 53))
    # Without the host network only explicit host ports bind.
    spec["hostNetwork"] = False
    assert host_ports(spec) == ()


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (HostPort("0.0.0.0", "TCP", 80), HostPort("10.0.0.1", "TCP", 80), True),
        (HostPort("10.0.0.2", "TCP", 80), HostPort("10.0.0.1", "TCP", 80), False),
        (HostPort("0.0.0.0", "UDP", 80), HostPort("0.0.0.0", "TCP", 80), False),
        (HostPort("0.0.0.0", "TCP", 81), HostPort("0.0.0.0", "TCP", 80), False),
    ],
)
def test_host_port_clashes(first: HostPort, second: HostPort, clash: bool) -> None:
    assert first.clashes(second) is clash
    assert second.clashes(first) is clash


# --- the node's room -----------------------------------------------------------------------------


def test_room_is_allocatable_minus_running_pods() -> None:
    busy = pod_on("n1", {"containers": [container("x", {"cpu": "1500m"})]})
    done = pod_on("n1", {"containers": [container("y", {"cpu": "4"})]}, phase="Succeeded")
    rooms = Rooms([node("n1", {"cpu": "2", "memory": "1Gi", "pods": "3"})], [busy, done])
    room = rooms.room(0)
    assert room is not None
    assert room.free_of("cpu") == D("0.5")
    assert room.pod_slots == 2  # the Succeeded pod holds nothing
    assert (rooms.free("cpu"), rooms.free("pods")) == ([500], [2])  # millicores, slots


def test_shortfalls_name_each_resource() -> None:
    room = room_of({"cpu": D(1), "memory": D(100), "pods": D(1)}, [])
    assert room is not None
    assert shortfalls({"cpu": D(2), "memory": D(50)}, (), room) == [Shortfall("cpu", D(2), D(1))]
    full = room_of({"cpu": D(1), "pods": D(1)}, [pod_on("n", {"containers": []})])
    assert full is not None
    # No request at all still needs a pod slot.
    assert shortfalls({}, (), full) == [Shortfall("pods", D(1), D(0))]


def test_extended_resource_missing_on_node_does_not_fit_and_zero_is_skipped() -> None:
    room = room_of({"cpu": D(4), "pods": D(10)}, [])
    assert room is not None
    assert shortfalls({"nvidia.com/gpu": D(1)}, (), room) == [
        Shortfall("nvidia.com/gpu", D(1), D(0))
    ]
    assert shortfalls({"nvidia.com/gpu": D(0)}, (), room) == []


def test_host_port_taken_by_a_pod_on_the_node() -> None:
    exporter = pod_on(
        "n1", {"containers": [container("e", ports=[{"containerPort": 9100, "hostPort": 9100}])]}
    )
    rooms = Rooms(
        [node("n1", {"cpu": "1", "pods": "10"}), node("n2", {"cpu": "1", "pods": "10"})], [exporter]
    )
    spec = {
        "hostNetwork": True,
        "containers": [container("agent", ports=[{"containerPort": 9100}])],
    }
    assert fit(spec, rooms, [True, True]) == [("hostPort:9100/TCP",), ()]
    assert fit({"containers": []}, rooms, [True, True]) == [(), ()]


def test_fit_only_where_wanted_unknown_allocatable_and_own_pods() -> None:
    old = pod_on("n1", {"containers": [container("agent", {"cpu": "900m"})]})
    nodes = [
        node("n1", {"cpu": "1", "pods": "10"}),
        node("n2"),
        node("n3", {"cpu": "1", "pods": "10"}),
    ]
    rooms = Rooms(nodes, [old])
    spec = {"containers": [container("agent", {"cpu": "500m"})]}
    assert fit(spec, rooms, [True, True, False]) == [
        ("cpu",),
        None,  # no allocatable: not judged
        None,  # not wanted there
    ]
    room = rooms.room(0)
    assert room is not None
    assert shortfalls(pod_requests(spec), (), room) == [Shortfall("cpu", D("0.5"), D("0.1"))]
    # The old pod of the same DaemonSet is replaced, so its room is free again.
    assert fit(spec, rooms, [True, False, False], own={id(old)})[0] == ()


# --- the corpus ----------------------------------------------------------------------------------


@needs_corpus
def test_kubevious_nodes_with_their_running_pods() -> None:
    inventory = read_inventory([str(p) for p in sorted(NODES.glob("kubevious__*"))])
    inventory = read_inventory(
        [str(p) for p in sorted(PODS.glob("kubevious__*"))], inventory=inventory
    )
    rooms = Rooms(inventory.nodes, inventory.pods)
    free = {}
    for index, obj in enumerate(inventory.nodes):
        room = rooms.room(index)
        assert room is not None
        free[object_name(obj)] = (room.free_of("cpu"), room.pod_slots)
    # 1.93 allocatable cpu; the calico-node pod on each node requests 100m, ip-masq-agent 10m.
    assert free == {
        "gke-kubevious-samples-pool-2-d17eaa99-a7xj": (D("1.82"), 108),
        "gke-kubevious-samples-pool-2-d17eaa99-mb9q": (D("1.82"), 106),
    }
    big = {"containers": [container("agent", {"cpu": "2"})]}
    assert fit(big, rooms, [True, True]) == [("cpu",), ("cpu",)]


@needs_corpus
def test_gpu_nodes_of_the_corpus() -> None:
    files = [
        NODES / "kubernetes-sigs__kwok__virtual-gpu-node.yaml",
        *sorted(NODES.glob("run-ai__*")),
    ]
    inventory = read_inventory([str(p) for p in files])
    names = [object_name(n) for n in inventory.nodes]
    rooms = Rooms(inventory.nodes, [])
    spec = {"containers": [container("trainer", {"nvidia.com/gpu": 2})]}
    short = fit(spec, rooms, [True] * len(names))
    gpu_fits = {name: found == () for name, found in zip(names, short, strict=True)}
    assert gpu_fits["virtual-gpu-node"] is True  # 8 GPUs
    assert gpu_fits["qa-mig-worker-gpu-1"] is True  # 2 GPUs
    assert gpu_fits["qa-mig-worker-gpu-a100"] is False  # MIG partitions only, nvidia.com/gpu 0


@needs_corpus
def test_allocatable_capacity_fallback_and_trimmed_nodes() -> None:
    template = read_inventory(
        [str(NODES / "kubernetes__kubernetes__scheduler-perf-node-with-taint.yaml")]
    )
    assert allocatable(template.nodes[0]) == {"pods": D(110), "cpu": D(4), "memory": D(32 * 2**30)}
    trimmed = read_inventory(
        [str(NODE_LISTS / "openshift__oc__upgrade-trimmed-6-nodes-healthy.yaml")]
    )
    assert all(allocatable(n) is None for n in trimmed.nodes)


def test_fit_over_many_distinct_rooms_agrees_with_each_room() -> None:
    # Every node a room of its own (as in a cluster where each node's allocatable differs):
    # `Rooms.fitting` compares whole columns, and must say what `shortfalls` says room by room.
    nodes = [
        node(f"n{i}", {"cpu": f"{100 + i * 50}m", "memory": f"{i}Mi", "pods": "3"})
        for i in range(12)
    ]
    pods = [pod_on("n0", {"containers": [container("x")]})] * 3  # n0 has no pod slot left
    rooms = Rooms(nodes, pods)
    spec = {"containers": [container("agent", {"cpu": "300m", "memory": "5Mi"})]}
    requests = pod_requests(spec)
    expected = []
    for index in range(12):
        room = rooms.room(index)
        assert room is not None
        expected.append(shortfalls(requests, (), room))
    assert fit(spec, rooms, [True] * 12) == [tuple(s.resource for s in found) for found in expected]
    assert [bool(found) for found in expected] == [True] * 5 + [False] * 7
    assert expected[0][0] == Shortfall("pods", D(1), D(0))
