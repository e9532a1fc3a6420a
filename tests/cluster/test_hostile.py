"""Careless and hostile cluster objects: any value of any type anywhere costs no traceback."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from dslint.cluster.inventory import Inventory
from dslint.cluster.simulate import prepare, simulate_object

ODD_VALUES: list[Any] = [None, "", "x", -1, 1.5, True, [], {}, [None], {"": None}, "1e999999"]

NODE = {
    "metadata": {"name": "n1", "labels": {"pool": "a", "cores": "8"}},
    "spec": {"taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}], "unschedulable": True},
    "status": {"allocatable": {"cpu": "2", "memory": "1Gi", "pods": "10", "nvidia.com/gpu": "1"}},
}
POD = {
    "metadata": {
        "name": "p",
        "namespace": "agents",
        "ownerReferences": [{"kind": "DaemonSet", "name": "agent"}],
    },
    "spec": {
        "nodeName": "n1",
        "containers": [
            {
                "name": "c",
                "resources": {"requests": {"cpu": "1"}},
                "ports": [{"containerPort": 80, "hostPort": 80}],
            }
        ],
    },
    "status": {"phase": "Running"},
}
NAMESPACE = {
    "metadata": {
        "name": "agents",
        "labels": {
            "pod-security.kubernetes.io/enforce": "baseline",
            "pod-security.kubernetes.io/enforce-version": "v1.30",
        },
    }
}
QUOTA = {
    "metadata": {"name": "q", "namespace": "agents"},
    "spec": {
        "hard": {"cpu": "4", "pods": "2"},
        "scopeSelector": {
            "matchExpressions": [
                {"scopeName": "PriorityClass", "operator": "In", "values": ["high"]}
            ]
        },
    },
    "status": {"used": {"cpu": "1"}},
}
LIMITS = {
    "metadata": {"name": "l", "namespace": "agents"},
    "spec": {
        "limits": [
            {
                "type": "Container",
                "max": {"cpu": "2"},
                "min": {"cpu": "10m"},
                "maxLimitRequestRatio": {"cpu": "4"},
            },
            {"type": "Pod", "max": {"memory": "1Gi"}},
        ]
    },
}
DAEMONSET = {
    "kind": "DaemonSet",
    "metadata": {"name": "agent", "namespace": "agents"},
    "spec": {
        "updateStrategy": {"rollingUpdate": {"maxUnavailable": "10%", "maxSurge": 1}},
        "minReadySeconds": 5,
        "template": {
            "spec": {
                "nodeSelector": {"pool": "a"},
                "priorityClassName": "high",
                "affinity": {
                    "nodeAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": {
                            "nodeSelectorTerms": [
                                {
                                    "matchExpressions": [
                                        {"key": "cores", "operator": "Gt", "values": ["4"]}
                                    ],
                                    "matchFields": [
                                        {"key": "metadata.name", "operator": "In", "values": ["n1"]}
                                    ],
                                }
                            ]
                        }
                    }
                },
                "tolerations": [{"key": "k", "operator": "Equal", "value": "v"}],
                "hostNetwork": True,
                "initContainers": [
                    {"name": "i", "restartPolicy": "Always", "resources": {"limits": {"cpu": "1"}}}
                ],
                "containers": [
                    {
                        "name": "c",
                        "resources": {"requests": {"cpu": "100m"}},
                        "ports": [{"containerPort": 80}],
                    }
                ],
                "overhead": {"cpu": "10m"},
            }
        },
    },
}


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copied = copy.deepcopy(data)
    node = copied
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copied


def simulate(objects: dict[str, Any]) -> None:
    inventory = Inventory()
    inventory.nodes.append(objects["node"])
    inventory.pods.append(objects["pod"])
    inventory.namespaces.append(objects["namespace"])
    inventory.resource_quotas.append(objects["quota"])
    inventory.limit_ranges.append(objects["limits"])
    result = simulate_object(objects["daemonset"], prepare(inventory))
    list(result.nodes)  # every node's record can be made


def test_any_value_anywhere() -> None:
    originals = {
        "node": NODE,
        "pod": POD,
        "namespace": NAMESPACE,
        "quota": QUOTA,
        "limits": LIMITS,
        "daemonset": DAEMONSET,
    }
    simulate(originals)
    tried = 0
    for name, original in originals.items():
        for path in paths(original):
            if not path:
                continue
            for value in ODD_VALUES:
                simulate({**originals, name: replaced(original, path, value)})
                tried += 1
    assert tried > 1000
