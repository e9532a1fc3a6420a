"""What rule authors import: the object a rule reads and the findings it yields.

A rule never sees files, lines or comments. It reads a `Manifest` (the plain data of one
DaemonSet-like object) and yields `Finding`s that point into that object by path; the engine turns
paths into line:column.

Records on the start-up path are named tuples or classes with `__slots__`, not dataclasses:
building a dataclass generates and compiles its methods at import (about 1 ms each), and the
`dataclasses` module imports `inspect`; together they were a fifth of a one-file lint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")

# What a rule's fixes do: "safe" keeps what the object does (applied by --fix), "unsafe" changes
# behaviour (applied only with --unsafe-fixes). A rule without fixes declares FIX = None.
FixSafety = Literal["safe", "unsafe"]
FIX_SAFETIES: tuple[FixSafety, ...] = ("safe", "unsafe")

# A path into an object: mapping keys (str) and sequence indexes (int).
Path = tuple[str | int, ...]

DEFAULT_KUBERNETES_VERSION: tuple[int, int] = (1, 37)


class Edit(NamedTuple):
    """A change a fix makes: set `path` to `value`, or delete it when `delete` is true.

    Setting a path whose last key is missing adds it (and any missing mappings on the way) to
    the mapping that holds it; deleting a sequence item removes it from its list.
    """

    path: Path
    value: Any = None
    delete: bool = False


class Finding(NamedTuple):
    """One problem a rule found.

    `path` points at the offending value (a scalar is reported at its value, a mapping or a
    sequence at its key, a missing key at the deepest part of the path that exists).
    `level` overrides the rule's level for this finding only (graded rules use it).
    `at_key` reports a scalar at its key instead of its value (the key is what is wrong).
    """

    path: Path
    message: str
    level: Level | None = None
    fix: tuple[Edit, ...] = ()
    at_key: bool = False


class Manifest:
    """One Kubernetes object as a rule sees it."""

    __slots__ = ("data", "derived", "kubernetes_version", "settings")

    def __init__(
        self,
        data: Mapping[str, Any],
        kubernetes_version: tuple[int, int] = DEFAULT_KUBERNETES_VERSION,
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        self.data = data
        self.kubernetes_version = kubernetes_version
        # Options that span rules (for example the Pod Security level asked for).
        self.settings: Mapping[str, Any] = settings if settings is not None else {}
        # Values derived from `data` that many rules ask for (the container list), computed once
        # per object by the helpers in dslint.k8s. Rules treat the data as read-only.
        self.derived: dict[str, Any] = {}

    @property
    def kind(self) -> str:
        value = self.data.get("kind")
        return value if isinstance(value, str) else ""

    @property
    def api_version(self) -> str:
        value = self.data.get("apiVersion")
        return value if isinstance(value, str) else ""

    @property
    def metadata(self) -> Mapping[str, Any]:
        return mapping_at(self.data, ("metadata",))

    @property
    def name(self) -> str:
        value = self.metadata.get("name")
        return value if isinstance(value, str) else "<unnamed>"

    @property
    def namespace(self) -> str | None:
        value = self.metadata.get("namespace")
        return value if isinstance(value, str) else None

    def get(self, path: Sequence[str | int], default: Any = None) -> Any:
        """The value at `path`, or `default` where the path does not exist or types do not fit."""
        return value_at(self.data, path, default)

    def mapping(self, path: Sequence[str | int]) -> Mapping[str, Any]:
        """The mapping at `path`, or an empty one (rules need not check types themselves)."""
        return mapping_at(self.data, path)

    def sequence(self, path: Sequence[str | int]) -> list[Any]:
        """The sequence at `path`, or an empty list."""
        value = value_at(self.data, path)
        return value if isinstance(value, list) else []


def value_at(data: Any, path: Sequence[str | int], default: Any = None) -> Any:
    node = data
    for step in path:
        if isinstance(step, int) and not isinstance(step, bool):
            if not isinstance(node, list) or not -len(node) <= step < len(node):
                return default
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return default
            node = node[step]
    return node


def mapping_at(data: Any, path: Sequence[str | int]) -> Mapping[str, Any]:
    value = value_at(data, path)
    return value if isinstance(value, dict) else {}


__all__ = [
    "DEFAULT_KUBERNETES_VERSION",
    "FIX_SAFETIES",
    "LEVELS",
    "Edit",
    "Finding",
    "FixSafety",
    "Level",
    "Manifest",
    "Path",
    "mapping_at",
    "value_at",
]
