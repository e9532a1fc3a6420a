"""What admission does to a DaemonSet's pods in a namespace: Pod Security, LimitRange, quota.

These plugins act on Pods, not on the DaemonSet: the API server accepts the DaemonSet, and the
pods the controller creates are then rejected (`FailedCreate` events). Messages use the API
server's wording as the controller's event shows it (`Error creating: pods "agent-xxxxx" is
forbidden: ...`, where `xxxxx` stands for the random suffix of the pod's name).

Public API (objects are plain data):

- `Verdict(plugin, mode, rejects, message, path, admitted)`: one outcome. `plugin` is
  `PodSecurity`, `LimitRange`, `ResourceQuota` or `Priority`; `mode` is `enforce` (pods rejected),
  `warn` (`kubectl apply` warns), `audit` (audit log only), `default` (LimitRange filled in a
  value) or `invalid` (the defaulted pod fails validation); `path` points into the DaemonSet at
  what the verdict is about; `admitted` is, for a quota, how many pods it lets in.
- `pod_security_policy(namespace) -> dict[mode, (level, version)]`: the levels a namespace's
  `pod-security.kubernetes.io/<mode>` and `<mode>-version` labels ask for, as
  `PolicyToEvaluate` reads them (missing: privileged; an invalid enforce level: restricted; an
  invalid warn or audit level: privileged; an invalid version: latest; warn defaults to enforce
  when enforce is stricter and warn is not set).
- `pod_security(daemonset, namespace, kubernetes_version)`: the template evaluated at each
  level with the same checks as `--pod-security` (`rules/pod_security_violation.py`).
- `apply_limit_ranges(spec, limit_ranges) -> (spec, verdicts)`: the pod spec as the LimitRanger
  leaves it (missing limits from `default`, missing requests from `defaultRequest`, after the
  LimitRange's own defaulting: `default` from `max`, `defaultRequest` from `default`, else `min`),
  with `default` verdicts naming what was set. The input is not changed.
- `limit_range_verdicts(spec, limit_ranges)`: requests above limits after defaulting, and the
  `min`, `max` and `maxLimitRequestRatio` constraints of Container and Pod items.
- `quota_verdicts(spec, quotas, pods)`: for each quota whose scopes take the pod (Terminating,
  NotTerminating, BestEffort, NotBestEffort, PriorityClass, CrossNamespacePodAffinity): a quota
  on cpu or memory rejects every pod whose containers do not all set that request or limit;
  otherwise `hard - used` decides how many of `pods` pods get in.
- `priority_verdicts(daemonset, spec, priority_classes)`: an unknown `priorityClassName` or a
  `priority` that differs from its class, when the cluster's PriorityClasses are given.
- `admit(daemonset, inventory, pods, kubernetes_version) -> Admission`: all of it for the
  DaemonSet's namespace: the defaulted spec (what fit should use) and every verdict.
"""

from __future__ import annotations

import copy
import importlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from dslint.api import DEFAULT_KUBERNETES_VERSION, Manifest, Path
from dslint.cluster.fit import LARGEST, Resources, container_resources, pod_limits, pod_requests
from dslint.cluster.inventory import Inventory, object_name
from dslint.k8s import POD_SPEC, api_error, format_quantity, parse_quantity

MODES = ("enforce", "warn", "audit")
PSA_LEVELS = ("privileged", "baseline", "restricted")
PSA_LABEL = "pod-security.kubernetes.io/"
_VERSION = re.compile(r"^v1\.(0|[1-9][0-9]*)$")
NAMESPACE_PATH: Path = ("metadata", "namespace")


class Verdict(NamedTuple):
    plugin: str
    mode: str
    rejects: bool
    message: str
    path: Path = NAMESPACE_PATH
    admitted: int | None = None


class Admission(NamedTuple):
    spec: Mapping[str, Any]  # the pod spec after LimitRange defaults
    verdicts: list[Verdict]

    @property
    def rejects(self) -> bool:
        return any(v.rejects for v in self.verdicts)


def _pod_name(daemonset: Mapping[str, Any]) -> str:
    return f"{object_name(daemonset) or 'daemonset'}-xxxxx"


def _forbidden(daemonset: Mapping[str, Any], reason: str) -> str:
    return f'Error creating: pods "{_pod_name(daemonset)}" is forbidden: {reason}'


def _labels(obj: Mapping[str, Any] | None) -> Mapping[str, Any]:
    metadata = obj.get("metadata") if obj else None
    labels = metadata.get("labels") if isinstance(metadata, dict) else None
    return labels if isinstance(labels, dict) else {}


# --- Pod Security ---------------------------------------------------------------------------------


def pod_security_policy(namespace: Mapping[str, Any] | None) -> dict[str, tuple[str, str]]:
    labels = _labels(namespace)
    policy: dict[str, tuple[str, str]] = {}
    for mode in MODES:
        level = labels.get(PSA_LABEL + mode)
        if level is None:
            chosen = "privileged"
        elif level in PSA_LEVELS:
            chosen = level
        else:
            chosen = "restricted" if mode == "enforce" else "privileged"  # fail closed / open
        version = labels.get(f"{PSA_LABEL}{mode}-version")
        valid = isinstance(version, str) and (version == "latest" or _VERSION.match(version))
        policy[mode] = (chosen, version if valid and isinstance(version, str) else "latest")
    enforce_set = labels.get(PSA_LABEL + "enforce") in PSA_LEVELS
    stricter = PSA_LEVELS.index(policy["enforce"][0]) > PSA_LEVELS.index(policy["warn"][0])
    if PSA_LABEL + "warn" not in labels and enforce_set and stricter:
        policy["warn"] = policy["enforce"]
    return policy


class _Violation(Protocol):
    path: Path
    reason: str
    detail: str


def evaluate(manifest: Manifest, level: str) -> list[_Violation]:
    """The `--pod-security` rule's checks (loaded as the registry loads rules)."""
    module = importlib.import_module("dslint.rules.pod_security_violation")
    found: list[_Violation] = module.evaluate(manifest, level)
    return found


def _checks_version(version: str, latest: tuple[int, int]) -> tuple[int, int]:
    if version == "latest":
        return latest
    minor = int(version.split(".", 1)[1])
    return min((1, minor), latest)


def pod_security(
    daemonset: Mapping[str, Any],
    namespace: Mapping[str, Any] | None,
    kubernetes_version: tuple[int, int] = DEFAULT_KUBERNETES_VERSION,
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    for mode, (level, version) in pod_security_policy(namespace).items():
        manifest = Manifest(daemonset, _checks_version(version, kubernetes_version))
        found = evaluate(manifest, level)
        if not found:
            continue
        reasons: dict[str, list[str]] = {}
        for violation in found:
            reasons.setdefault(violation.reason, []).append(violation.detail)
        summary = ", ".join(
            f"{reason} ({', '.join(details)})" for reason, details in reasons.items()
        )
        policy = f'PodSecurity "{level}:{version}": {summary}'
        if mode == "enforce":
            message = _forbidden(daemonset, f"violates {policy}")
        elif mode == "warn":
            message = f"Warning: would violate {policy}"
        else:
            message = f"audit annotation: would violate {policy}"
        verdicts.append(Verdict("PodSecurity", mode, mode == "enforce", message, found[0].path))
    return verdicts


# --- LimitRange -----------------------------------------------------------------------------------


def _items(limit_range: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    spec = limit_range.get("spec")
    limits = spec.get("limits") if isinstance(spec, dict) else None
    for item in limits if isinstance(limits, list) else ():
        if isinstance(item, dict):
            yield item


def _raw(value: object) -> dict[str, Any]:
    return {k: v for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}


def container_defaults(item: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A Container item's (default limits, default requests) after the LimitRange's defaulting."""
    limits = _raw(item.get("default"))
    requests = _raw(item.get("defaultRequest"))
    for name, value in _raw(item.get("max")).items():
        limits.setdefault(name, value)
    for name, value in limits.items():
        requests.setdefault(name, value)
    for name, value in _raw(item.get("min")).items():
        requests.setdefault(name, value)
    return limits, requests


def _container_lists(spec: Mapping[str, Any]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    for field in ("containers", "initContainers"):
        listed = spec.get(field)
        for index, container in enumerate(listed if isinstance(listed, list) else ()):
            if isinstance(container, dict):
                yield field, index, container


def apply_limit_ranges(
    spec: Mapping[str, Any], limit_ranges: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, Any], list[Verdict]]:
    defaulted = {**spec}
    for field in ("containers", "initContainers"):
        if isinstance(spec.get(field), list):
            defaulted[field] = [copy.deepcopy(c) for c in spec[field]]
    notes: list[str] = []
    for limit_range in limit_ranges:
        for item in _items(limit_range):
            if item.get("type") != "Container":
                continue
            default_limits, default_requests = container_defaults(item)
            for _, _, container in _container_lists(defaulted):
                notes.extend(_merge(container, default_limits, default_requests))
    verdicts = []
    if notes:
        message = "LimitRanger plugin set: " + "; ".join(notes)
        verdicts.append(Verdict("LimitRange", "default", False, message, (*POD_SPEC, "containers")))
    return defaulted, verdicts


def _merge(
    container: dict[str, Any],
    default_limits: Mapping[str, Any],
    default_requests: Mapping[str, Any],
) -> list[str]:
    resources = container.get("resources")
    if not isinstance(resources, dict):
        resources = container["resources"] = {}
    name = container.get("name")
    set_here: list[str] = []
    # API defaulting first: a limit without a request is also the request.
    limits = _raw(resources.get("limits"))
    requests = {**limits, **_raw(resources.get("requests"))}
    for resource, value in sorted(default_requests.items()):
        if resource not in requests:
            requests[resource] = value
            set_here.append(f"{resource} request for container {name}")
    for resource, value in sorted(default_limits.items()):
        if resource not in limits:
            limits[resource] = value
            set_here.append(f"{resource} limit for container {name}")
    resources["requests"], resources["limits"] = requests, limits
    return set_here


def _shown(value: object) -> str:
    return str(value)


def _bounded(value: object) -> Decimal | None:
    """A quantity, or None when invalid or beyond what the API server counts (int64)."""
    amount = parse_quantity(value)
    return amount if amount is not None and abs(amount) < LARGEST else None


def _amount(value: object) -> Decimal:
    return _bounded(value) or Decimal(0)


def _min_error(
    kind: str, resource: str, bound: object, request: object, limit: object
) -> str | None:
    if _bounded(bound) is None:
        return None
    head = f"minimum {resource} usage per {kind} is {_shown(bound)}"
    if request is None:
        return f"{head}.  No request is specified."
    if _amount(request) < _amount(bound):
        return f"{head}, but request is {_shown(request)}."
    if limit is not None and _amount(limit) < _amount(bound):
        return f"{head}, but limit is {_shown(limit)}."
    return None


def _max_error(
    kind: str, resource: str, bound: object, request: object, limit: object
) -> str | None:
    if _bounded(bound) is None:
        return None
    head = f"maximum {resource} usage per {kind} is {_shown(bound)}"
    if limit is None:
        return f"{head}.  No limit is specified."
    if _amount(limit) > _amount(bound):
        return f"{head}, but limit is {_shown(limit)}."
    if request is not None and _amount(request) > _amount(bound):
        return f"{head}, but request is {_shown(request)}."
    return None


def _ratio_error(
    kind: str, resource: str, bound: object, request: object, limit: object
) -> str | None:
    ratio = _bounded(bound)
    if ratio is None:
        return None
    asked = _bounded(request) if request is not None else None
    capped = _bounded(limit) if limit is not None else None
    head = f"{resource} max limit to request ratio per {kind} is {_shown(bound)}"
    if not asked:
        return f"{head}, but no request is specified or request is 0."
    if not capped:
        return f"{head}, but no limit is specified or limit is 0."
    observed = capped / asked
    if observed > ratio:
        return f"{head}, but provided ratio is {float(observed):f}."
    return None


_CONSTRAINTS = (("min", _min_error), ("max", _max_error), ("maxLimitRequestRatio", _ratio_error))


def _constraint_errors(
    kind: str, item: Mapping[str, Any], requests: Mapping[str, Any], limits: Mapping[str, Any]
) -> Iterator[str]:
    for field, check in _CONSTRAINTS:
        for resource, bound in sorted(_raw(item.get(field)).items()):
            error = check(kind, resource, bound, requests.get(resource), limits.get(resource))
            if error is not None:
                yield error


def _requests_limits(container: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    resources = container.get("resources")
    resources = resources if isinstance(resources, dict) else {}
    return _raw(resources.get("requests")), _raw(resources.get("limits"))


def _pod_totals(spec: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Type Pod: the containers' sum (of resources every container sets), max'ed with each init."""
    regular = [
        _requests_limits(c) for field, _, c in _container_lists(spec) if field == "containers"
    ]
    totals: list[dict[str, Any]] = []
    for pick in (0, 1):
        lists = [pair[pick] for pair in regular]
        shared = set.intersection(*(set(r) for r in lists)) if lists else set()
        total: dict[str, Any] = {}
        for resource in shared:
            amounts = [_bounded(r[resource]) or Decimal(0) for r in lists]
            total[resource] = format_quantity(sum(amounts, Decimal(0)))
        for field, _, container in _container_lists(spec):
            if field == "initContainers":
                for resource, value in _requests_limits(container)[pick].items():
                    current = _bounded(total.get(resource)) if resource in total else None
                    if current is None or (_bounded(value) or Decimal(0)) > current:
                        total[resource] = value
        totals.append(total)
    return totals[0], totals[1]


def limit_range_verdicts(
    daemonset: Mapping[str, Any], spec: Mapping[str, Any], limit_ranges: Sequence[Mapping[str, Any]]
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    invalid: list[str] = []
    for field, index, container in _container_lists(spec):
        requests, limits = _requests_limits(container)
        for resource, value in sorted(requests.items()):
            request, limit = _bounded(value), _bounded(limits.get(resource))
            if request is not None and limit is not None and request > limit:
                path = ("spec", field, index, "resources", "requests")
                detail = (
                    f"must be less than or equal to {resource} limit of {_shown(limits[resource])}"
                )
                invalid.append(api_error(path, "Invalid value", detail, value=_shown(value)))
    if invalid:
        joined = invalid[0] if len(invalid) == 1 else "[" + ", ".join(invalid) + "]"
        message = f'Error creating: Pod "{_pod_name(daemonset)}" is invalid: {joined}'
        verdicts.append(Verdict("LimitRange", "invalid", True, message, (*POD_SPEC, "containers")))
    for limit_range in limit_ranges:
        errors: list[str] = []
        for item in _items(limit_range):
            if item.get("type") == "Container":
                for _, _, container in _container_lists(spec):
                    errors.extend(
                        _constraint_errors("Container", item, *_requests_limits(container))
                    )
            elif item.get("type") == "Pod":
                errors.extend(_constraint_errors("Pod", item, *_pod_totals(spec)))
        if errors:
            joined = errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"
            verdicts.append(Verdict("LimitRange", "enforce", True, _forbidden(daemonset, joined)))
    return verdicts


# --- ResourceQuota --------------------------------------------------------------------------------

COMPUTE = ("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory")


def _best_effort(spec: Mapping[str, Any]) -> bool:
    for _, _, container in _container_lists(spec):
        requests, limits = container_resources(container)
        if any(name in requests or name in limits for name in ("cpu", "memory")):
            return False
    return True


def _cross_namespace_affinity(spec: Mapping[str, Any]) -> bool:
    affinity = spec.get("affinity")
    for kind in ("podAffinity", "podAntiAffinity"):
        rules = affinity.get(kind) if isinstance(affinity, dict) else None
        if not isinstance(rules, dict):
            continue
        for terms in rules.values():
            for term in terms if isinstance(terms, list) else ():
                inner = term.get("podAffinityTerm", term) if isinstance(term, dict) else {}
                if isinstance(inner, dict) and (
                    inner.get("namespaces") or "namespaceSelector" in inner
                ):
                    return True
    return False


def _scope_matches(
    scope: str, operator: str, values: Sequence[Any], spec: Mapping[str, Any]
) -> bool:
    if scope == "Terminating":
        return spec.get("activeDeadlineSeconds") is not None
    if scope == "NotTerminating":
        return spec.get("activeDeadlineSeconds") is None
    if scope == "BestEffort":
        return _best_effort(spec)
    if scope == "NotBestEffort":
        return not _best_effort(spec)
    if scope == "CrossNamespacePodAffinity":
        return _cross_namespace_affinity(spec)
    if scope == "PriorityClass":
        name = spec.get("priorityClassName") or ""
        if operator == "Exists":
            return bool(name)
        if operator == "DoesNotExist":
            return not name
        inside = name in values
        return inside if operator == "In" else not inside
    return False


def quota_applies(quota: Mapping[str, Any], spec: Mapping[str, Any]) -> bool:
    """Whether every scope of the quota (`scopes` and `scopeSelector`) takes this pod."""
    quota_spec = quota.get("spec")
    quota_spec = quota_spec if isinstance(quota_spec, dict) else {}
    scopes = quota_spec.get("scopes")
    for scope in scopes if isinstance(scopes, list) else ():
        if not _scope_matches(str(scope), "Exists", (), spec):
            return False
    selector = quota_spec.get("scopeSelector")
    expressions = selector.get("matchExpressions") if isinstance(selector, dict) else None
    for expression in expressions if isinstance(expressions, list) else ():
        if not isinstance(expression, dict):
            continue
        values = expression.get("values")
        listed = values if isinstance(values, list) else []
        scope, operator = str(expression.get("scopeName")), str(expression.get("operator"))
        if not _scope_matches(scope, operator, listed, spec):
            return False
    return True


def _quantities(value: object) -> Resources:
    found: Resources = {}
    for name, quantity in _raw(value).items():
        amount = _bounded(quantity)
        if amount is not None:
            found[name] = amount
    return found


def pod_usage(spec: Mapping[str, Any]) -> Resources:
    """What one pod counts against a quota (`podComputeUsageHelper`)."""
    requests, limits = pod_requests(spec), pod_limits(spec)
    usage: Resources = {"pods": Decimal(1), "count/pods": Decimal(1)}
    for name, amount in requests.items():
        usage[f"requests.{name}"] = amount
        if name in ("cpu", "memory", "ephemeral-storage"):
            usage[name] = amount
    for name, amount in limits.items():
        if name in ("cpu", "memory", "ephemeral-storage") or name.startswith("hugepages-"):
            usage[f"limits.{name}"] = amount
    return usage


def _missing_requests(spec: Mapping[str, Any], required: set[str]) -> dict[str, set[str]]:
    missing: dict[str, set[str]] = {}
    for _, _, container in _container_lists(spec):
        requests, limits = container_resources(container)
        present: set[str] = set()
        for name in ("cpu", "memory"):
            if name in requests:
                present.update((name, f"requests.{name}"))
            if name in limits:
                present.add(f"limits.{name}")
        for resource in required - present:
            missing.setdefault(resource, set()).add(str(container.get("name")))
    return missing


def _binary(resource: str) -> bool:
    base = resource.split(".", 1)[-1] if resource.startswith(("requests.", "limits.")) else resource
    return base in ("memory", "ephemeral-storage", "storage") or base.startswith("hugepages-")


def _listing(values: Mapping[str, Decimal]) -> str:
    return ",".join(f"{k}={format_quantity(v, _binary(k))}" for k, v in sorted(values.items()))


def quota_verdicts(
    daemonset: Mapping[str, Any],
    spec: Mapping[str, Any],
    quotas: Iterable[Mapping[str, Any]],
    pods: int,
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    usage = pod_usage(spec)
    for quota in quotas:
        if not quota_applies(quota, spec):
            continue
        name = object_name(quota)
        status = quota.get("status")
        status = status if isinstance(status, dict) else {}
        spec_hard = (
            quota.get("spec", {}).get("hard") if isinstance(quota.get("spec"), dict) else None
        )
        hard = _quantities(status.get("hard") or spec_hard)
        used = _quantities(status.get("used"))
        missing = _missing_requests(spec, set(hard) & set(COMPUTE))
        if missing:
            listing = "; ".join(
                f"{r} for: {','.join(sorted(c))}" for r, c in sorted(missing.items())
            )
            message = _forbidden(daemonset, f"failed quota: {name}: must specify {listing}")
            verdicts.append(
                Verdict("ResourceQuota", "enforce", True, message, _resources_path(spec), 0)
            )
            continue
        tracked = {r: usage[r] for r in hard if usage.get(r, Decimal(0)) > 0}
        admitted = pods
        for resource, amount in tracked.items():
            room = hard[resource] - used.get(resource, Decimal(0))
            admitted = min(admitted, max(0, int(room // amount)))
        if admitted >= pods:
            continue
        now_used = {r: used.get(r, Decimal(0)) + admitted * a for r, a in tracked.items()}
        over = {r: a for r, a in tracked.items() if now_used[r] + a > hard[r]}
        reason = (
            f"exceeded quota: {name}, requested: {_listing(over)}, "
            f"used: {_listing({r: now_used[r] for r in over})}, "
            f"limited: {_listing({r: hard[r] for r in over})}"
        )
        message = f"{admitted} of {pods} pods admitted; then {_forbidden(daemonset, reason)}"
        verdicts.append(
            Verdict("ResourceQuota", "enforce", True, message, NAMESPACE_PATH, admitted)
        )
    return verdicts


def _resources_path(spec: Mapping[str, Any]) -> Path:
    """The first container, where the missing requests belong."""
    return (*POD_SPEC, "containers", 0, "resources") if spec.get("containers") else POD_SPEC


# --- Priority -------------------------------------------------------------------------------------

# The classes every cluster has, with their values.
BUILT_IN_PRIORITY_CLASSES = {
    "system-node-critical": 2000001000,
    "system-cluster-critical": 2000000000,
}


def priority_verdicts(
    daemonset: Mapping[str, Any],
    spec: Mapping[str, Any],
    priority_classes: Sequence[Mapping[str, Any]],
) -> list[Verdict]:
    """An unknown `priorityClassName`, or a `priority` other than its class's value.

    Judged only when the cluster's PriorityClasses are known (some were given): without them
    every name but the built-in ones is unknown to dslint, not to the cluster.
    """
    name = spec.get("priorityClassName")
    if not isinstance(name, str) or not name or not priority_classes:
        return []
    values: dict[str, Any] = dict(BUILT_IN_PRIORITY_CLASSES)
    for priority_class in priority_classes:
        values[object_name(priority_class)] = priority_class.get("value")
    path = (*POD_SPEC, "priorityClassName")
    if name not in values:
        reason = f"no PriorityClass with name {name} was found"
        return [Verdict("Priority", "enforce", True, _forbidden(daemonset, reason), path)]
    given, computed = spec.get("priority"), values[name]
    if isinstance(given, int) and isinstance(computed, int) and given != computed:
        reason = (
            f"the integer value of priority ({given}) must not be provided in pod spec; priority "
            f"admission controller computed {computed} from the given PriorityClass name"
        )
        return [Verdict("Priority", "enforce", True, _forbidden(daemonset, reason), path)]
    return []


# --- all of it ------------------------------------------------------------------------------------


def namespace_of(daemonset: Mapping[str, Any]) -> str:
    metadata = daemonset.get("metadata")
    namespace = metadata.get("namespace") if isinstance(metadata, dict) else None
    return namespace if isinstance(namespace, str) and namespace else "default"


def _in_namespace(objects: Iterable[dict[str, Any]], namespace: str) -> list[dict[str, Any]]:
    return [obj for obj in objects if namespace_of(obj) == namespace]


def admit(
    daemonset: Mapping[str, Any],
    inventory: Inventory,
    pods: int,
    kubernetes_version: tuple[int, int] = DEFAULT_KUBERNETES_VERSION,
) -> Admission:
    """Every verdict for the DaemonSet's pods in its namespace, and the spec fit should use."""
    template = (
        daemonset.get("spec", {}).get("template")
        if isinstance(daemonset.get("spec"), dict)
        else None
    )
    spec = template.get("spec") if isinstance(template, dict) else None
    spec = spec if isinstance(spec, dict) else {}
    namespace = namespace_of(daemonset)
    limit_ranges = _in_namespace(inventory.limit_ranges, namespace)
    defaulted, verdicts = apply_limit_ranges(spec, limit_ranges)
    verdicts.extend(pod_security(daemonset, inventory.namespace(namespace), kubernetes_version))
    verdicts.extend(limit_range_verdicts(daemonset, defaulted, limit_ranges))
    quotas = _in_namespace(inventory.resource_quotas, namespace)
    verdicts.extend(quota_verdicts(daemonset, defaulted, quotas, pods))
    verdicts.extend(priority_verdicts(daemonset, defaulted, inventory.priority_classes))
    return Admission(defaulted, verdicts)
