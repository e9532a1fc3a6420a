"""Measure the cost of schema validation per DaemonSet with each way of validating.

Usage: `python tools/bench_schemas.py FOLDER...` (YAML files; for example the real-world corpus
and a folder written by `gen_corpus.py`). Prints the mean time per DaemonSet of:

- `dslint.schema`: the compiled walker dslint uses;
- `jsonschema`: `Draft202012Validator` on the same bundled schema, built once, `iter_errors`;
- `jsonschema-rs`: the Rust validator on the same schema, when installed;

and, for each, the one-time cost of building the validator. Parsing is not included.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from dslint.schema import compile_schema, load_schema, resolve_version, validator_for

VERSION = resolve_version((1, 37))
ROUNDS = 5


def daemonsets(folders: list[str]) -> list[Any]:
    found = []
    for folder in folders:
        for file in sorted(Path(folder).rglob("*.y*ml")):
            try:
                documents = list(yaml.load_all(file.read_text(), Loader=yaml.CSafeLoader))
            except yaml.YAMLError:
                continue
            for document in documents:
                items = document.get("items") if isinstance(document, dict) else None
                for obj in items if isinstance(items, list) else [document]:
                    if isinstance(obj, dict) and obj.get("kind") == "DaemonSet":
                        # Plain JSON values, as every validator sees them the same way.
                        found.append(json.loads(json.dumps(obj, default=str)))
    return found


def per_document(check: Callable[[Any], object], documents: list[Any]) -> float:
    """Best of ROUNDS mean seconds per document."""
    results = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for document in documents:
            check(document)
        results.append((time.perf_counter() - start) / len(documents))
    return min(results)


def timed(build: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = build()
    return value, time.perf_counter() - start


def main(folders: list[str]) -> None:
    documents = daemonsets(folders)
    schema = load_schema(VERSION)
    print(f"{len(documents)} DaemonSets, schema 1.{VERSION[1]}")
    rows: list[tuple[str, float, float]] = []

    _, build = timed(lambda: compile_schema(load_schema(VERSION)))
    validator = validator_for(VERSION)
    rows.append(
        ("dslint.schema (compiled walker)", build, per_document(validator.errors, documents))
    )

    def build_jsonschema() -> Any:
        import jsonschema

        return jsonschema.Draft202012Validator(schema)

    prebuilt, build = timed(build_jsonschema)
    rows.append(
        (
            "jsonschema Draft202012Validator",
            build,
            per_document(lambda d: list(prebuilt.iter_errors(d)), documents),
        )
    )
    try:
        import jsonschema_rs
    except ImportError:
        print("jsonschema-rs not installed; skipped")
    else:
        rust, build = timed(lambda: jsonschema_rs.validator_for(schema))
        rows.append(
            ("jsonschema-rs", build, per_document(lambda d: list(rust.iter_errors(d)), documents))
        )
    print(f"{'validator':36} {'build ms':>9} {'per doc ms':>11}")
    for name, build_seconds, seconds in rows:
        print(f"{name:36} {build_seconds * 1000:9.2f} {seconds * 1000:11.3f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["."])
