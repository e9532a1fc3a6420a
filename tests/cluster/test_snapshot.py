"""Reading a cluster snapshot: kinds, lists, JSON, status fragments, and the index."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dslint.cluster.snapshot import ObjectKey, Snapshot, read_snapshot, snapshot_of_text
from tests.cluster.corpus import CLUSTER_STATE, DAEMONSETS, NODE_LISTS, NODES, PODS, needs_corpus

EVENTS = CLUSTER_STATE / "events"


def _snapshot(text: str, file: str = "snap.yaml") -> Snapshot:
    return snapshot_of_text(textwrap.dedent(text), file)


# --- on the corpus -------------------------------------------------------------------------------


@needs_corpus
def test_kind_cluster_nodes_and_pods_from_json_lists() -> None:
    snapshot = read_snapshot(
        [
            str(NODE_LISTS / "vmware-tanzu__sonobuoy__kind-healthsummary-nodes.json"),
            str(PODS / "vmware-tanzu__sonobuoy__kind-healthsummary-kube-system-pods.json"),
        ]
    )
    assert sorted(snapshot.nodes) == ["kind-control-plane", "kind-worker", "kind-worker2"]
    views = {str(v.key): v for v in snapshot.daemonsets}
    # No DaemonSet object in the dump: kindnet and kube-proxy are known from their pods.
    assert sorted(views) == ["daemonset/kube-system/kindnet", "daemonset/kube-system/kube-proxy"]
    assert views["daemonset/kube-system/kindnet"].obj is None
    assert sorted(p.name for p in views["daemonset/kube-system/kindnet"].pods) == [
        "kindnet-hknk7",
        "kindnet-qhzxn",
        "kindnet-x9fsq",
    ]
    # coredns (ReplicaSet) and the static pods (owned by the Node) belong to no DaemonSet.
    assert len(snapshot.other_pods) == 8
    assert not snapshot.notes


@needs_corpus
def test_status_fragments_are_merged_onto_their_base() -> None:
    snapshot = read_snapshot(sorted(str(p) for p in DAEMONSETS.glob("spinnaker__*")))
    assert not snapshot.notes
    assert len(snapshot.daemonsets) == 7  # one view per fragment; the bare base is not kept
    by_fragment = {Path(v.status_from.file).stem: v for v in snapshot.daemonsets if v.status_from}
    old = by_fragment["spinnaker__clouddriver__handler-status-fragment-old-generation"]
    assert old.data["metadata"]["generation"] == 2  # from the base
    assert old.status["observedGeneration"] == 1  # from the fragment
    assert old.data["spec"]["template"]["spec"]["nodeSelector"] == {"type": "prod"}
    # The fragment's numbers are located in the fragment file.
    assert old.status_from is not None
    assert old.status_from.region(("status", "observedGeneration")).line == 8


@needs_corpus
def test_nodes_without_kind_are_recognised_by_shape() -> None:
    path = NODES / "openshift__insights-operator__archive-sample-worker-0-lab-cluster.json"
    assert '"kind"' not in path.read_text()
    snapshot = read_snapshot([str(path)])
    assert len(snapshot.nodes) == 1
    assert not snapshot.notes


@needs_corpus
def test_json_pod_and_event_list() -> None:
    snapshot = read_snapshot(
        [
            str(
                PODS / "pulumi__pulumi-kubernetes__pod-unscheduled-insufficient-memory-not-ds.json"
            ),
            str(EVENTS / "kdash-rs__kdash__failedscheduling-event-list.yaml"),
        ]
    )
    assert [p.name for p in snapshot.pods] == ["foo"]
    scheduling = snapshot.events_for(ObjectKey("Pod", "gagent", "ga-edge-0"))
    assert [e.data["reason"] for e in scheduling] == ["FailedScheduling"]
    claim = ObjectKey("PersistentVolumeClaim", "gagent", "ga-edge-data-8a821b67-ga-edge-0")
    assert [e.data["reason"] for e in snapshot.events_for(claim)] == ["WaitForPodScheduled"]


@needs_corpus
def test_json_objects_are_located_on_demand() -> None:
    path = PODS / "vmware-tanzu__sonobuoy__kind-healthsummary-kube-system-pods.json"
    snapshot = read_snapshot([str(path)])
    pod = next(p for p in snapshot.pods if p.name == "kindnet-x9fsq")
    region = pod.origin.region(("spec", "nodeName"))
    line = path.read_text().splitlines()[region.line - 1]
    assert '"nodeName": "kind-worker"' in line


@needs_corpus
def test_whole_corpus_reads_without_problems() -> None:
    snapshot = read_snapshot([str(CLUSTER_STATE)])
    # Only caveats: a few nodes appear in two snapshots of the same cluster.
    assert snapshot.notes
    assert all(" listed again (first read from " in note.message for note in snapshot.notes)
    assert len(snapshot.nodes) == 144  # distinct names (PROVENANCE: 153 objects, 144 names)
    assert sum(len(found) for found in snapshot.events.values()) == 22


# --- written cases -------------------------------------------------------------------------------

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: agent:1}]}
"""


def test_pods_are_grouped_by_owner_then_by_selector() -> None:
    snapshot = _snapshot(
        DAEMONSET
        + """\
---
kind: Pod
metadata:
  name: agent-a
  namespace: ops
  ownerReferences: [{kind: DaemonSet, name: agent, controller: true}]
spec: {nodeName: n1, containers: [{name: agent}]}
---
kind: Pod
metadata: {name: agent-b, namespace: ops, labels: {app: agent}}
spec: {nodeName: n2, containers: [{name: agent}]}
---
kind: Pod
metadata: {name: agent-elsewhere, namespace: other, labels: {app: agent}}
spec: {containers: [{name: agent}]}
---
kind: Pod
metadata:
  name: web-1
  namespace: ops
  labels: {app: agent}
  ownerReferences: [{kind: ReplicaSet, name: web}]
spec: {containers: [{name: web}]}
"""
    )
    (view,) = snapshot.daemonsets
    assert [p.name for p in view.pods] == ["agent-a", "agent-b"]
    assert sorted(p.name for p in snapshot.other_pods) == ["agent-elsewhere", "web-1"]


def test_items_without_kind_take_the_kind_of_their_list() -> None:
    snapshot = _snapshot(
        """\
        apiVersion: v1
        kind: NodeList
        items:
        - metadata: {name: n1}
        - metadata: {name: n2}
        """
    )
    assert sorted(snapshot.nodes) == ["n1", "n2"]


def test_json_array_of_objects_is_read_and_located() -> None:
    text = '[\n  {"kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": []}},\n' + (
        '  {"kind": "Pod", "metadata": {"name": "b"}, "spec": {"containers": []}}\n]\n'
    )
    snapshot = _snapshot(text, "pods.json")
    assert [p.name for p in snapshot.pods] == ["a", "b"]
    assert snapshot.pods[1].origin.region(("metadata", "name")).line == 3


def test_fragment_without_a_base_is_a_note_not_a_crash() -> None:
    snapshot = _snapshot("status: {numberReady: 1}\n")
    assert snapshot.daemonsets == []
    assert [n.message for n in snapshot.notes] == [
        "status fragment not used: the snapshot has no DaemonSet without a status to merge it onto"
    ]


def test_fragment_with_two_candidate_bases_names_them() -> None:
    second = DAEMONSET.replace("name: agent,", "name: other,")
    snapshot = _snapshot(DAEMONSET + "---\n" + second + "---\nstatus: {numberReady: 0}\n")
    (note,) = snapshot.notes
    assert "2 DaemonSets without a status could take it (agent, other)" in note.message
    assert note.line == 19
    assert all(v.status_from is None for v in snapshot.daemonsets)


def test_broken_document_costs_the_others_nothing(tmp_path: Path) -> None:
    path = tmp_path / "snap.yaml"
    path.write_text(DAEMONSET + "---\nkind: Pod\nmetadata: {name: [unclosed\n---\n" + DAEMONSET)
    snapshot = read_snapshot([str(path), str(tmp_path / "missing.yaml")])
    assert len(snapshot.daemonsets) == 2
    messages = [(Path(n.file).name, n.line) for n in snapshot.notes]
    assert ("snap.yaml", 11) in messages or ("snap.yaml", 12) in messages
    assert ("missing.yaml", 0) in messages


def test_scalars_are_noted_and_unknown_objects_left_out() -> None:
    snapshot = _snapshot("just text\n---\nmetadata: {name: x}\n---\nkind: ConfigMap\n")
    assert [(n.line, n.message) for n in snapshot.notes] == [(1, "not a Kubernetes object or list")]
    assert not snapshot.pods and not snapshot.nodes and not snapshot.daemonsets


def test_events_about_cluster_scoped_objects_have_no_namespace() -> None:
    snapshot = _snapshot(
        """\
        kind: Event
        metadata: {name: e1, namespace: default}
        involvedObject: {kind: Node, name: n1}
        reason: NodeNotReady
        """
    )
    assert [e.name for e in snapshot.events_for(ObjectKey("Node", "", "n1"))] == ["e1"]
