"""Write the Kubernetes validation coverage table into docs/schemas.md.

The table is generated from tools/validation_audit.yaml: one entry per error that DaemonSet and
pod-spec validation can return, with the rule that reports it or the reason no rule can. Run
`python tools/gen_validation_table.py` after editing the data file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NamedTuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tools" / "validation_audit.yaml"
DOC = ROOT / "docs" / "schemas.md"
START = "<!-- validation-audit:start -->"
END = "<!-- validation-audit:end -->"
ERROR_TYPES = (
    "Required value",
    "Invalid value",
    "Forbidden",
    "Unsupported value",
    "Duplicate value",
    "Not found",
)


class AuditError(ValueError):
    """The data file is malformed."""


class Check(NamedTuple):
    field: str
    error: str
    message: str
    rule: str | None
    reason: str | None
    pod: str | None
    manifest: str | None


def load_checks(path: Path = DATA) -> list[Check]:
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    checks: list[Check] = []
    for number, entry in enumerate(data["checks"], 1):
        check = Check(
            field=str(entry["field"]),
            error=str(entry["error"]),
            message=str(entry["message"]),
            rule=entry.get("rule"),
            reason=entry.get("reason"),
            pod=entry.get("pod"),
            manifest=entry.get("manifest"),
        )
        _validate(number, check)
        checks.append(check)
    return checks


def _validate(number: int, check: Check) -> None:
    where = f"entry {number} ({check.field})"
    if check.error not in ERROR_TYPES:
        raise AuditError(f"{where}: unknown error type {check.error!r}")
    if (check.rule is None) == (check.reason is None):
        raise AuditError(f"{where}: needs exactly one of `rule` and `reason`")
    if check.rule is not None and (check.pod is None) == (check.manifest is None):
        raise AuditError(
            f"{where}: a covered check needs exactly one example (`pod` or `manifest`)"
        )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(checks: list[Check]) -> str:
    covered = sum(1 for check in checks if check.rule is not None)
    lines = [
        f"{len(checks)} checks audited, {covered} reported by a rule "
        f"(each with an example in `tools/validation_audit.yaml` that a test lints), "
        f"{len(checks) - covered} not.",
        "",
        "| Field | Error | Kubernetes says | dslint |",
        "|-------|-------|-----------------|--------|",
    ]
    for check in sorted(checks, key=lambda check: (check.field, check.error)):
        verdict = f"`{check.rule}`" if check.rule is not None else f"none: {check.reason}"
        lines.append(
            f"| `{_cell(check.field)}` | {check.error} | {_cell(check.message or '—')} "
            f"| {_cell(verdict)} |"
        )
    return "\n".join(lines) + "\n"


def render(doc: str, checks: list[Check]) -> str:
    """`doc` with the text between the markers replaced by the table."""
    head, start, rest = doc.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise AuditError(f"{DOC.name} lacks the markers {START} and {END}")
    return f"{head}{START}\n{table(checks)}{END}{tail}"


def main() -> int:
    current = DOC.read_text(encoding="utf-8")
    updated = render(current, load_checks())
    if updated != current:
        DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
