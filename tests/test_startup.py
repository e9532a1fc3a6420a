"""Start-up cost: the library path and a one-file lint import nothing heavy.

Editors lint on every save and pre-commit on every commit, so the import graph is part of the
product. Timing is measured by `benchmarks/run.py`; these tests guard the import graph, which does
not depend on how busy the machine is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOOD = Path(__file__).resolve().parents[1] / "examples" / "good-node-exporter.yaml"
HEAVY_FOR_LIBRARY = {"typer", "click", "rich", "pydantic", "ruamel", "jsonschema", "pygls"}
# `dslint lint` needs neither the CLI framework nor `dataclasses` (which imports `inspect`):
# records on the start-up path are named tuples or classes with __slots__.
HEAVY_FOR_CLI = HEAVY_FOR_LIBRARY | {"dataclasses", "inspect"}


def imported_roots(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()[-1]
    return {name.split(".")[0] for name in json.loads(output)}


def test_library_lint_text_imports_no_heavy_module() -> None:
    roots = imported_roots(
        "import dslint\n"
        f"result = dslint.lint_text(open({str(GOOD)!r}).read(), 'ds.yaml')\n"
        "assert result.daemonsets == 1\n"
    )
    assert roots & HEAVY_FOR_LIBRARY == set()


def test_cli_one_file_lint_imports_no_heavy_module() -> None:
    roots = imported_roots(
        "import sys\n"
        "from dslint.main import main\n"
        f"sys.argv = ['dslint', 'lint', '--no-color', {str(GOOD)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert roots & HEAVY_FOR_CLI == set()


def test_help_still_uses_the_full_command_line() -> None:
    roots = imported_roots(
        "import sys\n"
        "from dslint.main import main\n"
        "sys.argv = ['dslint', 'lint', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert "typer" in roots
