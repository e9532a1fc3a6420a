"""What linting and analysis produce: located diagnostics, per-file results, rule descriptions.

This module sits below everything that makes or shows results. The engine, the analyzers and the
worker pool build these records; suppression marks them; formats, fixes and the language server
read them. It imports nothing from dslint but the rule kit's `Edit` and `Level`, so a format never
needs to know how a result was made. Records are named tuples or `__slots__` classes: this module is
on the start-up path of every lint.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from dslint.api import Edit, Level, Path

# Codes of problems dslint reports about itself or its input, under these rule names.
INTERNAL_ERROR = "internal-error"
INPUT_LIMIT_EXCEEDED = "input-limit-exceeded"


class Diagnostic(NamedTuple):
    """A finding placed in a file. Lines and columns are 1-based; the end is exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    level: Level
    message: str
    pointer: str = ""
    object_name: str | None = None
    fix: tuple[Edit, ...] = ()
    suppressed: str | None = None  # the reason, when a comment or annotation suppresses it

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.code, self.message)


class Span(Protocol):
    """Where something lies in a file (a `document.Region`): 1-based, the end exclusive."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...


def located(
    file: str,
    span: Span,
    rule: tuple[str, str, Level],
    message: str,
    path: Path,
    object_name: str | None = None,
    fix: tuple[Edit, ...] = (),
) -> Diagnostic:
    """A diagnostic of `rule` (code, name, level) at `span`, about the object at `path`."""
    code, name, level = rule
    return Diagnostic(
        file,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        code,
        name,
        level,
        message,
        json_pointer(path),
        object_name,
        fix,
    )


def json_pointer(path: Path) -> str:
    """A path into an object as an RFC 6901 JSON pointer (the `pointer` of a diagnostic)."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


class Replacement(NamedTuple):
    """Text that replaces a region of the original file (1-based; the end is exclusive)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    text: str


def fix_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    return (
        diagnostic.code,
        diagnostic.line,
        diagnostic.column,
        diagnostic.pointer,
        diagnostic.message,
    )


class ObjectRole(NamedTuple):
    """What a DaemonSet is for (see dslint/roles.py), as outputs report it."""

    object_name: str
    role: str  # a role identifier such as "csi-node-plugin", or "none"
    source: str  # "inferred" from the manifest or "configured"
    evidence: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "object": self.object_name,
            "role": self.role,
            "source": self.source,
            "evidence": list(self.evidence),
        }


class FileResult:
    """Everything linting one file produced."""

    __slots__ = (
        "daemonsets",
        "diagnostics",
        "documents",
        "error",
        "excerpts",
        "file",
        "fixed",
        "objects",
        "rendered",
        "replacements",
        "roles",
        "skipped_objects",
        "summaries",
        "suppressions",
        "template",
    )

    def __init__(
        self,
        file: str,
        diagnostics: list[Diagnostic] | None = None,
        *,
        error: str | None = None,
    ) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.documents = 0
        self.daemonsets = 0
        self.skipped_objects = 0
        self.error = error  # the file could not be read at all
        self.excerpts: dict[int, str] = {}  # source lines that have diagnostics
        self.objects: list[str] = []  # names of the DaemonSets linted, in order
        self.roles: list[ObjectRole] = []  # the role of each of them, in the same order
        self.fixed = 0  # findings fixed in the file by --fix before it was linted again
        # For findings moved from rendered text (a chart, a layout): (line, column, code,
        # message) -> the rendered line, shown beside the source line.
        self.rendered: dict[tuple[int, int, str, str], str] = {}
        self.template = False  # a Helm template met alone: linted with its chart, not as YAML
        # The text changes that fix a finding, by `fix_key(diagnostic)`, where asked for (SARIF).
        self.replacements: dict[tuple[str, int, int, str, str], tuple[Replacement, ...]] = {}
        # For the checks over a whole run (dslint/crossobject.py), which run after the file is
        # linted: its named objects, and its suppression comments (a `suppress`
        # CommentSuppressions, kept only when the file has some).
        self.summaries: list[ObjectSummary] = []
        self.suppressions: SuppressionComments | None = None

    @property
    def reported(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.suppressed is None]


class SuppressionComments(Protocol):
    """The suppression comments of a file (`suppress.CommentSuppressions`)."""

    def reason_for(self, diagnostic: Diagnostic) -> str | None: ...


class ObjectResult(NamedTuple):
    """One object of a document: whether it was a DaemonSet, and what its rules found."""

    daemonset: bool
    name: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    line: int = 1  # where the object's kind is, for a finding about the object itself
    column: int = 1
    role: ObjectRole | None = None


class DocumentResult:
    """What one document of a stream produced, before the per-file limits are applied."""

    __slots__ = ("counted", "objects", "problems", "summaries")

    def __init__(self, counted: bool, problems: list[Diagnostic]) -> None:
        self.counted = counted  # empty and comment-only documents do not count
        self.problems = problems
        self.objects: list[ObjectResult] = []
        self.summaries: list[ObjectSummary] = []  # every named object, for checks over a run


class RuleDescription(Protocol):
    """What a format may know of a rule that ran: its identity and documentation, as data."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> Level: ...
    @property
    def doc(self) -> str: ...
    @property
    def help_uri(self) -> str | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def checks_objects(self) -> bool:
        """True for a rule run on each object; False for one reported while reading a file."""
        ...


def first_paragraph(doc: str) -> str:
    """The first paragraph of a rule's documentation, on one line."""
    first = doc.strip().split("\n\n", 1)[0]
    return " ".join(first.split())


class RuleInfo(NamedTuple):
    """A rule described as plain data, for results that do not come from the rule registry."""

    code: str
    name: str
    level: Level
    doc: str = ""
    help_uri: str | None = None
    checks_objects: bool = True

    @property
    def summary(self) -> str:
        return first_paragraph(self.doc)


class Reference(NamedTuple):
    """An object a pod template names (a ConfigMap, a ServiceAccount ...), located."""

    kind: str
    name: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str


class ObjectSummary(NamedTuple):
    """What the checks over a whole run need of one object: its identity, where it is defined
    (its `metadata.name`), what its pod template references, and its suppression annotations."""

    file: str
    kind: str
    namespace: str  # "" when the manifest names none
    name: str
    line: int
    column: int
    end_line: int
    end_column: int
    references: tuple[Reference, ...] = ()
    annotations: tuple[tuple[str, str], ...] = ()  # (rule, reason) of ignore-check annotations
    pointer: str = "/metadata/name"  # of the name, as a diagnostic's pointer
