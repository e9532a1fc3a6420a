"""Realistic node inventories and DaemonSets for the cluster benchmarks.

    python benchmarks/gen_inventory.py --nodes 5000 --shapes few --format json -o nodes.json
    python benchmarks/gen_inventory.py --nodes 5000 --shapes distinct --format yaml -o nodes.yaml
    python benchmarks/gen_inventory.py --daemonsets 100 -o daemonsets.yaml

Nodes look like `kubectl get nodes -o yaml|json` of a cloud cluster: about 30 labels (well-known
topology, instance and role labels, a node pool's own), annotations, taints on some pools, five
conditions with their timestamps and messages, addresses, capacity and allocatable, node info
and a list of about 40 cached images. JSON is indented by 4 spaces as kubectl writes it.

`--shapes few` spreads the nodes over 6 node pools: nodes of a pool differ only in their name,
hostname, addresses and timestamps, as in a real cluster. `--shapes distinct` makes every node a
shape of its own: each has its own rack and serial labels (which the DaemonSets read) and its
own allocatable memory.

The DaemonSets mix what real ones use: `kubernetes.io/os` node selectors, pool and zone node
affinity (`In`, `NotIn`, `Exists`, `Gt`), per-node labels, tolerations for the pools' taints or
for every taint, hostNetwork, and cpu/memory requests. Output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

import yaml

POOLS = (
    # name, instance type, cpu, memory GiB, taint
    ("general", "m5.2xlarge", 8, 32, None),
    ("compute", "c5.4xlarge", 16, 32, None),
    ("memory", "r5.4xlarge", 16, 128, None),
    ("gpu", "p3.8xlarge", 32, 244, ("nvidia.com/gpu", "present", "NoSchedule")),
    ("infra", "m5.xlarge", 4, 16, ("dedicated", "infra", "NoSchedule")),
    ("spot", "m5.2xlarge", 8, 32, ("spot", "true", "PreferNoSchedule")),
)
ZONES = ("us-east-1a", "us-east-1b", "us-east-1c")
IMAGES = (
    "registry.k8s.io/kube-proxy:v1.31.2",
    "docker.io/calico/node:v3.28.1",
    "docker.io/calico/cni:v3.28.1",
    "quay.io/prometheus/node-exporter:v1.8.2",
    "docker.io/fluent/fluent-bit:3.1.9",
    "registry.k8s.io/pause:3.10",
    "registry.k8s.io/coredns/coredns:v1.11.3",
    "public.ecr.aws/eks-distro/kubernetes-csi/node-driver-registrar:v2.11.1",
    "docker.io/grafana/promtail:3.2.0",
    "docker.io/datadog/agent:7.57.2",
)


def _timestamp(rng: random.Random) -> str:
    return f"2026-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"


def node(index: int, rng: random.Random, distinct: bool) -> dict[str, Any]:
    pool, instance, cpu, memory, taint = POOLS[index % len(POOLS)]
    zone = ZONES[(index // len(POOLS)) % len(ZONES)]
    name = f"ip-10-{index // 65536 % 256}-{index // 256 % 256}-{index % 256}.ec2.internal"
    memory_ki = memory * 1024 * 1024 - 1_000_000 - (index * 17 % 50_000 if distinct else 0)
    labels = {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/instance-type": instance,
        "beta.kubernetes.io/os": "linux",
        "failure-domain.beta.kubernetes.io/region": "us-east-1",
        "failure-domain.beta.kubernetes.io/zone": zone,
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "node.kubernetes.io/instance-type": instance,
        "topology.kubernetes.io/region": "us-east-1",
        "topology.kubernetes.io/zone": zone,
        "topology.ebs.csi.aws.com/zone": zone,
        "eks.amazonaws.com/nodegroup": f"{pool}-ng",
        "eks.amazonaws.com/nodegroup-image": "ami-0a1b2c3d4e5f67890",
        "eks.amazonaws.com/capacityType": "SPOT" if pool == "spot" else "ON_DEMAND",
        "eks.amazonaws.com/sourceLaunchTemplateId": "lt-0123456789abcdef0",
        "eks.amazonaws.com/sourceLaunchTemplateVersion": "7",
        "k8s.io/cloud-provider-aws": "0c6f2b1c8d3e4f5a6b7c8d9e0f1a2b3c",
        "node-role.kubernetes.io/worker": "",
        "node.example.com/pool": pool,
        "node.example.com/team": "platform",
        "node.example.com/cost-center": f"cc-{1000 + index % len(POOLS)}",
        "node.example.com/gpu-count": "4" if pool == "gpu" else "0",
        "node.example.com/local-ssd": "true" if pool in ("memory", "compute") else "false",
        "node.example.com/kernel": "6.1",
        "node.example.com/rack": f"rack-{index}" if distinct else f"rack-{index % 40}",
        "node.example.com/serial": f"SN{index:08d}" if distinct else "shared",
        "vpc.amazonaws.com/has-trunk-attached": "true",
        "karpenter.sh/discovered": "false",
        "alpha.eksctl.io/cluster-name": "prod-east",
    }
    conditions = [
        (
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ("NetworkUnavailable", "False", "RouteCreated", "RouteController created a route"),
    ]
    images = [
        {
            "names": [f"{image}@sha256:{rng.getrandbits(256):064x}", image],
            "sizeBytes": rng.randint(5_000_000, 900_000_000),
        }
        for image in IMAGES[: 2 + index % 4]
    ]
    spec: dict[str, Any] = {
        "podCIDR": f"100.{64 + index // 256 % 64}.{index % 256}.0/24",
        "podCIDRs": [f"100.{64 + index // 256 % 64}.{index % 256}.0/24"],
        "providerID": f"aws:///{zone}/i-{rng.getrandbits(60):015x}",
    }
    if taint is not None:
        spec["taints"] = [{"key": taint[0], "value": taint[1], "effect": taint[2]}]
    allocatable = {
        "cpu": f"{cpu * 1000 - 90}m",
        "ephemeral-storage": "95491281146",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        "memory": f"{memory_ki}Ki",
        "pods": "110",
    }
    if pool == "gpu":
        allocatable["nvidia.com/gpu"] = "4"
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "annotations": {
                "alpha.kubernetes.io/provided-node-ip": f"10.0.{index // 256 % 256}.{index % 256}",
                "csi.volume.kubernetes.io/nodeid": json.dumps({"ebs.csi.aws.com": f"i-{index:x}"}),
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true",
            },
            "creationTimestamp": _timestamp(rng),
            "labels": labels,
            "name": name,
            "resourceVersion": str(rng.randint(10_000_000, 99_999_999)),
            "uid": f"{rng.getrandbits(128):032x}",
        },
        "spec": spec,
        "status": {
            "addresses": [
                {"address": f"10.0.{index // 256 % 256}.{index % 256}", "type": "InternalIP"},
                {"address": name, "type": "InternalDNS"},
                {"address": name, "type": "Hostname"},
            ],
            "allocatable": allocatable,
            "capacity": {**allocatable, "cpu": str(cpu), "memory": f"{memory * 1024 * 1024}Ki"},
            "conditions": [
                {
                    "lastHeartbeatTime": _timestamp(rng),
                    "lastTransitionTime": _timestamp(rng),
                    "message": message,
                    "reason": reason,
                    "status": status,
                    "type": kind,
                }
                for kind, status, reason, message in conditions
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "images": images,
            "nodeInfo": {
                "architecture": "amd64",
                "bootID": f"{rng.getrandbits(128):032x}",
                "containerRuntimeVersion": "containerd://1.7.22",
                "kernelVersion": "6.1.112-122.189.amzn2023.x86_64",
                "kubeProxyVersion": "v1.31.2-eks-7f9249a",
                "kubeletVersion": "v1.31.2-eks-7f9249a",
                "machineID": f"{rng.getrandbits(128):032x}",
                "operatingSystem": "linux",
                "osImage": "Amazon Linux 2023.6.20241031",
                "systemUUID": f"{rng.getrandbits(128):032x}",
            },
        },
    }


def node_list(count: int, distinct: bool, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    items = [node(index, rng, distinct) for index in range(count)]
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def daemonset(index: int) -> dict[str, Any]:
    """One of a hundred DaemonSets, each with its own mix of placement constraints."""
    spec: dict[str, Any] = {
        "containers": [
            {
                "name": "agent",
                "image": f"registry.example.com/agent-{index}:1.{index % 7}.0",
                "resources": {
                    "requests": {
                        "cpu": f"{25 + index % 8 * 25}m",
                        "memory": f"{32 + index % 5 * 32}Mi",
                    },
                    "limits": {"memory": f"{64 + index % 5 * 64}Mi"},
                },
            }
        ]
    }
    variant = index % 10
    pools = [pool[0] for pool in POOLS]
    if variant in (0, 5):
        spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
    if variant == 1:
        spec["nodeSelector"] = {"node.example.com/pool": pools[index % len(pools)]}
    expressions: list[dict[str, Any]] = []
    if variant == 2:
        expressions.append({"key": "node.example.com/pool", "operator": "In", "values": pools[:3]})
    if variant == 3:
        expressions.append(
            {
                "key": "topology.kubernetes.io/zone",
                "operator": "NotIn",
                "values": [ZONES[index % 3]],
            }
        )
    if variant == 4:
        expressions.append({"key": "node.example.com/gpu-count", "operator": "Gt", "values": ["0"]})
    if variant == 6:  # per-node labels: every node is read, as when each node has its own shape
        expressions.append({"key": "node.example.com/serial", "operator": "Exists"})
        expressions.append(
            {"key": "node.example.com/rack", "operator": "NotIn", "values": ["rack-7", "rack-13"]}
        )
    if variant == 7:
        expressions.append(
            {"key": "node.example.com/local-ssd", "operator": "In", "values": ["true"]}
        )
    if expressions:
        spec["affinity"] = {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [{"matchExpressions": expressions}]
                }
            }
        }
    if variant in (0, 8):
        spec["tolerations"] = [{"operator": "Exists"}]
    elif variant == 4:
        spec["tolerations"] = [
            {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}
        ]
    elif variant == 9:
        spec["tolerations"] = [{"key": "dedicated", "operator": "Equal", "value": "infra"}]
    if variant in (0, 8):
        spec["hostNetwork"] = True
    name = f"agent-{index:03d}"
    return {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": name, "namespace": "kube-system"},
        "spec": {
            "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}}, "spec": spec},
        },
    }


def write(document: Any, output_format: str, out: Any) -> None:
    if output_format == "json":
        json.dump(document, out, indent=4)
        out.write("\n")
    else:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        yaml.dump(document, out, Dumper=dumper, sort_keys=True)


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, help="write a node list of this many nodes")
    parser.add_argument("--daemonsets", type=int, help="write this many DaemonSets")
    parser.add_argument("--shapes", choices=("few", "distinct"), default="few")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    options = parser.parse_args(arguments)
    if options.nodes is not None:
        document: Any = node_list(options.nodes, options.shapes == "distinct", options.seed)
    elif options.daemonsets is not None:
        items = [daemonset(index) for index in range(options.daemonsets)]
        document = {"apiVersion": "v1", "kind": "List", "items": items}
    else:
        parser.error("give --nodes or --daemonsets")
    if options.output:
        with open(options.output, "w", encoding="utf-8") as out:
            write(document, options.format, out)
    else:
        write(document, options.format, sys.stdout)


if __name__ == "__main__":
    main()
