"""Which nodes the DaemonSet controller wants a daemon pod on (`NodeShouldRunDaemonPod`).

Public API (objects are plain data: a pod spec and Node objects as parsed):

- `Nodes(node_objects)`: the nodes prepared once for any number of DaemonSets: `views` (one
  `NodeView` per node, in order: name, labels as text, taints), taint sets numbered once, and
  label columns built on first use.
- `place(pod_spec, nodes) -> list[Decision]`: the controller's decision for every node, in the
  order of `nodes.views`. Work goes by node *shape*, not by node: each requirement is decided
  once per distinct value of its label, each taint set once per DaemonSet, and each distinct
  outcome once; per node only a few list look-ups remain, also when every node differs.
- `should_run(pod_spec, node_object) -> Decision`: the decision for one node.
- `Decision(should_run, should_continue_running, reasons)`: `should_run` is what
  `desiredNumberScheduled` counts; `should_continue_running` is false where an existing pod is
  deleted or evicted; `reasons` says why a pod is not wanted: `node-name`, `node-selector`,
  `node-affinity`, and `taint:<key>=<value>:<effect>` for each taint the pod does not tolerate.
- `desired_count(decisions)`: the predicted `status.desiredNumberScheduled`.

The rules, as the controller applies them to a pod made from the template:
- the template's `nodeName`, when set, must be the node's name;
- `nodeSelector` (every key, equal value) and the required node affinity must both match. Terms
  are ORed, the requirements of a term ANDed; a term with no requirement matches nothing, and a
  term that does not parse (a `Gt`/`Lt` value that is not an integer, `In` without values, a
  key or value that is not a valid label key or value, an unknown operator) matches nothing
  while the other terms still can. `Gt`/`Lt` compare the node's label as a base-10 integer
  (strictly; a label that is not one does not match); `NotIn` and `DoesNotExist` match a node
  without the label. `matchFields` reads `metadata.name` with `In`/`NotIn` and one value;
- every taint with effect `NoSchedule` or `NoExecute` must be tolerated by the template's
  tolerations or by the ones the controller adds (`not-ready` and `unreachable` NoExecute;
  `disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable` NoSchedule;
  `network-unavailable` NoSchedule only with `hostNetwork`), so cordoned nodes still run daemon
  pods. `PreferNoSchedule` taints never stop one. Resources and ports are not the controller's
  concern (see `fit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from dslint.k8s import (
    daemon_pod_tolerations,
    label_text,
    label_value_errors,
    parse_int64,
    qualified_name_errors,
    tolerates,
)

BLOCKING_EFFECTS = ("NoSchedule", "NoExecute")
NODE_NAME_FIELD = "metadata.name"


class Taint(NamedTuple):
    key: str
    value: str
    effect: str

    def reason(self) -> str:
        """How a decision names it: `taint:<key>=<value>:<effect>` (the value may be empty)."""
        return f"taint:{self.key}={self.value}:{self.effect}"


class NodeView(NamedTuple):
    """What placement reads of a Node: its name, labels (as text) and taints."""

    name: str
    labels: Mapping[str, str]
    taints: tuple[Taint, ...]


class Decision(NamedTuple):
    should_run: bool
    should_continue_running: bool
    reasons: tuple[str, ...] = ()


RUNS = Decision(True, True)


def node_view(node: Mapping[str, Any]) -> NodeView:
    """The placement-relevant part of a Node object (malformed parts are left out)."""
    metadata = node.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    name = metadata.get("name")
    found = metadata.get("labels")
    labels: dict[str, str] = {}
    if isinstance(found, dict):
        for key, value in found.items():
            text = label_text(value)
            if isinstance(key, str) and text is not None:
                labels[key] = text
    spec = node.get("spec")
    taints: list[Taint] = []
    listed = spec.get("taints") if isinstance(spec, dict) else None
    if isinstance(listed, list):
        for taint in listed:
            if not isinstance(taint, dict):
                continue
            key, value, effect = (
                taint.get("key"),
                label_text(taint.get("value")),
                taint.get("effect"),
            )
            if isinstance(key, str) and value is not None and isinstance(effect, str):
                taints.append(Taint(key, value, effect))
    return NodeView(name if isinstance(name, str) else "", labels, tuple(taints))


class Nodes:
    """Nodes prepared for placement: their views, taint sets numbered once, label columns.

    A column is one label's value on every node (None where absent), built on first use and
    kept, since DaemonSets tend to read the same few labels (`kubernetes.io/os`, roles).
    """

    __slots__ = ("_columns", "names", "taint_codes", "taint_set_of", "taint_sets", "views")

    def __init__(self, node_objects: Iterable[Mapping[str, Any]]) -> None:
        self.views: list[NodeView] = [node_view(node) for node in node_objects]
        self.names: list[str] = [view.name for view in self.views]
        numbering: dict[tuple[Taint, ...], int] = {}
        self.taint_set_of: list[int] = [
            numbering.setdefault(view.taints, len(numbering)) for view in self.views
        ]
        self.taint_sets: list[tuple[Taint, ...]] = list(numbering)
        # Each node's outcome before selection is decided: its taint set, in the high bits.
        self.taint_codes: list[int] = [number << 3 for number in self.taint_set_of]
        self._columns: dict[str, list[str | None]] = {}

    def __len__(self) -> int:
        return len(self.views)

    def column(self, key: str) -> list[str | None]:
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = [view.labels.get(key) for view in self.views]
        return found


# --- the pod side, compiled once per DaemonSet --------------------------------------------------


class _Requirement(NamedTuple):
    key: str
    operator: str
    values: frozenset[str]
    number: int  # the value of Gt / Lt


class _Term(NamedTuple):
    labels: tuple[_Requirement, ...]
    fields: tuple[_Requirement, ...]


class PodPlacement(NamedTuple):
    """What placement reads of a pod template, checked and compiled once."""

    node_name: str | None
    node_selector: tuple[tuple[str, str | None], ...]
    terms: tuple[_Term, ...] | None  # None: no required node affinity
    tolerations: tuple[Mapping[str, Any], ...]
    reads_name: bool


def compile_pod(spec: Mapping[str, Any]) -> PodPlacement:
    node_name = spec.get("nodeName")
    selector = spec.get("nodeSelector")
    pairs: tuple[tuple[str, str | None], ...] = ()
    if isinstance(selector, dict):
        pairs = tuple((str(key), label_text(value)) for key, value in selector.items())
    terms = _required_terms(spec)
    reads_name = isinstance(node_name, str) and bool(node_name)
    reads_name = reads_name or any(term.fields for term in terms or ())
    return PodPlacement(
        node_name if isinstance(node_name, str) and node_name else None,
        pairs,
        terms,
        tuple(daemon_pod_tolerations(spec)),
        reads_name,
    )


def _required_terms(spec: Mapping[str, Any]) -> tuple[_Term, ...] | None:
    affinity = spec.get("affinity")
    node_affinity = affinity.get("nodeAffinity") if isinstance(affinity, dict) else None
    if not isinstance(node_affinity, dict):
        return None
    required = node_affinity.get("requiredDuringSchedulingIgnoredDuringExecution")
    if not isinstance(required, dict):
        return None
    listed = required.get("nodeSelectorTerms")
    terms: list[_Term] = []
    for term in listed if isinstance(listed, list) else ():
        compiled = _compile_term(term) if isinstance(term, dict) else None
        if compiled is not None:
            terms.append(compiled)
    return tuple(terms)


def _compile_term(term: Mapping[str, Any]) -> _Term | None:
    """A term as the scheduler parses it; None for one that matches nothing (empty, unparsable)."""
    labels = [_label_requirement(e) for e in _listed(term, "matchExpressions")]
    fields = [_field_requirement(e) for e in _listed(term, "matchFields")]
    if not labels and not fields:
        return None
    if None in labels or None in fields:
        return None
    return _Term(
        tuple(r for r in labels if r is not None), tuple(r for r in fields if r is not None)
    )


def _listed(data: Mapping[str, Any], key: str) -> list[Any]:
    found = data.get(key)
    return found if isinstance(found, list) else []


def _values(expression: Mapping[str, Any]) -> list[str | None]:
    values = expression.get("values")
    return [label_text(v) for v in values] if isinstance(values, list) else []


def _label_requirement(expression: object) -> _Requirement | None:
    """`labels.NewRequirement`: a valid key, values as the operator wants them, valid values."""
    if not isinstance(expression, dict):
        return None
    key, operator = expression.get("key"), expression.get("operator")
    values = _values(expression)
    if not isinstance(key, str) or qualified_name_errors(key) or not isinstance(operator, str):
        return None
    if any(value is None or label_value_errors(value) for value in values):
        return None
    texts = frozenset(v for v in values if v is not None)
    if operator in ("In", "NotIn"):
        return _Requirement(key, operator, texts, 0) if values else None
    if operator in ("Exists", "DoesNotExist"):
        return None if values else _Requirement(key, operator, texts, 0)
    if operator in ("Gt", "Lt") and len(values) == 1:
        number = parse_int64(values[0] or "")
        return None if number is None else _Requirement(key, operator, texts, number)
    return None


def _field_requirement(expression: object) -> _Requirement | None:
    """`matchFields`: `In` or `NotIn` with exactly one value (the node's name)."""
    if not isinstance(expression, dict):
        return None
    key, operator = expression.get("key"), expression.get("operator")
    values = _values(expression)
    if not isinstance(key, str) or operator not in ("In", "NotIn") or len(values) != 1:
        return None
    value = values[0]
    if value is None:
        return None
    return _Requirement(key, str(operator), frozenset((value,)), 0)


# --- matching -------------------------------------------------------------------------------------


def _label_matches(requirement: _Requirement, labels: Mapping[str, str]) -> bool:
    return _value_matches(labels.get(requirement.key), requirement)


def _value_matches(value: str | None, requirement: _Requirement) -> bool:
    """Whether a node whose label is `value` (None: absent) meets the requirement."""
    operator = requirement.operator
    if operator == "In":
        return value is not None and value in requirement.values
    if operator == "NotIn":
        return value is None or value not in requirement.values
    if operator == "Exists":
        return value is not None
    if operator == "DoesNotExist":
        return value is None
    number = parse_int64(value) if value is not None else None
    if number is None:
        return False
    return number > requirement.number if operator == "Gt" else number < requirement.number


def _field_matches(requirement: _Requirement, name: str) -> bool:
    value = name if requirement.key == NODE_NAME_FIELD else ""  # other fields read as empty
    inside = value in requirement.values
    return inside if requirement.operator == "In" else not inside


def _term_matches(term: _Term, labels: Mapping[str, str], name: str) -> bool:
    return all(_label_matches(r, labels) for r in term.labels) and all(
        _field_matches(r, name) for r in term.fields
    )


def _selection_reasons(pod: PodPlacement, labels: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Why the node is not selected by name, nodeSelector or required affinity (empty: it is)."""
    reasons: list[str] = []
    if pod.node_name is not None and pod.node_name != name:
        reasons.append("node-name")
    if any(value is None or labels.get(key) != value for key, value in pod.node_selector):
        reasons.append("node-selector")
    if pod.terms is not None and not any(_term_matches(t, labels, name) for t in pod.terms):
        reasons.append("node-affinity")
    return tuple(reasons)


def _untolerated(pod: PodPlacement, taints: Sequence[Taint]) -> tuple[Taint, ...]:
    return tuple(
        taint
        for taint in taints
        if taint.effect in BLOCKING_EFFECTS
        and not any(tolerates(t, taint.key, taint.value, taint.effect) for t in pod.tolerations)
    )


def _decide(selection: tuple[str, ...], untolerated: tuple[Taint, ...]) -> Decision:
    if not selection and not untolerated:
        return RUNS
    reasons = selection + tuple(taint.reason() for taint in untolerated)
    if selection:
        return Decision(False, False, reasons)
    evicting = any(taint.effect == "NoExecute" for taint in untolerated)
    return Decision(False, not evicting, reasons)


def place(spec: Mapping[str, Any], nodes: Nodes) -> list[Decision]:
    """The controller's decision for every node of `nodes`, in order.

    Each requirement is evaluated once per distinct value of its label among the nodes, then
    spread over the nodes as a column; each node's outcome is a small number (which of name,
    selector and affinity fail, and its taint set), and each distinct outcome is decided once.
    A column in which no node fails is not built at all (None).
    """
    pod = compile_pod(spec)
    name_fails: list[bool] | None = None
    if pod.node_name is not None:
        name_fails = [name != pod.node_name for name in nodes.names]
    selector_fails: list[bool] | None = None
    for key, value in pod.node_selector:
        selector_fails = _or(selector_fails, _column_fails(nodes.column(key), value, _equals))
    affinity_fails = _affinity_fails(pod.terms, nodes) if pod.terms is not None else None
    outcomes = nodes.taint_codes
    for fails, bit in ((name_fails, 1), (selector_fails, 2), (affinity_fails, 4)):
        if fails is not None:
            outcomes = [o | bit if f else o for o, f in zip(outcomes, fails, strict=True)]
    decided: dict[int, Decision] = {}
    for outcome in set(outcomes):
        selection = tuple(
            reason for bit, reason in enumerate(_SELECTION_REASONS) if outcome >> bit & 1
        )
        decided[outcome] = _decide(selection, _untolerated(pod, nodes.taint_sets[outcome >> 3]))
    return list(map(decided.__getitem__, outcomes))


_SELECTION_REASONS = ("node-name", "node-selector", "node-affinity")


def _or(first: list[bool] | None, second: list[bool] | None) -> list[bool] | None:
    if first is None or second is None:
        return second if first is None else first
    return [a or b for a, b in zip(first, second, strict=True)]


def _equals(value: str | None, wanted: Any) -> bool:
    return value is not None and value == wanted


def _column_fails(column: Sequence[str | None], wanted: Any, matches: Any) -> list[bool] | None:
    """Which nodes fail `matches(value, wanted)`, deciding each distinct value once (None: none)."""
    table = {value: not matches(value, wanted) for value in set(column)}
    return _spread(table, column)


def _spread(table: dict[str | None, bool], column: Sequence[str | None]) -> list[bool] | None:
    if not any(table.values()):
        return None
    return list(map(table.__getitem__, column))


def _requirement_fails(
    requirement: _Requirement, column: Sequence[str | None]
) -> list[bool] | None:
    """`_column_fails` for a label requirement; set operators without a call per value."""
    operator = requirement.operator
    if operator not in ("In", "NotIn", "Exists", "DoesNotExist"):
        return _column_fails(column, requirement, _value_matches)
    inside = operator in ("In", "Exists")  # what the listed values (or presence) mean
    table = dict.fromkeys(set(column), inside)  # every value fails In, passes NotIn ...
    listed: Iterable[str | None] = requirement.values
    if operator in ("Exists", "DoesNotExist"):
        listed = [v for v in table if v is not None]
    for value in listed:
        if value in table:
            table[value] = not inside  # ... except the listed ones
    return _spread(table, column)


def _affinity_fails(terms: Sequence[_Term], nodes: Nodes) -> list[bool] | None:
    """Nodes no term matches: terms ORed, the requirements of a term ANDed."""
    fails = [True] * len(nodes)
    for term in terms:
        term_fails: list[bool] | None = None
        for requirement in term.labels:
            term_fails = _or(
                term_fails, _requirement_fails(requirement, nodes.column(requirement.key))
            )
        for requirement in term.fields:
            term_fails = _or(term_fails, _column_fails(nodes.names, requirement, _field_value))
        if term_fails is None:
            return None  # this term takes every node
        fails = [a and b for a, b in zip(fails, term_fails, strict=True)]
    return fails


def _field_value(name: str | None, requirement: _Requirement) -> bool:
    return _field_matches(requirement, name or "")


def should_run(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Decision:
    """`NodeShouldRunDaemonPod` for one pod template and one Node object."""
    pod = compile_pod(spec)
    view = node_view(node)
    return _decide(_selection_reasons(pod, view.labels, view.name), _untolerated(pod, view.taints))


def desired_count(decisions: Iterable[Decision]) -> int:
    """The predicted `status.desiredNumberScheduled`: nodes where the controller wants a pod."""
    return sum(1 for decision in decisions if decision.should_run)
