"""Ctrl-C stops a run with exit 130 and one line on stderr, with and without workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# A rule that sleeps, so that the run is surely under way when Ctrl-C arrives.
SLOW_RULE = '''\
"""Sleeps."""
import time

CODE = "DS950"
NAME = "slow-rule"
LEVEL = "info"
SUMMARY = "Sleeps."


def check(manifest, options):
    time.sleep(0.2)
    return []
'''
DAEMONSET = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow_rule.py").write_text(SLOW_RULE, encoding="utf-8")
    for index in range(64):
        (tmp_path / f"ds{index:02}.yaml").write_text(DAEMONSET, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "dslint", "lint", "--isolated", "--rules-dir", "rules",
         "--jobs", jobs, "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )  # fmt: skip
    time.sleep(2.0)
    assert process.poll() is None, process.communicate()
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends to the whole job on Ctrl-C
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "dslint: interrupted\n"
    assert time.monotonic() - started < 10  # the tasks not yet started are not run
