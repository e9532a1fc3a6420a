"""Manifest content and file names cannot forge output lines or send terminal control sequences.

Every format is run through the real command line on a repository whose manifest quotes a value
holding a line break, a forged `::error` command and an OSC 52 clipboard write, whose excerpt
line holds a raw ESC, and whose file names hold a line break, a U+2028 and characters XML cannot
hold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dslint.formats.escape import line_start_safe, printable

FORMATS = ("text", "concise", "github", "gitlab", "junit", "sarif", "json")
# A value that, printed raw, ends the line, starts a workflow command and writes the clipboard.
HOSTILE_IMAGE = r'"nginx:latest\n::error file=ci.yaml,line=1::forged\e]52;c;ZXZpbA==\a\u2028x\x85"'
DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: {image}
"""
# Control characters that must never reach the output raw (tab is allowed).
RAW_CONTROLS = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
RAW_CONTROLS += ["\u2028", "\u2029"]


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "quoted.yaml").write_text(DAEMONSET.format(image=HOSTILE_IMAGE), encoding="utf-8")
    # A raw ESC is invalid YAML: the finding's excerpt is the line that holds it.
    (root / "raw-esc.yaml").write_text("kind: Pod\n# \x1b]0;owned\x07\n", encoding="utf-8")
    bad = DAEMONSET.format(image="nginx:latest")
    for name in ("x\n::error file=a,line=1::forged.yaml", "sep\u2028x.yaml", "bell\x07.yaml"):
        (root / name).write_text(bad, encoding="utf-8")
    (root / "::warning::by-name.yaml").write_text(bad, encoding="utf-8")
    # A Latin-1 name is not UTF-8: Python holds its byte as a lone surrogate.
    (root / os.fsdecode(b"latin\xe9.yaml")).write_text(bad, encoding="utf-8")
    return root


def _lint(root: Path, output_format: str) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dslint",
            "lint",
            "--isolated",
            "--no-color",
            "--select=ALL",  # rules that quote the image whatever it holds
            "--fail-on=info",
            "-f",
            output_format,
            ".",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_format_prints_a_control_character_from_the_input(
    tmp_path: Path, output_format: str
) -> None:
    output = _lint(_repository(tmp_path), output_format)
    # Line feeds separate lines of output; no other control character may appear.
    assert [c for c in RAW_CONTROLS if c in output] == []
    assert "\r" not in output


def test_json_keeps_file_names_and_values_exact(tmp_path: Path) -> None:
    findings = json.loads(_lint(_repository(tmp_path), "json"))["findings"]
    files = {finding["file"] for finding in findings}
    assert "x\n::error file=a,line=1::forged.yaml" in files
    assert os.fsdecode(b"latin\xe9.yaml") in files
    assert any("\x1b]52;c;ZXZpbA==\x07\u2028x\x85" in finding["message"] for finding in findings)


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
def test_a_manifest_cannot_forge_a_workflow_command(tmp_path: Path, output_format: str) -> None:
    output = _lint(_repository(tmp_path), output_format)
    commands = [line for line in output.splitlines() if line.lstrip().startswith("::")]
    if output_format == "github":
        # Only dslint's own commands, one per finding, each naming its dslint rule.
        assert commands and all("title=dslint DS" in line for line in commands)
        assert not any(line.startswith("::error file=ci.yaml") for line in commands)
    else:
        assert commands == []
    assert "forged" in output  # the hostile text is shown, escaped, not dropped


def test_text_output_shows_escapes_and_keeps_the_caret_under_the_value(tmp_path: Path) -> None:
    output = _lint(_repository(tmp_path), "text")
    assert "nginx:latest\\n::error file=ci.yaml,line=1::forged\\x1b]52;c;ZXZpbA==\\x07" in output
    assert "\\u2028x\\x85" in output
    assert "# \\x1b]0;owned\\x07" in output  # the excerpt of the invalid-yaml finding
    lines = output.splitlines()
    excerpt = next(i for i, line in enumerate(lines) if "| # \\x1b" in line)
    caret = lines[excerpt + 1]
    # libyaml points at the ESC (column 3); the caret is under its escaped form.
    assert caret.index("^") == lines[excerpt].index("\\x1b")


def test_file_names_are_escaped_in_every_line_that_starts_with_them(tmp_path: Path) -> None:
    lines = _lint(_repository(tmp_path), "concise").splitlines()
    assert any(line.startswith("x\\n::error file=a,line=1::forged.yaml:14:18:") for line in lines)
    assert any(line.startswith("sep\\u2028x.yaml:14:18:") for line in lines)
    assert any(line.startswith("./::warning::by-name.yaml:14:18:") for line in lines)


def test_junit_is_well_formed_for_any_file_name(tmp_path: Path) -> None:
    root = ET.fromstring(_lint(_repository(tmp_path), "junit"))
    names = {suite.get("name") for suite in root.iter("testsuite")}
    assert "bell\\x07.yaml" in names
    assert "x\\n::error file=a,line=1::forged.yaml" in names


def test_sarif_artifact_uris_are_percent_encoded(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    bad = DAEMONSET.format(image="nginx:latest")
    for name in ("a#b.yaml", "a%20b.yaml", "c:d.yaml", "e f.yaml"):
        (root / name).write_text(bad, encoding="utf-8")
    (root / os.fsdecode(b"latin\xe9.yaml")).write_text(bad, encoding="utf-8")
    log = json.loads(_lint(root, "sarif"))
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert uris == {"a%23b.yaml", "a%2520b.yaml", "c%3Ad.yaml", "e%20f.yaml", "latin%E9.yaml"}


def test_sarif_uri_of_a_file_outside_the_root_is_an_absolute_file_uri(tmp_path: Path) -> None:
    from dslint.formats.sarif import artifact_location

    assert artifact_location("/srv/a b#1.yaml") == {"uri": "file:///srv/a%20b%231.yaml"}
    assert artifact_location("deploy/x.yaml")["uriBaseId"] == "%SRCROOT%"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\rb", "a\\rb"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("\u202e\u2066", "\\u202e\\u2066"),  # bidirectional controls reorder what is read
        ("\ud800\ufffe", "\\ud800\\ufffe"),
        ("tab\tkept é ✓", "tab\tkept é ✓"),
    ],
)
def test_printable_escapes_each_control_character(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_a_path_that_would_start_a_workflow_command_is_prefixed() -> None:
    assert line_start_safe("::error::x.yaml") == "./::error::x.yaml"
    assert line_start_safe("  ::x.yaml") == "./  ::x.yaml"
    assert line_start_safe("deploy/::x.yaml") == "deploy/::x.yaml"


def test_stderr_messages_are_escaped(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "-f", "json", "missing\x1b[31m.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "missing\\x1b[31m.yaml" in done.stderr
