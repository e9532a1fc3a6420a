"""What the evidence in a snapshot means: pod states, events, scheduler messages, node conditions.

Each function reads one object (a pod, an event, a node) as plain data and returns `Clue`s: the
evidence as the cluster wrote it, the likely cause in plain words, and the `kubectl` command that
shows the same thing on the live cluster. `diagnose.py` puts the clues together per DaemonSet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from dslint.api import Level, mapping_at


class Clue(NamedTuple):
    """One thing found about one object."""

    name: str  # the kind of problem (a finding name: `crash-loop`, `image-pull-failure`, ...)
    level: Level
    summary: str  # one line: what is wrong
    evidence: tuple[str, ...]  # what the snapshot says, quoted
    cause: str  # the likely cause
    command: str  # the kubectl command that confirms it live
    path: tuple[str | int, ...] = ()  # where in the object the evidence is


# --- the scheduler's "0/3 nodes are available" message ----------------------------------------

_AVAILABLE = re.compile(r"^\s*(\d+)/(\d+) nodes are available:?\s*(.*)$", re.DOTALL)
_COUNTED = re.compile(r"^(\d+)\s+(.*)$", re.DOTALL)
_TAINT = re.compile(r"\{([^{}]*)\}")


class SchedulerReason(NamedTuple):
    nodes: int  # how many nodes this reason rejected
    text: str  # as the scheduler wrote it
    meaning: str  # what it means and what to do


class SchedulerMessage(NamedTuple):
    available: int
    total: int
    reasons: tuple[SchedulerReason, ...]
    preemption: str  # the `preemption: ...` part, if any


def decode_scheduler_message(message: str) -> SchedulerMessage | None:
    """Split `0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 Insufficient cpu.`

    Returns None for messages of another shape (older schedulers, other components).
    """
    text = " ".join(message.split())
    main, _, preemption = text.partition(" preemption: ")
    match = _AVAILABLE.match(main)
    if match is None:
        return None
    reasons = []
    for part in _split_reasons(match.group(3).rstrip(".").strip()):
        counted = _COUNTED.match(part)
        count, reason = (int(counted.group(1)), counted.group(2)) if counted else (0, part)
        reasons.append(SchedulerReason(count, reason.strip(), scheduler_reason_meaning(reason)))
    return SchedulerMessage(
        int(match.group(1)), int(match.group(2)), tuple(reasons), preemption.strip()
    )


def _split_reasons(text: str) -> Iterator[str]:
    """Split at commas that are not inside a taint's braces."""
    depth, start = 0, 0
    for index, character in enumerate(text):
        if character == "{":
            depth += 1
        elif character == "}":
            depth = max(0, depth - 1)
        elif character == "," and depth == 0:
            part = text[start:index].strip()
            if part and not part.startswith("that the pod"):
                yield part
            start = index + 1
    part = text[start:].strip()
    if part and not part.startswith("that the pod"):
        yield part


# Reasons of a FailedScheduling message, by words they contain (lower case), and what they mean.
_SCHEDULER_MEANINGS = (
    (("free ports",), "another pod on the node already uses the hostPort this pod asks for"),
    (("too many pods",), "the node already runs as many pods as its allocatable `pods` allows"),
    (("unschedulable",), "the node is cordoned (spec.unschedulable); daemon pods tolerate this"),
    (
        ("volume node affinity", "volume zone"),
        "a persistent volume the pod mounts lives in another zone or on another node",
    ),
    (
        ("anti-affinity", "pod affinity"),
        "the pod's inter-pod (anti-)affinity rules exclude the node",
    ),
    (("topology spread",), "the pod's topology spread constraints exclude the node"),
    (("preemption is not helpful",), "evicting lower-priority pods would not make room"),
)


def scheduler_reason_meaning(reason: str) -> str:
    """What one reason of a FailedScheduling message means for the pod."""
    lowered = reason.lower()
    if lowered.startswith("insufficient "):
        resource = reason.split(None, 1)[1].strip()
        return (
            f"the node's allocatable {resource} minus what the pods already on it request is "
            f"less than this pod requests: lower the {resource} request or free the node"
        )
    if "taint" in lowered:
        taint = _TAINT.search(reason)
        shown = taint.group(1).strip() if taint else "a taint"
        key = shown.split(":", 1)[0].strip()
        if key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
            return (
                f"the node carries {{{shown}}}, which the node lifecycle controller sets while "
                "the node is NotReady or unreachable: make the node Ready"
            )
        return f"the pod has no toleration for the taint {{{shown}}}: add one, or untaint the node"
    if "node affinity/selector" in lowered or "node affinity" in lowered:
        return (
            "the node's labels do not satisfy the pod's nodeSelector or required node affinity; "
            "for a daemon pod, which targets exactly one node, every other node is counted here"
        )
    for needles, meaning in _SCHEDULER_MEANINGS:
        if any(needle in lowered for needle in needles):
            return meaning
    return "a scheduler filter rejected the node"


# --- pods ----------------------------------------------------------------------------------------

_SIGNALS = {
    1: "the process exited with an error",
    2: "the command was misused (bad arguments)",
    126: "the command could not be executed (permissions or not an executable)",
    127: "the command was not found in the image",
    128: "the command exited with an invalid code",
    134: "the process aborted (SIGABRT)",
    137: "the process was killed (SIGKILL): out of memory, or a failed liveness probe",
    139: "the process crashed with a segmentation fault (SIGSEGV)",
    143: "the process was asked to stop (SIGTERM)",
    255: "the process exited with status -1 (255)",
}
_PULL_FAILURES = frozenset(
    {
        "ErrImagePull",
        "ImagePullBackOff",
        "InvalidImageName",
        "ErrImageNeverPull",
        "RegistryUnavailable",
    }
)
_CONFIG_FAILURES = frozenset(
    {
        "CreateContainerConfigError",
        "CreateContainerError",
        "RunContainerError",
        "PreCreateHookError",
    }
)


def exit_code_meaning(code: int, reason: str = "") -> str:
    if reason == "OOMKilled":
        return "the container went over its memory limit and the kernel killed it (OOMKilled)"
    if reason == "ContainerCannotRun":
        return "the runtime could not start the container (bad command, entrypoint or mount)"
    return _SIGNALS.get(code, f"the process exited with code {code}")


def _pod_ref(pod: Mapping[str, Any]) -> tuple[str, str]:
    metadata = mapping_at(pod, ("metadata",))
    return str(metadata.get("name") or ""), str(metadata.get("namespace") or "default")


def _container_statuses(pod: Mapping[str, Any]) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    for field in ("initContainerStatuses", "containerStatuses"):
        statuses = mapping_at(pod, ("status",)).get(field)
        if isinstance(statuses, list):
            for index, status in enumerate(statuses):
                if isinstance(status, dict):
                    yield field, index, status


def pod_clues(pod: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> list[Clue]:
    """Everything wrong with one pod, from its status and the events about it."""
    name, namespace = _pod_ref(pod)
    clues: list[Clue] = []
    status = mapping_at(pod, ("status",))
    phase = status.get("phase")
    scheduling = _unschedulable(pod, events)
    if scheduling is not None:
        clues.append(scheduling)
    if phase == "Failed":
        reason = str(status.get("reason") or "Failed")
        detail = str(status.get("message") or "")
        clues.append(
            Clue(
                "pod-failed",
                "error",
                f"pod {name} failed ({reason})",
                (f"status.phase: Failed, reason {reason}" + (f": {detail}" if detail else ""),),
                _failed_pod_cause(reason),
                f"kubectl describe pod {name} -n {namespace}",
                ("status", "phase"),
            )
        )
    for field, index, container in _container_statuses(pod):
        clue = _container_clue(name, namespace, field, index, container, phase)
        if clue is not None:
            clues.append(clue)
    clues.extend(_event_clues(name, namespace, events, {c.name for c in clues}))
    return clues


def _unschedulable(pod: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> Clue | None:
    name, namespace = _pod_ref(pod)
    message = ""
    path: tuple[str | int, ...] = ("status",)
    conditions = mapping_at(pod, ("status",)).get("conditions")
    for index, condition in enumerate(conditions if isinstance(conditions, list) else []):
        if (
            isinstance(condition, dict)
            and condition.get("type") == "PodScheduled"
            and condition.get("status") == "False"
        ):
            message = str(condition.get("message") or condition.get("reason") or "")
            path = ("status", "conditions", index, "message")
    if not message and mapping_at(pod, ("status",)).get("phase") == "Pending":
        for event in events:
            if event.get("reason") == "FailedScheduling":
                message = str(event.get("message") or "")
    if not message:
        return None
    decoded = decode_scheduler_message(message)
    evidence = [f"scheduler: {' '.join(message.split())}"]
    cause = "the scheduler found no node for the pod"
    if decoded is not None:
        # The reasons that matter are the ones not explained by a daemon pod's one-node affinity.
        telling = [r for r in decoded.reasons if "node affinity/selector" not in r.text] or list(
            decoded.reasons
        )
        evidence.extend(f"{r.nodes} node(s): {r.text} — {r.meaning}" for r in decoded.reasons)
        cause = "; ".join(f"{r.text}: {r.meaning}" for r in telling[:2])
    return Clue(
        "pod-unschedulable",
        "error",
        f"pod {name} is Pending: the scheduler cannot place it",
        tuple(evidence),
        cause,
        f"kubectl describe pod {name} -n {namespace}",
        path,
    )


def _failed_pod_cause(reason: str) -> str:
    if reason == "Evicted":
        return "the kubelet evicted the pod to reclaim a resource under node pressure"
    if reason.startswith("OutOf"):
        resource = reason.removeprefix("OutOf")
        return f"the kubelet refused the pod: the node is out of {resource} (kubelet admission)"
    if reason == "NodeAffinity":
        return "the node no longer matches the pod's node affinity (labels changed)"
    if reason == "Preempting":
        return "a higher-priority pod preempted this one"
    return (
        "the pod stopped and is not restarted in place (the DaemonSet controller deletes a "
        "failed daemon pod and creates a new one)"
    )


def _container_clue(
    pod: str,
    namespace: str,
    field: str,
    index: int,
    container: Mapping[str, Any],
    phase: object,
) -> Clue | None:
    name = str(container.get("name") or "")
    state = mapping_at(container, ("state",))
    waiting = mapping_at(state, ("waiting",))
    last = mapping_at(container, ("lastState", "terminated"))
    count = container.get("restartCount")
    restarts = count if isinstance(count, int) else 0
    reason = str(waiting.get("reason") or "")
    detail = str(waiting.get("message") or "")
    path = ("status", field, index, "state")
    kind = "init container" if field == "initContainerStatuses" else "container"
    if reason in _PULL_FAILURES:
        image = str(container.get("image") or "")
        return Clue(
            "image-pull-failure",
            "error",
            f"{kind} {name} of pod {pod} cannot pull its image ({reason})",
            (f"state.waiting.reason: {reason}" + (f": {detail}" if detail else ""),)
            + ((f"image: {image}",) if image else ()),
            "the image name or tag is wrong, the registry needs credentials the pod lacks "
            "(imagePullSecrets), or the node cannot reach the registry",
            f"kubectl describe pod {pod} -n {namespace}",
            path,
        )
    if reason == "CrashLoopBackOff" or (restarts and last and not state.get("running")):
        return _crash_clue(pod, namespace, kind, name, restarts, last, reason, detail, path)
    if reason in _CONFIG_FAILURES:
        return Clue(
            "container-not-started",
            "error",
            f"{kind} {name} of pod {pod} cannot be created ({reason})",
            (f"state.waiting.reason: {reason}" + (f": {detail}" if detail else ""),),
            "a ConfigMap, Secret or key the container refers to is missing, or its command "
            "or mounts are invalid",
            f"kubectl describe pod {pod} -n {namespace}",
            path,
        )
    if (
        phase == "Running"
        and field == "containerStatuses"
        and state.get("running") is not None
        and container.get("ready") is False
    ):
        return Clue(
            "container-not-ready",
            "warning",
            f"container {name} of pod {pod} is running but not ready",
            ("ready: false while state is running",),
            "its readiness (or startup) probe does not pass yet",
            f"kubectl describe pod {pod} -n {namespace}",
            ("status", field, index, "ready"),
        )
    return None


def _crash_clue(
    pod: str,
    namespace: str,
    kind: str,
    name: str,
    restarts: int,
    last: Mapping[str, Any],
    reason: str,
    detail: str,
    path: tuple[str | int, ...],
) -> Clue:
    evidence = [f"restartCount: {restarts}"]
    if reason:
        evidence.append(f"state.waiting.reason: {reason}" + (f": {detail}" if detail else ""))
    cause = "the container keeps exiting"
    if last:
        code = last.get("exitCode")
        last_reason = str(last.get("reason") or "")
        evidence.append(
            f"lastState.terminated: exitCode {code}"
            + (f", reason {last_reason}" if last_reason else "")
            + (f", finished {last['finishedAt']}" if last.get("finishedAt") else "")
        )
        if isinstance(code, int):
            cause = exit_code_meaning(code, last_reason)
    return Clue(
        "crash-loop",
        "error",
        f"{kind} {name} of pod {pod} keeps crashing"
        + (" (CrashLoopBackOff)" if reason == "CrashLoopBackOff" else f" ({restarts} restarts)"),
        tuple(evidence),
        cause,
        f"kubectl logs {pod} -n {namespace} -c {name} --previous",
        path,
    )


_PROBE = re.compile(r"\b(Readiness|Liveness|Startup) probe failed:?\s*(.*)", re.DOTALL)


def _event_clues(
    pod: str, namespace: str, events: Sequence[Mapping[str, Any]], already: set[str]
) -> Iterator[Clue]:
    """Probe failures, and pull or crash evidence the status no longer shows."""
    seen: set[tuple[str, str]] = set()
    for event in events:
        reason = str(event.get("reason") or "")
        message = " ".join(str(event.get("message") or "").split())
        count = event.get("count") or mapping_at(event, ("series",)).get("count")
        times = f" ({count} times)" if isinstance(count, int) and count > 1 else ""
        container = _event_container(event)
        probe = _PROBE.search(message)
        if reason == "Unhealthy" and probe is not None:
            kind = probe.group(1)
            if (kind, container) in seen:
                continue
            seen.add((kind, container))
            yield Clue(
                "probe-failure",
                "warning",
                f"{kind.lower()} probe of {container or 'a container'} in pod {pod} fails",
                (f"event Unhealthy{times}: {message}",),
                _probe_cause(kind, probe.group(2)),
                f"kubectl describe pod {pod} -n {namespace}",
            )
        elif "image-pull-failure" not in already and (
            "pulling image" in message.lower()
            or "ImagePullBackOff" in message
            or "ErrImagePull" in message
            or "Failed to pull image" in message
        ):
            already.add("image-pull-failure")
            yield Clue(
                "image-pull-failure",
                "error",
                f"pod {pod} cannot pull an image",
                (f"event {reason}{times}: {message}",),
                "the image name or tag is wrong, the registry needs credentials the pod lacks "
                "(imagePullSecrets), or the node cannot reach the registry",
                f"kubectl describe pod {pod} -n {namespace}",
            )
        elif "crash-loop" not in already and "restarting failed container" in message:
            already.add("crash-loop")
            yield Clue(
                "crash-loop",
                "error",
                f"{container or 'a container'} of pod {pod} keeps crashing",
                (f"event {reason}{times}: {message}",),
                "the container keeps exiting; its previous log says why",
                f"kubectl logs {pod} -n {namespace}"
                + (f" -c {container}" if container else "")
                + " --previous",
            )


def _event_container(event: Mapping[str, Any]) -> str:
    field_path = str(mapping_at(event, ("involvedObject",)).get("fieldPath") or "")
    match = re.search(r"\{([^}]*)\}", field_path)
    return match.group(1) if match else ""


def _probe_cause(kind: str, detail: str) -> str:
    lowered = detail.lower()
    if "timeout" in lowered or "deadline exceeded" in lowered:
        how = "the endpoint did not answer within timeoutSeconds"
    elif "connection refused" in lowered:
        how = "nothing listens on the probed port (yet)"
    elif "statuscode" in lowered or "status code" in lowered:
        how = "the endpoint answers with an error status"
    else:
        how = "the probe's check does not pass"
    effect = {
        "Readiness": "the pod stays out of Ready, so the DaemonSet counts it unavailable",
        "Liveness": "the kubelet restarts the container each time it fails",
        "Startup": "the kubelet restarts the container before it finishes starting",
    }[kind]
    return f"{how}; {effect}"


# --- nodes ---------------------------------------------------------------------------------------

_PRESSURE = {
    "MemoryPressure": ("memory", "node.kubernetes.io/memory-pressure"),
    "DiskPressure": ("disk", "node.kubernetes.io/disk-pressure"),
    "PIDPressure": ("process IDs", "node.kubernetes.io/pid-pressure"),
}


def node_clues(node: Mapping[str, Any]) -> list[Clue]:
    """NotReady, pressure and NetworkUnavailable conditions of one node."""
    name = str(mapping_at(node, ("metadata",)).get("name") or "")
    clues: list[Clue] = []
    conditions = mapping_at(node, ("status",)).get("conditions")
    command = f"kubectl describe node {name}"
    for index, condition in enumerate(conditions if isinstance(conditions, list) else []):
        if not isinstance(condition, dict):
            continue
        kind, status = condition.get("type"), condition.get("status")
        reason = str(condition.get("reason") or "")
        message = " ".join(str(condition.get("message") or "").split())
        said = (
            f"{kind}={status}"
            + (f" ({reason})" if reason else "")
            + (f": {message}" if message else "")
        )
        path = ("status", "conditions", index, "status")
        if kind == "Ready" and status != "True":
            clues.append(
                Clue(
                    "node-not-ready",
                    "error",
                    f"node {name} is NotReady",
                    (said,),
                    _not_ready_cause(status, message),
                    command,
                    path,
                )
            )
        elif kind in _PRESSURE and status == "True":
            what, taint = _PRESSURE[str(kind)]
            clues.append(
                Clue(
                    "node-pressure",
                    "warning",
                    f"node {name} is short of {what} ({kind})",
                    (said,),
                    f"the kubelet may evict pods to reclaim {what}; the node is tainted "
                    f"{taint}:NoSchedule, which daemon pods tolerate",
                    command,
                    path,
                )
            )
        elif kind == "NetworkUnavailable" and status == "True":
            clues.append(
                Clue(
                    "node-network-unavailable",
                    "error",
                    f"node {name} has no pod network (NetworkUnavailable)",
                    (said,),
                    "the network plugin has not set up routes for the node; only hostNetwork "
                    "daemon pods get the network-unavailable toleration and start there",
                    command,
                    path,
                )
            )
    return clues


def _not_ready_cause(status: object, message: str) -> str:
    lowered = message.lower()
    if status == "Unknown" or "stopped posting" in lowered:
        return (
            "the kubelet stopped reporting: the node is down, overloaded or cut off from the "
            "API server; the node lifecycle controller taints it unreachable"
        )
    if "cni" in lowered or "network plugin" in lowered or "networkready=false" in lowered:
        return (
            "the container network (CNI) is not ready on the node: the network plugin's own "
            "daemon pod there has not written its configuration yet, or is failing"
        )
    if "pleg" in lowered:
        return "the container runtime is not responding to the kubelet (PLEG is not healthy)"
    if "container runtime" in lowered:
        return "the container runtime is down or not responding"
    return (
        "the kubelet reports the node not ready; the node lifecycle controller taints it "
        "node.kubernetes.io/not-ready, so DaemonSets without a toleration for "
        "not-ready:NoSchedule get no new pod there"
    )


# --- events about a DaemonSet ---------------------------------------------------------------

_QUOTA_EXCEEDED = re.compile(r"exceeded quota: ([^,]+), requested: ([^,]+(?:,[^,:]+)*?), used:")
_QUOTA_MISSING = re.compile(r"failed quota: ([^:]+): must specify ([^;]+)")
_POD_SECURITY = re.compile(r'violates PodSecurity "([^"]+)": (.*)')


# Other admission refusals, by words of the API server's message.
_ADMISSION_CAUSES = (
    (
        ("usage per Container", "usage per Pod", "limit to request"),
        "a LimitRange in the namespace rejects the pod's requests or limits",
    ),
    (("PriorityClass",), "the pod names a PriorityClass that does not exist"),
    (("RuntimeClass",), "the pod names a RuntimeClass that does not exist"),
    (("denied the request", "admission webhook"), "an admission webhook rejected the pod"),
    (
        ("serviceaccount", "service account"),
        "the pod's service account does not exist in the namespace",
    ),
)


def failed_create_cause(message: str) -> str:
    """Why the DaemonSet controller could not create a pod, from a FailedCreate message."""
    exceeded = _QUOTA_EXCEEDED.search(message)
    if exceeded:
        return (
            f"ResourceQuota {exceeded.group(1).strip()} has no room left for another pod "
            f"(requested {exceeded.group(2).strip()}): raise the quota or lower the requests"
        )
    missing = _QUOTA_MISSING.search(message)
    if missing:
        return (
            f"ResourceQuota {missing.group(1).strip()} tracks resources the pod does not set: "
            f"add {missing.group(2).strip()} to every container"
        )
    security = _POD_SECURITY.search(message)
    if security:
        return (
            f"the namespace enforces Pod Security {security.group(1)} and the pod template "
            f"breaks it ({security.group(2).rstrip('.')}): relabel the namespace or change the "
            "template"
        )
    for needles, meaning in _ADMISSION_CAUSES:
        if any(needle in message for needle in needles):
            return meaning
    return "the API server refused the DaemonSet's pods"


_FAILED_POD = re.compile(r"Found failed daemon pod (\S+) on node ([^\s,]+)")


def daemonset_event_clues(
    name: str, namespace: str, events: Sequence[Mapping[str, Any]]
) -> list[Clue]:
    """FailedCreate, FailedDaemonPod and FailedPlacement events about a DaemonSet."""
    clues: list[Clue] = []
    command = f"kubectl describe ds {name} -n {namespace}"
    for event in events:
        reason = str(event.get("reason") or "")
        message = " ".join(str(event.get("message") or "").split())
        count = event.get("count") or mapping_at(event, ("series",)).get("count")
        times = f" ({count} times)" if isinstance(count, int) and count > 1 else ""
        if reason == "FailedCreate":
            clues.append(
                Clue(
                    "failed-create",
                    "error",
                    f"the API server refuses the pods of DaemonSet {name}",
                    (f"event FailedCreate{times}: {message}",),
                    failed_create_cause(message),
                    command,
                )
            )
        elif reason == "FailedDaemonPod":
            found = _FAILED_POD.search(message)
            where = f" on node {found.group(2)}" if found else ""
            clues.append(
                Clue(
                    "failed-daemon-pod",
                    "warning",
                    f"a pod of DaemonSet {name} failed{where} and is being replaced",
                    (f"event FailedDaemonPod{times}: {message}",),
                    "the pod reached phase Failed (kubelet admission refused it, it was evicted, "
                    "or it exited with restartPolicy other than Always); the controller deletes "
                    "and recreates it with back-off",
                    command,
                )
            )
        elif reason == "FailedPlacement":
            clues.append(
                Clue(
                    "failed-create",
                    "error",
                    f"DaemonSet {name} cannot place a pod",
                    (f"event FailedPlacement{times}: {message}",),
                    "the node lacks the resources or ports the pod needs",
                    command,
                )
            )
    return clues
