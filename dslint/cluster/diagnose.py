"""Why a DaemonSet's desired, current, ready, available and updated numbers differ.

`diagnose(snapshot)` looks at each DaemonSet of a snapshot with its status, its pods, the events
about both, and the nodes; it returns `Explanation`s: the object, the evidence as the cluster wrote
it, the likely cause and the `kubectl` command that confirms it live. Each gap of the status is
explained once, by the first of these that applies: pods not created (current < desired), pods
not ready (ready < current), pods not yet available (available < ready), rollout not finished
(updated < desired beyond the pods that do not exist), misscheduled pods, and a status older than
the spec. Where the snapshot has nodes, the controller's placement (`placement.py`) tells the
nodes that should have a pod and do not, and the pods on nodes where they should not run.

Everything here is a pure function of plain data; reading is `snapshot.py`, wording of single
objects is `explain.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from dslint.api import Level, mapping_at
from dslint.cluster.explain import (
    Clue,
    daemonset_event_clues,
    node_clues,
    pod_clues,
)
from dslint.cluster.placement import Nodes, place
from dslint.cluster.snapshot import DaemonSetView, KubeObject, ObjectKey, Snapshot

SCHEMA = "dslint-diagnose/1"


class Kind(NamedTuple):
    """One kind of explanation: its code and name (as for rules), level and what it means."""

    code: str
    name: str
    level: Level
    summary: str


KINDS: tuple[Kind, ...] = (
    Kind("DGN101", "pods-not-created", "error",
         "Fewer nodes have a daemon pod than should (currentNumberScheduled < desired)."),
    Kind("DGN102", "pods-not-ready", "error",
         "Daemon pods exist but are not Ready (numberReady < currentNumberScheduled)."),
    Kind("DGN103", "pods-not-available", "warning",
         "Ready daemon pods are not yet available (numberAvailable < numberReady)."),
    Kind("DGN104", "rollout-incomplete", "warning",
         "Pods still run an old template (updatedNumberScheduled < desired)."),
    Kind("DGN105", "pods-misscheduled", "warning",
         "Daemon pods run on nodes where the DaemonSet should not run (numberMisscheduled)."),
    Kind("DGN106", "stale-status", "warning",
         "The status describes an older spec (status.observedGeneration < metadata.generation)."),
    Kind("DGN107", "no-node-selected", "info",
         "No node is selected for the DaemonSet (desiredNumberScheduled is 0)."),
    Kind("DGN108", "nodes-missing-pod", "error",
         "Nodes where the DaemonSet should run have no pod of it."),
    Kind("DGN201", "pod-unschedulable", "error",
         "A pod is Pending because the scheduler finds no node for it."),
    Kind("DGN202", "image-pull-failure", "error", "A container's image cannot be pulled."),
    Kind("DGN203", "crash-loop", "error", "A container keeps exiting and being restarted."),
    Kind("DGN204", "probe-failure", "warning", "A readiness, liveness or startup probe fails."),
    Kind("DGN205", "container-not-ready", "warning", "A container runs but is not ready."),
    Kind("DGN206", "container-not-started", "error", "A container cannot be created or started."),
    Kind("DGN207", "pod-failed", "error", "A pod is in phase Failed."),
    Kind("DGN208", "failed-create", "error",
         "The API server refuses the DaemonSet's pods (FailedCreate: quota, Pod Security, ...)."),
    Kind("DGN209", "failed-daemon-pod", "warning",
         "A daemon pod failed and the controller replaces it (FailedDaemonPod)."),
    Kind("DGN301", "node-not-ready", "error", "A node is NotReady."),
    Kind("DGN302", "node-pressure", "warning", "A node reports memory, disk or PID pressure."),
    Kind("DGN303", "node-network-unavailable", "error",
         "A node reports NetworkUnavailable: its pod network is not set up."),
)  # fmt: skip
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


class Explanation(NamedTuple):
    """One finding of a diagnosis, located in the snapshot file it is about."""

    code: str
    name: str
    level: Level
    subject: ObjectKey  # the object the evidence is on
    daemonset: ObjectKey | None  # the DaemonSet whose gap it explains, if any
    message: str
    evidence: tuple[str, ...]
    cause: str
    commands: tuple[str, ...]
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "subject": {
                "kind": self.subject.kind,
                "namespace": self.subject.namespace or None,
                "name": self.subject.name,
            },
            "daemonset": str(self.daemonset.namespace + "/" + self.daemonset.name)
            if self.daemonset
            else None,
            "message": self.message,
            "evidence": list(self.evidence),
            "cause": self.cause,
            "commands": list(self.commands),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


class Counts(NamedTuple):
    """The numbers `kubectl get ds` shows; None where the snapshot does not say."""

    desired: int | None
    current: int | None
    ready: int | None
    available: int | None
    updated: int | None
    misscheduled: int | None
    generation: int | None
    observed_generation: int | None
    from_status: bool  # False: counted from the pods of the snapshot


class DaemonSetDiagnosis(NamedTuple):
    key: ObjectKey
    file: str | None  # where the DaemonSet object is (None: known from its pods only)
    line: int | None
    status_file: str | None  # the status fragment merged onto it, if any
    counts: Counts
    pods: int
    explanations: tuple[Explanation, ...]


class Diagnosis(NamedTuple):
    daemonsets: tuple[DaemonSetDiagnosis, ...]
    nodes: tuple[Explanation, ...]  # node conditions
    other_pods: tuple[Explanation, ...]  # pods not owned by a DaemonSet (only when asked for)
    skipped_pods: int  # pods not owned by a DaemonSet that were not examined
    notes: tuple[str, ...]  # parts of the input that could not be used

    @property
    def explanations(self) -> list[Explanation]:
        found = [e for ds in self.daemonsets for e in ds.explanations]
        return found + list(self.nodes) + list(self.other_pods)


# --- entry point ---------------------------------------------------------------------------------


def diagnose(snapshot: Snapshot, *, placement: bool = True, all_pods: bool = False) -> Diagnosis:
    """Explain every gap of every DaemonSet in the snapshot."""
    node_findings: dict[str, list[Explanation]] = {
        name: [_from_clue(clue, node, None) for clue in node_clues(node.data)]
        for name, node in sorted(snapshot.nodes.items())
    }
    # The nodes prepared once for placement (labels and taints read once for every DaemonSet).
    nodes = _Nodes(snapshot)
    results = [
        _diagnose_daemonset(view, snapshot, nodes if placement else None, node_findings)
        for view in sorted(snapshot.daemonsets, key=_view_order)
    ]
    _note_daemon_pods(node_findings, snapshot)
    other: list[Explanation] = []
    if all_pods:
        for pod in snapshot.other_pods:
            events = [e.data for e in snapshot.events_for(pod.key)]
            other.extend(_from_clue(c, pod, None) for c in pod_clues(pod.data, events))
        other.extend(_events_of_absent_pods(snapshot))
    notes = tuple(
        f"{note.file}:{note.line}: {note.message}" if note.line else f"{note.file}: {note.message}"
        for note in snapshot.notes
    )
    return Diagnosis(
        tuple(results),
        tuple(e for found in node_findings.values() for e in found),
        tuple(other),
        0 if all_pods else len(snapshot.other_pods),
        notes,
    )


def _events_of_absent_pods(snapshot: Snapshot) -> Iterator[Explanation]:
    """What events say about pods the snapshot does not have (`kubectl get events` alone)."""
    present = {pod.key for pod in snapshot.pods}
    for key, events in sorted(snapshot.events.items()):
        if key.kind != "Pod" or key in present:
            continue
        pending = any(event.data.get("reason") == "FailedScheduling" for event in events)
        stand_in = {
            "metadata": {"name": key.name, "namespace": key.namespace},
            "status": {"phase": "Pending"} if pending else {},
        }
        for clue in pod_clues(stand_in, [event.data for event in events]):
            yield _from_clue(clue, events[-1], None, subject=key)


# DaemonSets that are the cluster's network plugin, by the names their projects give them.
_NETWORK_PLUGINS = (
    "calico", "cilium", "flannel", "kindnet", "weave", "canal", "antrea", "kube-router",
    "ovnkube", "sdn", "aws-node", "azure-cni", "kube-ovn",
)  # fmt: skip


def _note_daemon_pods(node_findings: dict[str, list[Explanation]], snapshot: Snapshot) -> None:
    """Add to a NotReady or network-less node's findings the daemon pods that run there."""
    on_node: dict[str, list[tuple[DaemonSetView, KubeObject]]] = {}
    for view in snapshot.daemonsets:
        for pod in view.pods:
            on_node.setdefault(pod_node(pod.data), []).append((view, pod))
    for name, findings in node_findings.items():
        pods = on_node.get(name, [])
        if not pods:
            continue
        shown = ", ".join(
            f"{pod.name} ({'Ready' if pod_ready(pod.data) else 'not Ready'})" for _, pod in pods
        )
        plugins = [pod.name for view, pod in pods if view.key.name.startswith(_NETWORK_PLUGINS)]
        for index, finding in enumerate(findings):
            if finding.name not in ("node-not-ready", "node-network-unavailable"):
                continue
            evidence = (*finding.evidence, f"daemon pods on the node: {shown}")
            commands = finding.commands
            if plugins and ("network" in finding.cause or "CNI" in finding.cause):
                evidence = (*evidence, f"network plugin pod on the node: {plugins[0]}")
                namespace = next(v.key.namespace for v, p in pods if p.name == plugins[0])
                commands = (*commands, f"kubectl logs {plugins[0]} -n {namespace}")
            findings[index] = finding._replace(evidence=evidence, commands=commands)


def _view_order(view: DaemonSetView) -> tuple[str, str, str]:
    fragment = view.status_from.file if view.status_from is not None else ""
    return (view.key.namespace, view.key.name, fragment)


# --- one DaemonSet -------------------------------------------------------------------------------


def counts_of(view: DaemonSetView) -> Counts:
    """The status numbers, or what the pods of the snapshot show when there is no status."""
    status = view.status
    generation = _int(mapping_at(view.data, ("metadata",)).get("generation"))
    if status:
        desired = _int(status.get("desiredNumberScheduled"))
        # numberAvailable is left out when it is 0 (omitempty); numberUnavailable tells it too.
        available = _int(status.get("numberAvailable"))
        unavailable = _int(status.get("numberUnavailable"))
        if available is None:
            available = desired - unavailable if desired is not None and unavailable else 0
        return Counts(
            desired,
            _int(status.get("currentNumberScheduled")),
            _int(status.get("numberReady")),
            available,
            _int(status.get("updatedNumberScheduled")),
            _int(status.get("numberMisscheduled")),
            generation,
            _int(status.get("observedGeneration")),
            True,
        )
    nodes = {pod_node(pod.data) for pod in view.pods} - {""}
    ready = sum(1 for pod in view.pods if pod_ready(pod.data))
    return Counts(None, len(nodes), ready, None, None, None, generation, None, False)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def pod_node(pod: Mapping[str, Any]) -> str:
    """The node a daemon pod is bound to, or targets through its one-node affinity if Pending."""
    node = mapping_at(pod, ("spec",)).get("nodeName")
    if isinstance(node, str) and node:
        return node
    terms = mapping_at(
        pod, ("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
    ).get("nodeSelectorTerms")
    for term in terms if isinstance(terms, list) else []:
        for field in term.get("matchFields") or [] if isinstance(term, dict) else []:
            values = field.get("values") if isinstance(field, dict) else None
            if field.get("key") == "metadata.name" and isinstance(values, list) and values:
                return str(values[0])
    return ""


def pod_ready(pod: Mapping[str, Any]) -> bool:
    conditions = mapping_at(pod, ("status",)).get("conditions")
    return any(
        isinstance(c, dict) and c.get("type") == "Ready" and c.get("status") == "True"
        for c in (conditions if isinstance(conditions, list) else [])
    )


class _Context(NamedTuple):
    """What every explanation of one DaemonSet needs."""

    view: DaemonSetView
    name: str
    namespace: str
    selector: str  # `-l` argument for kubectl
    anchor: KubeObject | None  # the object findings about the DaemonSet itself are shown on


def _diagnose_daemonset(
    view: DaemonSetView,
    snapshot: Snapshot,
    nodes: _Nodes | None,
    node_findings: Mapping[str, list[Explanation]],
) -> DaemonSetDiagnosis:
    counts = counts_of(view)
    ds_events = snapshot.events_for(view.key)
    anchor = view.obj or (view.pods[0] if view.pods else ds_events[0] if ds_events else None)
    context = _Context(view, view.key.name, view.key.namespace, _selector_argument(view), anchor)
    pod_findings: dict[str, list[Explanation]] = {}
    for pod in view.pods:
        events = [e.data for e in snapshot.events_for(pod.key)]
        pod_findings[pod.name] = [_from_clue(c, pod, view.key) for c in pod_clues(pod.data, events)]
    event_findings = [
        _ds_explanation(context, c.name, c.summary, c.evidence, c.cause, (c.command,), c.path)
        for c in daemonset_event_clues(
            view.key.name, view.key.namespace, [e.data for e in ds_events]
        )
    ]
    placed, predicted = _placement_findings(context, nodes, node_findings, event_findings)
    if counts.desired is None and predicted is not None:
        counts = counts._replace(desired=predicted)
    gaps = list(_gap_findings(context, counts, pod_findings, node_findings, event_findings))
    explanations = gaps + placed + event_findings
    explanations.extend(e for found in pod_findings.values() for e in found)
    return DaemonSetDiagnosis(
        view.key,
        view.obj.origin.file if view.obj is not None else None,
        view.obj.origin.region(("kind",)).line if view.obj is not None else None,
        view.status_from.file if view.status_from is not None else None,
        counts,
        len(view.pods),
        tuple(explanations),
    )


def _selector_argument(view: DaemonSetView) -> str:
    labels = mapping_at(view.data, ("spec", "selector", "matchLabels"))
    if not labels and view.pods:
        # Known from its pods only: the labels every pod shares, less the per-revision ones.
        shared: dict[str, Any] | None = None
        for pod in view.pods:
            pod_labels = mapping_at(pod.data, ("metadata", "labels"))
            shared = (
                dict(pod_labels)
                if shared is None
                else {k: v for k, v in shared.items() if pod_labels.get(k) == v}
            )
        labels = {
            k: v
            for k, v in (shared or {}).items()
            if k not in ("controller-revision-hash", "pod-template-generation")
        }
    return ",".join(f"{key}={value}" for key, value in sorted(labels.items()))


def _commands(context: _Context, *extra: str) -> tuple[str, ...]:
    describe = f"kubectl describe ds {context.name} -n {context.namespace}"
    return (describe, *extra)


def _pods_command(context: _Context) -> str:
    if context.selector:
        return f"kubectl get pods -n {context.namespace} -l {context.selector} -o wide"
    return f"kubectl get pods -n {context.namespace} -o wide"


def _gap_findings(
    context: _Context,
    counts: Counts,
    pod_findings: Mapping[str, list[Explanation]],
    node_findings: Mapping[str, list[Explanation]],
    event_findings: list[Explanation],
) -> Iterator[Explanation]:
    """One explanation per gap between the status numbers."""
    view = context.view
    if (
        counts.generation is not None
        and counts.observed_generation is not None
        and counts.observed_generation < counts.generation
    ):
        yield _ds_explanation(
            context,
            "stale-status",
            f"the status of DaemonSet {context.name} describes generation "
            f"{counts.observed_generation}, the spec is generation {counts.generation}",
            (
                f"status.observedGeneration: {counts.observed_generation}",
                f"metadata.generation: {counts.generation}",
            ),
            "the DaemonSet controller has not processed the latest change yet (the snapshot was "
            "taken right after an update, or kube-controller-manager is down or busy); the "
            "other numbers of the status may be out of date",
            (
                f"kubectl get ds {context.name} -n {context.namespace} -o "
                "jsonpath='{.metadata.generation} {.status.observedGeneration}'",
            ),
            ("status", "observedGeneration"),
        )
    desired, current, ready = counts.desired, counts.current, counts.ready
    if desired == 0 and counts.from_status:
        yield _no_node_selected(context)
    missing = desired - current if desired is not None and current is not None else 0
    if missing > 0:
        causes = [e for e in event_findings if e.name == "failed-create"]
        cause = (
            causes[0].cause
            if causes
            else "no event in the snapshot says why; the controller stops creating pods after "
            "an error (quota, admission) and records a FailedCreate event on the DaemonSet"
        )
        yield _ds_explanation(
            context,
            "pods-not-created",
            f"{missing} of {desired} nodes have no pod of DaemonSet {context.name}",
            (
                f"status.desiredNumberScheduled: {desired}",
                f"status.currentNumberScheduled: {current}",
                *(e for c in causes for e in c.evidence),
            ),
            cause,
            _commands(
                context,
                f"kubectl get events -n {context.namespace} --field-selector "
                f"involvedObject.kind=DaemonSet,involvedObject.name={context.name}",
            ),
            ("status", "currentNumberScheduled"),
        )
    not_ready = current - ready if current is not None and ready is not None else 0
    if not_ready > 0:
        yield _not_ready(context, counts, not_ready, pod_findings, node_findings)
    available = counts.available
    if ready is not None and available is not None and available < ready:
        seconds = mapping_at(view.data, ("spec",)).get("minReadySeconds")
        yield _ds_explanation(
            context,
            "pods-not-available",
            f"{ready - available} ready pod(s) of DaemonSet {context.name} are not yet available",
            (f"status.numberReady: {ready}", f"status.numberAvailable: {available}")
            + ((f"spec.minReadySeconds: {seconds}",) if seconds else ()),
            f"a pod counts as available only after it has been Ready for minReadySeconds "
            f"({seconds or 0}); pods that just became Ready are still waiting"
            if seconds
            else "pods became Ready after the controller last counted them; the next status "
            "update counts them",
            (_pods_command(context),),
            ("status", "numberAvailable"),
        )
    updated = counts.updated
    if desired is not None and updated is not None and desired - max(missing, 0) > updated:
        yield _rollout(context, desired, updated, missing)
    if counts.misscheduled:
        yield _ds_explanation(
            context,
            "pods-misscheduled",
            f"{counts.misscheduled} pod(s) of DaemonSet {context.name} run on nodes it should "
            "not run on",
            (f"status.numberMisscheduled: {counts.misscheduled}",),
            "node labels or taints changed after the pods were placed (a NoSchedule taint "
            "such as not-ready keeps existing pods running but no longer counts the node)",
            (_pods_command(context),),
            ("status", "numberMisscheduled"),
        )


def _no_node_selected(context: _Context) -> Explanation:
    spec = mapping_at(context.view.data, ("spec", "template", "spec"))
    selector = mapping_at(spec, ("nodeSelector",))
    evidence = ["status.desiredNumberScheduled: 0"]
    commands: list[str] = []
    if selector:
        wanted = ",".join(f"{k}={v}" for k, v in sorted(selector.items()))
        evidence.append(f"spec.template.spec.nodeSelector: {wanted}")
        commands.append(f"kubectl get nodes -l {wanted}")
    affinity = mapping_at(
        spec, ("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
    )
    if affinity:
        evidence.append("spec.template.spec.affinity.nodeAffinity has required terms")
    cause = (
        "no node has the labels the nodeSelector asks for"
        if selector
        else "no node passes the required node affinity"
        if affinity
        else "every node has a NoSchedule or NoExecute taint the pods do not tolerate"
    )
    return _ds_explanation(
        context,
        "no-node-selected",
        f"DaemonSet {context.name} selects no node (desired 0)",
        tuple(evidence),
        cause + " (intended for DaemonSets meant only for some hardware, such as GPU nodes)",
        _commands(context, *commands, "kubectl get nodes --show-labels"),
        ("spec", "template", "spec", "nodeSelector")
        if selector
        else ("status", "desiredNumberScheduled"),
    )


def _not_ready(
    context: _Context,
    counts: Counts,
    not_ready: int,
    pod_findings: Mapping[str, list[Explanation]],
    node_findings: Mapping[str, list[Explanation]],
) -> Explanation:
    evidence = [f"status.numberReady: {counts.ready}", f"currentNumberScheduled: {counts.current}"]
    if not counts.from_status:
        evidence = [f"{counts.ready} of {counts.current} pods in the snapshot are Ready"]
    if (
        counts.available is not None
        and counts.ready is not None
        and counts.available > (counts.ready)
    ):
        evidence.append(
            f"status.numberAvailable ({counts.available}) is above numberReady ({counts.ready}): "
            "a pod lost Ready after it was last counted available"
        )
    reasons: Counter[str] = Counter()
    causes: dict[str, str] = {}
    for pod in context.view.pods:
        if pod_ready(pod.data):
            continue
        found = pod_findings.get(pod.name, [])
        node = pod_node(pod.data)
        found = found + [e for e in node_findings.get(node, []) if e.name == "node-not-ready"]
        for explanation in found[:2]:
            evidence.append(f"{explanation.message}: {'; '.join(explanation.evidence[:2])}")
            reasons[explanation.name] += 1
            causes.setdefault(explanation.name, explanation.cause)
        if not found:
            evidence.append(f"pod {pod.name} is not Ready")
    if reasons:
        top, times = reasons.most_common(1)[0]
        cause = f"{times} pod(s) {top.replace('-', ' ')}: {causes[top]}"
    elif context.view.pods:
        cause = "the unready pods in the snapshot show no reason; their events or logs will"
    else:
        cause = (
            "the snapshot has no pods of this DaemonSet; add `kubectl get pods -o yaml` of its "
            "namespace to see which pods are not ready and why"
        )
    return _ds_explanation(
        context,
        "pods-not-ready",
        f"{not_ready} of {counts.current} pod(s) of DaemonSet {context.name} are not ready",
        tuple(evidence),
        cause,
        _commands(context, _pods_command(context)),
        ("status", "numberReady"),
    )


def _rollout(context: _Context, desired: int, updated: int, missing: int) -> Explanation:
    strategy = mapping_at(context.view.data, ("spec", "updateStrategy"))
    kind = strategy.get("type") or "RollingUpdate"
    behind = desired - max(missing, 0) - updated
    evidence = [f"status.updatedNumberScheduled: {updated}", f"desiredNumberScheduled: {desired}"]
    if kind == "OnDelete":
        evidence.append("spec.updateStrategy.type: OnDelete")
        cause = "the update strategy is OnDelete: old pods are replaced only when deleted"
        commands = _commands(
            context,
            f"kubectl get pods -n {context.namespace} -l {context.selector} "
            "-L controller-revision-hash",
        )
    else:
        unavailable = mapping_at(strategy, ("rollingUpdate",)).get("maxUnavailable", 1)
        evidence.append(f"spec.updateStrategy.rollingUpdate.maxUnavailable: {unavailable}")
        cause = (
            f"a rolling update is in progress; it replaces at most {unavailable} pod(s) at a "
            "time and waits for each new pod to become available, so a new pod that does not "
            "become ready stops the rollout"
        )
        commands = (f"kubectl rollout status ds/{context.name} -n {context.namespace}",)
    return _ds_explanation(
        context,
        "rollout-incomplete",
        f"{behind} pod(s) of DaemonSet {context.name} still run an old template",
        tuple(evidence),
        cause,
        commands,
        ("status", "updatedNumberScheduled"),
    )


# --- placement: which nodes should have a pod ----------------------------------------------------


class _Nodes:
    """The snapshot's nodes in name order, prepared for placement once for every DaemonSet."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.names = sorted(snapshot.nodes)
        self.prepared = Nodes(snapshot.nodes[name].data for name in self.names)


def _placement_findings(
    context: _Context,
    nodes: _Nodes | None,
    node_findings: Mapping[str, list[Explanation]],
    event_findings: list[Explanation],
) -> tuple[list[Explanation], int | None]:
    """Nodes that should have a pod and have none, pods where none should be; the desired count."""
    template = template_spec(context.view)
    if nodes is None or not nodes.names or template is None:
        return [], None
    pods_by_node: dict[str, list[KubeObject]] = {}
    for pod in context.view.pods:
        pods_by_node.setdefault(pod_node(pod.data), []).append(pod)
    missing: list[str] = []
    evidence: list[str] = []
    misplaced: list[str] = []
    desired = 0
    for name, verdict in zip(nodes.names, place(template, nodes.prepared), strict=True):
        desired += verdict.should_run
        if verdict.should_run and name not in pods_by_node:
            missing.append(name)
            troubles = node_findings.get(name, [])
            evidence.append(
                f"node {name} should run a pod and has none"
                + (f" ({troubles[0].message})" if troubles else "")
            )
        elif not verdict.should_run and name in pods_by_node:
            for pod in pods_by_node[name]:
                misplaced.append(
                    f"pod {pod.name} on node {name}: {', '.join(verdict.reasons) or 'excluded'}"
                    + ("" if verdict.should_continue_running else " (it will be deleted)")
                )
    found: list[Explanation] = []
    if missing:
        failed = [e for e in event_findings if e.name == "failed-create"]
        cause = (
            failed[0].cause
            if failed
            else (
                "the controller has not created these pods: look for FailedCreate events on the "
                "DaemonSet (quota, Pod Security, admission webhooks)"
            )
        )
        found.append(
            _ds_explanation(
                context,
                "nodes-missing-pod",
                f"{len(missing)} node(s) that should run DaemonSet {context.name} have no pod "
                f"of it: {', '.join(missing[:5])}" + (" ..." if len(missing) > 5 else ""),
                tuple(evidence),
                cause,
                _commands(context, *(f"kubectl describe node {n}" for n in missing[:3])),
                ("kind",),
            )
        )
    if misplaced:
        found.append(
            _ds_explanation(
                context,
                "pods-misscheduled",
                f"{len(misplaced)} pod(s) of DaemonSet {context.name} run on nodes the "
                "DaemonSet does not select",
                tuple(misplaced),
                "the node's labels or taints changed after the pod was placed, or the "
                "template's nodeSelector, affinity or tolerations changed",
                (_pods_command(context),),
                ("kind",),
            )
        )
    return found, desired


def template_spec(view: DaemonSetView) -> Mapping[str, Any] | None:
    """The pod template spec to place; for a DaemonSet known only from its pods, a pod's spec."""
    if view.obj is not None:
        return mapping_at(view.obj.data, ("spec", "template", "spec"))
    if not view.pods:
        return None
    spec = dict(mapping_at(view.pods[0].data, ("spec",)))
    spec.pop("nodeName", None)
    affinity = dict(mapping_at(spec, ("affinity",)))
    node_affinity = dict(mapping_at(affinity, ("nodeAffinity",)))
    # The controller's one-node term (matchFields metadata.name) is not part of the template.
    node_affinity.pop("requiredDuringSchedulingIgnoredDuringExecution", None)
    affinity["nodeAffinity"] = node_affinity
    spec["affinity"] = affinity
    return spec


# --- building explanations -----------------------------------------------------------------------


def _ds_explanation(
    context: _Context,
    name: str,
    message: str,
    evidence: tuple[str, ...],
    cause: str,
    commands: tuple[str, ...],
    path: tuple[str | int, ...],
) -> Explanation:
    kind = KIND_BY_NAME[name]
    view = context.view
    if view.status_from is not None and path[:1] == ("status",):
        origin = view.status_from
        region = origin.region(path)
    elif view.obj is not None:
        origin = view.obj.origin
        region = origin.region(path)
    elif view.pods:
        origin = view.pods[0].origin
        region = origin.region(("metadata", "ownerReferences"))
    elif context.anchor is not None:  # known from its events only
        origin = context.anchor.origin
        region = origin.region(("involvedObject",))
    else:  # pragma: no cover - a view has an object, a pod or an event
        raise ValueError("a DaemonSet view without object, pods or events")
    return Explanation(
        kind.code,
        name,
        kind.level,
        view.key,
        view.key,
        message,
        evidence,
        cause,
        commands,
        origin.file,
        region.line,
        region.column,
        region.end_line,
        region.end_column,
        origin.pointer(path),
    )


def _from_clue(
    clue: Clue, obj: KubeObject, daemonset: ObjectKey | None, subject: ObjectKey | None = None
) -> Explanation:
    """An explanation from what `explain` found on `obj` (about `subject`, by default `obj`)."""
    kind = KIND_BY_NAME[clue.name]
    path = clue.path if subject is None else ("message",)  # evidence on an event: its message
    region = obj.origin.region(path)
    return Explanation(
        kind.code,
        clue.name,
        clue.level,
        subject or obj.key,
        daemonset,
        clue.summary,
        clue.evidence,
        clue.cause,
        (clue.command,),
        obj.origin.file,
        region.line,
        region.column,
        region.end_line,
        region.end_column,
        obj.origin.pointer(path),
    )
