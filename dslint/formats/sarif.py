"""SARIF 2.1.0 as GitHub code scanning reads it.

Every rule that ran is declared in `tool.driver.rules` (a clean run still describes the tool);
results carry repository-relative URIs under `%SRCROOT%`, full regions, and a
`partialFingerprints` entry that depends on the rule and the object path, not on line numbers,
so that alerts survive edits above them. Suppressed findings are left out unless asked for, since
GitHub shows suppressed results as open alerts.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from dslint.registry import Rule
from dslint.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://dslint.dev"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    summary = rule.summary[:1024] or rule.name
    category = {"0": "input", "1": "api", "2": "reliability", "3": "security", "4": "hygiene"}
    tags = [category.get(rule.code[2], "other"), "kubernetes", "daemonset"]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": _LEVELS[rule.level]},
        "properties": {
            "tags": tags,
            "precision": "very-high",
            "problem.severity": _SEVERITY[rule.level],
        },
    }


def fingerprint(code: str, file: str, pointer: str, message: str) -> str:
    # The object path and message, not the line: an alert survives edits above it.
    digest = hashlib.sha256(f"{code}\0{file}\0{pointer}\0{message}".encode()).hexdigest()
    return digest[:32]


def to_dict(report: Report) -> dict[str, Any]:
    rules = sorted(report.rules, key=lambda r: r.code)
    # Rules that produced a diagnostic without being selected (internal errors) must be declared.
    declared = {rule.code for rule in rules}
    index = {rule.code: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for d in report.diagnostics:
        uri = report.relative_path(d.file)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _LEVELS[d.level],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
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
        if d.code in declared:
            result["ruleIndex"] = index[d.code]
        if report.show_suppressed:
            result["suppressions"] = (
                [{"kind": "inSource", "status": "accepted", "justification": d.suppressed}]
                if d.suppressed is not None
                else []
            )
        results.append(result)
    failed = bool(report.file_errors)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dslint",
                        "version": report.version,
                        "semanticVersion": report.version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not failed,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": error}}
                            for error in report.file_errors
                        ],
                    }
                ],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(report.root)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _root_uri(root: str) -> str:
    from pathlib import Path

    return Path(root).resolve().as_uri() + "/"


def render(report: Report, out: TextIO) -> None:
    json.dump(to_dict(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
