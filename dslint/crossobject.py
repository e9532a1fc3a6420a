"""Checks over every object of one run (a stream, a folder, several files): what one object cannot
show alone.

The engine summarises each named object as it lints its file (`ObjectSummary`: identity, where its
name is, the objects its pod template references); the summaries travel with each file's result,
from `--jobs` workers too. Once every file is linted, `check` runs over all of them in the main
process and returns ordinary diagnostics, which the engine hands to the file they are in, so
formats, suppressions and `--select`/`--ignore` treat them like any other finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from dslint import suppress
from dslint.api import Level, Path
from dslint.results import Diagnostic, ObjectSummary, Reference

DUPLICATE_OBJECT = "duplicate-object"
MISSING_REFERENCED_OBJECT = "missing-referenced-object"
RULE_NAMES = (DUPLICATE_OBJECT, MISSING_REFERENCED_OBJECT)

# Kinds whose objects have no namespace, so the namespace a manifest gives them does not count.
CLUSTER_SCOPED = frozenset(
    {
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "Namespace",
        "PriorityClass",
        "RuntimeClass",
        "StorageClass",
        "PersistentVolume",
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration",
    }
)
POD_TEMPLATE: Path = ("spec", "template", "spec")


def _mappings(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _required(source: Any, key: str) -> str | None:
    """The name a reference gives under `key`, unless the reference is optional."""
    if not isinstance(source, dict) or source.get("optional") is True:
        return None
    name = source.get(key)
    return name if isinstance(name, str) and name else None


def _container_references(pod: dict[str, Any]) -> Iterator[tuple[str, str, Path]]:
    for section in ("initContainers", "containers"):
        for index, container in _mappings(pod.get(section)):
            at: Path = (section, index)
            for e, entry in _mappings(container.get("envFrom")):
                for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                    name = _required(entry.get(key), "name")
                    if name:
                        yield kind, name, (*at, "envFrom", e, key, "name")
            for e, entry in _mappings(container.get("env")):
                value_from = entry.get("valueFrom")
                if not isinstance(value_from, dict):
                    continue
                for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                    name = _required(value_from.get(key), "name")
                    if name:
                        yield kind, name, (*at, "env", e, "valueFrom", key, "name")


def _volume_references(pod: dict[str, Any]) -> Iterator[tuple[str, str, Path]]:
    for index, volume in _mappings(pod.get("volumes")):
        at: Path = ("volumes", index)
        name = _required(volume.get("configMap"), "name")
        if name:
            yield "ConfigMap", name, (*at, "configMap", "name")
        name = _required(volume.get("secret"), "secretName")
        if name:
            yield "Secret", name, (*at, "secret", "secretName")
        projected = volume.get("projected")
        sources = projected.get("sources") if isinstance(projected, dict) else None
        for s, source in _mappings(sources):
            for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
                name = _required(source.get(key), "name")
                if name:
                    yield kind, name, (*at, "projected", "sources", s, key, "name")


def references(obj: dict[str, Any]) -> Iterator[tuple[str, str, Path]]:
    """(kind, name, path in the object) of each object a DaemonSet's pod template relies on."""
    if obj.get("kind") != "DaemonSet":
        return
    spec = obj.get("spec")
    template = spec.get("template") if isinstance(spec, dict) else None
    pod = template.get("spec") if isinstance(template, dict) else None
    if not isinstance(pod, dict):
        return
    found: list[tuple[str, str, Path]] = []
    for key, kind in (
        ("serviceAccountName", "ServiceAccount"),
        ("priorityClassName", "PriorityClass"),
        ("runtimeClassName", "RuntimeClass"),
    ):
        name = pod.get(key)
        if isinstance(name, str) and name and not (kind == "ServiceAccount" and name == "default"):
            found.append((kind, name, (key,)))
    for index, secret in _mappings(pod.get("imagePullSecrets")):
        name = secret.get("name")
        if isinstance(name, str) and name:
            found.append(("Secret", name, ("imagePullSecrets", index, "name")))
    found.extend(_container_references(pod))
    found.extend(_volume_references(pod))
    for kind, name, path in found:
        yield kind, name, (*POD_TEMPLATE, *path)


def identity(obj: dict[str, Any]) -> tuple[str, str, str] | None:
    """(kind, namespace, name) of a named object, None for one without both."""
    kind = obj.get("kind")
    metadata = obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if not (isinstance(kind, str) and kind and isinstance(name, str) and name):
        return None
    assert isinstance(metadata, dict)
    namespace = metadata.get("namespace")
    if kind in CLUSTER_SCOPED or not isinstance(namespace, str):
        namespace = ""
    return kind, namespace, name


def _diagnostic(
    at: ObjectSummary | Reference,
    file: str,
    rule: tuple[str, str, Level],
    message: str,
    pointer: str,
    object_name: str,
) -> Diagnostic:
    code, name, level = rule
    return Diagnostic(
        file,
        at.line,
        at.column,
        at.end_line,
        at.end_column,
        code,
        name,
        level,
        message,
        pointer,
        object_name,
    )


def _duplicates(
    summaries: Sequence[ObjectSummary], rule: tuple[str, str, Level]
) -> Iterator[tuple[ObjectSummary, Diagnostic]]:
    first: dict[tuple[str, str, str], ObjectSummary] = {}
    for summary in summaries:
        key = (summary.kind, summary.namespace, summary.name)
        earlier = first.setdefault(key, summary)
        if earlier is summary:
            continue
        where = f" in namespace {summary.namespace!r}" if summary.namespace else ""
        yield (
            summary,
            _diagnostic(
                summary,
                summary.file,
                rule,
                f"{summary.kind} {summary.name!r}{where} is defined twice in this run; the "
                f"first definition is at {earlier.file}:{earlier.line}, and the one applied "
                "last replaces it",
                summary.pointer,
                summary.name,
            ),
        )


def _missing(
    summaries: Sequence[ObjectSummary], rule: tuple[str, str, Level]
) -> Iterator[tuple[ObjectSummary, Diagnostic]]:
    defined = {(s.kind, s.name) for s in summaries}
    namespaced = {(s.kind, s.namespace, s.name) for s in summaries}
    kinds = {s.kind for s in summaries}
    for summary in summaries:
        for ref in summary.references:
            if ref.kind not in kinds:  # probably applied with another bundle: no verdict
                continue
            if (ref.kind, ref.name) in defined and _same_namespace(
                namespaced, ref, summary.namespace
            ):
                continue
            yield (
                summary,
                _diagnostic(
                    ref,
                    summary.file,
                    rule,
                    f"DaemonSet {summary.name!r} uses {ref.kind} {ref.name!r}, which nothing in "
                    f"this run defines, though it defines other {ref.kind}s; the pods will not "
                    "start until it exists",
                    ref.pointer,
                    summary.name,
                ),
            )


def _same_namespace(namespaced: set[tuple[str, str, str]], ref: Reference, namespace: str) -> bool:
    """A definition in the DaemonSet's namespace, or one of the two names no namespace."""
    if ref.kind in CLUSTER_SCOPED or not namespace:
        return True
    return (ref.kind, namespace, ref.name) in namespaced or (ref.kind, "", ref.name) in namespaced


def check(
    summaries: Sequence[ObjectSummary], rules: Mapping[str, tuple[str, str, Level]]
) -> list[Diagnostic]:
    """The findings over a whole run, for the active rules among `RULE_NAMES` (name -> code,
    name, level), each marked suppressed when its object's annotations say so."""
    found: list[tuple[ObjectSummary, Diagnostic]] = []
    if DUPLICATE_OBJECT in rules:
        found.extend(_duplicates(summaries, rules[DUPLICATE_OBJECT]))
    if MISSING_REFERENCED_OBJECT in rules:
        found.extend(_missing(summaries, rules[MISSING_REFERENCED_OBJECT]))
    diagnostics: list[Diagnostic] = []
    for summary, diagnostic in found:
        marked = [diagnostic]
        suppress.apply_annotation_reasons(marked, dict(summary.annotations))
        diagnostics.extend(marked)
    return diagnostics
