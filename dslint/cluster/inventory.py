"""Reading a cluster's objects from the files `kubectl get ... -o yaml|json` writes.

Public API:

- `read_inventory(paths, default_kind=None, inventory=None, ...) -> Inventory`: read files,
  folders (their `*.yaml`, `*.yml`, `*.json`) and `-` (standard input) into an `Inventory`.
  `default_kind` is the kind given to objects that carry no `kind` and whose shape does not tell
  (`"Node"` for `--nodes` files). Passing `inventory` adds to an existing one.
- `load_text(text, name, inventory, default_kind=None)`: the same for a text already read.
- `Inventory`: the objects by kind as plain data (`nodes`, `namespaces`, `resource_quotas`,
  `limit_ranges`, `pods`, `daemonsets`, `events`, `priority_classes`), `origin(obj)` (file and
  first line of the document it came from), `namespace(name)`, `problems` (input that could not
  be read, each naming the file and, for YAML, the line), `notes` (input read with a caveat,
  such as a node listed twice) and `skipped` (objects of other kinds, by kind).

What is read: single objects, `kind: List` and typed lists (`NodeList`, `PodList`, ...), JSON
arrays of objects, multi-document YAML streams, and objects serialized without `apiVersion` and
`kind` (their kind is told by their shape, else `default_kind`).

Speed and memory: a text that starts with `{` or `[` is read with the JSON parser, not the YAML
loader (both accept it, but the JSON parser is about fifty times faster); YAML is read with
libyaml's safe loader (tags are never executed) one document at a time, without line marks. The
cyclic garbage collector is paused while parsing (it would otherwise rescan the growing object
graph again and again), and parts no analysis reads are dropped as they are parsed:
`metadata.managedFields` and a node's `status.images`. Inventories have their own size limit,
MAX_INVENTORY_BYTES, sized for clusters of 5,000 nodes, instead of the manifest limit.
"""

from __future__ import annotations

import gc
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NamedTuple

import yaml

from dslint.document import split_documents
from dslint.source import Source, SourceError, discover, read_input

try:  # libyaml is the fast path; the pure loader is a fallback for odd installs
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]


class _Loader(SafeLoader):
    """The safe loader, with each string made once: a node list repeats the same keys and many
    of the same values on every node, and the JSON parser shares its keys in the same way (the
    YAML data of 5,000 nodes took 91 MiB without this, 55 MiB as JSON)."""


def _shared_string(loader: _Loader, node: yaml.ScalarNode) -> str:
    return sys.intern(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:str", _shared_string)

MAX_INVENTORY_BYTES = 256 * 1024 * 1024  # `kubectl get nodes -o json` of 5,000 nodes: ~50 MB

KINDS = ("Node", "Namespace", "ResourceQuota", "LimitRange", "Pod", "DaemonSet", "Event")


class InventoryProblem(NamedTuple):
    """Input that could not be read. `line` is 0 when there is no line to name."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class Origin(NamedTuple):
    """Where an object was read: the file and the first line of its document (1-based)."""

    file: str
    line: int


class Inventory:
    """A cluster's objects, by kind, as plain data."""

    __slots__ = (
        "_node_index",
        "_origins",
        "daemonsets",
        "events",
        "limit_ranges",
        "namespaces",
        "nodes",
        "notes",
        "pods",
        "priority_classes",
        "problems",
        "resource_quotas",
        "skipped",
    )

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.namespaces: list[dict[str, Any]] = []
        self.resource_quotas: list[dict[str, Any]] = []
        self.limit_ranges: list[dict[str, Any]] = []
        self.pods: list[dict[str, Any]] = []
        self.daemonsets: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.priority_classes: list[dict[str, Any]] = []
        self.problems: list[InventoryProblem] = []
        self.notes: list[InventoryProblem] = []
        self.skipped: Counter[str] = Counter()
        self._node_index: dict[str, int] = {}
        self._origins: dict[int, Origin] = {}

    def origin(self, obj: Mapping[str, Any]) -> Origin | None:
        """Where `obj` (one of this inventory's objects) was read."""
        return self._origins.get(id(obj))

    def namespace(self, name: str) -> dict[str, Any] | None:
        for namespace in self.namespaces:
            if object_name(namespace) == name:
                return namespace
        return None

    def add(self, obj: dict[str, Any], kind: str, origin: Origin) -> None:
        """Add one object of a known kind (others are counted in `skipped`)."""
        if kind == "Node":
            self._add_node(obj, origin)
        elif kind in _LISTS:
            getattr(self, _LISTS[kind]).append(obj)
        else:
            self.skipped[kind or "object without kind"] += 1
            return
        self._origins[id(obj)] = origin

    def _add_node(self, node: dict[str, Any], origin: Origin) -> None:
        name = object_name(node)
        seen = self._node_index.get(name) if name else None
        if seen is None:
            if name:
                self._node_index[name] = len(self.nodes)
            self.nodes.append(node)
            return
        # The same node in two snapshots: the controller sees one node, so the later one wins.
        earlier = self.nodes[seen]
        first = self._origins.pop(id(earlier), None)
        self.nodes[seen] = node
        where = f" (first read from {first.file})" if first else ""
        self.notes.append(
            InventoryProblem(origin.file, origin.line, f'node "{name}" listed again{where}')
        )


_LISTS = {
    "Namespace": "namespaces",
    "ResourceQuota": "resource_quotas",
    "LimitRange": "limit_ranges",
    "Pod": "pods",
    "DaemonSet": "daemonsets",
    "Event": "events",
    "PriorityClass": "priority_classes",
}


def object_name(obj: Mapping[str, Any]) -> str:
    """`metadata.name`, or "" when missing."""
    metadata = obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return name if isinstance(name, str) else ""


# --- reading ------------------------------------------------------------------------------------


def read_inventory(
    paths: Iterable[str],
    *,
    default_kind: str | None = None,
    inventory: Inventory | None = None,
    max_bytes: int = MAX_INVENTORY_BYTES,
    stdin: Any = None,
) -> Inventory:
    """Read every object of the files, folders and `-` (standard input) named by `paths`."""
    inventory = inventory if inventory is not None else Inventory()
    for path in discover(paths):
        try:
            source = read_input(path, max_bytes, stdin)
        except SourceError as error:
            inventory.problems.append(InventoryProblem(str(error), 0, "could not be read"))
            continue
        if source.limit_exceeded is not None:
            inventory.problems.append(_too_large(source, max_bytes))
            continue
        load_text(source.text, source.name, inventory, default_kind)
    return inventory


def _too_large(source: Source, max_bytes: int) -> InventoryProblem:
    return InventoryProblem(
        source.name,
        0,
        f"inventory is over the limit of {_size(max_bytes)}; it was not read",
    )


def _size(count: int) -> str:
    mib = 1024 * 1024
    return f"{count // mib} MiB" if count % mib == 0 else f"{count} bytes"


def load_text(text: str, name: str, inventory: Inventory, default_kind: str | None = None) -> None:
    """Read the objects of one text (a file's content) into `inventory`."""
    start = len(text) - len(text.lstrip())
    looks_like_json = text[start : start + 1] in ("{", "[")
    if looks_like_json and _load_json(text, name, inventory, default_kind):
        return
    _load_yaml(text, name, inventory, default_kind)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing builds millions of containers, none of them garbage: the collector only slows it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prune(obj: dict[str, Any]) -> dict[str, Any]:
    """Drop what no analysis reads, while it is parsed (it is most of a large node list)."""
    obj.pop("managedFields", None)
    if "images" in obj and ("nodeInfo" in obj or "allocatable" in obj or "capacity" in obj):
        del obj["images"]  # a node's status: the images on its disk
    return obj


_JSON = json.JSONDecoder(object_hook=_prune)
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _load_json(text: str, name: str, inventory: Inventory, default_kind: str | None) -> bool:
    """Read a JSON text; False (nothing added) when it is not JSON, so YAML may try it.

    Flow-style YAML starts with `{` too, so a text that is not JSON is read as YAML when it is
    valid YAML, unless its file name says it is JSON.
    """
    documents: list[Any] = []
    position = len(text) - len(text.lstrip())
    try:
        with _collector_paused():
            while position < len(text):
                document, end = _JSON.raw_decode(text, position)
                documents.append(document)
                position = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
    except json.JSONDecodeError as error:
        if documents:  # JSON documents, then something else: report where it stops
            inventory.problems.append(
                InventoryProblem(name, error.lineno, f"invalid JSON: {error.msg}")
            )
        elif name.endswith(".json") or not _is_yaml(text):
            inventory.problems.append(
                InventoryProblem(name, error.lineno, f"invalid JSON: {error.msg}")
            )
            return True
        else:
            return False
    except RecursionError:
        inventory.problems.append(InventoryProblem(name, 1, "JSON is nested too deeply"))
        return True
    for document in documents:
        _add_document(document, Origin(name, 1), inventory, default_kind)
    return True


def _is_yaml(text: str) -> bool:
    """Whether a text that is not JSON reads as YAML (flow style starts with `{` too)."""
    try:
        for _ in yaml.parse(text, Loader=SafeLoader):
            pass
    except yaml.YAMLError:
        return False
    return True


def _load_yaml(text: str, name: str, inventory: Inventory, default_kind: str | None) -> None:
    for line_offset, chunk in split_documents(text):
        if _load_yaml_list(chunk, line_offset, name, inventory, default_kind):
            continue
        try:
            with _collector_paused():
                document = yaml.load(chunk, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = (mark.line if mark is not None else 0) + 1 + line_offset
            problem = error.problem or error.context or "invalid YAML"
            inventory.problems.append(InventoryProblem(name, line, f"invalid YAML: {problem}"))
            continue
        except yaml.YAMLError as error:
            inventory.problems.append(
                InventoryProblem(name, line_offset + 1, f"invalid YAML: {error}")
            )
            continue
        except RecursionError:
            inventory.problems.append(
                InventoryProblem(name, line_offset + 1, "YAML is nested too deeply")
            )
            continue
        if document is None:
            continue
        first_line = line_offset + 1 + _leading_lines(chunk)
        _add_document(document, Origin(name, first_line), inventory, default_kind)


_ITEMS_KEY = re.compile(r"^items:[ \t]*$", re.MULTILINE)
_COLUMN_ZERO = re.compile(r"^(?:-(?: |$)|[^\s#])", re.MULTILINE)  # an item, or the next key


def _load_yaml_list(
    chunk: str, line_offset: int, name: str, inventory: Inventory, default_kind: str | None
) -> bool:
    """Read a list laid out as kubectl writes it (`items:` with its items at column 0) item by
    item; False, with nothing read, for any other document.

    libyaml builds the node tree of a whole document before the data: for one `kubectl get
    nodes -o yaml` of 5,000 nodes that is about 30 times the text's size. One item at a time
    keeps memory to the data read, at the same parsing speed.
    """
    key = _ITEMS_KEY.search(chunk)
    if key is None:
        return False
    starts: list[int] = []
    end = len(chunk)
    for match in _COLUMN_ZERO.finditer(chunk, key.end()):
        if not match.group().startswith("-"):
            end = match.start()
            break
        starts.append(match.start())
    if not starts:
        return False
    try:
        header = yaml.load(chunk[: key.start()] + "items: []\n" + chunk[end:], Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return False  # the whole document is read, and its error reported, as any other
    kind = header.get("kind") if isinstance(header, dict) else None
    if not isinstance(header, dict) or not (kind is None or str(kind).endswith("List")):
        return False
    item_kind = kind[: -len("List")] if isinstance(kind, str) and kind != "List" else None
    line = line_offset + 1 + chunk.count("\n", 0, starts[0])
    with _collector_paused():
        for start, stop in zip(starts, [*starts[1:], end], strict=True):
            try:
                item = yaml.load(chunk[start:stop], Loader=_Loader)
            except yaml.MarkedYAMLError as error:
                mark = error.problem_mark or error.context_mark
                problem = error.problem or error.context or "invalid YAML"
                at = line + (mark.line if mark is not None else 0)
                inventory.problems.append(InventoryProblem(name, at, f"invalid YAML: {problem}"))
            except (yaml.YAMLError, RecursionError) as error:
                inventory.problems.append(InventoryProblem(name, line, f"invalid YAML: {error}"))
            else:
                found = item[0] if isinstance(item, list) and len(item) == 1 else None
                if isinstance(found, dict):
                    _add_object(found, item_kind, Origin(name, line), inventory, default_kind)
                else:
                    inventory.skipped["list item that is not an object"] += 1
            line += chunk.count("\n", start, stop)
    return True


def _leading_lines(chunk: str) -> int:
    """Lines before a document's content: its `---` marker, comments and blank lines."""
    count = 0
    for line in chunk.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            break
        count += 1
    return count


def _add_document(
    document: Any, origin: Origin, inventory: Inventory, default_kind: str | None
) -> None:
    if isinstance(document, list):  # a JSON array of objects
        _add_items(document, None, origin, inventory, default_kind)
        return
    if not isinstance(document, dict):
        inventory.problems.append(
            InventoryProblem(origin.file, origin.line, "not a Kubernetes object or list")
        )
        return
    kind = document.get("kind")
    items = document.get("items")
    if isinstance(items, list) and (
        kind is None or (isinstance(kind, str) and kind.endswith("List"))
    ):
        item_kind = kind[: -len("List")] if isinstance(kind, str) and kind != "List" else None
        _add_items(items, item_kind, origin, inventory, default_kind)
        return
    _add_object(document, None, origin, inventory, default_kind)


def _add_items(
    items: list[Any],
    list_kind: str | None,
    origin: Origin,
    inventory: Inventory,
    default_kind: str | None,
) -> None:
    for item in items:
        if isinstance(item, dict):
            _add_object(item, list_kind, origin, inventory, default_kind)
        else:
            inventory.skipped["list item that is not an object"] += 1


def _add_object(
    obj: dict[str, Any],
    list_kind: str | None,
    origin: Origin,
    inventory: Inventory,
    default_kind: str | None,
) -> None:
    kind = obj.get("kind")
    if not isinstance(kind, str) or not kind:
        kind = list_kind or infer_kind(obj) or default_kind or ""
    metadata = obj.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("managedFields", None)  # YAML is not pruned while it is parsed
    if kind == "Node":
        status = obj.get("status")
        if isinstance(status, dict):
            status.pop("images", None)
    inventory.add(obj, kind, origin)


def infer_kind(obj: Mapping[str, Any]) -> str | None:
    """The kind of an object serialized without one, told by fields only that kind has."""
    spec = obj.get("spec")
    status = obj.get("status")
    spec = spec if isinstance(spec, dict) else {}
    status = status if isinstance(status, dict) else {}
    if "nodeInfo" in status or "allocatable" in status or "podCIDR" in spec or "providerID" in spec:
        return "Node"
    if "desiredNumberScheduled" in status or "numberReady" in status:
        return "DaemonSet"
    if "containers" in spec:
        return "Pod"
    if "involvedObject" in obj or "regarding" in obj:
        return "Event"
    if "hard" in spec:
        return "ResourceQuota"
    if "limits" in spec:
        return "LimitRange"
    return None
