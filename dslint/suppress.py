"""Suppressions: YAML comments and object annotations, applied after findings are located.

Comments (rules by code or name, comma-separated; no list means every rule; an optional reason
follows ` -- `):
    image: app:latest  # dslint: disable-line=latest-image-tag -- pinned by the release job
    # dslint: disable-next-line=DS201
    # dslint: disable=DS3 ... # dslint: enable=DS3   (a range of lines; DS3 is a code prefix)
    # dslint: disable-file=missing-liveness-probe
Only real YAML comments count: the same text inside a string or a block scalar (a script in a
ConfigMap) is data. A comment that names no rule is an `invalid-suppression` finding; one that
suppresses nothing is an `unused-suppression` finding (off by default).
Annotations on the DaemonSet (they survive `kubectl apply`, like kube-linter's):
    ignore-check.dslint.io/latest-image-tag: "pinned by the release job"

A suppressed diagnostic is kept with its reason (`--show-suppressed` lists them), never dropped
silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

import yaml

from dslint.document import Problem

if TYPE_CHECKING:
    from dslint.results import Diagnostic

ANNOTATION_PREFIX = "ignore-check.dslint.io/"
_COMMENT = re.compile(
    r"(?:^|\s)#\s*dslint:\s*(?P<action>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:=(?P<rules>[A-Za-z0-9_,\- ]*?))?(?:\s+--\s*(?P<reason>.*?))?\s*$"
)
ALL = "all"


INVALID_SUPPRESSION = "invalid-suppression"
UNUSED_SUPPRESSION = "unused-suppression"
_CODE_PREFIX = re.compile(r"^[A-Z]{2,4}[0-9]{0,3}$")


def _matches(selector: str, diagnostic: Diagnostic) -> bool:
    """A rule name, a code, a code prefix (`DS2` is every DS2xx rule) or `all`."""
    selector = selector.strip()
    if selector.lower() in (ALL, diagnostic.name):
        return True
    upper = selector.upper()
    return bool(_CODE_PREFIX.match(upper)) and diagnostic.code.startswith(upper)


def _known(selector: str, rule_ids: Collection[str]) -> bool:
    """Whether a selector names some rule: `all`, a name, a code, or a prefix of a code."""
    selector = selector.strip()
    if selector.lower() == ALL or selector.lower() in rule_ids:
        return True
    upper = selector.upper()
    return bool(_CODE_PREFIX.match(upper)) and any(i.startswith(upper.lower()) for i in rule_ids)


class _Scope:
    __slots__ = ("column", "first_line", "last_line", "line", "reason", "rules", "used")

    def __init__(
        self, rules: list[str], reason: str, first_line: int, last_line: int, line: int, column: int
    ) -> None:
        self.rules = rules
        self.reason = reason
        self.first_line = first_line
        self.last_line = last_line  # inclusive; very large for open ranges and whole files
        self.line = line  # where the comment is
        self.column = column
        self.used = False


class CommentSuppressions:
    __slots__ = ("scopes",)

    def __init__(self) -> None:
        self.scopes: list[_Scope] = []

    def reason_for(self, diagnostic: Diagnostic) -> str | None:
        for scope in self.scopes:
            if scope.first_line <= diagnostic.line <= scope.last_line and any(
                _matches(rule, diagnostic) for rule in scope.rules
            ):
                scope.used = True
                return scope.reason
        return None


_HASH = re.compile(r"(?:^|(?<=[ \t]))#")
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scalar_spans(text: str) -> tuple[list[int], list[int], int]:
    """Start and end offsets of every scalar token, and the offset up to which they are known.

    A `#` inside a quoted string or a block scalar is text, not a comment; the YAML scanner knows
    where scalars are. Past a scanning error (invalid YAML) nothing is known, and lines there are
    read as they look.
    """
    starts: list[int] = []
    ends: list[int] = []
    known = len(text)
    try:
        for token in yaml.scan(text, Loader=_SCANNER):
            if isinstance(token, yaml.ScalarToken):
                starts.append(token.start_mark.index)
                ends.append(token.end_mark.index)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        known = mark.index if mark is not None else 0
    return starts, ends, known


def yaml_comments(text: str) -> dict[int, str]:
    """Line number (1-based) -> the comment on that line, from its `#`: real YAML comments only."""
    found: dict[int, str] = {}
    if "#" not in text:
        return found
    starts, ends, known = _scalar_spans(text)
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for match in _HASH.finditer(line):
            index = offset + match.start()
            inside = bisect_right(starts, index) - 1
            if index < known and inside >= 0 and index < ends[inside]:
                continue  # text of a scalar
            found[number] = line[match.start() :].rstrip("\r\n")
            break
        offset += len(line)
    return found


def parse_comments(text: str) -> CommentSuppressions:
    result = CommentSuppressions()
    if "dslint:" not in text:
        return result
    open_ranges: dict[str, _Scope] = {}
    lines = text.splitlines()
    for number, comment in sorted(yaml_comments(text).items()):
        if "dslint:" not in comment:
            continue
        match = _COMMENT.search(comment)
        if not match:
            continue
        column = len(lines[number - 1]) - len(comment) + 1
        action = match["action"]
        rules = [r.strip() for r in (match["rules"] or ALL).split(",") if r.strip()] or [ALL]
        reason = match["reason"] or f"suppressed by a '# dslint: {action}' comment"
        if action == "disable-line":
            result.scopes.append(_Scope(rules, reason, number, number, number, column))
        elif action == "disable-next-line":
            result.scopes.append(_Scope(rules, reason, number + 1, number + 1, number, column))
        elif action == "disable-file":
            result.scopes.append(_Scope(rules, reason, 1, 1 << 30, number, column))
        elif action == "disable":
            for rule in rules:
                scope = _Scope([rule], reason, number, 1 << 30, number, column)
                open_ranges[rule.lower()] = scope
                result.scopes.append(scope)
        else:  # enable closes the ranges it names
            for rule in rules:
                names = list(open_ranges) if rule.lower() == ALL else [rule.lower()]
                for name in names:
                    closed = open_ranges.pop(name, None)
                    if closed is not None:
                        closed.last_line = number
    return result


def apply_comments(
    diagnostics: list[Diagnostic], text: str, rule_ids: Collection[str] = ()
) -> list[Problem]:
    """Mark diagnostics that a `# dslint:` comment suppresses (in place).

    With `rule_ids` (every rule code and name, lower case), also return the problems of the
    comments themselves: a rule they name that does not exist (`invalid-suppression`) and a
    suppression that suppressed nothing (`unused-suppression`).
    """
    suppressions = parse_comments(text)
    if not suppressions.scopes:
        return []
    for index, diagnostic in enumerate(diagnostics):
        if diagnostic.suppressed is not None:
            continue
        reason = suppressions.reason_for(diagnostic)
        if reason is not None:
            diagnostics[index] = diagnostic._replace(suppressed=reason)
    if not rule_ids:
        return []
    problems: list[Problem] = []
    for scope in suppressions.scopes:
        unknown = [rule for rule in scope.rules if not _known(rule, rule_ids)]
        for rule in unknown:
            problems.append(
                Problem(
                    INVALID_SUPPRESSION,
                    f"the suppression comment names {rule!r}, which is no rule's code, code "
                    "prefix or name; it suppresses nothing",
                    scope.line,
                    scope.column,
                )
            )
        if not unknown and not scope.used:
            named = ", ".join(scope.rules)
            problems.append(
                Problem(
                    UNUSED_SUPPRESSION,
                    f"the suppression comment ({named}) suppresses no finding; remove it",
                    scope.line,
                    scope.column,
                )
            )
    return problems


_NOT_A_REASON = re.compile(
    r"^#+\s*(?:$|dslint:|todo\b|fixme\b|xxx\b|[-\w./]+:(?:\s|$)|-\s|https?://)", re.IGNORECASE
)


def _explanation(comments: Mapping[int, str], line: int, lines: list[str]) -> str | None:
    """The comment that explains the setting on `line`: at its end, or the block just above.

    Commented-out YAML (`# key: value`, `# - item`), links alone, `TODO`s and dslint directives
    explain nothing.
    """
    block: list[str] = []
    if line in comments and lines[line - 1].lstrip() != comments[line].lstrip():
        block.append(comments[line])
    else:
        above = line - 1
        while above >= 1 and above in comments and lines[above - 1].lstrip().startswith("#"):
            block.insert(0, comments[above])
            above -= 1
    reasons = [c for c in block if not _NOT_A_REASON.match(c.strip())]
    if not reasons:
        return None
    text = " ".join(c.strip().lstrip("#").strip() for c in reasons)
    return text if len(text) <= 100 else text[:97].rstrip() + "..."


def apply_recorded_choices(diagnostics: list[Diagnostic], text: str, rules: set[str]) -> None:
    """Lower to info the warnings of `rules` whose setting a comment explains (in place)."""
    candidates = [
        i
        for i, d in enumerate(diagnostics)
        if d.name in rules and d.level == "warning" and d.suppressed is None
    ]
    if not candidates:
        return
    comments = yaml_comments(text)
    if not comments:
        return
    lines = text.splitlines()
    for index in candidates:
        diagnostic = diagnostics[index]
        if not 0 < diagnostic.line <= len(lines):
            continue
        reason = _explanation(comments, diagnostic.line, lines)
        if reason is not None:
            diagnostics[index] = diagnostic._replace(
                level="info",
                message=f"{diagnostic.message} (a deliberate choice, the manifest says: {reason})",
            )


def annotation_suppressions(obj: Mapping[str, Any]) -> dict[str, str]:
    metadata = obj.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    if not isinstance(annotations, dict):
        return {}
    found: dict[str, str] = {}
    for key, value in annotations.items():
        if isinstance(key, str) and key.startswith(ANNOTATION_PREFIX):
            rule = key[len(ANNOTATION_PREFIX) :]
            reason = str(value).strip() if value not in (None, "") else ""
            found[rule] = reason or f"suppressed by annotation {key}"
    return found


def apply_annotations(diagnostics: list[Diagnostic], obj: Mapping[str, Any]) -> None:
    """Mark the diagnostics of one object that its `ignore-check.dslint.io/*` annotations mute."""
    apply_annotation_reasons(diagnostics, annotation_suppressions(obj))


def apply_annotation_reasons(
    diagnostics: list[Diagnostic], suppressions: Mapping[str, str]
) -> None:
    """Mark the diagnostics that these (rule or code -> reason) annotations mute (in place)."""
    if not suppressions:
        return
    for index, diagnostic in enumerate(diagnostics):
        for rule, reason in suppressions.items():
            if _matches(rule, diagnostic):
                diagnostics[index] = diagnostic._replace(suppressed=reason)
                break
