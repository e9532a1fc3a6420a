"""`dslint simulate`: DaemonSet manifests against a cluster's nodes and objects.

For each DaemonSet: where the controller wants a pod (`placement`), whether the pod fits there
(`fit`, after the namespace's LimitRange defaults), what admission does to its pods
(`admission`), the cost and the rollout (`rollout`). Findings that belong to the manifest are
diagnostics at the manifest line they are about, in the results model every format reads:

- SIM101 `selects-no-node` (warning): no node is selected (nodeSelector, affinity, nodeName).
- SIM102 `taint-not-tolerated` (warning; info for control-plane and node-condition taints,
  which usually keep pods off on purpose or for a while): a taint keeps pods off nodes the pod
  is otherwise selected for.
- SIM103 `pods-pending` (warning; error when no selected node fits): a resource or host port
  does not fit.
- SIM104 `request-exceeds-every-node` (error): a request is larger than every selected node's
  allocatable.
- SIM105 `pods-rejected` (error): admission rejects the pods (Pod Security enforce, LimitRange,
  ResourceQuota, Priority).
- SIM106 `pod-security-warning` (warning for warn, info for audit): the template violates the
  namespace's Pod Security warn or audit level.

Public API: `prepare(inventory) -> Cluster` (nodes, rooms and allocatable prepared once);
`simulate_object(daemonset, cluster, ...) -> DaemonSetSimulation` for one DaemonSet as plain data
(`desired`, per-node `decisions` and `fits` as shared columns, `nodes` made from them on
reading, `admission`, `cost`, `rollout`, `diagnostics`); `simulate_paths(paths, inventory, ...)
-> Simulation` reads manifests the way `lint` does (files, folders, `-`, streams, Lists);
`to_json(simulation)` is the `dslint-simulate/1` document (see README, "dslint simulate").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, BinaryIO, NamedTuple, TypeVar

from dslint import suppress
from dslint.api import DEFAULT_KUBERNETES_VERSION, Level, Manifest, Path
from dslint.cluster.admission import Verdict, admit, namespace_of
from dslint.cluster.fit import PODS, Resources, Rooms, Shortfall, fit, pod_requests
from dslint.cluster.inventory import Inventory, object_name
from dslint.cluster.placement import Decision, Nodes, place
from dslint.cluster.rollout import Cost, Rollout, cost, plan_rollout
from dslint.document import Region, iter_objects, parse_stream
from dslint.k8s import POD_SPEC, containers, format_quantity, parse_quantity
from dslint.results import Diagnostic, FileResult, RuleInfo, located
from dslint.source import MAX_FILE_BYTES, SourceError, discover, read_input

SCHEMA = "dslint-simulate/1"
HELP_URI = "https://github.com/dslint/dslint/blob/main/README.md#dslint-simulate"

SELECTS_NO_NODE = RuleInfo(
    "SIM101", "selects-no-node", "warning",
    "No node of the cluster is selected for the DaemonSet, so it runs nowhere.", HELP_URI,
)  # fmt: skip
TAINT_NOT_TOLERATED = RuleInfo(
    "SIM102", "taint-not-tolerated", "warning",
    "A node taint the pod does not tolerate keeps it off nodes it is otherwise selected for.",
    HELP_URI,
)  # fmt: skip
PODS_PENDING = RuleInfo(
    "SIM103", "pods-pending", "error",
    "Daemon pods would stay Pending: a resource or host port does not fit on their node.",
    HELP_URI,
)  # fmt: skip
REQUEST_EXCEEDS_EVERY_NODE = RuleInfo(
    "SIM104", "request-exceeds-every-node", "error",
    "The pod requests more of a resource than any selected node can allocate.", HELP_URI,
)  # fmt: skip
PODS_REJECTED = RuleInfo(
    "SIM105", "pods-rejected", "error",
    "Admission (Pod Security, LimitRange, ResourceQuota) rejects the pods of the DaemonSet.",
    HELP_URI,
)  # fmt: skip
POD_SECURITY_WARNING = RuleInfo(
    "SIM106", "pod-security-warning", "warning",
    "The template violates the namespace's Pod Security warn or audit level.", HELP_URI,
)  # fmt: skip
RULES = (
    SELECTS_NO_NODE,
    TAINT_NOT_TOLERATED,
    PODS_PENDING,
    REQUEST_EXCEEDS_EVERY_NODE,
    PODS_REJECTED,
    POD_SECURITY_WARNING,
)
# Taints that keep daemon pods off on purpose (control planes) or for a while (node conditions).
_EXPECTED_TAINTS = (
    "node-role.kubernetes.io/master",
    "node-role.kubernetes.io/control-plane",
    "node.kubernetes.io/",
)
TOLERATIONS: Path = (*POD_SPEC, "tolerations")
_Shared = TypeVar("_Shared")


class Cluster:
    """The inventory prepared once for any number of DaemonSets."""

    __slots__ = ("allocatable", "inventory", "names", "nodes", "rooms")

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.nodes = Nodes(inventory.nodes)
        self.names = self.nodes.names
        self.rooms = Rooms(inventory.nodes, inventory.pods)
        self.allocatable: Resources = {}
        for known in self.rooms.allocatable:
            for name, amount in (known or {}).items():
                self.allocatable[name] = self.allocatable.get(name, Decimal(0)) + amount


def prepare(inventory: Inventory) -> Cluster:
    return Cluster(inventory)


class NodeOutcome(NamedTuple):
    """What happens on one node: whether a pod is wanted, why not, what does not fit."""

    node: str
    runs: bool
    reasons: tuple[str, ...]
    pending: tuple[str, ...]
    unknown: bool = False  # the node's allocatable is not known, so fit was not judged


class DaemonSetSimulation(NamedTuple):
    """One DaemonSet on the cluster. Per-node results are kept as columns (one entry per node,
    equal entries shared) and turned into `NodeOutcome`s only when `nodes` is read."""

    name: str
    namespace: str
    file: str
    line: int
    desired: int
    decisions: list[Decision]
    fits: list[tuple[str, ...] | None]
    admission: list[Verdict]
    cost: Cost
    rollout: Rollout
    diagnostics: list[Diagnostic]
    requests: Resources
    cluster: Cluster
    own: set[int]

    @property
    def nodes(self) -> list[NodeOutcome]:
        return [
            NodeOutcome(name, d.should_run, d.reasons, found or (), d.should_run and found is None)
            for name, d, found in zip(self.cluster.names, self.decisions, self.fits, strict=True)
        ]

    @property
    def pending(self) -> int:
        return sum(1 for found in self.fits if found)

    @property
    def rejected(self) -> bool:
        return any(v.rejects for v in self.admission)

    def shortfall(self, index: int, resource: str) -> Shortfall:
        """What the pod asks of a resource on the node at `index`, and what the node has free."""
        if resource == PODS:
            room = self.cluster.rooms.room(index, self.own)
            return Shortfall(PODS, Decimal(1), room.pod_slots if room else Decimal(0))
        if resource.startswith("hostPort:"):
            return Shortfall(resource, Decimal(1), Decimal(0))
        room = self.cluster.rooms.room(index, self.own)
        free = room.free_of(resource) if room else Decimal(0)
        return Shortfall(resource, self.requests.get(resource, Decimal(0)), free)


Locate = Callable[[Path], Region]


def _template_spec(daemonset: Mapping[str, Any]) -> Mapping[str, Any]:
    spec = Manifest(daemonset).mapping(POD_SPEC)
    return spec


def simulate_object(
    daemonset: Mapping[str, Any],
    cluster: Cluster,
    *,
    file: str = "<object>",
    locate: Locate | None = None,
    kubernetes_version: tuple[int, int] = DEFAULT_KUBERNETES_VERSION,
) -> DaemonSetSimulation:
    """Simulate one DaemonSet (plain data) on the prepared cluster."""
    where = locate or (lambda path: Region(1, 1, 1, 2))
    spec = _template_spec(daemonset)
    decisions = place(spec, cluster.nodes)
    wanted = [d.should_run for d in decisions]
    desired = sum(wanted)
    admission = admit(daemonset, cluster.inventory, desired, kubernetes_version)
    own = _own_pods(daemonset, cluster.inventory.pods)
    requests = pod_requests(admission.spec)
    result = DaemonSetSimulation(
        object_name(daemonset) or "<unnamed>",
        namespace_of(daemonset),
        file,
        where(("kind",)).line,
        desired,
        decisions,
        fit(admission.spec, cluster.rooms, wanted, own),
        admission.verdicts,
        cost(requests, desired, cluster.allocatable),
        plan_rollout(daemonset, desired),
        [],
        requests,
        cluster,
        own,
    )
    context = _Context(daemonset, result, file, where)
    result.diagnostics.extend(context.findings())
    return result


def _distinct(column: Sequence[_Shared]) -> list[tuple[_Shared, int]]:
    """The distinct entries of a column, with how often each occurs."""
    return list(Counter(column).items())


def _own_pods(daemonset: Mapping[str, Any], pods: Iterable[Mapping[str, Any]]) -> set[int]:
    """The pods this DaemonSet already runs (a rollout replaces them, so they free their room)."""
    name, namespace = object_name(daemonset), namespace_of(daemonset)
    own: set[int] = set()
    for pod in pods:
        owners = (
            pod.get("metadata", {}).get("ownerReferences")
            if isinstance(pod.get("metadata"), dict)
            else None
        )
        for owner in owners if isinstance(owners, list) else ():
            if (
                isinstance(owner, dict)
                and owner.get("kind") == "DaemonSet"
                and owner.get("name") == name
                and namespace_of(pod) == namespace
            ):
                own.add(id(pod))
    return own


class _Context:
    """What the findings of one DaemonSet are made from.

    Nodes are counted by distinct outcome (decisions and fit results are shared objects), so
    findings cost one pass over the nodes however many there are.
    """

    def __init__(
        self, daemonset: Mapping[str, Any], result: DaemonSetSimulation, file: str, locate: Locate
    ) -> None:
        self.result = result
        self.file = file
        self.locate = locate
        self.manifest = Manifest(daemonset)
        self.requests = result.requests
        self.decisions = _distinct(result.decisions)
        # What does not fit, and on how many nodes, where that was judged.
        self.judged = [
            (found, count) for found, count in _distinct(result.fits) if found is not None
        ]

    def diagnostic(
        self, rule: RuleInfo, path: Path, message: str, level: Level | None = None
    ) -> Diagnostic:
        rule_id = (rule.code, rule.name, level or rule.level)
        return located(self.file, self.locate(path), rule_id, message, path, self.result.name)

    def findings(self) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        if self.decisions and self.result.desired == 0:
            found.extend(self._selects_no_node())
        found.extend(self._taints())
        found.extend(self._fit())
        found.extend(self._admission())
        return found

    def _selects_no_node(self) -> list[Diagnostic]:
        selection: Counter[str] = Counter()
        for decision, count in self.decisions:
            for reason in decision.reasons:
                if not reason.startswith("taint:"):
                    selection[reason] += count
        if not selection:
            return []  # taints alone: reported per taint
        paths = {
            "node-selector": (*POD_SPEC, "nodeSelector"),
            "node-affinity": (*POD_SPEC, "affinity", "nodeAffinity"),
            "node-name": (*POD_SPEC, "nodeName"),
        }
        reason, count = selection.most_common(1)[0]
        total = len(self.result.decisions)
        message = (
            f"no node of {total} is selected ({reason} rules out {count}); "
            "desiredNumberScheduled would be 0"
        )
        return [self.diagnostic(SELECTS_NO_NODE, paths[reason], message)]

    def _taints(self) -> list[Diagnostic]:
        selected = 0
        blocked: Counter[str] = Counter()
        for decision, count in self.decisions:
            if all(reason.startswith("taint:") for reason in decision.reasons):
                selected += count
                for reason in decision.reasons:
                    blocked[reason] += count
        found = []
        path = TOLERATIONS if self.manifest.get(TOLERATIONS) is not None else POD_SPEC
        for reason, count in sorted(blocked.items()):
            taint = reason[len("taint:") :]
            expected = taint.startswith(_EXPECTED_TAINTS)
            message = (
                f'taint "{taint}" keeps the pod off {count} of {selected} nodes it is '
                "otherwise selected for; add a toleration if it should run there"
            )
            level: Level | None = "info" if expected else None
            found.append(self.diagnostic(TAINT_NOT_TOLERATED, path, message, level))
        return found

    def _fit(self) -> list[Diagnostic]:
        judged = sum(count for _, count in self.judged)
        short: Counter[str] = Counter()
        for names, count in self.judged:
            for name in names:
                short[name] += count
        found = []
        for resource, count in sorted(short.items()):
            path = self._resource_path(resource)
            ordinary = resource != PODS and not resource.startswith("hostPort:")
            if ordinary and self._exceeds_every_node(resource):
                asked = quantity_text(resource, self.requests.get(resource, Decimal(0)))
                message = (
                    f"the pod requests {asked} {resource}, more than the allocatable of every one "
                    f"of the {judged} selected nodes; no pod can be scheduled"
                )
                found.append(self.diagnostic(REQUEST_EXCEEDS_EVERY_NODE, path, message))
                continue
            node = next(
                index for index, names in enumerate(self.result.fits) if names and resource in names
            )
            level: Level = "error" if count == judged else "warning"
            example = insufficient(self.result.shortfall(node, resource))
            message = f"pods would stay Pending on {count} of {judged} nodes: {example}"
            found.append(self.diagnostic(PODS_PENDING, path, message, level))
        return found

    def _exceeds_every_node(self, resource: str) -> bool:
        asked = self.requests.get(resource, Decimal(0))
        rooms = self.result.cluster.rooms
        for total, names in zip(rooms.allocatable, self.result.fits, strict=True):
            if names is not None and (total or {}).get(resource, Decimal(0)) >= asked:
                return False
        return True

    def _resource_path(self, resource: str) -> Path:
        """The container that asks most of a resource, at its request (or the port)."""
        best: tuple[Decimal, Path] | None = None
        for container in containers(self.manifest):
            resources = container.data.get("resources")
            resources = resources if isinstance(resources, dict) else {}
            for field in ("requests", "limits"):
                amounts = resources.get(field)
                if isinstance(amounts, dict) and resource in amounts:
                    amount = parse_quantity(amounts[resource]) or Decimal(0)
                    if best is None or amount > best[0]:
                        best = (amount, (*container.path, "resources", field, resource))
                    break
            if resource.startswith("hostPort:"):
                port = int(resource.split(":", 1)[1].split("/", 1)[0])
                ports = container.data.get("ports")
                for index, item in enumerate(ports if isinstance(ports, list) else ()):
                    if isinstance(item, dict) and port in (
                        item.get("hostPort"),
                        item.get("containerPort"),
                    ):
                        return (*container.path, "ports", index)
        return best[1] if best is not None else POD_SPEC

    def _admission(self) -> list[Diagnostic]:
        found = []
        for verdict in self.result.admission:
            if verdict.rejects:
                found.append(self.diagnostic(PODS_REJECTED, verdict.path, verdict.message))
            elif verdict.mode in ("warn", "audit"):
                level: Level = "warning" if verdict.mode == "warn" else "info"
                found.append(
                    self.diagnostic(POD_SECURITY_WARNING, verdict.path, verdict.message, level)
                )
        return found


def _binary(resource: str) -> bool:
    return resource in ("memory", "ephemeral-storage") or resource.startswith("hugepages-")


def quantity_text(resource: str, amount: Decimal) -> str:
    """An amount of a resource as Kubernetes prints it (memory and storage in binary units)."""
    return format_quantity(amount, _binary(resource))


def insufficient(shortfall: Shortfall) -> str:
    """What does not fit, in the scheduler's words (`Insufficient cpu`), with the amounts."""
    if shortfall.resource == PODS:
        return "Too many pods (no pod slot left)"
    if shortfall.resource.startswith("hostPort:"):
        port = shortfall.resource.split(":", 1)[1]
        return f"host port {port} is taken by another pod on the node"
    resource = shortfall.resource
    return (
        f"Insufficient {resource} (requests {quantity_text(resource, shortfall.requested)}, "
        f"free {quantity_text(resource, shortfall.free)})"
    )


# --- reading manifests --------------------------------------------------------------------------


class Simulation(NamedTuple):
    daemonsets: list[DaemonSetSimulation]
    files: list[FileResult]
    cluster: Cluster
    manifest_problems: list[str]  # manifests or documents that could not be read

    @property
    def problems(self) -> list[str]:
        """Input that could not be read: inventories first, then manifests."""
        found = [str(p) for p in self.cluster.inventory.problems]
        return found + self.manifest_problems


def simulate_paths(
    paths: Iterable[str],
    inventory: Inventory,
    *,
    kubernetes_version: tuple[int, int] = DEFAULT_KUBERNETES_VERSION,
    stdin: BinaryIO | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Simulation:
    """Read DaemonSet manifests as `lint` does and simulate each one on the inventory."""
    cluster = prepare(inventory)
    simulations: list[DaemonSetSimulation] = []
    files: list[FileResult] = []
    problems: list[str] = []
    for path in discover(paths):
        try:
            source = read_input(path, max_bytes, stdin)
        except SourceError as error:
            problems.append(str(error))
            continue
        result = FileResult(source.name)
        files.append(result)
        if source.limit_exceeded is not None:
            problems.append(f"{source.name}: {source.limit_exceeded}")
            continue
        for document in parse_stream(source.text):
            result.documents += 1
            problems.extend(
                f"{source.name}:{p.line}:{p.column}: {p.message}" for p in document.problems
            )
            if document.data is None:
                continue
            for prefix, obj in iter_objects(document):
                if obj.get("kind") != "DaemonSet":
                    result.skipped_objects += 1
                    continue
                locate = _locator(document, prefix)
                simulation = simulate_object(
                    obj,
                    cluster,
                    file=source.name,
                    locate=locate,
                    kubernetes_version=kubernetes_version,
                )
                simulations.append(simulation)
                result.daemonsets += 1
                result.objects.append(simulation.name)
                result.diagnostics.extend(simulation.diagnostics)
        suppress.apply_comments(result.diagnostics, source.text)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        lines = source.text.splitlines()
        for diagnostic in result.diagnostics:
            if 0 < diagnostic.line <= len(lines):
                result.excerpts[diagnostic.line] = lines[diagnostic.line - 1]
    return Simulation(simulations, files, cluster, problems)


def _locator(document: Any, prefix: Path) -> Locate:
    def locate(path: Path) -> Region:
        region: Region = document.locate((*prefix, *path))
        return region

    return locate


# --- the JSON contract --------------------------------------------------------------------------


def _quantities(amounts: Mapping[str, Decimal]) -> dict[str, str]:
    return {name: quantity_text(name, amount) for name, amount in sorted(amounts.items())}


def daemonset_json(result: DaemonSetSimulation) -> dict[str, Any]:
    rollout = result.rollout
    return {
        "name": result.name,
        "namespace": result.namespace,
        "file": result.file,
        "line": result.line,
        "desired": result.desired,
        "nodes": [
            {"node": n.node, "runs": n.runs, "reasons": list(n.reasons), "pending": list(n.pending)}
            for n in result.nodes
        ],
        "admission": [
            {
                "plugin": v.plugin,
                "mode": v.mode,
                "rejects": v.rejects,
                "message": v.message,
                "admitted": v.admitted,
            }
            for v in result.admission
        ],
        "cost": {
            "per_pod": _quantities(result.cost.per_pod),
            "total": _quantities(result.cost.total),
            "share_of_allocatable": dict(sorted(result.cost.share.items())),
        },
        "rollout": {
            "strategy": rollout.strategy,
            "max_unavailable": rollout.max_unavailable,
            "max_surge": rollout.max_surge,
            "min_ready_seconds": rollout.min_ready_seconds,
            "waves": rollout.waves,
            "lower_bound_seconds": rollout.lower_bound_seconds,
        },
    }


def summary(simulation: Simulation) -> dict[str, int]:
    levels = Counter(d.level for r in simulation.files for d in r.reported)
    return {
        "daemonsets": len(simulation.daemonsets),
        "nodes": len(simulation.cluster.names),
        "desired": sum(s.desired for s in simulation.daemonsets),
        "pending": sum(s.pending for s in simulation.daemonsets),
        "rejected": sum(1 for s in simulation.daemonsets if s.rejected),
        "errors": levels["error"],
        "warnings": levels["warning"],
        "infos": levels["info"],
    }


def to_json(simulation: Simulation) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "daemonsets": [daemonset_json(s) for s in simulation.daemonsets],
        "summary": summary(simulation),
    }
