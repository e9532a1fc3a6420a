"""SARIF 2.1.0 as GitHub code scanning reads it.

Every rule that ran is declared in `tool.driver.rules` (a clean run still describes the tool);
results carry repository-relative URIs under `%SRCROOT%`, full regions, and a
`partialFingerprints` entry that depends on the rule and the object path, not on line numbers,
so that alerts survive edits above them. Suppressed findings are left out unless asked for, since
GitHub shows suppressed results as open alerts.

Artifact URIs are percent-encoded (RFC 3986): a file named `a#b.yaml` or `a%20b.yaml` is a path,
not a fragment or an already-encoded name. Message text goes through `printable()` as in every
format.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO
from urllib.parse import quote

from dslint.formats.escape import json_text, printable
from dslint.report import Report
from dslint.results import Diagnostic, Replacement, RuleDescription

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/dslint/dslint"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


def _full_description(rule: RuleDescription) -> str:
    """The summary and the reason it matters (`## Why is this bad?`), within GitHub's 1024."""
    why = rule.doc.split("## Why is this bad?", 1)[1] if "## Why is this bad?" in rule.doc else ""
    reason = " ".join(why.split("\n## ", 1)[0].split())
    text = f"{rule.summary} {reason}".strip()
    return text if len(text) <= 1024 else text[:1021].rstrip() + "..."


def _rule_descriptor(rule: RuleDescription, *, with_help: bool) -> dict[str, Any]:
    """A rule's descriptor. The full documentation (`help`) is embedded only for rules with a
    result in this run: every rule's pages would make even a one-file log half a megabyte, and
    upload limits and review tools prefer it small. `helpUri` links to the page for every rule."""
    summary = rule.summary[:1024] or rule.name
    category = {"0": "input", "1": "api", "2": "reliability", "3": "security", "4": "hygiene"}
    tags = [category.get(rule.code[2], "other"), "kubernetes", "daemonset"]
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _full_description(rule) or summary},
        "defaultConfiguration": {"level": _LEVELS[rule.level]},
        "properties": {
            "tags": tags,
            "precision": "very-high",
            "problem.severity": _SEVERITY[rule.level],
        },
    }
    if with_help and rule.doc.strip():
        descriptor["help"] = {"text": rule.doc.strip(), "markdown": rule.doc.strip()}
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def fingerprint(code: str, file: str, pointer: str, message: str) -> str:
    # The object path and message, not the line: an alert survives edits above it.
    key = f"{code}\0{file}\0{pointer}\0{message}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:32]


# Characters a URI path keeps as they are: RFC 3986 unreserved (quote() keeps those), `/` and the
# sub-delimiters and `@`. `:` is encoded, since in a relative URI's first segment it reads as a
# scheme (`c:deploy.yaml`).
_URI_PATH_SAFE = "/!$&'()*+,;=@"


def artifact_location(path: str) -> dict[str, str]:
    """The artifactLocation of a reported path: relative to %SRCROOT%, or an absolute file URI."""
    # A name's undecodable bytes (held as lone surrogates) are encoded as the bytes they were.
    encoded = quote(path.encode("utf-8", "surrogateescape"), safe=_URI_PATH_SAFE)
    if path.startswith("/"):
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}


def sarif_result(report: Report, d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    uri = report.relative_path(d.file)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVELS[d.level],
        "message": {"text": printable(d.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(uri),
                    "region": {
                        "startLine": d.line,
                        "startColumn": d.column,
                        "endLine": d.end_line,
                        "endColumn": d.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {"dslint/v1": fingerprint(d.code, uri, d.pointer, d.message)},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    replacements = report.replacements(d)
    if replacements:
        result["fixes"] = [_fix(report, d, uri, replacements)]
    role = report.role_of(d)
    if role is not None:
        # What the DaemonSet is for decides the level of many findings; say which role it was.
        result["properties"] = {"role": role.role, "roleSource": role.source}
    if report.show_suppressed:
        result["suppressions"] = (
            [
                {
                    "kind": "inSource",
                    "status": "accepted",
                    "justification": printable(d.suppressed),
                }
            ]
            if d.suppressed is not None
            else []
        )
    return result


def _fix(
    report: Report, d: Diagnostic, uri: str, replacements: tuple[Replacement, ...]
) -> dict[str, Any]:
    """A SARIF fix: the changes to the original file, with whether it keeps behaviour."""
    rule = next((r for r in report.rules if r.code == d.code), None)
    safety = getattr(rule, "fix", None)
    what = {
        "safe": "safe fix (dslint lint --fix)",
        "unsafe": "unsafe fix, changes behaviour (dslint lint --fix --unsafe-fixes)",
    }.get(str(safety), "fix")
    changes = []
    for change in replacements:
        replacement: dict[str, Any] = {
            "deletedRegion": {
                "startLine": change.start_line,
                "startColumn": change.start_column,
                "endLine": change.end_line,
                "endColumn": change.end_column,
            }
        }
        if change.text:
            replacement["insertedContent"] = {"text": change.text}
        changes.append(replacement)
    return {
        "description": {"text": f"{what}: {printable(d.message)}"},
        "artifactChanges": [{"artifactLocation": artifact_location(uri), "replacements": changes}],
    }


def _run_header(report: Report) -> tuple[dict[str, Any], dict[str, int]]:
    rules = sorted(report.rules, key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    reported = {d.code for d in report.diagnostics}
    header = {
        "tool": {
            "driver": {
                "name": "dslint",
                "version": report.version,
                "semanticVersion": report.version,
                "informationUri": INFORMATION_URI,
                "rules": [
                    _rule_descriptor(rule, with_help=rule.code in reported) for rule in rules
                ],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(report.root)}},
        "columnKind": "unicodeCodePoints",
    }
    return header, index


def _invocations(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "executionSuccessful": not report.file_errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": printable(error)}}
                for error in report.file_errors
            ],
        }
    ]


def _run_properties(report: Report) -> dict[str, Any]:
    """Each DaemonSet's role and the evidence for it, in the run's property bag."""
    objects = [
        {
            "file": report.relative_path(file),
            "object": printable(role.object_name),
            "role": role.role,
            "source": role.source,
            "evidence": [printable(item) for item in role.evidence],
        }
        for file, role in report.roles()
    ]
    return {"objects": objects}


def to_dict(report: Report) -> dict[str, Any]:
    header, index = _run_header(report)
    results = [sarif_result(report, d, index) for d in report.diagnostics]
    run = {
        **header,
        "results": results,
        "invocations": _invocations(report),
        "properties": _run_properties(report),
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _root_uri(root: str) -> str:
    from pathlib import Path

    return Path(root).resolve().as_uri() + "/"


def render(report: Report, out: TextIO) -> None:
    """Write the log, streaming results as files are linted (the invocation follows them)."""
    header, index = _run_header(report)
    placeholder = "__dslint_results__"
    skeleton = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [{**header, placeholder: 0}]}
    text = json_text(json.dumps(skeleton, indent=2, ensure_ascii=False))
    head, _, _ = text.partition(f'"{placeholder}": 0')
    out.write(head + '"results": [')
    separator = "\n        "
    for d in report.iter_diagnostics():
        item = json_text(json.dumps(sarif_result(report, d, index), indent=2, ensure_ascii=False))
        out.write(separator + item.replace("\n", "\n        "))
        separator = ",\n        "
    out.write("\n      ],\n" if separator != "\n        " else "],\n")
    invocations = json_text(json.dumps(_invocations(report), indent=2, ensure_ascii=False))
    out.write('      "invocations": ' + invocations.replace("\n", "\n      ") + ",\n")
    properties = json_text(json.dumps(_run_properties(report), indent=2, ensure_ascii=False))
    out.write('      "properties": ' + properties.replace("\n", "\n      ") + "\n    }\n  ]\n}\n")
