"""Suppressions: YAML comments and object annotations, applied after findings are located.

Comments (rules by code or name, comma-separated; no list means every rule; an optional reason
follows ` -- `):
    image: app:latest  # dslint: disable-line=latest-image-tag -- pinned by the release job
    # dslint: disable-next-line=DS201
    # dslint: disable=DS3 ... # dslint: enable=DS3   (a range of lines)
    # dslint: disable-file=missing-probe
Annotations on the DaemonSet (they survive `kubectl apply`, like kube-linter's):
    ignore-check.dslint.io/latest-image-tag: "pinned by the release job"

A suppressed diagnostic is kept with its reason (`--show-suppressed` lists them), never dropped
silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dslint.results import Diagnostic

ANNOTATION_PREFIX = "ignore-check.dslint.io/"
_COMMENT = re.compile(
    r"(?:^|\s)#\s*dslint:\s*(?P<action>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:=(?P<rules>[A-Za-z0-9_,\- ]*?))?(?:\s+--\s*(?P<reason>.*?))?\s*$"
)
ALL = "all"


def _matches(selector: str, diagnostic: Diagnostic) -> bool:
    selector = selector.strip()
    return selector.lower() in (ALL, diagnostic.name) or selector.upper() == diagnostic.code


class _Scope:
    __slots__ = ("first_line", "last_line", "reason", "rules")

    def __init__(self, rules: list[str], reason: str, first_line: int, last_line: int) -> None:
        self.rules = rules
        self.reason = reason
        self.first_line = first_line
        self.last_line = last_line  # inclusive; very large for open ranges and whole files


class CommentSuppressions:
    __slots__ = ("scopes",)

    def __init__(self) -> None:
        self.scopes: list[_Scope] = []

    def reason_for(self, diagnostic: Diagnostic) -> str | None:
        for scope in self.scopes:
            if scope.first_line <= diagnostic.line <= scope.last_line and any(
                _matches(rule, diagnostic) for rule in scope.rules
            ):
                return scope.reason
        return None


def parse_comments(text: str) -> CommentSuppressions:
    result = CommentSuppressions()
    if "dslint:" not in text:
        return result
    open_ranges: dict[str, _Scope] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "dslint:" not in line:
            continue
        match = _COMMENT.search(line)
        if not match:
            continue
        action = match["action"]
        rules = [r.strip() for r in (match["rules"] or ALL).split(",") if r.strip()] or [ALL]
        reason = match["reason"] or f"suppressed by a '# dslint: {action}' comment"
        if action == "disable-line":
            result.scopes.append(_Scope(rules, reason, number, number))
        elif action == "disable-next-line":
            result.scopes.append(_Scope(rules, reason, number + 1, number + 1))
        elif action == "disable-file":
            result.scopes.append(_Scope(rules, reason, 1, 1 << 30))
        elif action == "disable":
            for rule in rules:
                scope = _Scope([rule], reason, number, 1 << 30)
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


def apply_comments(diagnostics: list[Diagnostic], text: str) -> None:
    """Mark diagnostics that a `# dslint:` comment suppresses (in place)."""
    suppressions = parse_comments(text)
    if not suppressions.scopes:
        return
    for index, diagnostic in enumerate(diagnostics):
        if diagnostic.suppressed is not None:
            continue
        reason = suppressions.reason_for(diagnostic)
        if reason is not None:
            diagnostics[index] = diagnostic._replace(suppressed=reason)


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
    suppressions = annotation_suppressions(obj)
    if not suppressions:
        return
    for index, diagnostic in enumerate(diagnostics):
        for rule, reason in suppressions.items():
            if _matches(rule, diagnostic):
                diagnostics[index] = diagnostic._replace(suppressed=reason)
                break
