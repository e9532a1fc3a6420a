"""The README's Helm and Kustomize examples, run as written from the examples/ folder."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _sessions() -> list[tuple[str, str]]:
    """(command, expected output) of the README's `$ dslint lint helm/...` and
    `$ dslint lint kustomize/...` console lines (other sections have their own tests)."""
    sessions: list[tuple[str, str]] = []
    for block in CONSOLE.findall(README.read_text(encoding="utf-8")):
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    sessions.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            sessions.append((command, "\n".join(output)))
    return [
        (command, output)
        for command, output in sessions
        if command.startswith(("dslint lint helm/", "dslint lint kustomize/"))
    ]


def test_readme_has_a_helm_and_a_kustomize_example() -> None:
    commands = [command for command, _ in _sessions()]
    assert any("helm/" in command for command in commands)
    assert any("kustomize/" in command for command in commands)


@pytest.mark.parametrize(("command", "expected"), _sessions(), ids=lambda v: str(v)[:50])
def test_readme_example_output_is_what_dslint_prints(command: str, expected: str) -> None:
    if "helm/" in command and importlib.util.find_spec("helm_python") is None:
        pytest.skip("the Helm engine (dslint[helm]) is not installed")
    if "kustomize/" in command and not (shutil.which("kubectl") or shutil.which("kustomize")):
        pytest.skip("neither kubectl nor kustomize is on PATH")
    arguments = shlex.split(command)
    assert arguments[0] == "dslint"
    result = subprocess.run(
        [sys.executable, "-m", "dslint", *arguments[1:], "--isolated"],
        cwd=ROOT / "examples",
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert result.stderr == ""
    assert result.stdout.rstrip("\n") == expected.rstrip("\n")
