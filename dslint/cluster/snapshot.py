"""A cluster snapshot read from files and indexed for diagnosis.

A snapshot is whatever `kubectl get ... -o yaml|json` wrote: DaemonSets with their status, Pods,
Nodes, Events, Namespaces, ResourceQuotas and LimitRanges, one object per document, `kind: List`
(or `PodList`, `NodeList`, ...) items, or a JSON array of objects, in any mix of files. Some dumps
leave `apiVersion`/`kind` out of list items; the kind is then told by the list's kind or by the
object's shape.

A document that holds only a `status` is a status fragment (test fixtures and hand-made snapshots
keep the live numbers apart from the manifest): it is merged onto the one DaemonSet of the
snapshot that has no status. Several fragments give one view of that DaemonSet each.

The index answers what diagnosis asks: a DaemonSet's pods (by ownerReferences, else by its
selector in its namespace), the events about an object, and nodes by name. Every object keeps
where it came from, so a finding about it can be shown at its line.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import Any, NamedTuple

from dslint.api import Path, mapping_at
from dslint.document import Document, Region, iter_objects, parse_document, split_documents
from dslint.k8s import selector_matches
from dslint.source import SourceError, discover, read_path, read_stream

# Snapshots of large clusters are far bigger than manifests (`kubectl get pods -A -o yaml` of a
# 5,000-node cluster runs to hundreds of megabytes); this keeps a mistaken path from eating memory.
MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024

LIST_ITEM_KINDS = {
    "NodeList": "Node",
    "PodList": "Pod",
    "EventList": "Event",
    "DaemonSetList": "DaemonSet",
    "NamespaceList": "Namespace",
    "ResourceQuotaList": "ResourceQuota",
    "LimitRangeList": "LimitRange",
}
DEFAULT_NAMESPACE = "default"
CLUSTER_SCOPED = frozenset({"Node", "Namespace"})


class ObjectKey(NamedTuple):
    """How objects refer to each other: kind, namespace ("" for cluster-scoped) and name."""

    kind: str
    namespace: str
    name: str

    def __str__(self) -> str:
        where = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind.lower()}/{where}{self.name}"


class Located:
    """Where an object came from: its file, and how to find a path in it on demand.

    YAML documents are parsed with positions once; JSON is read with the JSON parser (much
    faster) and parsed again for positions only when a finding needs a line.
    """

    __slots__ = ("_document", "_json_text", "file", "prefix")

    def __init__(
        self,
        file: str,
        prefix: Path,
        document: Document | None = None,
        json_text: str | None = None,
    ) -> None:
        self.file = file
        self.prefix = prefix  # the object's path inside its document (items, 3)
        self._document = document
        self._json_text = json_text

    def region(self, path: Path = ()) -> Region:
        if self._document is None and self._json_text is not None:
            self._document = parse_document(self._json_text)
            self._json_text = None
        if self._document is None or self._document.root is None:
            return Region(1, 1, 1, 2)
        return self._document.locate((*self.prefix, *path))


class KubeObject(NamedTuple):
    """One object of the snapshot, with its kind settled and its origin kept."""

    kind: str
    data: dict[str, Any]
    origin: Located

    @property
    def name(self) -> str:
        return str(mapping_at(self.data, ("metadata",)).get("name") or "")

    @property
    def namespace(self) -> str:
        if self.kind in CLUSTER_SCOPED:
            return ""
        return str(mapping_at(self.data, ("metadata",)).get("namespace") or DEFAULT_NAMESPACE)

    @property
    def key(self) -> ObjectKey:
        return ObjectKey(self.kind, self.namespace, self.name)


class ReadNote(NamedTuple):
    """Something in the input that could not be used, said plainly with the file and line."""

    file: str
    line: int
    message: str


class DaemonSetView(NamedTuple):
    """A DaemonSet as diagnosis sees it.

    `obj` is None when the snapshot has the DaemonSet's pods but not the DaemonSet itself;
    `status_from` names the fragment file whose status was merged onto the object.
    """

    key: ObjectKey
    obj: KubeObject | None
    pods: tuple[KubeObject, ...]
    status_from: Located | None = None

    @property
    def data(self) -> Mapping[str, Any]:
        return self.obj.data if self.obj is not None else {}

    @property
    def status(self) -> Mapping[str, Any]:
        return mapping_at(self.data, ("status",))


class Snapshot:
    """The objects of a snapshot, indexed."""

    def __init__(self, objects: Iterable[KubeObject], notes: Iterable[ReadNote] = ()) -> None:
        self.notes: list[ReadNote] = list(notes)
        by_kind: dict[str, list[KubeObject]] = defaultdict(list)
        fragments: list[KubeObject] = []
        for obj in objects:
            if obj.kind == "StatusFragment":
                fragments.append(obj)
            else:
                by_kind[obj.kind].append(obj)
        self.nodes: dict[str, KubeObject] = {n.name: n for n in by_kind["Node"]}
        self.namespaces: dict[str, KubeObject] = {n.name: n for n in by_kind["Namespace"]}
        self.quotas = by_kind["ResourceQuota"]
        self.limit_ranges = by_kind["LimitRange"]
        self.events: dict[ObjectKey, list[KubeObject]] = defaultdict(list)
        for event in by_kind["Event"]:
            self.events[involved_object(event)].append(event)
        self.pods = by_kind["Pod"]
        daemonsets = self._merge_fragments(by_kind["DaemonSet"], fragments)
        self.daemonsets, self.other_pods = self._assign_pods(daemonsets, self.pods)

    def events_for(self, key: ObjectKey) -> list[KubeObject]:
        return self.events.get(key, [])

    def _merge_fragments(
        self, daemonsets: list[KubeObject], fragments: list[KubeObject]
    ) -> list[tuple[KubeObject, Located | None]]:
        if not fragments:
            return [(ds, None) for ds in daemonsets]
        bases = [ds for ds in daemonsets if "status" not in ds.data]
        if len(bases) != 1:
            reason = (
                "the snapshot has no DaemonSet without a status to merge it onto"
                if not bases
                else f"{len(bases)} DaemonSets without a status could take it "
                f"({', '.join(b.name for b in bases)}); give one of them with the fragment"
            )
            for fragment in fragments:
                line = fragment.origin.region().line
                self.notes.append(
                    ReadNote(fragment.origin.file, line, f"status fragment not used: {reason}")
                )
            return [(ds, None) for ds in daemonsets]
        base = bases[0]
        merged: list[tuple[KubeObject, Located | None]] = [
            (ds, None) for ds in daemonsets if ds is not base
        ]
        for fragment in fragments:
            data = copy.deepcopy(base.data)
            data["status"] = fragment.data["status"]
            merged.append((KubeObject("DaemonSet", data, base.origin), fragment.origin))
        return merged

    @staticmethod
    def _assign_pods(
        daemonsets: list[tuple[KubeObject, Located | None]], pods: list[KubeObject]
    ) -> tuple[list[DaemonSetView], list[KubeObject]]:
        known = {ds.key for ds, _ in daemonsets}
        owned: dict[ObjectKey, list[KubeObject]] = defaultdict(list)
        unowned: list[KubeObject] = []
        for pod in pods:
            owner = daemonset_owner(pod)
            if owner is not None:
                owned[owner].append(pod)
                continue
            matched = _selected_by(pod, [ds for ds, _ in daemonsets])
            if matched is not None:
                owned[matched.key].append(pod)
            else:
                unowned.append(pod)
        views = [
            DaemonSetView(ds.key, ds, tuple(owned.get(ds.key, ())), status_from)
            for ds, status_from in daemonsets
        ]
        # DaemonSets known only from their pods (`kubectl get pods -A` without `ds`).
        for key in sorted(set(owned) - known):
            views.append(DaemonSetView(key, None, tuple(owned[key])))
        return views, unowned


def daemonset_owner(pod: KubeObject) -> ObjectKey | None:
    """The DaemonSet a pod's ownerReferences name (the controller reference first)."""
    references = mapping_at(pod.data, ()).get("metadata", {}).get("ownerReferences")
    if not isinstance(references, list):
        return None
    candidates = [
        ref
        for ref in references
        if isinstance(ref, dict) and ref.get("kind") == "DaemonSet" and ref.get("name")
    ]
    candidates.sort(key=lambda ref: not ref.get("controller"))
    if not candidates:
        return None
    return ObjectKey("DaemonSet", pod.namespace, str(candidates[0]["name"]))


def _selected_by(pod: KubeObject, daemonsets: list[KubeObject]) -> KubeObject | None:
    """A DaemonSet in the pod's namespace whose selector takes the pod, for pods without owners."""
    metadata = mapping_at(pod.data, ("metadata",))
    if metadata.get("ownerReferences"):
        return None  # owned by something else (a ReplicaSet, a Node for static pods)
    labels = metadata.get("labels")
    if not isinstance(labels, dict) or not labels:
        return None
    for ds in daemonsets:
        selector = mapping_at(ds.data, ("spec", "selector"))
        if ds.namespace == pod.namespace and selector and selector_matches(selector, labels):
            return ds
    return None


def involved_object(event: KubeObject) -> ObjectKey:
    """The object an event is about (core/v1 `involvedObject`, events.k8s.io `regarding`)."""
    involved = mapping_at(event.data, ("involvedObject",)) or mapping_at(event.data, ("regarding",))
    kind = str(involved.get("kind") or "")
    namespace = ""
    if kind not in CLUSTER_SCOPED:
        namespace = str(involved.get("namespace") or event.namespace)
    return ObjectKey(kind, namespace, str(involved.get("name") or ""))


# --- reading ------------------------------------------------------------------------------------


def infer_kind(obj: Mapping[str, Any], list_kind: str | None = None) -> str | None:
    """The kind of an object, from `kind`, the list it is in, or its shape."""
    kind = obj.get("kind")
    if isinstance(kind, str) and kind:
        return kind
    if list_kind in LIST_ITEM_KINDS:
        return LIST_ITEM_KINDS[list_kind]
    if set(obj) == {"status"} and isinstance(obj["status"], dict):
        return "StatusFragment"
    spec = mapping_at(obj, ("spec",))
    status = mapping_at(obj, ("status",))
    if "nodeInfo" in status or "podCIDR" in spec or "providerID" in spec:
        return "Node"
    if ("allocatable" in status or "capacity" in status) and "containers" not in spec:
        return "Node"
    if "containers" in spec:
        return "Pod"
    if "involvedObject" in obj and "reason" in obj:
        return "Event"
    return None


def read_snapshot(paths: Iterable[str], max_bytes: int = MAX_SNAPSHOT_BYTES) -> Snapshot:
    """Read files and folders (`-` is standard input) into one indexed snapshot."""
    objects: list[KubeObject] = []
    notes: list[ReadNote] = []
    for path in discover(paths):
        try:
            if path == "-":
                import sys

                source = read_stream("<stdin>", sys.stdin.buffer, max_bytes)
            else:
                source = read_path(path, max_bytes)
        except SourceError as error:
            notes.append(ReadNote(path, 0, str(error).removeprefix(f"{path}: ")))
            continue
        if source.limit_exceeded is not None:
            notes.append(
                ReadNote(
                    source.name,
                    0,
                    source.limit_exceeded.replace(
                        "--max-file-size or max-file-size in the config", "a smaller snapshot"
                    ),
                )
            )
            continue
        for item in read_text(source.name, source.text):
            (notes if isinstance(item, ReadNote) else objects).append(item)  # type: ignore[arg-type]
    return Snapshot(objects, notes)


def read_text(file: str, text: str) -> Iterator[KubeObject | ReadNote]:
    """The objects of one file's text, and a note for whatever could not be read."""
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            pass  # not JSON after all (a YAML flow mapping): the YAML reader says what is wrong
        else:
            yield from _json_objects(file, text, data)
            return
    for offset, chunk in split_documents(text):
        document = parse_document(chunk, 0, offset)
        for problem in document.problems:
            yield ReadNote(file, problem.line, problem.message)
        if document.data is None:
            continue
        yield from _objects(file, document.data, partial(_located_in, file, document))


def _located_in(file: str, document: Document, prefix: Path) -> Located:
    return Located(file, prefix, document)


def _json_objects(file: str, text: str, data: Any) -> Iterator[KubeObject | ReadNote]:
    if isinstance(data, list):  # a JSON array of objects (some tools dump them so)
        for index, item in enumerate(data):
            yield from _objects(
                file, item, lambda prefix, i=index: Located(file, (i, *prefix), json_text=text)
            )
        return
    yield from _objects(file, data, lambda prefix: Located(file, prefix, json_text=text))


def _objects(file: str, data: Any, locate: Any) -> Iterator[KubeObject | ReadNote]:
    if not isinstance(data, dict):
        yield ReadNote(file, 1, "not a Kubernetes object (expected a mapping)")
        return
    document = Document(0, 0)
    document.data = data
    list_kind = data.get("kind") if isinstance(data.get("kind"), str) else None
    is_list = list_kind is not None and list_kind.endswith("List")
    for prefix, obj in iter_objects(document):
        kind = infer_kind(obj, list_kind if is_list else None)
        origin: Located = locate(prefix)
        if kind is None:
            yield ReadNote(file, origin.region().line, "object of unknown kind left out")
            continue
        yield KubeObject(kind, obj, origin)
