"""Reading a repository: links out of the walked folder are not followed; stdin reads in chunks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from dslint.source import discover, read_stream

SECRET = "ghp_the-token-of-the-ci-job"


def test_a_walk_does_not_follow_a_link_to_a_file_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "environ.yaml").write_text(f"token: {SECRET}\n::: [\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "deploy").mkdir(parents=True)
    (repo / "deploy" / "real.yaml").write_text("a: 1\n", encoding="utf-8")
    (repo / "leak.yaml").symlink_to(outside / "environ.yaml")
    (repo / "proc.yaml").symlink_to("/proc/self/environ")
    (repo / "inside.yaml").symlink_to(repo / "deploy" / "real.yaml")
    (repo / "relative.yaml").symlink_to(Path("deploy") / "real.yaml")
    found = [os.path.relpath(path, repo) for path in discover([str(repo)])]
    assert found == ["deploy/real.yaml", "inside.yaml", "relative.yaml"]
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DSLINT_TEST_SECRET": SECRET},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert SECRET not in done.stdout + done.stderr


def test_a_link_named_on_the_command_line_is_read_as_given(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: Pod\na: [\n", encoding="utf-8")
    link = tmp_path / "repo" / "named.yaml"
    link.parent.mkdir()
    link.symlink_to(outside)
    assert list(discover([str(link)])) == [str(link)]
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", "-f", "concise", "named.yaml"],
        cwd=link.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.startswith("named.yaml:2:5: error: ")


def test_a_link_to_a_folder_inside_the_root_is_still_not_descended(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [os.path.relpath(p, tmp_path) for p in discover([str(tmp_path)])] == ["a/x.yaml"]


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest_request = 0

    def read(self, size: int | None = -1) -> bytes:
        self.largest_request = max(self.largest_request, size or 0)
        return super().read(size)


def test_standard_input_is_not_read_with_one_request_of_the_limit() -> None:
    stream = _CountingStream(b"a: 1\n")
    source = read_stream("<stdin>", stream, max_bytes=100 * 1024**3)
    assert source.text == "a: 1\n"
    assert stream.largest_request <= 1024 * 1024


def test_a_huge_size_limit_on_standard_input_does_not_allocate_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--isolated", "--max-file-size", "100000", "-"],
        input="a: 1\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "MemoryError" not in done.stderr


def test_standard_input_over_the_limit_is_still_refused() -> None:
    source = read_stream("<stdin>", io.BytesIO(b"x" * 3_000_000), max_bytes=2_000_000)
    assert source.limit_exceeded is not None and source.text == ""
