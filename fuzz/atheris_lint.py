"""Coverage-guided fuzzing with atheris (libFuzzer), for those who have it installed.

    pip install atheris
    python fuzz/atheris_lint.py -atheris_runs=1000000 -max_len=65536 fuzz-corpus/

Seed the corpus folder with manifests (for instance a copy of the shared real-world corpus).
libFuzzer mutates bytes and keeps inputs that reach new code; each input is checked with the
same guarantees as the campaign (fuzz/harness.py), and a broken guarantee stops the run with the
input saved as a crash file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    import yaml  # noqa: F401 - instrumented for coverage

    from fuzz.harness import check_input, make_linter

LINTER = make_linter()


def test_one_input(data: bytes) -> None:
    failures = check_input(LINTER, data)
    if failures:
        raise AssertionError(f"{failures[0].kind}: {failures[0].summary}\n{failures[0].detail}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
