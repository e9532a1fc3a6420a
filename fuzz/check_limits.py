"""Check that hostile inputs stay within the time and memory dslint promises.

    python fuzz/check_limits.py            # every case
    python fuzz/check_limits.py deep bomb  # cases whose name contains a word

Each case is a file written to a temporary folder and linted by the real command line (every
rule selected) in a child process. The child's CPU time and peak memory come from the kernel
(wait4), so the numbers hold on a busy machine too; wall time is shown for reference. A case
fails when the child is killed by a signal, exits with anything but 0, 1 or 2, prints a
traceback, or uses more than LIMIT_SECONDS of CPU or LIMIT_MEGABYTES of memory.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LIMIT_SECONDS = 10.0
LIMIT_MEGABYTES = 500.0
FILE_LIMIT = 4 * 1024 * 1024  # dslint.source.MAX_FILE_BYTES

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {app: agent}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostNetwork: true
      tolerations: [{operator: Exists}]
      containers:
        - name: agent
          image: agent:latest
          ports: [{containerPort: 8080, name: metrics}]
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
          volumeMounts: [{name: proc, mountPath: /host/proc, readOnly: true}]
      volumes: [{name: proc, hostPath: {path: /proc}}]
"""


def _fill(unit: str, size: int = FILE_LIMIT - 1024) -> str:
    return unit * (size // len(unit))


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


CASES: dict[str, Callable[[], bytes | str]] = {
    "many DaemonSets up to the size limit": lambda: _fill(DAEMONSET + "---\n"),
    "one flow sequence of 2 million values": lambda: "[" + _fill("1,") + "1]\n",
    "one block sequence of 1 million values": lambda: _fill("- 1\n"),
    "one line of 4 MB": lambda: DAEMONSET + "# " + _fill("x") + "\n",
    "one scalar of 1 million emoji": lambda: (
        DAEMONSET + "---\na: " + _fill("\U0001f600", 4_000_000)
    ),
    "block scalar of 4 MB": lambda: "kind: ConfigMap\ndata:\n  x: |\n" + _fill("    some text\n"),
    "file over the size limit": lambda: _fill("a: b\n", 20 * 1024 * 1024),
    "deep flow sequences (100,000)": lambda: "[" * 100_000 + "]" * 100_000,
    "deep unclosed flow sequences (2 million)": lambda: "[" * 2_000_000,
    "deep flow mappings (50,000)": lambda: "{a: " * 50_000 + "1" + "}" * 50_000,
    "deep compact sequences (500,000)": lambda: "- " * 500_000 + "x\n",
    "deep complex keys (500,000)": lambda: "? " * 500_000 + "x\n",
    "deep block mappings (2,000)": lambda: "".join(" " * i + "a:\n" for i in range(2_000)),
    "alias bomb": _alias_bomb,
    "alias bomb in DaemonSet fields": lambda: DAEMONSET.replace(
        "  labels: {app: agent}\n",
        "  labels:\n" + "".join("    " + line + "\n" for line in _alias_bomb().splitlines()),
        1,
    ).replace("hostNetwork: true", "hostNetwork: true\n      nodeSelector: *a8"),
    "alias chain 100,000 long": lambda: (
        "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 100_000))
    ),
    "recursive alias": lambda: DAEMONSET + "      initContainers: &c [{name: x, x: *c}]\n",
    "random bytes (4 MB)": lambda: random.Random(1).randbytes(FILE_LIMIT - 1024),
    "number of 4 million digits": lambda: "x: " + _fill("9"),
    "base-60 number of 1 million parts": lambda: "x: 1" + _fill(":00"),
    "200,000 anchors": lambda: "".join(f"k{i}: &a{i} v\n" for i in range(200_000)),
    "60,000 duplicate keys": lambda: "a: 1\n" * 60_000,
    "NUL bytes": lambda: _fill(DAEMONSET + "\x00"),
    "object tags": lambda: _fill(DAEMONSET + "x: !!python/object/apply:os.system [true]\n---\n"),
    "UTF-16 without BOM": lambda: _fill(DAEMONSET + "---\n", FILE_LIMIT // 2 - 1024).encode(
        "utf-16-le"
    ),
}


def run_case(path: Path) -> tuple[int, float, float, float, str]:
    """Lint one file in a child; (exit status, CPU seconds, peak MB, wall seconds, stderr)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dslint",
                "lint",
                "--isolated",
                "--select",
                "ALL",
                "-f",
                "concise",
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return child.returncode, cpu, usage.ru_maxrss / 1024, time.monotonic() - started, stderr


def main(words: list[str]) -> int:
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'case':<45} {'exit':>4} {'cpu s':>6} {'MB':>6} {'wall s':>7}")
        for name, make in CASES.items():
            if words and not any(word in name for word in words):
                continue
            content = make()
            path = Path(folder) / "case.yaml"
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
            code, cpu, megabytes, wall, stderr = run_case(path)
            problems = []
            if code not in (0, 1, 2):
                problems.append(f"exit {code}")
            if "Traceback" in stderr:
                problems.append("traceback")
            if cpu > LIMIT_SECONDS:
                problems.append("too slow")
            if megabytes > LIMIT_MEGABYTES:
                problems.append("too much memory")
            failed += bool(problems)
            print(
                f"{name:<45} {code:>4} {cpu:>6.2f} {megabytes:>6.0f} {wall:>7.2f} "
                + " ".join(problems)
            )
    print("FAILED" if failed else "all within limits")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
