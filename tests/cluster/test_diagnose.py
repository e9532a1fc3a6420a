"""`diagnose`: each gap of a DaemonSet's status explained, on the corpus and on written cases."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from dslint.cluster.diagnose import Diagnosis, Explanation, diagnose
from dslint.cluster.explain import decode_scheduler_message, exit_code_meaning, failed_create_cause
from dslint.cluster.snapshot import Snapshot, read_snapshot, snapshot_of_text
from tests.cluster.corpus import CLUSTER_STATE, DAEMONSETS, NODE_LISTS, PODS, needs_corpus

EVENTS = CLUSTER_STATE / "events"
ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = "spinnaker__clouddriver__handler-status-fragment-"


def _snapshot(text: str) -> Snapshot:
    return snapshot_of_text(textwrap.dedent(text), "snap.yaml")


def _names(diagnosis: Diagnosis) -> list[str]:
    return [e.name for e in diagnosis.explanations]


def _only(diagnosis: Diagnosis, name: str) -> Explanation:
    (found,) = [e for e in diagnosis.explanations if e.name == name]
    return found


# --- the corpus: status fragments merged onto their base -----------------------------------------

FRAGMENT_CAUSES = {
    "available": [],
    "awaiting-ready": ["pods-not-ready"],
    "awaiting-scheduled": ["pods-not-created"],
    "awaiting-updated-scheduled": ["pods-not-ready", "rollout-incomplete"],
    "none-desired": ["no-node-selected"],
    "old-generation": ["stale-status"],
    "unavailable": ["pods-not-ready"],
}


@needs_corpus
@pytest.mark.parametrize("fragment", sorted(FRAGMENT_CAUSES))
def test_each_status_fragment_gap_is_named(fragment: str) -> None:
    base = DAEMONSETS / "spinnaker__clouddriver__handler-daemonset-base-no-status.yaml"
    path = DAEMONSETS / f"{FRAGMENT}{fragment}.yaml"
    diagnosis = diagnose(read_snapshot([str(base), str(path)]))
    assert _names(diagnosis) == FRAGMENT_CAUSES[fragment]
    for explanation in diagnosis.explanations:
        assert explanation.commands[0].startswith("kubectl ")
        if explanation.name != "no-node-selected":
            # The status numbers are shown where they are: in the fragment file.
            assert explanation.file == str(path)


@needs_corpus
def test_stale_generation_points_at_observed_generation() -> None:
    base = DAEMONSETS / "spinnaker__clouddriver__handler-daemonset-base-no-status.yaml"
    path = DAEMONSETS / f"{FRAGMENT}old-generation.yaml"
    stale = _only(diagnose(read_snapshot([str(base), str(path)])), "stale-status")
    assert (stale.line, stale.column) == (8, 23)
    assert "status.observedGeneration: 1" in stale.evidence
    assert "metadata.generation: 2" in stale.evidence


@needs_corpus
def test_none_desired_names_the_node_selector() -> None:
    base = DAEMONSETS / "spinnaker__clouddriver__handler-daemonset-base-no-status.yaml"
    path = DAEMONSETS / f"{FRAGMENT}none-desired.yaml"
    found = _only(diagnose(read_snapshot([str(base), str(path)])), "no-node-selected")
    assert "spec.template.spec.nodeSelector: type=prod" in found.evidence
    assert "kubectl get nodes -l type=prod" in found.commands
    assert found.cause.startswith("no node has the labels the nodeSelector asks for")
    assert (found.file, found.line) == (str(base), 20)  # the nodeSelector of the base


@needs_corpus
def test_awaiting_ready_notes_available_above_ready() -> None:
    base = DAEMONSETS / "spinnaker__clouddriver__handler-daemonset-base-no-status.yaml"
    path = DAEMONSETS / f"{FRAGMENT}awaiting-ready.yaml"
    found = _only(diagnose(read_snapshot([str(base), str(path)])), "pods-not-ready")
    assert any("numberAvailable (1) is above numberReady (0)" in e for e in found.evidence)


# --- the corpus: the kind cluster with a NotReady worker ------------------------------------------


@needs_corpus
def test_kind_cluster_not_ready_worker_and_its_network_plugin() -> None:
    snapshot = read_snapshot(
        [
            str(NODE_LISTS / "vmware-tanzu__sonobuoy__kind-healthsummary-nodes.json"),
            str(PODS / "vmware-tanzu__sonobuoy__kind-healthsummary-kube-system-pods.json"),
            str(PODS / "vmware-tanzu__sonobuoy__kind-healthsummary-sonobuoy-pods.json"),
        ]
    )
    diagnosis = diagnose(snapshot)
    (node,) = diagnosis.nodes
    assert (node.name, node.subject.name) == ("node-not-ready", "kind-worker")
    assert "cni config uninitialized" in node.evidence[0]
    assert "container network (CNI) is not ready" in node.cause
    assert "network plugin pod on the node: kindnet-x9fsq" in node.evidence
    assert "kubectl logs kindnet-x9fsq -n kube-system" in node.commands
    assert node.commands[0] == "kubectl describe node kind-worker"
    # Every daemon pod of the three DaemonSets runs and is Ready: no gap to explain.
    assert [(str(d.key), d.counts.current, d.counts.ready) for d in diagnosis.daemonsets] == [
        ("daemonset/kube-system/kindnet", 3, 3),
        ("daemonset/kube-system/kube-proxy", 3, 3),
        ("daemonset/sonobuoy/sonobuoy-systemd-logs-daemon-set-7a10f4effeb44d32", 3, 3),
    ]
    assert all(not d.explanations for d in diagnosis.daemonsets)
    assert diagnosis.skipped_pods == 10  # coredns, static pods, the aggregator and the e2e pod


@needs_corpus
def test_kind_cluster_desired_from_placement() -> None:
    snapshot = read_snapshot(
        [
            str(NODE_LISTS / "vmware-tanzu__sonobuoy__kind-healthsummary-nodes.json"),
            str(PODS / "vmware-tanzu__sonobuoy__kind-healthsummary-kube-system-pods.json"),
        ]
    )
    diagnosis = diagnose(snapshot)
    # kindnet and kube-proxy tolerate every taint: all three nodes should have a pod, and do.
    assert [(d.counts.desired, d.counts.current) for d in diagnosis.daemonsets] == [(3, 3), (3, 3)]
    assert all(not d.explanations for d in diagnosis.daemonsets)


@needs_corpus
def test_gke_daemonsets_match_their_nodes() -> None:
    paths = [str(p) for p in sorted(CLUSTER_STATE.glob("*/kubevious__*"))]
    diagnosis = diagnose(read_snapshot(paths))
    by_name = {d.key.name: d for d in diagnosis.daemonsets}
    assert by_name["calico-node"].counts.desired == 2
    assert not by_name["calico-node"].explanations
    # desired 0 is recorded and predicted alike: the explanation is informational only.
    for name in ("kube-proxy", "metadata-proxy-v0.1", "nvidia-gpu-device-plugin"):
        assert [e.name for e in by_name[name].explanations] == ["no-node-selected"]


# --- the corpus: pod states and events ------------------------------------------------------


@needs_corpus
def test_failed_scheduling_event_message_is_decoded() -> None:
    data = yaml.safe_load(
        (EVENTS / "kdash-rs__kdash__failedscheduling-event-list.yaml").read_text()
    )
    decoded = decode_scheduler_message(data["items"][0]["message"])
    assert decoded is not None
    assert (decoded.available, decoded.total) == (0, 1)
    assert [(r.nodes, r.text) for r in decoded.reasons] == [
        (1, "node(s) didn't match Pod's node affinity/selector")
    ]
    assert decoded.preemption.startswith("0/1 nodes are available: 1 Preemption is not helpful")


@needs_corpus
def test_corpus_pod_states_with_all_pods() -> None:
    paths = [
        PODS / "argoproj__gitops-engine__pod-crashloop-not-ds.yaml",
        PODS / "argoproj__gitops-engine__pod-imagepullbackoff-not-ds.yaml",
        PODS / "kdash-rs__kdash__pod-list-mixed-statuses-not-ds.yaml",
        PODS / "kubevious__helper-logic-processor__gke-gitlab-runner-65ff67bdd8-x86sq-not-ds.yaml",
        *sorted(EVENTS.glob("kubevious__*gitlab-runner*")),
    ]
    diagnosis = diagnose(read_snapshot([str(p) for p in paths]), all_pods=True)
    found = {(e.subject.name, e.name): e for e in diagnosis.other_pods}
    crash = found[("my-pod", "crash-loop")]
    assert "lastState.terminated: exitCode 1, reason Error" in crash.evidence[2]
    assert crash.commands == ("kubectl logs my-pod -n argocd -c main --previous",)
    segfault = found[("cartservice-67b89ffc69-s5qp8", "crash-loop")]
    assert segfault.cause == "the process crashed with a segmentation fault (SIGSEGV)"
    pull = found[("guestbook-ui-errimagepullbackoff-66cfffb669-45w2j", "image-pull-failure")]
    assert "ks-guestbook-demo:0.3" in pull.evidence[0]
    pending = found[("adservice-f787c8dcd-tb6x2", "pod-unschedulable")]
    assert pending.cause.startswith("Insufficient cpu: the node's allocatable cpu")
    assert found[("frontend-5c4745dfdb-qz7fg", "pod-failed")].cause.startswith("a higher-priority")
    probe = found[("gitlab-gitlab-runner-65ff67bdd8-x86sq", "probe-failure")]
    assert probe.message == (
        "readiness probe of gitlab-gitlab-runner in pod gitlab-gitlab-runner-65ff67bdd8-x86sq fails"
    )
    assert "(4092 times)" in probe.evidence[0]
    # The status and the BackOff event tell the same crash loop once, not twice.
    runner = [e.name for e in diagnosis.other_pods if e.subject.name.startswith("gitlab-")]
    assert runner.count("crash-loop") == 1
    # Healthy pods and completed ones are not reported.
    assert not any(e.subject.name.startswith("paymentservice") for e in diagnosis.other_pods)
    assert not any(e.subject.name == "pod-init-container-2" for e in diagnosis.other_pods)


# --- written cases: a DaemonSet whose pods fail ---------------------------------------------

DS = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops, generation: 3}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: agent:2}]
status:
  desiredNumberScheduled: 3
  currentNumberScheduled: 3
  numberReady: 2
  numberAvailable: 2
  updatedNumberScheduled: 3
  numberMisscheduled: 0
  observedGeneration: 3
"""


def _pod(name: str, node: str, status: str) -> str:
    return textwrap.dedent(
        f"""\
        ---
        kind: Pod
        metadata:
          name: {name}
          namespace: ops
          labels: {{app: agent}}
          ownerReferences: [{{kind: DaemonSet, name: agent, controller: true}}]
        spec: {{nodeName: {node}, containers: [{{name: agent, image: agent:2}}]}}
        """
    ) + textwrap.indent(textwrap.dedent(status), "")


READY = """\
status:
  phase: Running
  conditions: [{type: Ready, status: "True"}]
"""
OOM = """\
status:
  phase: Running
  conditions: [{type: Ready, status: "False"}]
  containerStatuses:
  - name: agent
    ready: false
    restartCount: 7
    state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s}}
    lastState: {terminated: {exitCode: 137, reason: OOMKilled, finishedAt: "2026-01-01T00:00:00Z"}}
"""


def test_not_ready_gap_names_the_crashing_pod_and_exit_code() -> None:
    snapshot = _snapshot(
        DS
        + _pod("agent-a", "n1", READY)
        + _pod("agent-b", "n2", READY)
        + _pod("agent-c", "n3", OOM)
    )
    diagnosis = diagnose(snapshot)
    (ds,) = diagnosis.daemonsets
    assert [e.name for e in ds.explanations] == ["pods-not-ready", "crash-loop"]
    gap = ds.explanations[0]
    assert gap.message == "1 of 3 pod(s) of DaemonSet agent are not ready"
    assert gap.cause == (
        "1 pod(s) crash loop: the container went over its memory limit and the kernel killed it "
        "(OOMKilled)"
    )
    assert (gap.line, gap.column) == (14, 16)  # status.numberReady
    crash = ds.explanations[1]
    assert crash.subject.name == "agent-c"
    assert crash.daemonset is not None and crash.daemonset.name == "agent"
    assert crash.commands == ("kubectl logs agent-c -n ops -c agent --previous",)
    assert "lastState.terminated: exitCode 137, reason OOMKilled" in crash.evidence[2]
    assert exit_code_meaning(137).startswith("the process was killed (SIGKILL)")


def test_pending_daemon_pod_with_scheduler_message() -> None:
    pending = """\
    status:
      phase: Pending
      conditions:
      - type: PodScheduled
        status: "False"
        reason: Unschedulable
        message: >-
          0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node
          affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found
          for incoming pod, 2 Preemption is not helpful for scheduling.
    """
    snapshot = _snapshot(
        DS
        + _pod("agent-a", "n1", READY)
        + _pod("agent-b", "n2", READY)
        + _pod("agent-c", "n3", pending)
    )
    found = _only(diagnose(snapshot), "pod-unschedulable")
    # The two nodes a daemon pod never targets are not the reason; the lack of cpu is.
    assert found.cause.startswith("Insufficient cpu: the node's allocatable cpu")
    assert "2 node(s): node(s) didn't match Pod's node affinity/selector" in found.evidence[2]
    gap = _only(diagnose(snapshot), "pods-not-ready")
    assert gap.cause.startswith("1 pod(s) pod unschedulable: Insufficient cpu")


def test_untolerated_taint_reason_is_decoded() -> None:
    decoded = decode_scheduler_message(
        "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, "
        "2 Insufficient memory."
    )
    assert decoded is not None
    assert [(r.nodes, r.text) for r in decoded.reasons] == [
        (1, "node(s) had untolerated taint {dedicated: gpu}"),
        (2, "Insufficient memory"),
    ]
    assert "no toleration for the taint {dedicated: gpu}" in decoded.reasons[0].meaning
    assert decode_scheduler_message("pod has unbound immediate PersistentVolumeClaims") is None


def test_image_pull_and_probe_failures_from_status_and_events() -> None:
    pulling = """\
    status:
      phase: Pending
      containerStatuses:
      - name: agent
        image: registry.example/agent:2
        ready: false
        state: {waiting: {reason: ErrImagePull, message: 'manifest unknown'}}
    """
    probing = """\
    status:
      phase: Running
      conditions: [{type: Ready, status: "False"}]
      containerStatuses:
      - {name: agent, ready: false, restartCount: 0, state: {running: {}}}
    ---
    kind: Event
    metadata: {name: agent-b.1, namespace: ops}
    involvedObject: {kind: Pod, name: agent-b, namespace: ops, fieldPath: "spec.containers{agent}"}
    reason: Unhealthy
    message: >-
      Readiness probe failed: Get "http://10.0.0.5:8080/healthz": dial tcp 10.0.0.5:8080:
      connect: connection refused
    count: 12
    """
    text = DS.replace("numberReady: 2", "numberReady: 1").replace(
        "numberAvailable: 2", "numberAvailable: 1"
    )
    diagnosis = diagnose(
        _snapshot(
            text
            + _pod("agent-a", "n1", READY)
            + _pod("agent-b", "n2", probing)
            + _pod("agent-c", "n3", pulling)
        )
    )
    pull = _only(diagnosis, "image-pull-failure")
    assert pull.evidence == (
        "state.waiting.reason: ErrImagePull: manifest unknown",
        "image: registry.example/agent:2",
    )
    probe = _only(diagnosis, "probe-failure")
    assert probe.message == "readiness probe of agent in pod agent-b fails"
    assert probe.cause.startswith("nothing listens on the probed port (yet)")
    assert "(12 times)" in probe.evidence[0]
    # The running-but-unready container is explained by its probe, not reported twice.
    assert "container-not-ready" in _names(diagnosis)
    gap = _only(diagnosis, "pods-not-ready")
    assert gap.message == "2 of 3 pod(s) of DaemonSet agent are not ready"


def test_failed_create_quota_event_is_the_cause_of_missing_pods() -> None:
    text = (
        DS.replace("currentNumberScheduled: 3", "currentNumberScheduled: 1")
        .replace("numberReady: 2", "numberReady: 1")
        .replace("numberAvailable: 2", "numberAvailable: 1")
        .replace("updatedNumberScheduled: 3", "updatedNumberScheduled: 1")
    )
    event = """\
    ---
    kind: Event
    metadata: {name: agent.1, namespace: ops}
    involvedObject: {kind: DaemonSet, name: agent, namespace: ops}
    reason: FailedCreate
    type: Warning
    message: >-
      Error creating: pods "agent-x7k2p" is forbidden: exceeded quota: compute,
      requested: pods=1, used: pods=10, limited: pods=10
    count: 40
    """
    diagnosis = diagnose(_snapshot(text + _pod("agent-a", "n1", READY) + textwrap.dedent(event)))
    assert _names(diagnosis) == ["pods-not-created", "failed-create"]
    gap = _only(diagnosis, "pods-not-created")
    assert gap.message == "2 of 3 nodes have no pod of DaemonSet agent"
    assert gap.cause.startswith("ResourceQuota compute has no room left for another pod")
    assert any("exceeded quota: compute" in e for e in gap.evidence)
    assert gap.commands[0] == "kubectl describe ds agent -n ops"


def test_failed_create_causes() -> None:
    assert failed_create_cause(
        'pods "x-" is forbidden: violates PodSecurity "baseline:latest": host namespaces '
        '(hostNetwork=true), hostPath volumes (volume "varlog")'
    ).startswith("the namespace enforces Pod Security baseline:latest")
    assert failed_create_cause(
        'pods "x-" is forbidden: failed quota: compute: must specify limits.cpu for: agent'
    ).startswith("ResourceQuota compute tracks resources the pod does not set: add limits.cpu")
    assert (
        failed_create_cause(
            'pods "x" is forbidden: minimum cpu usage per Container is 100m, but request is 50m.'
        )
        == "a LimitRange in the namespace rejects the pod's requests or limits"
    )
    assert failed_create_cause("something new") == "the API server refused the DaemonSet's pods"


def test_rollout_on_delete_and_min_ready_seconds() -> None:
    text = (
        DS.replace("type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}", "type: OnDelete")
        .replace("updatedNumberScheduled: 3", "updatedNumberScheduled: 1")
        .replace("numberReady: 2", "numberReady: 3")
        .replace("spec:\n  selector", "spec:\n  minReadySeconds: 30\n  selector")
    )
    diagnosis = diagnose(_snapshot(text))
    assert _names(diagnosis) == ["pods-not-available", "rollout-incomplete"]
    available = _only(diagnosis, "pods-not-available")
    assert "spec.minReadySeconds: 30" in available.evidence
    rollout = _only(diagnosis, "rollout-incomplete")
    assert rollout.message == "2 pod(s) of DaemonSet agent still run an old template"
    assert rollout.cause.startswith("the update strategy is OnDelete")


def test_misscheduled_and_stale_status() -> None:
    text = (
        DS.replace("numberMisscheduled: 0", "numberMisscheduled: 2")
        .replace("observedGeneration: 3", "observedGeneration: 2")
        .replace("numberReady: 2", "numberReady: 3")
        .replace("numberAvailable: 2", "numberAvailable: 3")
    )
    assert _names(diagnose(_snapshot(text))) == ["stale-status", "pods-misscheduled"]


def test_healthy_daemonset_has_nothing_to_explain() -> None:
    text = DS.replace("numberReady: 2", "numberReady: 3").replace(
        "numberAvailable: 2", "numberAvailable: 3"
    )
    diagnosis = diagnose(_snapshot(text))
    assert diagnosis.explanations == []


def test_failed_daemon_pod_event() -> None:
    event = """\
    ---
    kind: Event
    metadata: {name: agent.2, namespace: ops}
    involvedObject: {kind: DaemonSet, name: agent, namespace: ops}
    reason: FailedDaemonPod
    message: Found failed daemon pod ops/agent-q on node n3, will try to kill it
    """
    text = DS.replace("numberReady: 2", "numberReady: 3").replace(
        "numberAvailable: 2", "numberAvailable: 3"
    )
    found = _only(diagnose(_snapshot(text + textwrap.dedent(event))), "failed-daemon-pod")
    assert found.message == "a pod of DaemonSet agent failed on node n3 and is being replaced"


def test_node_conditions() -> None:
    nodes = """\
    kind: NodeList
    items:
    - metadata: {name: n1}
      status:
        conditions:
        - type: Ready
          status: Unknown
          reason: NodeStatusUnknown
          message: Kubelet stopped posting node status.
    - metadata: {name: n2}
      status:
        conditions:
        - {type: Ready, status: "True"}
        - {type: MemoryPressure, status: "True", reason: KubeletHasInsufficientMemory}
        - {type: NetworkUnavailable, status: "True", reason: NoRouteCreated}
    """
    diagnosis = diagnose(_snapshot(nodes))
    assert [(e.subject.name, e.name) for e in diagnosis.nodes] == [
        ("n1", "node-not-ready"),
        ("n2", "node-pressure"),
        ("n2", "node-network-unavailable"),
    ]
    assert diagnosis.nodes[0].cause.startswith("the kubelet stopped reporting")
    assert diagnosis.nodes[1].line == 14


# --- placement: nodes that should have a pod ------------------------------------------------------

NODES = """\
---
kind: NodeList
items:
- metadata: {name: n1, labels: {pool: a}}
- metadata: {name: n2, labels: {pool: a}}
- metadata: {name: n3, labels: {pool: a}}
  spec:
    taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
"""


def test_nodes_missing_a_pod_and_misscheduled_pods() -> None:
    text = (
        DS.replace("currentNumberScheduled: 3", "currentNumberScheduled: 1")
        .replace("desiredNumberScheduled: 3", "desiredNumberScheduled: 2")
        .replace("numberReady: 2", "numberReady: 1")
        .replace("numberAvailable: 2", "numberAvailable: 1")
    )
    snapshot = _snapshot(text + _pod("agent-a", "n1", READY) + _pod("agent-c", "n3", READY) + NODES)
    diagnosis = diagnose(snapshot)
    missing = _only(diagnosis, "nodes-missing-pod")
    assert missing.message == "1 node(s) that should run DaemonSet agent have no pod of it: n2"
    assert missing.commands[1] == "kubectl describe node n2"
    misplaced = _only(diagnosis, "pods-misscheduled")
    assert misplaced.evidence == ("pod agent-c on node n3: taint:dedicated=gpu:NoSchedule",)


def test_daemonset_known_from_pods_gets_desired_from_placement() -> None:
    pods = _pod("agent-a", "n1", READY) + _pod("agent-b", "n2", READY)
    diagnosis = diagnose(_snapshot(NODES + pods))
    (ds,) = diagnosis.daemonsets
    assert ds.file is None  # known from its pods only
    assert (ds.counts.desired, ds.counts.current, ds.counts.ready) == (2, 2, 2)
    assert ds.explanations == ()
    (unplaced,) = diagnose(_snapshot(NODES + pods), placement=False).daemonsets
    assert (unplaced.counts.desired, unplaced.counts.current) == (None, 2)


def test_read_notes_are_kept(tmp_path: Path) -> None:
    diagnosis = diagnose(read_snapshot([str(tmp_path / "nope.yaml")]))
    assert diagnosis.notes == (f"{tmp_path / 'nope.yaml'}: No such file or directory",)


# --- the command line ---------------------------------------------------------------------


def dslint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


SPINNAKER = [
    "daemonset-status/spinnaker__clouddriver__handler-daemonset-base-no-status.yaml",
    f"daemonset-status/{FRAGMENT}awaiting-scheduled.yaml",
    f"daemonset-status/{FRAGMENT}old-generation.yaml",
]


@needs_corpus
def test_cli_text_report_and_exit_code() -> None:
    run = dslint("diagnose", *SPINNAKER, cwd=CLUSTER_STATE)
    assert run.returncode == 1, run.stderr
    assert "daemonset default/my-daemonset" in run.stdout
    assert "  error DGN101 pods-not-created  " in run.stdout
    assert "    confirm:  kubectl describe ds my-daemonset -n default" in run.stdout
    assert run.stdout.rstrip().endswith(
        "2 DaemonSets, 0 pods, 0 nodes, 0 events: 1 error, 1 warning, 0 info"
    )


@needs_corpus
def test_cli_json_schema() -> None:
    run = dslint("diagnose", "--format", "json", *SPINNAKER, cwd=CLUSTER_STATE)
    document = json.loads(run.stdout)
    assert document["schema"] == "dslint-diagnose/1"
    assert sorted(document) == ["daemonsets", "nodes", "notes", "other_pods", "schema", "summary"]
    first = document["daemonsets"][0]
    assert first["status_file"] == SPINNAKER[1]
    assert (first["desired"], first["current"], first["counts_from"]) == (1, 0, "status")
    finding = first["findings"][0]
    assert sorted(finding) == [
        "cause", "code", "column", "commands", "daemonset", "end_column", "end_line",
        "evidence", "file", "level", "line", "message", "name", "subject",
    ]  # fmt: skip
    assert (finding["name"], finding["file"], finding["line"]) == (
        "pods-not-created",
        SPINNAKER[1],
        3,
    )
    assert document["summary"]["error"] == 1 and document["summary"]["warning"] == 1


@needs_corpus
def test_cli_sarif_is_valid_and_located(tmp_path: Path) -> None:
    from tests.test_sarif import assert_github_requirements, assert_valid

    out = tmp_path / "diagnose.sarif"
    run = dslint("diagnose", "-f", "sarif", "-o", str(out), *SPINNAKER, cwd=CLUSTER_STATE)
    assert run.returncode == 1 and run.stdout == ""
    log = json.loads(out.read_text())
    assert_valid(log)
    assert_github_requirements(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in
            results] == [("DGN101", 3), ("DGN106", 8)]  # fmt: skip
    assert (
        "Confirm with: kubectl describe ds my-daemonset -n default" in results[0]["message"]["text"]
    )


def test_cli_healthy_snapshot_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "ds.yaml"
    path.write_text(DS.replace("numberReady: 2", "numberReady: 3").replace(
        "numberAvailable: 2", "numberAvailable: 3"))  # fmt: skip
    run = dslint("diagnose", str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no gap to explain" in run.stdout


def test_cli_reads_standard_input() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "dslint", "diagnose", "-f", "json", "-"],
        input=DS,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 1
    (ds,) = json.loads(run.stdout)["daemonsets"]
    assert ds["file"] == "<stdin>" and ds["findings"][0]["name"] == "pods-not-ready"


def test_cli_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    missing = dslint("diagnose", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert missing.stderr == f"dslint: {tmp_path / 'nope.yaml'}: No such file or directory\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: Pod\nmetadata: {name: [\n")
    run = dslint("diagnose", str(broken))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"dslint: {broken}:3: invalid YAML: ")
    wrong = dslint("diagnose", "--format", "xml", str(broken))
    assert (wrong.returncode, wrong.stderr) == (
        2,
        "dslint: --format: expected one of text, json, sarif, got 'xml'\n",
    )


# --- the README's worked examples ---------------------------------------------------------------


def _readme_examples() -> list[tuple[list[str], str]]:
    """Each `dslint diagnose` command of the README's section, with the output shown after it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## dslint diagnose\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.DOTALL)
    examples = []
    for (kind, body), (next_kind, output) in itertools.pairwise(blocks):
        if kind == "sh" and next_kind == "text" and "cd ../shared" in body:
            command = body.split("\n", 1)[1].replace("\\\n", " ").split()
            examples.append((command, output))
    return examples


def test_readme_has_worked_examples() -> None:
    assert len(_readme_examples()) == 2


@needs_corpus
@pytest.mark.parametrize("index", [0, 1])
def test_readme_worked_example_output(index: int) -> None:
    command, output = _readme_examples()[index]
    assert command[:2] == ["dslint", "diagnose"]
    run = dslint(*command[1:], cwd=CLUSTER_STATE)
    assert run.stdout == output


# --- events about objects the snapshot does not have -------------------------------------------


@needs_corpus
def test_failed_scheduling_event_of_an_absent_pod_with_all_pods() -> None:
    path = EVENTS / "kdash-rs__kdash__failedscheduling-event-list.yaml"
    assert diagnose(read_snapshot([str(path)])).explanations == []  # pods only on request
    diagnosis = diagnose(read_snapshot([str(path)]), all_pods=True)
    (found,) = diagnosis.other_pods
    assert (found.name, str(found.subject)) == ("pod-unschedulable", "pod/gagent/ga-edge-0")
    assert found.cause.startswith(
        "node(s) didn't match Pod's node affinity/selector: the node's labels do not satisfy"
    )
    assert "1 node(s): node(s) didn't match Pod's node affinity/selector" in found.evidence[1]
    assert (found.file, found.line) == (str(path), 17)  # the event's message
    assert found.commands == ("kubectl describe pod ga-edge-0 -n gagent",)


def test_failed_create_event_without_the_daemonset() -> None:
    event = """\
    kind: Event
    metadata: {name: agent.1, namespace: ops}
    involvedObject: {kind: DaemonSet, name: agent, namespace: ops}
    reason: FailedCreate
    message: >-
      Error creating: pods "agent-x" is forbidden: violates PodSecurity "baseline:latest":
      host namespaces (hostNetwork=true)
    """
    (ds,) = diagnose(_snapshot(event)).daemonsets
    assert str(ds.key) == "daemonset/ops/agent" and ds.file is None
    (found,) = ds.explanations
    assert found.name == "failed-create" and found.line == 3
    assert found.cause.startswith("the namespace enforces Pod Security baseline:latest")
