"""The bundled schemas and the validator that walks them.

The differential tests hold `dslint.schema` to the reference implementation: on real-world,
generated and deliberately broken DaemonSets it must report exactly the places `jsonschema`
reports for the same bundled schema.
"""

from __future__ import annotations

import ast
import copy
import importlib.util
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from dslint.schema import (
    bundled_versions,
    load_schema,
    resolve_version,
    validator_for,
)
from tests.helpers import REAL_WORLD, SHARED

ROOT = Path(__file__).resolve().parents[1]
NEWEST = bundled_versions()[-1]


def _load_module(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_supported_versions_are_bundled() -> None:
    versions = bundled_versions()
    assert all((1, minor) in versions for minor in range(30, 38))
    assert NEWEST == (1, 37)


def test_version_resolution() -> None:
    assert resolve_version((1, 33)) == (1, 33)
    assert resolve_version((1, 99)) == NEWEST
    assert resolve_version((2, 0)) == NEWEST
    assert resolve_version((1, 2)) == bundled_versions()[0]


def test_validator_is_built_once_per_version() -> None:
    assert validator_for((1, 37)) is validator_for((1, 37))
    assert validator_for((1, 99)).version == NEWEST


def test_schemas_are_compact_and_self_contained() -> None:
    for version in bundled_versions():
        text = json.dumps(load_schema(version))
        assert '"description"' not in text
        assert '"oneOf"' not in text and '"anyOf"' not in text
        refs = [part.split('"')[0] for part in text.split('"$ref": "')[1:]]
        assert all(ref.startswith("#/$defs/") for ref in refs)
        assert len(text) < 100_000


def test_committed_schemas_match_the_generator() -> None:
    pytest.importorskip("kubernetes_validate")
    generator = _load_module(ROOT / "tools" / "gen_schemas.py", "gen_schemas")
    generated = generator.generate(generator.available_minors())
    committed = {path.name: path.read_text() for path in (ROOT / "schemas").glob("daemonset-v*")}
    assert sorted(generated) == sorted(committed)
    stale = [name for name, text in generated.items() if committed[name] != text]
    assert stale == [], "run `python tools/gen_schemas.py` and commit the result"


def test_validation_does_not_import_jsonschema() -> None:
    code = (
        "import sys; from dslint.schema import validate; "
        "validate({'apiVersion': 'apps/v1', 'kind': 'DaemonSet', 'spec': 1}, (1, 37)); "
        "print('jsonschema' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# ---------------------------------------------------------------------------------------------
# Differential tests against jsonschema


def reference_places(validator: Any, document: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """Where jsonschema finds problems, one entry per unknown key and per missing field."""
    places: list[tuple[str, tuple[Any, ...]]] = []
    for error in validator.iter_errors(document):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            places += [
                ("unknown-field", (*path, key)) for key in error.instance if key not in known
            ]
        elif error.validator == "required":
            # One error per missing field; its message starts with the field's repr.
            missing = ast.literal_eval(error.message.removesuffix(" is a required property"))
            places.append(("invalid", (*path, missing)))
        else:
            places.append(("invalid", path))
    # jsonschema may report a place twice (a wrong type that is also not in an enum); dslint
    # reports each place once by design, so places are compared as sets.
    return sorted(set(places), key=repr)


def our_places(document: Any) -> list[tuple[str, tuple[Any, ...]]]:
    errors = validator_for(NEWEST).errors(document)
    places = [("unknown-field" if e.kind == "unknown-field" else "invalid", e.path) for e in errors]
    return sorted(set(places), key=repr)


@pytest.fixture(scope="module")
def reference() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft202012Validator(load_schema(NEWEST))


def as_json(value: Any) -> Any:
    """Plain JSON values (timestamps become strings), as jsonschema expects."""
    return json.loads(json.dumps(value, default=str))


def daemonsets_in(texts: Iterator[str]) -> Iterator[dict[str, Any]]:
    for text in texts:
        try:
            documents = list(yaml.load_all(text, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            continue
        for document in documents:
            items = document.get("items") if isinstance(document, dict) else None
            for obj in items if isinstance(items, list) else [document]:
                if isinstance(obj, dict) and obj.get("kind") == "DaemonSet":
                    yield as_json(obj)


def real_world() -> list[dict[str, Any]]:
    if not REAL_WORLD.is_dir():
        pytest.skip("real-world corpus not available")
    return list(daemonsets_in(p.read_text() for p in sorted(REAL_WORLD.glob("*.y*ml"))))


def test_same_places_as_jsonschema_on_the_real_world_corpus(reference: Any) -> None:
    documents = real_world()
    assert len(documents) > 100
    flagged = 0
    for document in documents:
        expected = reference_places(reference, document)
        assert our_places(document) == expected, document.get("metadata")
        flagged += bool(expected)
    assert flagged > 0


def test_same_places_as_jsonschema_on_generated_documents(reference: Any) -> None:
    generator_path = SHARED / "tools" / "gen_corpus.py"
    if not generator_path.is_file():
        pytest.skip("corpus generator not available")
    generator = _load_module(generator_path, "gen_corpus")
    # The documents `gen_corpus.py -n 200 --seed 1 --invalid-rate 0.3` writes, without rendering.
    documents = [as_json(generator.build_daemonset(1, i, 0.3)[0]) for i in range(200)]
    flagged = 0
    for document in documents:
        expected = reference_places(reference, document)
        assert our_places(document) == expected
        flagged += bool(expected)
    assert flagged > 20


def mutate(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A copy with a few random breakages: wrong types, unknown keys, dropped or null fields."""
    broken = copy.deepcopy(document)
    for _ in range(rng.randint(1, 4)):
        containers = list(_containers(broken))
        parent, key = rng.choice(containers)
        value = parent[key]
        action = rng.choice(["type", "unknown", "drop", "null", "number-text"])
        if action == "type":
            parent[key] = rng.choice([[], {}, "text", 7, 1.5, True, [1], {"a": 1}])
        elif action == "unknown" and isinstance(value, dict):
            value[rng.choice(["imagePullPolices", "lables", "Name", "x"])] = 1
        elif action == "drop" and isinstance(parent, dict):
            del parent[key]
        elif action == "null":
            parent[key] = None
        elif action == "number-text" and isinstance(value, int):
            parent[key] = str(value)
    return broken


def _containers(node: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key or index) pair inside a JSON value."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield node, key
            yield from _containers(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield node, index
            yield from _containers(value)


def test_same_places_as_jsonschema_on_broken_documents(reference: Any) -> None:
    rng = random.Random(20240601)
    documents = real_world()
    flagged = 0
    for _ in range(400):
        document = mutate(rng.choice(documents), rng)
        expected = reference_places(reference, document)
        assert our_places(document) == expected, json.dumps(document)[:300]
        flagged += bool(expected)
    assert flagged > 200
