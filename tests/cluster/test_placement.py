"""Where the DaemonSet controller wants a pod: real corpus nodes and written edge cases."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dslint.cluster.inventory import object_name, read_inventory
from dslint.cluster.placement import Decision, Nodes, desired_count, place, should_run
from tests.cluster.corpus import DAEMONSETS, NODE_LISTS, NODES, PODS, needs_corpus

# Every daemon pod tolerates these (key under node.kubernetes.io/, effect).
AUTO_ADDED = [
    tuple(item.split(":"))
    for item in [
        "not-ready:NoExecute",
        "unreachable:NoExecute",
        "disk-pressure:NoSchedule",
        "memory-pressure:NoSchedule",
        "pid-pressure:NoSchedule",
        "unschedulable:NoSchedule",
    ]
]


def node(
    name: str = "n1",
    labels: dict[str, Any] | None = None,
    taints: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    obj: dict[str, Any] = {"kind": "Node", "metadata": {"name": name, "labels": labels or {}}}
    if taints is not None:
        obj["spec"] = {"taints": taints}
    return obj


def taint(key: str, effect: str, value: str | None = None) -> dict[str, Any]:
    found = {"key": key, "effect": effect}
    if value is not None:
        found["value"] = value
    return found


def affinity(*terms: dict[str, Any]) -> dict[str, Any]:
    required = {"nodeSelectorTerms": list(terms)}
    return {
        "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": required}}
    }


def expression(key: str, operator: str, *values: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"key": key, "operator": operator}
    if values:
        found["values"] = list(values)
    return {"matchExpressions": [found]}


def decide(spec: dict[str, Any], obj: dict[str, Any]) -> Decision:
    """The single-node decision, checked against the grouped one so both stay the same."""
    single = should_run(spec, obj)
    assert place(spec, Nodes([obj])) == [single]
    return single


# --- tolerations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "effect"), AUTO_ADDED)
def test_each_auto_added_toleration(key: str, effect: str) -> None:
    tainted = node(taints=[taint(f"node.kubernetes.io/{key}", effect)])
    assert decide({}, tainted) == Decision(True, True)
    assert decide({"tolerations": [{"key": "unrelated", "operator": "Exists"}]}, tainted).should_run


def test_auto_added_tolerations_are_exists_so_any_value_is_tolerated() -> None:
    tainted = node(taints=[taint("node.kubernetes.io/unschedulable", "NoSchedule", "x")])
    assert decide({}, tainted).should_run


def test_network_unavailable_only_with_host_network() -> None:
    tainted = node(taints=[taint("node.kubernetes.io/network-unavailable", "NoSchedule")])
    assert decide({"hostNetwork": True}, tainted) == Decision(True, True)
    assert decide({}, tainted) == Decision(
        False, True, ("taint:node.kubernetes.io/network-unavailable=:NoSchedule",)
    )


@pytest.mark.parametrize("key", ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"])
def test_not_ready_and_unreachable_no_schedule_are_not_tolerated(key: str) -> None:
    # Only the NoExecute variants are added: a NotReady node gets no new daemon pod.
    decision = decide({}, node(taints=[taint(key, "NoSchedule")]))
    assert decision == Decision(False, True, (f"taint:{key}=:NoSchedule",))


def test_control_plane_taint_is_not_tolerated_automatically() -> None:
    tainted = node(taints=[taint("node-role.kubernetes.io/control-plane", "NoSchedule")])
    assert not decide({}, tainted).should_run


def test_prefer_no_schedule_is_ignored() -> None:
    assert decide({}, node(taints=[taint("UpdateInProgress", "PreferNoSchedule")])).should_run


def test_no_execute_taint_evicts_no_schedule_keeps_running_pods() -> None:
    assert decide({}, node(taints=[taint("a", "NoExecute")])) == Decision(
        False, False, ("taint:a=:NoExecute",)
    )
    assert decide({}, node(taints=[taint("a", "NoSchedule", "v")])) == Decision(
        False, True, ("taint:a=v:NoSchedule",)
    )


@pytest.mark.parametrize(
    ("toleration", "tolerated"),
    [
        ({"key": "gpu", "operator": "Equal", "value": "yes", "effect": "NoSchedule"}, True),
        ({"key": "gpu", "value": "yes", "effect": "NoSchedule"}, True),  # Equal is the default
        ({"key": "gpu", "operator": "Equal", "value": "no", "effect": "NoSchedule"}, False),
        ({"key": "gpu", "operator": "Equal", "effect": "NoSchedule"}, False),  # "" != "yes"
        ({"key": "gpu", "operator": "Exists", "effect": "NoExecute"}, False),  # other effect
        ({"key": "gpu", "operator": "Exists"}, True),  # any effect
        ({"key": "other", "operator": "Exists"}, False),
        ({"operator": "Exists"}, True),  # empty key: every taint
        ({"operator": "Exists", "effect": "NoExecute"}, False),
        ({"key": "gpu", "operator": "Gt", "value": "1"}, False),  # alpha, not in the controller
    ],
)
def test_toleration_matching(toleration: dict[str, Any], tolerated: bool) -> None:
    tainted = node(taints=[taint("gpu", "NoSchedule", "yes")])
    assert decide({"tolerations": [toleration]}, tainted).should_run is tolerated


def test_every_untolerated_taint_is_a_reason() -> None:
    tainted = node(
        taints=[
            taint("a", "NoSchedule", "1"),
            taint("b", "NoExecute"),
            taint("c", "PreferNoSchedule"),
        ]
    )
    assert decide({}, tainted).reasons == ("taint:a=1:NoSchedule", "taint:b=:NoExecute")


# --- nodeName, nodeSelector, affinity ------------------------------------------------------------


def test_node_name() -> None:
    assert decide({"nodeName": "n1"}, node("n1")).should_run
    assert decide({"nodeName": "n2"}, node("n1")) == Decision(False, False, ("node-name",))


def test_node_selector_needs_every_key_with_equal_value() -> None:
    labelled = node(labels={"os": "linux", "pool": "a"})
    assert decide({"nodeSelector": {"os": "linux", "pool": "a"}}, labelled).should_run
    assert decide({"nodeSelector": {"os": "linux", "pool": "b"}}, labelled).reasons == (
        "node-selector",
    )
    assert not decide({"nodeSelector": {"zone": "x"}}, labelled).should_run
    # YAML reads `true` as a boolean; the API holds "true" on both sides.
    assert decide({"nodeSelector": {"ready": True}}, node(labels={"ready": "true"})).should_run


def test_node_selector_and_affinity_must_both_match() -> None:
    spec = {"nodeSelector": {"os": "linux"}, **affinity(expression("pool", "In", "a"))}
    assert decide(spec, node(labels={"os": "linux", "pool": "a"})).should_run
    assert decide(spec, node(labels={"os": "windows", "pool": "b"})).reasons == (
        "node-selector",
        "node-affinity",
    )


@pytest.mark.parametrize(
    ("term", "labels", "matches"),
    [
        (expression("pool", "In", "a", "b"), {"pool": "b"}, True),
        (expression("pool", "In", "a"), {}, False),
        (expression("pool", "NotIn", "a"), {}, True),  # absent label matches NotIn
        (expression("pool", "NotIn", "a"), {"pool": "a"}, False),
        (expression("pool", "Exists"), {"pool": ""}, True),
        (expression("pool", "DoesNotExist"), {}, True),
        (expression("pool", "DoesNotExist"), {"pool": "a"}, False),
        (expression("cores", "Gt", "8"), {"cores": "16"}, True),
        (expression("cores", "Gt", "16"), {"cores": "16"}, False),  # strictly greater
        (expression("cores", "Lt", "16"), {"cores": "8"}, True),
        (expression("cores", "Lt", "8"), {"cores": "8"}, False),
        (expression("cores", "Gt", "5"), {"cores": "007"}, True),  # base 10, leading zeros
        # "-1" is an integer but not a valid label value, so the requirement does not parse.
        (expression("cores", "Gt", "-1"), {"cores": "3"}, False),
        (expression("cores", "Gt", "8"), {"cores": "16x"}, False),  # label not an integer
        (expression("cores", "Gt", "8"), {"cores": "1.5e3"}, False),
        (expression("cores", "Gt", "8"), {}, False),  # absent label never matches Gt
        (expression("cores", "Lt", "8"), {}, False),
        (expression("cores", "Gt", "1.5"), {"cores": "16"}, False),  # value not an integer
        (expression("cores", "Gt", "99999999999999999999"), {"cores": "1"}, False),  # > int64
        (expression("cores", "Gt", "1", "2"), {"cores": "16"}, False),  # one value only
        (expression("pool", "In"), {"pool": "a"}, False),  # In without values does not parse
        (expression("pool", "Exists", "a"), {"pool": "a"}, False),
        (expression("pool", "In", "not a label value!"), {"pool": "a"}, False),
        (expression("bad key!", "Exists"), {"bad key!": "a"}, False),
        (expression("pool", "Matches", "a"), {"pool": "a"}, False),
        ({}, {"pool": "a"}, False),  # an empty term matches nothing
        ({"matchExpressions": []}, {"pool": "a"}, False),
    ],
)
def test_required_affinity_term(
    term: dict[str, Any], labels: dict[str, str], matches: bool
) -> None:
    decision = decide(affinity(term), node(labels=labels))
    assert decision == (
        Decision(True, True) if matches else Decision(False, False, ("node-affinity",))
    )


def test_terms_are_ored_and_an_unparsable_term_leaves_the_others() -> None:
    spec = affinity(expression("cores", "Gt", "many"), expression("pool", "In", "a"))
    assert decide(spec, node(labels={"pool": "a", "cores": "64"})).should_run
    assert not decide(spec, node(labels={"pool": "b", "cores": "64"})).should_run


def test_expressions_of_a_term_are_anded() -> None:
    term = {
        "matchExpressions": [
            {"key": "pool", "operator": "In", "values": ["a"]},
            {"key": "gpu", "operator": "DoesNotExist"},
        ]
    }
    assert decide(affinity(term), node(labels={"pool": "a"})).should_run
    assert not decide(affinity(term), node(labels={"pool": "a", "gpu": "1"})).should_run


def test_required_affinity_without_terms_matches_nothing() -> None:
    assert not decide(affinity(), node()).should_run


def test_match_fields_on_the_node_name() -> None:
    def fields(operator: str, *values: str, key: str = "metadata.name") -> dict[str, Any]:
        return affinity(
            {"matchFields": [{"key": key, "operator": operator, "values": list(values)}]}
        )

    assert decide(fields("In", "n1"), node("n1")).should_run
    assert not decide(fields("In", "n2"), node("n1")).should_run
    assert decide(fields("NotIn", "n2"), node("n1")).should_run
    assert not decide(fields("NotIn", "n1"), node("n1")).should_run
    assert not decide(fields("In", "n1", "n2"), node("n1")).should_run  # one value only
    assert not decide(fields("Exists"), node("n1")).should_run
    assert not decide(fields("In", "n1", key="spec.unschedulable"), node("n1")).should_run


def test_match_fields_and_expressions_in_one_term_are_anded() -> None:
    term = {
        "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n1"]}],
        "matchExpressions": [{"key": "pool", "operator": "In", "values": ["a"]}],
    }
    assert decide(affinity(term), node("n1", {"pool": "a"})).should_run
    assert not decide(affinity(term), node("n1", {"pool": "b"})).should_run
    assert not decide(affinity(term), node("n2", {"pool": "a"})).should_run


def test_place_groups_nodes_but_keeps_order() -> None:
    nodes = [node(f"n{i}", {"pool": "a" if i % 2 else "b"}) for i in range(6)]
    nodes.append(node("t", {"pool": "a"}, [taint("x", "NoSchedule")]))
    spec = {"nodeSelector": {"pool": "a"}}
    decisions = place(spec, Nodes(nodes))
    assert [d.should_run for d in decisions] == [False, True, False, True, False, True, False]
    assert decisions == [should_run(spec, n) for n in nodes]
    assert desired_count(decisions) == 3


# --- the corpus ----------------------------------------------------------------------------------


def template_spec(obj: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = obj["spec"]["template"]["spec"]
    return spec


@needs_corpus
@pytest.mark.parametrize(
    ("cluster", "nodes", "daemonsets"),
    [
        ("kubevious GKE", [*NODES.glob("kubevious__*")], [*DAEMONSETS.glob("kubevious__*")]),
        ("kdash k3s", [*NODE_LISTS.glob("kdash-rs__*")], [*DAEMONSETS.glob("kdash-rs__*")]),
    ],
)
def test_predicted_desired_equals_recorded_status(
    cluster: str, nodes: list[Any], daemonsets: list[Any]
) -> None:
    inventory = read_inventory([str(p) for p in sorted(nodes + daemonsets)])
    assert inventory.daemonsets and inventory.nodes, cluster
    prepared = Nodes(inventory.nodes)
    predicted = {
        object_name(ds): desired_count(place(template_spec(ds), prepared))
        for ds in inventory.daemonsets
    }
    recorded = {
        object_name(ds): ds["status"]["desiredNumberScheduled"] for ds in inventory.daemonsets
    }
    assert predicted == recorded
    if cluster.startswith("kubevious"):
        assert recorded == {
            "calico-node": 2,
            "ip-masq-agent": 2,
            "kube-proxy": 0,
            "metadata-proxy-v0.1": 0,
            "nvidia-gpu-device-plugin": 0,
        }


@needs_corpus
def test_kubevious_reasons() -> None:
    inventory = read_inventory([str(p) for p in sorted(NODES.glob("kubevious__*"))])
    inventory = read_inventory(
        [str(p) for p in sorted(DAEMONSETS.glob("kubevious__*"))], inventory=inventory
    )
    prepared = Nodes(inventory.nodes)
    reasons = {
        object_name(ds): {d.reasons for d in place(template_spec(ds), prepared)}
        for ds in inventory.daemonsets
    }
    assert reasons["kube-proxy"] == {("node-selector",)}
    assert reasons["nvidia-gpu-device-plugin"] == {("node-affinity",)}


@needs_corpus
def test_cordoned_and_prefer_no_schedule_nodes_of_an_upgrade() -> None:
    inventory = read_inventory(
        [str(NODE_LISTS / "openshift__oc__upgrade-aws-6-nodes-cordoned-master.yaml")]
    )
    decisions = {object_name(n): should_run({}, n) for n in inventory.nodes}
    # Workers run it, cordoned or not, PreferNoSchedule or not; masters keep it out.
    assert {name: d.should_run for name, d in decisions.items()} == {
        "ip-10-0-17-117.us-east-2.compute.internal": True,
        "ip-10-0-22-179.us-east-2.compute.internal": True,  # cordoned worker
        "ip-10-0-33-81.us-east-2.compute.internal": False,
        "ip-10-0-45-170.us-east-2.compute.internal": False,
        "ip-10-0-72-40.us-east-2.compute.internal": True,  # UpdateInProgress:PreferNoSchedule
        "ip-10-0-95-224.us-east-2.compute.internal": False,
    }
    assert decisions["ip-10-0-33-81.us-east-2.compute.internal"].reasons == (
        "taint:node-role.kubernetes.io/master=:NoSchedule",
    )
    master = {"tolerations": [{"key": "node-role.kubernetes.io/master", "operator": "Exists"}]}
    assert desired_count(place(master, Nodes(inventory.nodes))) == 6


@needs_corpus
def test_build_farm_not_ready_node_gets_no_new_pod() -> None:
    inventory = read_inventory(
        [str(NODE_LISTS / "openshift__oc__upgrade-gcp-build-farm-62-nodes.yaml")]
    )
    decisions = place({}, Nodes(inventory.nodes))
    assert desired_count(decisions) == 61  # 13 cordoned nodes still count
    blocked = [d for d in decisions if not d.should_run]
    assert blocked == [Decision(False, True, ("taint:node.kubernetes.io/not-ready=:NoSchedule",))]


@needs_corpus
def test_openshift_sdn_controller_pod_spec_selects_the_masters() -> None:
    files = sorted(NODES.glob("openshift__insights-operator__archive-sample-ci-d53y532-*"))
    inventory = read_inventory([str(p) for p in files])
    pod = json.loads(
        (
            PODS
            / "openshift__insights-operator__archive-sample-ci-d53y532-sdn-controller-xcnqb.json"
        ).read_text()
    )
    spec = dict(pod["spec"])
    prepared = Nodes(inventory.nodes)
    # As the pod was bound: nodeName and the matchFields term the controller injects.
    bound = [
        object_name(n)
        for n, d in zip(inventory.nodes, place(spec, prepared), strict=True)
        if d.should_run
    ]
    assert bound == ["ci-ln-d53y532-f76d1-2btqq-master-1"]
    # As the template was: the masters' role label, with the master taint tolerated.
    del spec["nodeName"], spec["affinity"]
    chosen = [
        object_name(n)
        for n, d in zip(inventory.nodes, place(spec, prepared), strict=True)
        if d.should_run
    ]
    assert chosen == [f"ci-ln-d53y532-f76d1-2btqq-master-{i}" for i in range(3)]


@needs_corpus
def test_grouped_and_single_decisions_agree_on_every_corpus_node() -> None:
    nodes = read_inventory([str(NODES), str(NODE_LISTS)]).nodes
    daemonsets = read_inventory([str(DAEMONSETS)]).daemonsets
    prepared = Nodes(nodes)
    specs = [template_spec(ds) for ds in daemonsets if "spec" in ds and "template" in ds["spec"]]
    specs.append({"tolerations": [{"operator": "Exists"}]})
    specs.append(
        affinity(
            expression("kubernetes.io/hostname", "NotIn", "n1"),
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n2"]}]},
        )
    )
    for spec in specs:
        assert place(spec, prepared) == [should_run(spec, n) for n in nodes]
