"""Admission of daemon pods: Pod Security labels, LimitRange defaults and limits, quotas."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dslint.cluster.admission import (
    Verdict,
    admit,
    apply_limit_ranges,
    container_defaults,
    limit_range_verdicts,
    pod_security,
    pod_security_policy,
    priority_verdicts,
    quota_applies,
    quota_verdicts,
)
from dslint.cluster.inventory import Inventory, read_inventory
from tests.cluster.corpus import DAEMONSETS, NAMESPACES, QUOTAS, needs_corpus


def daemonset(
    *containers: dict[str, Any], namespace: str = "agents", **spec: Any
) -> dict[str, Any]:
    listed = list(containers) or [{"name": "agent", "image": "agent:1"}]
    return {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": namespace},
        "spec": {"template": {"spec": {"containers": listed, **spec}}},
    }


def container(
    name: str = "agent",
    requests: dict[str, Any] | None = None,
    limits: dict[str, Any] | None = None,
) -> dict[str, Any]:
    resources: dict[str, Any] = {}
    if requests is not None:
        resources["requests"] = requests
    if limits is not None:
        resources["limits"] = limits
    return {"name": name, "image": "agent:1", "resources": resources}


def namespace(**labels: str) -> dict[str, Any]:
    full = {f"pod-security.kubernetes.io/{k.replace('_', '-')}": v for k, v in labels.items()}
    return {"kind": "Namespace", "metadata": {"name": "agents", "labels": full}}


def spec_of(obj: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = obj["spec"]["template"]["spec"]
    return spec


def load(path: Any) -> dict[str, Any]:
    inventory = read_inventory([str(path)])
    objects = [*inventory.namespaces, *inventory.resource_quotas, *inventory.limit_ranges]
    assert len(objects) == 1
    return objects[0]


# --- Pod Security ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "policy"),
    [
        (
            {},
            {
                "enforce": ("privileged", "latest"),
                "warn": ("privileged", "latest"),
                "audit": ("privileged", "latest"),
            },
        ),
        # warn follows a stricter enforce when it is not set
        (
            {"enforce": "baseline", "enforce_version": "v1.29"},
            {
                "enforce": ("baseline", "v1.29"),
                "warn": ("baseline", "v1.29"),
                "audit": ("privileged", "latest"),
            },
        ),
        (
            {"enforce": "baseline", "warn": "privileged"},
            {
                "enforce": ("baseline", "latest"),
                "warn": ("privileged", "latest"),
                "audit": ("privileged", "latest"),
            },
        ),
        # an invalid enforce level fails closed, an invalid warn level open; a bad version is latest
        (
            {"enforce": "strict", "warn": "strict", "audit_version": "1.29"},
            {
                "enforce": ("restricted", "latest"),
                "warn": ("privileged", "latest"),
                "audit": ("privileged", "latest"),
            },
        ),
    ],
)
def test_pod_security_policy(labels: dict[str, str], policy: dict[str, tuple[str, str]]) -> None:
    assert pod_security_policy(namespace(**labels)) == policy


def test_enforce_rejects_pods_with_the_admission_message() -> None:
    ds = daemonset(hostNetwork=True, volumes=[{"name": "logs", "hostPath": {"path": "/var/log"}}])
    verdicts = pod_security(ds, namespace(enforce="baseline"))
    assert [(v.mode, v.rejects) for v in verdicts] == [("enforce", True), ("warn", False)]
    assert verdicts[0].message == (
        'Error creating: pods "agent-xxxxx" is forbidden: violates PodSecurity "baseline:latest": '
        'host namespaces (hostNetwork=true), hostPath volumes (volume "logs")'
    )
    assert verdicts[0].path == ("spec", "template", "spec", "hostNetwork")
    assert verdicts[1].message.startswith('Warning: would violate PodSecurity "baseline:latest"')


def test_warn_and_audit_only_do_not_reject() -> None:
    verdicts = pod_security(daemonset(hostPID=True), namespace(warn="baseline", audit="restricted"))
    assert [(v.mode, v.rejects) for v in verdicts] == [("warn", False), ("audit", False)]
    assert pod_security(daemonset(hostPID=True), None) == []


def test_version_label_picks_the_checks_of_that_version() -> None:
    sysctl = {
        "securityContext": {"sysctls": [{"name": "net.ipv4.tcp_keepalive_time", "value": "60"}]}
    }
    ds = daemonset(**sysctl)
    assert (
        pod_security(ds, namespace(enforce="baseline", enforce_version="v1.29", warn="privileged"))
        == []
    )
    old = pod_security(
        ds, namespace(enforce="baseline", enforce_version="v1.28", warn="privileged")
    )
    assert [v.mode for v in old] == ["enforce"]
    assert 'PodSecurity "baseline:v1.28": forbidden sysctls' in old[0].message


@needs_corpus
def test_corpus_namespaces() -> None:
    privileged_agent = daemonset(hostNetwork=True)
    tekton = load(NAMESPACES / "tektoncd__pipeline__tekton-pipelines-restricted.yaml")
    assert pod_security_policy(tekton)["enforce"] == ("restricted", "latest")
    assert [v.mode for v in pod_security(privileged_agent, tekton)] == ["enforce", "warn"]
    monitoring = load(
        NAMESPACES / "prometheus-operator__kube-prometheus__monitoring-warn-only.yaml"
    )
    assert pod_security(privileged_agent, monitoring) == []
    for path in NAMESPACES.glob("*-privileged.yaml"):
        assert pod_security(privileged_agent, load(path)) == [], path.name


# --- LimitRange -----------------------------------------------------------------------------------


def limit_range(*items: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "LimitRange", "metadata": {"name": "limits"}, "spec": {"limits": list(items)}}


def test_limit_range_object_defaults() -> None:
    assert container_defaults({"type": "Container", "max": {"cpu": "2"}}) == (
        {"cpu": "2"},
        {"cpu": "2"},
    )
    assert container_defaults({"type": "Container", "min": {"cpu": "100m"}}) == (
        {},
        {"cpu": "100m"},
    )
    item = {"default": {"cpu": "1"}, "min": {"cpu": "100m"}}
    assert container_defaults(item) == ({"cpu": "1"}, {"cpu": "1"})


@needs_corpus
def test_defaults_fill_only_what_is_missing_and_leave_the_input() -> None:
    ranges = [load(QUOTAS / "kubernetes__kubernetes__doc-yaml-limitrange.yaml")]
    ds = daemonset(
        container("a"), container("b", requests={"cpu": "50m"}, limits={"memory": "1Gi"})
    )
    before = copy.deepcopy(ds)
    spec, verdicts = apply_limit_ranges(spec_of(ds), ranges)
    assert ds == before
    assert [c["resources"] for c in spec["containers"]] == [
        {
            "requests": {"cpu": "100m", "memory": "256Mi"},
            "limits": {"cpu": "200m", "memory": "512Mi"},
        },
        # The memory limit was also the request (API defaulting) before the LimitRange ran.
        {"requests": {"memory": "1Gi", "cpu": "50m"}, "limits": {"memory": "1Gi", "cpu": "200m"}},
    ]
    assert verdicts == [
        Verdict(
            "LimitRange",
            "default",
            False,
            "LimitRanger plugin set: cpu request for container a; memory request for container a; "
            "cpu limit for container a; memory limit for container a; cpu limit for container b",
            ("spec", "template", "spec", "containers"),
        )
    ]


@needs_corpus
def test_min_and_max_from_the_corpus() -> None:
    ranges = [load(QUOTAS / "kubernetes-sigs__kwok__limit-range-cpu.yaml")]  # cpu 100m..500m
    ok, _ = apply_limit_ranges(spec_of(daemonset()), ranges)
    assert ok["containers"][0]["resources"] == {
        "requests": {"cpu": "500m"},
        "limits": {"cpu": "500m"},
    }
    assert limit_range_verdicts(daemonset(), ok, ranges) == []
    low = daemonset(container(requests={"cpu": "50m"}), container("big", limits={"cpu": "1"}))
    spec, _ = apply_limit_ranges(spec_of(low), ranges)
    messages = [v.message for v in limit_range_verdicts(low, spec, ranges)]
    assert messages == [
        'Error creating: pods "agent-xxxxx" is forbidden: [minimum cpu usage per Container is '
        "100m, but request is 50m., maximum cpu usage per Container is 500m, but limit is 1.]"
    ]


def test_request_above_a_defaulted_limit_is_invalid() -> None:
    ranges = [limit_range({"type": "Container", "default": {"cpu": "1"}})]
    ds = daemonset(container(requests={"cpu": "2"}))
    spec, _ = apply_limit_ranges(spec_of(ds), ranges)
    verdicts = limit_range_verdicts(ds, spec, ranges)
    assert [(v.mode, v.message) for v in verdicts] == [
        (
            "invalid",
            'Error creating: Pod "agent-xxxxx" is invalid: spec.containers[0].resources.requests: '
            'Invalid value: "2": must be less than or equal to cpu limit of 1',
        )
    ]


def test_limit_to_request_ratio_and_missing_values() -> None:
    ranges = [limit_range({"type": "Container", "maxLimitRequestRatio": {"cpu": "2"}})]
    messages = [
        v.message
        for ds in (
            daemonset(container(requests={"cpu": "250m"}, limits={"cpu": "1"})),
            daemonset(container(limits={"memory": "1Gi"})),
            daemonset(container(requests={"cpu": "1"}, limits={"cpu": "2"})),
        )
        for v in limit_range_verdicts(ds, apply_limit_ranges(spec_of(ds), ranges)[0], ranges)
    ]
    assert [m.split("forbidden: ", 1)[1] for m in messages] == [
        "cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000.",
        "cpu max limit to request ratio per Container is 2, but no request is specified or "
        "request is 0.",
    ]


def test_pod_type_sums_containers_and_takes_the_larger_init() -> None:
    ranges = [limit_range({"type": "Pod", "max": {"memory": "1Gi"}})]
    ds = daemonset(
        container("a", limits={"memory": "600Mi"}),
        container("b", limits={"memory": "600Mi"}),
        initContainers=[container("init", limits={"memory": "100Mi"})],
    )
    messages = [v.message for v in limit_range_verdicts(ds, spec_of(ds), ranges)]
    # The sum is a new quantity in decimal form, as the LimitRanger prints it.
    assert messages == [
        'Error creating: pods "agent-xxxxx" is forbidden: maximum memory usage per Pod is 1Gi, '
        "but limit is 1258291200."
    ]


# --- ResourceQuota --------------------------------------------------------------------------------


def quota(hard: dict[str, Any], used: dict[str, Any] | None = None, **spec: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "kind": "ResourceQuota",
        "metadata": {"name": "q"},
        "spec": {"hard": hard, **spec},
    }
    if used is not None:
        found["status"] = {"hard": hard, "used": used}
    return found


@needs_corpus
def test_compute_quota_needs_every_container_to_request() -> None:
    demo = load(
        QUOTAS / "kubernetes-retired__contrib__demo-resourcequota.yaml"
    )  # cpu 4, memory 4Gi
    ds = daemonset(container("a", requests={"cpu": "1"}), container("b"))
    verdicts = quota_verdicts(ds, spec_of(ds), [demo], pods=3)
    assert [v.message for v in verdicts] == [
        'Error creating: pods "agent-xxxxx" is forbidden: failed quota: demo-quota: must specify '
        "cpu for: b; memory for: a,b"
    ]
    assert verdicts[0].admitted == 0


@needs_corpus
def test_hard_minus_used_against_pods_times_nodes() -> None:
    demo = load(QUOTAS / "kubernetes-retired__contrib__demo-resourcequota.yaml")
    ds = daemonset(container(requests={"cpu": "1", "memory": "512Mi"}))
    assert quota_verdicts(ds, spec_of(ds), [demo], pods=4) == []
    verdicts = quota_verdicts(ds, spec_of(ds), [demo], pods=6)
    assert verdicts[0].admitted == 4
    assert verdicts[0].message == (
        '4 of 6 pods admitted; then Error creating: pods "agent-xxxxx" is forbidden: exceeded '
        "quota: demo-quota, requested: cpu=1, used: cpu=4, limited: cpu=4"
    )


def test_untracked_limit_rejects_every_pod() -> None:
    ds = daemonset(container(requests={"cpu": "100m", "memory": "64Mi"}))
    verdicts = quota_verdicts(ds, spec_of(ds), [quota({"limits.memory": "1Gi"})], pods=2)
    assert verdicts[0].message.endswith("failed quota: q: must specify limits.memory for: agent")


def test_used_comes_from_the_status() -> None:
    ds = daemonset(container(requests={"memory": "1Gi"}))
    limited = quota(
        {"requests.memory": "4Gi", "pods": "10"}, used={"requests.memory": "3Gi", "pods": "2"}
    )
    verdicts = quota_verdicts(ds, spec_of(ds), [limited], pods=3)
    assert verdicts[0].message.endswith(
        "exceeded quota: q, requested: requests.memory=1Gi, used: requests.memory=4Gi, "
        "limited: requests.memory=4Gi"
    )
    assert verdicts[0].admitted == 1


@pytest.mark.parametrize(
    ("scopes", "spec", "applies"),
    [
        ({"scopes": ["NotTerminating"]}, {}, True),
        ({"scopes": ["Terminating"]}, {}, False),
        ({"scopes": ["BestEffort"]}, {"containers": [{"name": "a"}]}, True),
        ({"scopes": ["BestEffort"]}, {"containers": [container(requests={"cpu": "1"})]}, False),
        (
            {"scopes": ["NotBestEffort"]},
            {"containers": [container(limits={"memory": "1Gi"})]},
            True,
        ),
        ({"scopes": ["PriorityClass"]}, {"priorityClassName": "high"}, True),
        ({"scopes": ["PriorityClass"]}, {}, False),
        ({"scopes": ["CrossNamespacePodAffinity"]}, {}, False),
        (
            {"scopes": ["CrossNamespacePodAffinity"]},
            {
                "affinity": {
                    "podAntiAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": [
                            {"namespaces": ["x"], "topologyKey": "k"}
                        ]
                    }
                }
            },
            True,
        ),
        (
            {
                "scopeSelector": {
                    "matchExpressions": [
                        {"scopeName": "PriorityClass", "operator": "NotIn", "values": ["high"]}
                    ]
                }
            },
            {"priorityClassName": "low"},
            True,
        ),
        (
            {
                "scopeSelector": {
                    "matchExpressions": [{"scopeName": "PriorityClass", "operator": "DoesNotExist"}]
                }
            },
            {"priorityClassName": "low"},
            False,
        ),
    ],
)
def test_quota_scopes(scopes: dict[str, Any], spec: dict[str, Any], applies: bool) -> None:
    assert quota_applies(quota({"pods": "1"}, **scopes), spec) is applies


@needs_corpus
def test_priority_class_quota_of_the_corpus() -> None:
    webhook = load(
        QUOTAS / "kubernetes__pod-security-admission__pod-security-webhook-priorityclass-quota.yaml"
    )
    critical = daemonset(priorityClassName="system-cluster-critical")
    verdicts = quota_verdicts(critical, spec_of(critical), [webhook], pods=5)
    assert verdicts[0].admitted == 3
    assert verdicts[0].message.endswith("requested: pods=1, used: pods=3, limited: pods=3")
    plain = daemonset()
    assert quota_verdicts(plain, spec_of(plain), [webhook], pods=5) == []


@needs_corpus
def test_kubevious_daemonsets_are_admitted_in_kube_system() -> None:
    inventory = read_inventory([str(p) for p in sorted(QUOTAS.glob("kubevious__*"))])
    daemonsets = read_inventory(
        [str(p) for p in sorted(DAEMONSETS.glob("kubevious__*"))]
    ).daemonsets
    for ds in daemonsets:
        # gcp-critical-pods (PriorityClass scope, pods 1G, used 14) takes these pods but has room.
        assert admit(ds, inventory, pods=2).verdicts == [], ds["metadata"]["name"]


def test_admit_uses_only_the_daemonsets_namespace() -> None:
    inventory = Inventory()
    inventory.namespaces.append(namespace(enforce="restricted"))
    elsewhere = quota({"pods": "0"})
    elsewhere["metadata"]["namespace"] = "other"
    inventory.resource_quotas.append(elsewhere)
    inventory.limit_ranges.append(
        limit_range({"type": "Container", "defaultRequest": {"cpu": "100m"}})
    )
    result = admit(daemonset(hostIPC=True), inventory, pods=2)
    assert [(v.plugin, v.mode) for v in result.verdicts] == [
        ("PodSecurity", "enforce"),
        ("PodSecurity", "warn"),
    ]
    assert result.rejects
    # The LimitRange is in "default", not in "agents": nothing was defaulted.
    assert result.spec["containers"][0].get("resources") is None


# --- Priority -------------------------------------------------------------------------------------


def test_priority_class_names_are_judged_only_when_the_classes_are_known() -> None:
    high = {"kind": "PriorityClass", "metadata": {"name": "agents-high"}, "value": 1000}
    unknown = daemonset(priorityClassName="agents-hihg")
    assert priority_verdicts(unknown, spec_of(unknown), []) == []
    verdicts = priority_verdicts(unknown, spec_of(unknown), [high])
    assert [v.message for v in verdicts] == [
        'Error creating: pods "agent-xxxxx" is forbidden: no PriorityClass with name agents-hihg '
        "was found"
    ]
    assert verdicts[0].path == ("spec", "template", "spec", "priorityClassName")
    built_in = daemonset(priorityClassName="system-node-critical")
    assert priority_verdicts(built_in, spec_of(built_in), [high]) == []
    pinned = daemonset(priorityClassName="agents-high", priority=5)
    assert priority_verdicts(pinned, spec_of(pinned), [high])[0].message.endswith(
        "the integer value of priority (5) must not be provided in pod spec; priority admission "
        "controller computed 1000 from the given PriorityClass name"
    )


def test_admit_reads_the_priority_classes_of_the_inventory() -> None:
    inventory = Inventory()
    inventory.priority_classes.append({"metadata": {"name": "other"}, "value": 1})
    result = admit(daemonset(priorityClassName="missing"), inventory, pods=1)
    assert [(v.plugin, v.rejects) for v in result.verdicts] == [("Priority", True)]
