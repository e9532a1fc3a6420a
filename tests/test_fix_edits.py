"""What the fix writer can do, byte for byte: set a scalar, delete a key or a list item, add a key.

Each case writes out the whole document before and after, so a change to any byte outside the
edited entry fails the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from types import ModuleType

import pytest

from dslint.api import Edit
from dslint.fix import Refused, apply_edits
from dslint.registry import RuleLoadError, load_registry, rule_from_module
from tools.gen_rule_docs import index_page, rule_page

POD = """\
spec:  # the pod
  containers:
    - name: agent   # the only one
      image: "agent:1.0"
      args: [--verbose, --port=80]
  # grace
  terminationGracePeriodSeconds: 30
"""


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            Edit(("spec", "containers", 0, "image"), "agent:2.0"),
            POD.replace('"agent:1.0"', '"agent:2.0"'),
        ),
        (
            Edit(("spec", "terminationGracePeriodSeconds"), "yes"),
            POD.replace("Seconds: 30", "Seconds: 'yes'"),
        ),
        (
            Edit(("spec", "containers", 0, "args", 1), 8080),
            POD.replace("--port=80", "8080"),
        ),
    ],
)
def test_setting_a_scalar_rewrites_only_that_scalar(edit: Edit, expected: str) -> None:
    assert apply_edits(POD, [edit]) == expected


def test_a_quoted_scalar_keeps_its_quotes() -> None:
    text = "a: 'x'\nb: \"y\"\n"
    fixed = apply_edits(text, [Edit(("a",), "it's"), Edit(("b",), 'q"\n')])
    assert fixed == "a: 'it''s'\nb: \"q\\\"\\n\"\n"


def test_a_block_scalar_becomes_a_one_line_scalar_and_the_next_key_stays() -> None:
    assert apply_edits("a: |\n  text\nb: 1\n", [Edit(("a",), "new")]) == "a: new\nb: 1\n"


def test_deleting_a_key_removes_its_lines_and_trailing_comment_only() -> None:
    fixed = apply_edits(POD, [Edit(("spec", "terminationGracePeriodSeconds"), delete=True)])
    assert fixed == POD.replace("  terminationGracePeriodSeconds: 30\n", "")


def test_deleting_a_block_list_item_keeps_its_neighbours() -> None:
    text = "a: 1\nb:\n  - x  # first\n  - y\nc: 3\n"
    assert apply_edits(text, [Edit(("b", 0), delete=True)]) == "a: 1\nb:\n  - y\nc: 3\n"


def test_deleting_a_flow_item_keeps_the_rest_of_the_line() -> None:
    fixed = apply_edits(POD, [Edit(("spec", "containers", 0, "args", 0), delete=True)])
    assert fixed == POD.replace("[--verbose, --port=80]", "[--port=80]")


def test_deleting_the_first_key_of_a_list_item_moves_the_next_key_to_the_dash() -> None:
    text = "c:\n- name: a\n  image: b\n- name: c\n"
    assert apply_edits(text, [Edit(("c", 0, "name"), delete=True)]) == (
        "c:\n- image: b\n- name: c\n"
    )


def test_deleting_the_last_entry_leaves_an_empty_collection() -> None:
    assert apply_edits("a:\n  b: 1\nz: 2\n", [Edit(("a", "b"), delete=True)]) == "a: {}\nz: 2\n"
    assert apply_edits("a:\n- 1\nz: 2\n", [Edit(("a", 0), delete=True)]) == "a: []\nz: 2\n"


def test_adding_a_key_uses_the_mappings_indentation() -> None:
    fixed = apply_edits(POD, [Edit(("spec", "containers", 0, "imagePullPolicy"), "Always")])
    assert fixed == POD.replace(
        "      args: [--verbose, --port=80]\n",
        "      args: [--verbose, --port=80]\n      imagePullPolicy: Always\n",
    )


def test_adding_a_key_creates_the_missing_mappings_on_the_way() -> None:
    fixed = apply_edits(
        POD, [Edit(("spec", "containers", 0, "securityContext", "readOnlyRootFilesystem"), True)]
    )
    assert fixed == POD.replace(
        "      args: [--verbose, --port=80]\n",
        "      args: [--verbose, --port=80]\n"
        "      securityContext:\n        readOnlyRootFilesystem: true\n",
    )


def test_adding_a_key_to_an_empty_value_and_to_a_flow_mapping() -> None:
    assert apply_edits("a:\nb: 1\n", [Edit(("a", "x"), 1)]) == "a:\n  x: 1\nb: 1\n"
    assert apply_edits("a: {x: 1}  # c\n", [Edit(("a", "y"), 2)]) == "a: {x: 1, y: 2}  # c\n"
    assert apply_edits("a: {}\n", [Edit(("a", "y"), 2)]) == "a: {y: 2}\n"


def test_adding_a_key_at_the_end_of_a_file_without_a_final_line_break() -> None:
    assert apply_edits("a: 1", [Edit(("b",), "x")]) == "a: 1\nb: x"


def test_setting_a_collection_rewrites_the_entry_at_its_indentation() -> None:
    text = "r:\n  limits:\n    cpu: 1\nz: 1\n"
    fixed = apply_edits(text, [Edit(("r", "limits"), {"cpu": 2, "memory": "1Gi"})])
    assert fixed == "r:\n  limits:\n    cpu: 2\n    memory: 1Gi\nz: 1\n"


def test_an_edit_through_a_scalar_or_a_missing_list_item_is_refused() -> None:
    with pytest.raises(Refused, match="not a mapping"):
        apply_edits("a: 1\n", [Edit(("a", "b"), 1)])
    with pytest.raises(Refused, match="list item"):
        apply_edits("a: [1]\n", [Edit(("a", 3), 1)])


# --- fix safety, as rules declare it ---------------------------------------------------------


def _rule_module(fix: object) -> ModuleType:
    module = ModuleType("dslint_test_rule")
    module.__doc__ = "Flags nothing."
    module.CODE = "XX901"  # type: ignore[attr-defined]
    module.NAME = "flags-nothing"  # type: ignore[attr-defined]
    module.LEVEL = "info"  # type: ignore[attr-defined]
    module.FIX = fix  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize(
    ("declared", "safety"),
    [("safe", "safe"), ("unsafe", "unsafe"), (None, None), (True, "safe"), (False, None)],
)
def test_fix_declarations_are_read_as_safe_unsafe_or_none(
    declared: object, safety: str | None
) -> None:
    rule = rule_from_module(_rule_module(declared), "test")
    assert rule.fix == safety and rule.fixable == (safety is not None)


@pytest.mark.parametrize("declared", ["yes", "Safe", 1, ["safe"]])
def test_an_unknown_fix_declaration_is_a_load_error_naming_the_rule(declared: object) -> None:
    with pytest.raises(RuleLoadError, match=r"dslint_test_rule \(test\): FIX must be"):
        rule_from_module(_rule_module(declared), "test")


def test_rules_listing_and_docs_show_each_rules_fix_safety() -> None:
    registry = load_registry(plugins=False)
    rule = registry.get("misspelled-kind")
    assert rule is not None and rule.fix == "safe"
    listing = subprocess.run(
        [sys.executable, "-m", "dslint", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    assert {row["fix"] for row in rows.values()} <= {"safe", "unsafe", None}
    assert rows["misspelled-kind"]["fix"] == "safe" and rows["latest-image-tag"]["fix"] is None
    text = subprocess.run(
        [sys.executable, "-m", "dslint", "rules"], capture_output=True, text=True, timeout=120
    ).stdout
    line = next(ln for ln in text.splitlines() if " misspelled-kind " in ln)
    assert line.split()[-1] == "safe"
    assert "| Fix | safe (applied by `--fix`) |" in rule_page(rule)
    assert "| safe |" in next(
        ln for ln in index_page(registry).splitlines() if "[misspelled-kind]" in ln
    )
