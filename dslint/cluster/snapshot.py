"""A cluster snapshot read from files and indexed for diagnosis.

A snapshot is whatever `kubectl get ... -o yaml|json` wrote: DaemonSets with their status, Pods,
Nodes, Events, Namespaces, ResourceQuotas and LimitRanges, one object per document, `kind: List`
(or `PodList`, `NodeList`, ...) items, or a JSON array of objects, in any mix of files. Reading is
the inventory reader's (`inventory.py`: JSON with the JSON parser, YAML with libyaml, kinds told by
shape where a dump leaves them out).

A document that holds only a `status` is a status fragment (test fixtures and hand-made snapshots
keep the live numbers apart from the manifest): it is merged onto the one DaemonSet of the
snapshot that has no status. Several fragments give one view of that DaemonSet each.

The index answers what diagnosis asks: a DaemonSet's pods (by ownerReferences, else by its
selector in its namespace), the events about an object, and nodes by name. Every object keeps
the file and line it came from; the exact line and column of a field are found with the document
reader only when a finding needs them, by parsing that file again.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from dslint.api import Path, mapping_at
from dslint.cluster.inventory import MAX_INVENTORY_BYTES, Inventory, Origin, load_text
from dslint.document import Document, Region, parse_document, split_documents
from dslint.k8s import selector_matches
from dslint.source import SourceError, discover, read_input, read_path

DEFAULT_NAMESPACE = "default"
CLUSTER_SCOPED = frozenset({"Node", "Namespace"})
KINDS = {
    "nodes": "Node",
    "namespaces": "Namespace",
    "resource_quotas": "ResourceQuota",
    "limit_ranges": "LimitRange",
    "pods": "Pod",
    "daemonsets": "DaemonSet",
    "events": "Event",
}


class ObjectKey(NamedTuple):
    """How objects refer to each other: kind, namespace ("" for cluster-scoped) and name."""

    kind: str
    namespace: str
    name: str

    def __str__(self) -> str:
        where = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind.lower()}/{where}{self.name}"


class FileText:
    """One input's text, parsed for positions only when a finding asks where something is."""

    __slots__ = ("_documents", "_text", "name")

    def __init__(self, name: str, text: str | None = None) -> None:
        self.name = name
        self._text = text  # kept for standard input, which cannot be read twice
        self._documents: list[tuple[int, str, Document | None]] | None = None

    def documents(self) -> list[tuple[int, str, Document | None]]:
        if self._documents is None:
            text = self._text
            if text is None:
                try:
                    text = read_path(self.name, MAX_INVENTORY_BYTES).text
                except SourceError:
                    text = ""
            self._documents = [(offset, chunk, None) for offset, chunk in split_documents(text)]
            self._text = None
        return self._documents

    def document_at(self, line: int) -> Document | None:
        """The parsed document that holds 1-based `line`."""
        documents = self.documents()
        chosen = None
        for index, (offset, _, _) in enumerate(documents):
            if offset < line:
                chosen = index
        if chosen is None:
            return None
        offset, chunk, parsed = documents[chosen]
        if parsed is None:
            parsed = parse_document(chunk, 0, offset)
            documents[chosen] = (offset, chunk, parsed)
        return parsed


class Located:
    """Where an object came from: its file and the first line of its document."""

    __slots__ = ("_found", "_searched", "_source", "file", "key", "line")

    def __init__(self, source: FileText, line: int, key: ObjectKey | None = None) -> None:
        self._source = source
        self.file = source.name
        self.line = line
        self.key = key  # to find the object among the items of a list
        self._found: tuple[Document, Path] | None = None
        self._searched = False

    def _find(self) -> tuple[Document, Path] | None:
        if not self._searched:
            self._searched = True
            document = self._source.document_at(self.line)
            if document is not None and document.root is not None:
                prefix = _find_object(document.data, self.key)
                self._found = (document, prefix) if prefix is not None else None
        return self._found

    def region(self, path: Path = ()) -> Region:
        found = self._find()
        if found is None:
            return Region(self.line, 1, self.line, 2)
        document, prefix = found
        return document.locate((*prefix, *path))

    def pointer(self, path: Path = ()) -> str:
        found = self._find()
        prefix = found[1] if found is not None else ()
        return "".join(f"/{step}" for step in (*prefix, *path))


def _find_object(data: Any, key: ObjectKey | None) -> Path | None:
    """The path of the object named by `key` in a document (itself, a list item, an array item)."""
    if key is None:
        return ()
    candidates: Iterable[tuple[Path, Any]]
    if isinstance(data, list):
        candidates = (((index,), item) for index, item in enumerate(data))
    elif isinstance(data, dict) and isinstance(data.get("items"), list):
        candidates = ((("items", index), item) for index, item in enumerate(data["items"]))
    else:
        candidates = [((), data)]
    for prefix, item in candidates:
        metadata = mapping_at(item, ("metadata",))
        kind = item.get("kind") if isinstance(item, dict) else None
        if (
            metadata.get("name") == key.name
            and (kind is None or kind == key.kind)
            and (
                key.kind in CLUSTER_SCOPED
                or metadata.get("namespace", DEFAULT_NAMESPACE) == key.namespace
            )
        ):
            return prefix
    return None


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
        self._add_daemonsets_of_events()

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

    def _add_daemonsets_of_events(self) -> None:
        """DaemonSets known only from events about them (FailedCreate with no `kubectl get ds`)."""
        known = {view.key for view in self.daemonsets}
        for key in sorted(self.events):
            if key.kind == "DaemonSet" and key not in known:
                self.daemonsets.append(DaemonSetView(key, None, ()))


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


def read_snapshot(
    paths: Iterable[str], max_bytes: int = MAX_INVENTORY_BYTES, stdin: Any = None
) -> Snapshot:
    """Read files and folders (`-` is standard input) into one indexed snapshot."""
    inventory = Inventory()
    sources: dict[str, FileText] = {}
    notes: list[ReadNote] = []
    for path in discover(paths):
        try:
            source = read_input(path, max_bytes, stdin)
        except SourceError as error:
            notes.append(ReadNote(path, 0, str(error).removeprefix(f"{path}: ")))
            continue
        if source.limit_exceeded is not None:
            notes.append(ReadNote(source.name, 0, f"over the limit of {max_bytes} bytes; not read"))
            continue
        # Files are read again for positions when needed; standard input cannot be.
        sources[source.name] = FileText(source.name, source.text if path == "-" else None)
        load_text(source.text, source.name, inventory)
    return _snapshot(inventory, sources, notes)


def snapshot_of_text(text: str, name: str = "<text>") -> Snapshot:
    """The snapshot of one text, as if read from a file of that name."""
    inventory = Inventory()
    load_text(text, name, inventory)
    return _snapshot(inventory, {name: FileText(name, text)}, [])


def _snapshot(
    inventory: Inventory, sources: Mapping[str, FileText], notes: list[ReadNote]
) -> Snapshot:
    notes.extend(ReadNote(p.file, p.line, p.message) for p in inventory.problems)
    notes.extend(ReadNote(p.file, p.line, p.message) for p in inventory.notes)
    return Snapshot(_objects(inventory, sources), notes)


def _objects(inventory: Inventory, sources: Mapping[str, FileText]) -> Iterator[KubeObject]:
    for field, kind in KINDS.items():
        for data in getattr(inventory, field):
            origin = inventory.origin(data) or Origin("<unknown>", 1)
            source = sources.get(origin.file) or FileText(origin.file, "")
            if kind == "DaemonSet" and set(data) == {"status"}:
                yield KubeObject("StatusFragment", data, Located(source, origin.line))
                continue
            obj = KubeObject(kind, data, Located(source, origin.line))
            obj.origin.key = obj.key
            yield obj
