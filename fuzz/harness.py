"""The fuzz harness: mutate manifests, lint them, and check what must always hold.

For any bytes, linting must return (never raise, hang or crash the interpreter), no rule may fail
(an `internal-error` diagnostic is a bug in that rule), and every diagnostic must point at a line
and column that exist in the input. `check_input` checks one input; `Mutator` derives new inputs
from seed manifests, mixing byte-level damage with YAML-aware changes that keep the text valid
but put wrong types, aliases, tags and odd scalars where rules look.

Used by tests/test_fault_isolation.py (a short run in CI), fuzz/run_campaign.py (long runs) and
fuzz/atheris_lint.py (coverage-guided, when atheris is installed).
"""

from __future__ import annotations

import random
import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dslint.config import parse_config
from dslint.engine import INTERNAL_ERROR, FileResult, Linter
from dslint.source import decode

SEED_SUFFIXES = (".yaml", ".yml", ".json")

# Values that rules and the schema validator must survive wherever they appear.
HOSTILE_VALUES = (
    "null",
    "~",
    "",
    "5",
    "-1",
    "0x1F",
    "1e400",
    ".nan",
    "-.inf",
    "true",
    "yes",
    "on",
    "2020-01-01",
    "2020-13-45",
    "2001-12-14t21:59:43.10-05:00",
    "1:20:30",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: {b: {c: null}}}",
    '"quoted \\u00e9 \\x00"',
    "'single'",
    "|\n  block\n  text",
    ">-\n  folded",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [{a: 1}, {b: 2}]",
    "!!str 5",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!timestamp never",
    "!!python/object/apply:os.system ['true']",
    "!custom value",
    "*anchor",
    "&anchor {x: 1}",
    "{<<: *anchor}",
    "9" * 50,
    "a" * 300,
    "é ☃ \U0001f600",
    "\t",
    "'\u2028'",
    "[*anchor, *anchor, *anchor]",
)
HOSTILE_KEYS = (
    "<<",
    "1",
    "null",
    "~",
    "true",
    "? [a, b]",
    "? {a: 1}",
    "2020-01-01",
    '"quoted key"',
    "&k key",
    "*anchor",
    "kind",
    "name",
    "image",
    "containers",
    "spec",
)
HOSTILE_SNIPPETS = (
    "\x00",
    "\r\n",
    "\r",
    "\ufeff",
    "\t",
    "\u2028",
    "\x85",
    "\x0c",
    "\x1b[31m",
    "\ufffd",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:example.com,2000:\n",
    "[" * 120,
    "{a: " * 60,
    "- " * 120,
    "? " * 120,
    "&a ",
    "*a",
    "<<: *a\n",
    "#",
    "'",
    '"',
    "|",
    ">",
    "!!python/name:os.system ",
)
_VALUE_AFTER_KEY = re.compile(r"^(?P<head>\s*(?:- )?[\w./-]+:)(?P<sep>[ \t]+)(?P<value>\S.*)$")
_KEY_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[\w./-]+):")


@dataclass(frozen=True)
class Failure:
    """Something that must never happen, with what is needed to reproduce it."""

    kind: str  # "exception", "internal-error" or "position"
    summary: str  # one line, stable across inputs that hit the same bug
    detail: str  # traceback or message
    data: bytes


def make_linter() -> Linter:
    """Every rule, enabled or not, so that each one meets the fuzzed input."""
    return Linter(parse_config({"select": ["ALL"]}))


def check_input(linter: Linter, data: bytes) -> list[Failure]:
    """Lint `data` as a file's bytes and return every broken guarantee (none, normally)."""
    try:
        text = decode(data)
        result = linter.lint_text(text, "fuzz.yaml")
    except Exception as error:
        return [
            Failure("exception", _summary(error), traceback.format_exc(), data),
        ]
    failures = _position_failures(result, text, data)
    for diagnostic in result.diagnostics:
        if diagnostic.name == INTERNAL_ERROR:
            rule = diagnostic.message.split(" failed on", 1)[0]
            failures.append(
                Failure(
                    "internal-error",
                    f"{rule}: {diagnostic.message.split(': ', 1)[-1].split(':', 1)[0]}",
                    diagnostic.message + "\n" + rule_traceback(linter, text),
                    data,
                )
            )
    return failures


def _summary(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at {where}"


def _position_failures(result: FileResult, text: str, data: bytes) -> list[Failure]:
    lines = text.splitlines() or [""]
    failures = []
    for diagnostic in result.diagnostics:
        line_ok = 1 <= diagnostic.line <= len(lines)
        if line_ok and 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1:
            continue
        failures.append(
            Failure(
                "position",
                f"{diagnostic.name} placed outside the text",
                f"{diagnostic.line}:{diagnostic.column} {diagnostic.name} {diagnostic.message}; "
                f"the text has {len(lines)} lines",
                data,
            )
        )
    return failures


def rule_traceback(linter: Linter, text: str) -> str:
    """Run each rule again outside the engine's isolation to get the failing one's traceback."""
    from dslint.api import Manifest
    from dslint.document import iter_objects, parse_stream
    from dslint.k8s import looks_like_daemonset

    found = []
    for document in parse_stream(text):
        for _, obj in iter_objects(document):
            if not looks_like_daemonset(obj):
                continue
            manifest = Manifest(obj, linter.config.kubernetes_version, linter.settings)
            for active in linter.checkers:
                try:
                    list(active.rule.run(manifest, active.options))
                except Exception:
                    name = f"{active.rule.code} {active.rule.name}"
                    found.append(f"{name}:\n{traceback.format_exc()}")
    return "\n".join(found)


def load_seeds(folders: Sequence[Path]) -> list[str]:
    """Seed manifests: every document of every manifest file in the folders, one per seed."""
    seeds: list[str] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in SEED_SUFFIXES and path.is_file():
                text = decode(path.read_bytes())
                seeds.extend(part for part in re.split(r"(?m)^---\s*$", text) if part.strip())
    return seeds


def _flow_versions(seeds: Sequence[str]) -> list[str]:
    """Some seeds again in flow style (JSON-like), which takes other paths through the parser."""
    import yaml

    versions = []
    for seed in seeds:
        try:
            data = yaml.load(seed, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        versions.append(str(yaml.dump(data, Dumper=yaml.CSafeDumper, default_flow_style=True)))
    return versions


class Mutator:
    """Derives inputs from seeds with small, mostly YAML-aware changes."""

    def __init__(self, seeds: Sequence[str], rng: random.Random) -> None:
        self.seeds = list(seeds) or ["kind: DaemonSet\n"]
        self.seeds.extend(_flow_versions(self.seeds[:: max(1, len(self.seeds) // 20)]))
        self.rng = rng

    def next_input(self) -> bytes:
        rng = self.rng
        text = rng.choice(self.seeds)
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 5))):
            text = rng.choice(self._TEXT_MUTATIONS)(self, text)
        data = text.encode("utf-8", "surrogatepass")
        if rng.random() < 0.15:
            data = self._damage_bytes(data)
        return data

    # Line-level changes that usually keep the document valid YAML.
    def _replace_value(self, text: str) -> str:
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if _VALUE_AFTER_KEY.match(line)]
        if not candidates:
            return text
        index = self.rng.choice(candidates)
        match = _VALUE_AFTER_KEY.match(lines[index])
        assert match is not None
        value = self.rng.choice(HOSTILE_VALUES)
        if "\n" in value:
            indent = " " * (len(match.group("head")) - len(match.group("head").lstrip()) + 2)
            value = value.replace("\n", "\n" + indent)
        lines[index] = f"{match.group('head')} {value}"
        return "\n".join(lines)

    def _replace_block(self, text: str) -> str:
        """Replace a key's whole value (block below it included) by a hostile value."""
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
        if not candidates:
            return text
        index = self.rng.choice(candidates)
        match = _KEY_LINE.match(lines[index])
        assert match is not None
        indent = len(match.group("indent"))
        end = index + 1
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
        ):
            end += 1
        value = self.rng.choice(HOSTILE_VALUES).replace("\n", "\n" + " " * (indent + 2))
        lines[index:end] = [f"{match.group('indent')}{match.group('key')}: {value}"]
        return "\n".join(lines)

    def _replace_key(self, text: str) -> str:
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
        if not candidates:
            return text
        index = self.rng.choice(candidates)
        match = _KEY_LINE.match(lines[index])
        assert match is not None
        key = self.rng.choice(HOSTILE_KEYS)
        lines[index] = match.group("indent") + key + ":" + lines[index][match.end() :]
        return "\n".join(lines)

    def _add_anchor_and_alias(self, text: str) -> str:
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
        if len(candidates) < 2:
            return text
        first, second = sorted(self.rng.sample(candidates, 2))
        head = _KEY_LINE.match(lines[first])
        assert head is not None
        rest = lines[first][head.end() :]
        lines[first] = f"{head.group(0)} &fz{rest}"
        target = _KEY_LINE.match(lines[second])
        assert target is not None
        lines[second] = f"{target.group(0)} *fz"
        if self.rng.random() < 0.5:
            # Aim for a block nested below the alias' line, so the alias may sit inside its anchor.
            lines[second], lines[first] = lines[first], lines[second]
        return "\n".join(lines)

    def _duplicate_lines(self, text: str) -> str:
        lines = text.split("\n")
        start = self.rng.randrange(len(lines))
        end = min(len(lines), start + self.rng.randint(1, 8))
        lines[end:end] = lines[start:end]
        return "\n".join(lines)

    def _delete_lines(self, text: str) -> str:
        lines = text.split("\n")
        start = self.rng.randrange(len(lines))
        del lines[start : start + self.rng.randint(1, 4)]
        return "\n".join(lines)

    def _reindent(self, text: str) -> str:
        lines = text.split("\n")
        index = self.rng.randrange(len(lines))
        shift = self.rng.choice((-2, -1, 1, 2, 4))
        lines[index] = " " * max(0, shift) + lines[index][max(0, -shift) :]
        return "\n".join(lines)

    def _insert_snippet(self, text: str) -> str:
        position = self.rng.randrange(len(text) + 1)
        return text[:position] + self.rng.choice(HOSTILE_SNIPPETS) + text[position:]

    def _splice(self, text: str) -> str:
        other = self.rng.choice(self.seeds)
        cut = self.rng.randrange(len(text) + 1)
        other_cut = self.rng.randrange(len(other) + 1)
        return text[:cut] + other[other_cut:]

    _TEXT_MUTATIONS = (
        _replace_value,
        _replace_value,
        _replace_value,
        _replace_block,
        _replace_block,
        _replace_key,
        _add_anchor_and_alias,
        _duplicate_lines,
        _delete_lines,
        _reindent,
        _insert_snippet,
        _insert_snippet,
        _splice,
    )

    def _damage_bytes(self, data: bytes) -> bytes:
        buffer = bytearray(data)
        for _ in range(self.rng.randint(1, 4)):
            choice = self.rng.random()
            position = self.rng.randrange(len(buffer) + 1)
            if choice < 0.4 and buffer:
                buffer[min(position, len(buffer) - 1)] = self.rng.randrange(256)
            elif choice < 0.7:
                buffer[position:position] = bytes(
                    self.rng.randrange(256) for _ in range(self.rng.randint(1, 8))
                )
            elif choice < 0.85:
                del buffer[position : position + self.rng.randint(1, 16)]
            else:
                prefix = self.rng.choice((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00"))
                buffer[0:0] = prefix
        return bytes(buffer)
