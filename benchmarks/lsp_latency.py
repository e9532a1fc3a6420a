"""Latency of `dslint server`: from a `didChange` notification to its `publishDiagnostics`.

    python benchmarks/lsp_latency.py                  # 40 edits per document
    python benchmarks/lsp_latency.py --edits 100 --markdown

A raw JSON-RPC client over stdio (no LSP library on the client side) opens a document, then makes
one small edit at a time (a label value alternates), and times each edit from the moment its
`didChange` is written to the moment the diagnostics for that version arrive. Between edits it
pauses as a typist does. Documents: the 349-line calico-node DaemonSet of the real-world corpus
and a 10-DaemonSet stream from `../shared/tools/gen_corpus.py`. The baseline, measured in the same
run, is one in-process lint of the same text (what the server cannot go below).

A second scenario types a burst (one change every 30 ms) and counts how many versions were
linted and published, and the time from the last keystroke to its diagnostics.
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CALICO = SHARED / "corpus" / "real-world" / "projectcalico__calico__calico-node.yaml"
GENERATOR = SHARED / "tools" / "gen_corpus.py"
PAUSE_BETWEEN_EDITS = 0.1  # seconds
BURST_INTERVAL = 0.03


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.received: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        self.versions_published: list[tuple[str, int]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            self.received.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return sent

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            _, message = self.received.get(timeout=60)
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def published(self, uri: str, version: int, timeout: float = 30) -> float:
        """When the diagnostics of `version` of `uri` arrived."""
        deadline = time.perf_counter() + timeout
        while True:
            arrived, message = self.received.get(timeout=max(0.01, deadline - time.perf_counter()))
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics":
                self.versions_published.append((params.get("uri"), params.get("version")))
                if params.get("uri") == uri and params.get("version") == version:
                    return arrived

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)


def _change(uri: str, version: int, text: str) -> dict[str, Any]:
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}


def _variants(text: str, count: int) -> list[str]:
    """`count` versions of `text`, each differing from the last by one edited line."""
    marker = text.index("\n", text.index("metadata:")) + 1
    indent = "  "
    return [
        text[:marker] + f"{indent}# edit {n}\n" + text[marker:] if n % 2 else text
        for n in range(count)
    ]


def measure_edits(client: Client, uri: str, text: str, edits: int) -> list[float]:
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    client.published(uri, 1)
    latencies = []
    for version, variant in enumerate(_variants(text, edits), start=2):
        sent = client.notify("textDocument/didChange", _change(uri, version, variant))
        latencies.append(client.published(uri, version) - sent)
        time.sleep(PAUSE_BETWEEN_EDITS)
    return latencies


def measure_burst(client: Client, uri: str, text: str, keystrokes: int) -> tuple[int, float]:
    """(versions published, seconds from the last keystroke to its diagnostics)."""
    first = 1000
    sent = 0.0
    variants = _variants(text, keystrokes)
    for offset, variant in enumerate(variants):
        sent = client.notify("textDocument/didChange", _change(uri, first + offset, variant))
        time.sleep(BURST_INTERVAL)
    last = first + len(variants) - 1
    arrived = client.published(uri, last)
    published = sum(
        1 for seen, version in client.versions_published if seen == uri and first <= version <= last
    )
    return published, arrived - sent


def in_process_lint(text: str, runs: int = 15) -> float:
    """The baseline: one lint of the same text in this process (the median, in seconds)."""
    from dslint.engine import Linter

    linter = Linter()
    linter.lint_text(text, "baseline.yaml")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        linter.lint_text(text, "baseline.yaml")
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def stream_of_ten() -> str:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, str(GENERATOR), "-n", "10", "--out", folder, "--no-files"],
            check=True,
            capture_output=True,
        )
        return (Path(folder) / "multi.yaml").read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    documents = {
        f"{CALICO.name} ({CALICO.read_text().count(chr(10))} lines)": CALICO.read_text(),
    }
    ten = stream_of_ten()
    documents[f"10-DaemonSet stream ({ten.count(chr(10))} lines)"] = ten
    client = Client([sys.executable, "-m", "dslint", "server"])
    with tempfile.TemporaryDirectory() as folder:
        client.request(
            "initialize",
            {"processId": None, "rootUri": Path(folder).as_uri(), "capabilities": {}},
        )
        client.notify("initialized", {})
        rows = []
        for number, (label, text) in enumerate(documents.items()):
            uri = (Path(folder) / f"doc{number}.yaml").as_uri()
            latencies = measure_edits(client, uri, text, args.edits)
            published, last = measure_burst(client, uri, text, 20)
            rows.append(
                (
                    label,
                    statistics.median(latencies) * 1000,
                    statistics.quantiles(latencies, n=10)[-1] * 1000,
                    in_process_lint(text) * 1000,
                    published,
                    last * 1000,
                )
            )
        client.close()
    if args.markdown:
        print(
            "| document | didChange → diagnostics, median | p90 | baseline: one lint in process"
            " | typing burst: versions published of 20 | last keystroke → diagnostics |"
        )
        print("|---|---|---|---|---|---|")
        for label, median, p90, baseline, published, last in rows:
            print(
                f"| {label} | {median:.1f} ms | {p90:.1f} ms | {baseline:.1f} ms "
                f"| {published} | {last:.1f} ms |"
            )
    else:
        for label, median, p90, baseline, published, last in rows:
            print(
                f"{label}: median {median:.1f} ms, p90 {p90:.1f} ms (one in-process lint "
                f"{baseline:.1f} ms); burst of 20: {published} published, last {last:.1f} ms"
            )


if __name__ == "__main__":
    main()
