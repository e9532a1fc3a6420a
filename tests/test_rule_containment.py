"""Rules from a rules folder or a package are contained: whatever one does wrong costs only its own
finding on that object, which becomes one `internal-error` finding.

Each test writes a rule that misbehaves on the DaemonSet named "second" of a three-object stream and
checks that the other objects and every other rule keep their findings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dslint import engine
from dslint.config import Config
from dslint.document import iter_objects, parse_document
from dslint.engine import Linter
from dslint.isolation import MAX_FINDINGS, read_only, thawed
from dslint.results import Diagnostic
from tests.helpers import REAL_WORLD, rule_module

CHECK_TEMPLATE = """
import copy
import sys
import time

from dslint.api import Edit, Finding


def check(manifest, options):
    if manifest.name == "second":
{body}
    yield Finding(("metadata", "name"), "seen " + manifest.name)
"""


def daemonset(name: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {name}
spec:
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
        - name: app
          image: {name}:latest
"""


STREAM = "---\n".join(daemonset(name) for name in ("first", "second", "third"))
# Without the misbehaving rule: its own finding on each object, and latest-image-tag on each.
EXPECTED_OTHERS = [
    (4, "test-rule", "first"),
    (14, "latest-image-tag", "first"),
    (29, "latest-image-tag", "second"),
    (34, "test-rule", "third"),
    (44, "latest-image-tag", "third"),
]


def write_rule(folder: Path, body: str, code: str = "XT950", name: str = "test-rule") -> None:
    folder.mkdir(exist_ok=True)
    indented = "\n".join("        " + line for line in body.splitlines())
    text = rule_module(f"A test rule: {name}", code, name, CHECK_TEMPLATE.format(body=indented))
    (folder / f"{name.replace('-', '_')}.py").write_text(text)


def lint(folder: Path, budget: float = 10.0, text: str = STREAM) -> list[Diagnostic]:
    config = Config(
        select=["XT9", "latest-image-tag", "internal-error"],
        rules_dirs=[str(folder)],
        rule_time_budget=budget,
    )
    return Linter(config).lint_text(text).diagnostics


def split(diagnostics: list[Diagnostic]) -> tuple[list[tuple[int, str, str | None]], list[str]]:
    """The ordinary findings, and the messages of the internal errors."""
    others = [(d.line, d.name, d.object_name) for d in diagnostics if d.name != "internal-error"]
    errors = [d.message for d in diagnostics if d.name == "internal-error"]
    return others, errors


def assert_contained(diagnostics: list[Diagnostic], *expected_in_message: str) -> None:
    others, errors = split(diagnostics)
    assert others == EXPECTED_OTHERS
    assert len(errors) == 1, errors
    assert all(d.object_name == "second" for d in diagnostics if d.name == "internal-error")
    assert "XT950 test-rule failed on DaemonSet 'second'" in errors[0]
    for text in expected_in_message:
        assert text in errors[0]


INVALID_FINDINGS = {
    "a-string": ('yield "spec is wrong"', "yielded 'spec is wrong' instead of a Finding"),
    "a-tuple-shaped-like-a-finding": ('yield (("spec",), "x")', "instead of a Finding"),
    "a-path-that-is-a-string": ('yield Finding("spec.x", "x")', "invalid path 'spec.x'"),
    "a-path-with-a-float": ('yield Finding(("spec", 1.5), "x")', "invalid path ('spec', 1.5)"),
    "a-path-with-a-bool": ('yield Finding(("spec", True), "x")', "invalid path"),
    "a-message-that-is-not-text": ('yield Finding(("spec",), None)', "message is None"),
    "an-unknown-level": ('yield Finding(("spec",), "x", level="fatal")', "level 'fatal'"),
    "a-fix-that-is-a-list": (
        'yield Finding(("spec",), "x", fix=[Edit(("spec",), 1)])',
        "invalid fix",
    ),
    "a-fix-that-is-not-an-edit": ('yield Finding(("spec",), "x", fix=(("spec",),))', "invalid fix"),
    "a-fix-with-an-empty-path": ('yield Finding(("spec",), "x", fix=(Edit(()),))', "invalid fix"),
    "an-at-key-that-is-not-a-bool": ('yield Finding(("spec",), "x", at_key="yes")', "at_key"),
}


@pytest.mark.parametrize("case", sorted(INVALID_FINDINGS))
def test_rule_yielding_an_invalid_finding_is_one_internal_error(tmp_path: Path, case: str) -> None:
    body, message = INVALID_FINDINGS[case]
    write_rule(tmp_path / "rules", body + "\nreturn")
    assert_contained(lint(tmp_path / "rules"), message)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("sys.exit(0)", "SystemExit: 0"),
        ("raise SystemExit(3)", "SystemExit: 3"),
        ("raise GeneratorExit('bye')", "GeneratorExit: bye"),
        ("raise MemoryError('made up')", "MemoryError: made up"),
    ],
    ids=["sys-exit", "system-exit", "generator-exit", "memory-error"],
)
def test_rule_raising_a_base_exception_cannot_end_the_run(
    tmp_path: Path, body: str, message: str
) -> None:
    write_rule(tmp_path / "rules", body)
    assert_contained(lint(tmp_path / "rules"), message)


def test_keyboard_interrupt_in_a_rule_still_stops_the_run(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", "raise KeyboardInterrupt")
    with pytest.raises(KeyboardInterrupt):
        lint(tmp_path / "rules")


def dslint_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
    )


def cli_findings(tmp_path: Path, output_format: str = "json") -> subprocess.CompletedProcess[str]:
    (tmp_path / "stream.yaml").write_text(STREAM)
    select = "XT9,latest-image-tag,internal-error"
    rules = str(tmp_path / "rules")
    return dslint_cli(
        "-f", output_format, "--rules-dir", rules, "--select", select, "stream.yaml", cwd=tmp_path
    )


def test_rule_calling_sys_exit_cannot_make_the_command_pass(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", "sys.exit(0)")
    result = cli_findings(tmp_path)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    names = [(f["line"], f["name"], f["object"]) for f in findings]
    assert names == sorted([*EXPECTED_OTHERS, (17, "internal-error", "second")])


def test_rule_printing_cannot_corrupt_json_output(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", 'print("debugging", manifest.name)')
    result = cli_findings(tmp_path)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]  # the whole output is one JSON document
    errors = [f["message"] for f in findings if f["name"] == "internal-error"]
    assert len(errors) == 1
    assert "printed to standard output ('debugging second\\n')" in errors[0]
    assert len(findings) == len(EXPECTED_OTHERS) + 1


def test_rule_printing_cannot_corrupt_sarif_output(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", 'print("{not json")')
    result = cli_findings(tmp_path, "sarif")
    assert result.returncode == 1, result.stderr
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert len(results) == len(EXPECTED_OTHERS) + 1


def test_printing_in_the_library_is_blamed_on_the_rule_and_stdout_is_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_rule(tmp_path / "rules", "print('noise')")
    assert_contained(lint(tmp_path / "rules"), "printed to standard output ('noise\\n')")
    print("after")
    assert capsys.readouterr().out == "after\n"


def test_rule_looping_forever_is_stopped_by_its_time_budget(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", "while True:\n    pass")
    others, errors = split(lint(tmp_path / "rules", budget=0.3))
    assert errors == [
        "rule XT950 test-rule failed on DaemonSet 'second': ran longer than its time budget of "
        "0.3 s; other rules were not affected",
        # Not run again after it overran: "third" gets a notice instead of a second wait.
        "rule XT950 test-rule failed on DaemonSet 'third': skipped: it ran past its time budget "
        "on an earlier object; other rules were not affected",
    ]
    assert others == [item for item in EXPECTED_OTHERS if item != (34, "test-rule", "third")]


def test_rule_that_overran_is_reported_on_every_later_object(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", "while True:\n    pass")
    config = Config(select=["XT9"], rules_dirs=[str(tmp_path / "rules")], rule_time_budget=0.2)
    diagnostics = Linter(config).lint_text(STREAM).diagnostics
    assert [(d.object_name, d.name) for d in diagnostics] == [
        ("first", "test-rule"),
        ("second", "internal-error"),
        ("third", "internal-error"),
    ]
    assert "ran longer than its time budget of 0.2 s" in diagnostics[1].message
    assert "skipped: it ran past its time budget on an earlier object" in diagnostics[2].message


def test_rule_sleeping_past_its_budget_is_reported(tmp_path: Path) -> None:
    # A rule blocked in one call is stopped when the call returns, and its findings are dropped.
    write_rule(tmp_path / "rules", "time.sleep(0.5)")
    _, errors = split(lint(tmp_path / "rules", budget=0.2))
    assert "'second': ran longer than its time budget of 0.2 s" in errors[0]


def test_time_budget_works_outside_the_main_thread(tmp_path: Path) -> None:
    # The language server lints in whichever thread it likes.
    write_rule(tmp_path / "rules", "while True:\n    pass")
    outcome: list[list[Diagnostic]] = []
    worker = threading.Thread(target=lambda: outcome.append(lint(tmp_path / "rules", 0.3)))
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    _, errors = split(outcome[0])
    assert len(errors) == 2 and "'second': ran longer than its time budget of 0.3 s" in errors[0]


def test_time_budget_works_in_worker_processes(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", "while True:\n    pass")
    files = []
    for number in range(20):
        path = tmp_path / f"ds{number:02}.yaml"
        path.write_text(daemonset("second" if number == 7 else f"ds{number}"))
        files.append(str(path))
    config = Config(select=["XT9"], rules_dirs=[str(tmp_path / "rules")], rule_time_budget=0.3)
    results = list(Linter(config).lint_paths(files, jobs=2))
    assert [r.file for r in results] == files
    errors = [d for r in results for d in r.diagnostics if d.name == "internal-error"]
    assert [(d.object_name, "time budget" in d.message) for d in errors] == [("second", True)]
    assert sum(1 for r in results for d in r.diagnostics if d.name == "test-rule") >= 12


def test_rule_yielding_without_end_is_stopped(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", 'while True:\n    yield Finding(("spec",), "again")')
    assert_contained(lint(tmp_path / "rules"), f"more than {MAX_FINDINGS} findings")


MUTATOR_AND_READER = {
    "XT950": (
        "test-rule",
        'manifest.data["spec"]["template"]["spec"]["containers"][0]["image"] = "x@sha256:0"',
    ),
    "XT951": (
        "deletes-containers",
        'del manifest.data["spec"]["template"]["spec"]["containers"][0]',
    ),
    "XT952": ("appends-a-toleration", 'manifest.data["spec"]["template"]["spec"].update(a=1)'),
}


def test_rule_mutating_the_manifest_changes_nothing_later_rules_see(tmp_path: Path) -> None:
    for code, (name, body) in MUTATOR_AND_READER.items():
        write_rule(tmp_path / "rules", body, code, name)
    # Runs after the mutators (codes are checked in order) and reports the image it reads.
    write_rule(
        tmp_path / "rules",
        "pass",
        "XT959",
        "reports-image",
    )
    reader = tmp_path / "rules" / "reports_image.py"
    reader.write_text(
        reader.read_text().replace(
            'yield Finding(("metadata", "name"), "seen " + manifest.name)',
            'image = manifest.get(("spec", "template", "spec", "containers", 0, "image"))\n'
            '    yield Finding(("metadata", "name"), f"image {image}")',
        )
    )
    diagnostics = lint(tmp_path / "rules")
    errors = [d for d in diagnostics if d.name == "internal-error"]
    assert [d.object_name for d in errors] == ["second"] * 3
    assert all("TypeError: the manifest is read-only to rules" in d.message for d in errors)
    images = [d.message for d in diagnostics if d.name == "reports-image"]
    assert images == ["image first:latest", "image second:latest", "image third:latest"]


def test_read_only_view_reads_like_plain_data_and_copies_are_mutable() -> None:
    data = {"spec": {"items": [1, {"a": 2}]}, "shared": None}
    data["shared"] = data["spec"]  # an alias stays one object
    view = read_only(data)
    assert view == data and isinstance(view, dict) and isinstance(view["spec"]["items"], list)
    assert view["shared"] is view["spec"]
    with pytest.raises(TypeError):
        view["spec"]["items"].append(3)
    import copy

    deep = copy.deepcopy(view)
    deep["spec"]["items"].append(3)
    shallow = dict(view)
    shallow["new"] = 1
    assert type(thawed(view)["spec"]["items"][1]) is dict
    assert data == {"spec": {"items": [1, {"a": 2}]}, "shared": data["spec"]}


def test_fix_taken_from_the_read_only_view_is_plain_data(tmp_path: Path) -> None:
    write_rule(
        tmp_path / "rules",
        'labels = manifest.mapping(("metadata",))\n'
        'yield Finding(("spec",), "x", fix=(Edit(("metadata", "copy"), labels),))\n'
        "return",
    )
    diagnostics = lint(tmp_path / "rules")
    (fixing,) = [d for d in diagnostics if d.fix]
    assert type(fixing.fix[0].value) is dict and fixing.fix[0].value == {"name": "second"}


def corpus_texts() -> list[str]:
    examples = Path(__file__).resolve().parents[1] / "examples"
    files = sorted(examples.glob("*.yaml"))
    if REAL_WORLD.is_dir():
        files += sorted(REAL_WORLD.glob("*.yaml"))
    return [file.read_text(encoding="utf-8", errors="replace") for file in files]


def test_built_in_rules_never_change_the_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    # Built-in rules read the data itself (no copy on the default path). Run them on the read-only
    # copy instead: a rule that changed the data would fail with an internal error, and a rule
    # that read the copy differently would change its findings.
    texts = corpus_texts()
    assert len(texts) > 5
    config = Config(extends="strict")
    plain = [Linter(config).lint_text(text, "x.yaml").diagnostics for text in texts]
    monkeypatch.setattr(engine, "BUILT_IN", "(every rule treated as a plugin)")
    guarded = [Linter(config).lint_text(text, "x.yaml").diagnostics for text in texts]
    assert not [d for found in guarded for d in found if d.name == "internal-error"]
    assert guarded == plain
    # And the data the rules read is unchanged after they ran.
    document = parse_document(texts[0], 0, 0)
    before = repr(document.data)
    for _, obj in iter_objects(document):
        Linter(config)._check_object("x.yaml", document, (), obj)
    assert repr(document.data) == before


def test_printing_rule_that_also_raises_is_blamed_alone(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", "print('half a line')\nraise ValueError('then fails')")
    write_rule(tmp_path / "rules", "pass", "XT951", "quiet-rule")
    diagnostics = lint(tmp_path / "rules")
    errors = [d.message for d in diagnostics if d.name == "internal-error"]
    assert len(errors) == 1 and "XT950 test-rule" in errors[0] and "ValueError" in errors[0]
    assert [d.object_name for d in diagnostics if d.name == "quiet-rule"] == [
        "first",
        "second",
        "third",
    ]


def test_guard_benchmark_runs_as_documented() -> None:
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "rule_guard.py"
    result = subprocess.run(
        [sys.executable, str(script), "--calls", "2000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "rule call, guarded",
        "rule call, bare",
        "guard overhead",
        "read-only copy",
    ]
