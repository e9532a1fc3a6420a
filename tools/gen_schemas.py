"""Generate the bundled DaemonSet schemas in `schemas/` from the `kubernetes-validate` package.

`kubernetes-validate` (Apache-2.0) ships JSON schemas derived from the Kubernetes OpenAPI
documents, one folder per Kubernetes release. For each release this script takes the strict
apps/v1 DaemonSet schema, follows every `$ref` it reaches in `_definitions.json` and writes one
compact, self-contained file per minor version, `schemas/daemonset-v1.NN.json`:

- descriptions and client-only extensions (patch strategies, list types, ...) are dropped;
- a definition used once is inlined, one used more than once stays under `$defs` and is referred
  to by a local `#/$defs/<name>`, so the file has no reference outside itself;
- int-or-string and quantity fields become a plain two-type `type` (`["integer", "string"]`,
  `["number", "string"]`) instead of a `oneOf`, so they validate in one step and never produce
  `oneOf` noise;
- `format: int32` / `int64` become `minimum` / `maximum`, which is what the API server's decoder
  enforces;
- `required` lists are trimmed to what the API server really rejects when missing (see
  `NOT_REQUIRED`): the OpenAPI marks every Go field without `omitempty` as required, including
  fields that may be empty or that the server ignores.

The output is a subset of JSON Schema 2020-12 (`type`, `properties`, `additionalProperties`,
`required`, `items`, `enum`, `minimum`, `maximum`, `$defs`, `$ref`) that both `jsonschema` and
`dslint.schema` understand.

Usage: `python tools/gen_schemas.py [--out schemas] [--check]`
(needs `pip install kubernetes-validate`; `--check` compares instead of writing).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "schemas"
FIRST_MINOR = 25  # the oldest release kubernetes-validate ships a schema for

INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
# Definitions replaced by a plain schema: the source spells them as a `oneOf`.
REPLACED: dict[str, dict[str, Any]] = {
    INT_OR_STRING: {"type": ["integer", "string", "null"], "x-kubernetes-int-or-string": True},
    QUANTITY: {"type": ["number", "string", "null"]},
}

# Required in the OpenAPI document, but accepted by the API server when missing or empty.
NOT_REQUIRED: dict[str, dict[str, str]] = {
    "io.k8s.api.apps.v1.DaemonSetStatus": {
        "*": "the API server ignores status sent with a create or update",
    },
    "io.k8s.api.core.v1.HTTPHeader": {"value": "an empty header value is valid"},
    "io.k8s.api.core.v1.Sysctl": {"value": "the value is not validated"},
    "io.k8s.api.core.v1.SleepAction": {
        "seconds": "0 is valid since 1.32 (PodLifecycleSleepActionAllowZero)"
    },
    "io.k8s.api.core.v1.ISCSIVolumeSource": {"lun": "0 is a valid LUN"},
    "io.k8s.api.core.v1.PreferredSchedulingTerm": {"preference": "an empty term is valid"},
}

INT_RANGES = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}

# Keywords kept from the source; everything else (descriptions, x-kubernetes-list-type, ...) goes.
KEPT = {
    "type",
    "properties",
    "additionalProperties",
    "required",
    "items",
    "enum",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-int-or-string",
}

_REF = re.compile(r"#/\$defs/(?P<name>.+)$")


def source_folder(minor: int) -> Path | None:
    """The strict schema folder of kubernetes-validate for release 1.<minor>, if it ships one."""
    import kubernetes_validate  # type: ignore[import-untyped]

    base = Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema"
    folder = base / f"v1.{minor}.0-local-strict"
    return folder if folder.is_dir() else None


def available_minors() -> list[int]:
    minors = []
    minor = FIRST_MINOR
    while source_folder(minor) is not None:
        minors.append(minor)
        minor += 1
    return minors


def ref_name(ref: str) -> str:
    match = _REF.search(ref)
    if match is None:
        raise ValueError(f"unexpected $ref {ref!r}")
    return match["name"]


def count_references(root: dict[str, Any], definitions: dict[str, Any]) -> Counter[str]:
    """How often each reachable definition is referred to (each definition walked once)."""
    counts: Counter[str] = Counter()
    pending = [root]
    seen: set[str] = set()
    while pending:
        node = pending.pop()
        for ref in _refs_in(node):
            name = ref_name(ref)
            counts[name] += 1
            if name not in seen and name not in REPLACED:
                seen.add(name)
                pending.append(definitions[name])
    return counts


def _refs_in(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_refs_in(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_refs_in(item))
    return found


class Compactor:
    """Rewrites one release's DaemonSet schema into the compact, self-contained form."""

    def __init__(self, definitions: dict[str, Any], counts: Counter[str]) -> None:
        self.definitions = definitions
        self.counts = counts
        self.shared: dict[str, Any] = {}
        self.in_progress: set[str] = set()

    def definition(self, name: str) -> dict[str, Any]:
        """A reference to `name`: the replacement, the inlined schema or a local `$ref`."""
        if name in REPLACED:
            return dict(REPLACED[name])
        if self.counts[name] > 1 or name in self.in_progress:
            if name not in self.shared and name not in self.in_progress:
                self.in_progress.add(name)
                self.shared[name] = self.node(self.definitions[name], name)
                self.in_progress.discard(name)
            return {"$ref": f"#/$defs/{name}"}
        self.in_progress.add(name)
        inlined = self.node(self.definitions[name], name)
        self.in_progress.discard(name)
        return inlined

    def node(self, schema: dict[str, Any], owner: str | None = None) -> dict[str, Any]:
        if "$ref" in schema:
            # Siblings of a $ref are only descriptions in these schemas.
            return self.definition(ref_name(schema["$ref"]))
        result: dict[str, Any] = {}
        for key, value in schema.items():
            if key == "properties":
                result[key] = {field: self.node(sub) for field, sub in value.items()}
            elif key in ("additionalProperties", "items"):
                result[key] = value if isinstance(value, bool) else self.node(value)
            elif key == "required":
                relaxed = NOT_REQUIRED.get(owner or "", {})
                kept = [] if "*" in relaxed else [f for f in value if f not in relaxed]
                if kept:
                    result[key] = kept
            elif key == "format" and value in INT_RANGES:
                result["minimum"], result["maximum"] = INT_RANGES[value]
            elif key in KEPT:
                result[key] = value
        properties = result.get("properties", {})
        # Relaxed required fields may then be null, as for any optional field.
        for field in NOT_REQUIRED.get(owner or "", {}):
            prop = properties.get(field)
            if prop is not None and isinstance(prop.get("type"), str):
                prop["type"] = [prop["type"], "null"]
        # A null is an omitted field once decoded, so a required field may not be null.
        for field in result.get("required", []):
            if field in properties:
                properties[field] = self.not_null(properties[field])
        return result

    def not_null(self, prop: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in prop:
            # A sibling of `$ref` applies too (JSON Schema 2020-12); narrow the shared type.
            types = self.definitions[ref_name(prop["$ref"])].get("type")
            return {**prop, "type": _without_null(types)} if types else prop
        if "type" in prop:
            return {**prop, "type": _without_null(prop["type"])}
        return prop


def _without_null(types: str | list[str]) -> str | list[str]:
    if isinstance(types, str):
        return types
    kept = [name for name in types if name != "null"]
    return kept[0] if len(kept) == 1 else kept


def compact_schema(minor: int) -> dict[str, Any]:
    folder = source_folder(minor)
    if folder is None:
        raise SystemExit(f"kubernetes-validate has no schema for Kubernetes 1.{minor}")
    top = json.loads((folder / "daemonset-apps-v1.json").read_text())
    definitions = json.loads((folder / "_definitions.json").read_text())["$defs"]
    counts = count_references(top, definitions)
    compactor = Compactor(definitions, counts)
    body = compactor.node(top, "io.k8s.api.apps.v1.DaemonSet")
    from kubernetes_validate.version import __version__ as source_version  # type: ignore[import-untyped]

    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": (
            f"apps/v1 DaemonSet, Kubernetes 1.{minor}. Generated by tools/gen_schemas.py from "
            f"kubernetes-validate {source_version} (Apache-2.0, see NOTICE); do not edit."
        ),
        **body,
    }
    if compactor.shared:
        schema["$defs"] = dict(sorted(compactor.shared.items()))
    return schema


def render(schema: dict[str, Any]) -> str:
    """Stable, compact text: sorted keys, no whitespace (about 40 kB per release)."""
    return json.dumps(schema, sort_keys=True, separators=(",", ":")) + "\n"


def file_name(minor: int) -> str:
    return f"daemonset-v1.{minor}.json"


def generate(minors: list[int]) -> dict[str, str]:
    return {file_name(minor): render(compact_schema(minor)) for minor in minors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--check", action="store_true", help="only compare with the folder")
    args = parser.parse_args(argv)
    files = generate(available_minors())
    stale = []
    for name, text in files.items():
        target = args.out / name
        current = target.read_text() if target.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            target.write_text(text)
    for extra in sorted(args.out.glob("daemonset-v*.json")):
        if extra.name not in files:
            stale.append(extra.name)
            if not args.check:
                extra.unlink()
    verb = "out of date" if args.check else "written"
    for name in stale:
        print(f"{name}: {verb}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
