"""Properties of `--fix` that hold for whatever fixes the rules offer.

Over the real-world corpus, the held-in cases (every rule's documented example, the examples
folder) and generated manifests (anchors, duplicate keys, flow collections with comments, CRLF,
a BOM, Latin-1 comments), each pass of fixes must:
- change only the lines of the entries its fixes edit, and no other document of the stream;
- give a text that reads back as the original data with exactly those fixes applied;
and after `--fix`, a second `--fix` changes nothing, and (with `--unsafe-fixes`) every finding
left that offers a fix is one whose fix was refused, with its reason. `--diff`, applied with
`patch`, gives the same bytes as `--fix`.

The checks never name a rule: they hold for the fixes that exist when they run.
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from dslint.api import Edit
from dslint.autofix import MAX_PASSES, fix_bytes, wanted
from dslint.config import parse_config
from dslint.document import parse_document, split_documents
from dslint.encoding import EncodingError, decode_exactly, encode_exactly
from dslint.engine import Linter
from dslint.fix import expected_data, fix_text, same_data
from dslint.registry import load_registry
from dslint.results import Diagnostic
from dslint.source import Source
from tests.helpers import REAL_WORLD

REPO = Path(__file__).resolve().parents[1]
LINTER = Linter(parse_config({"select": ["ALL"]}))
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _lines(text: str) -> list[str]:
    """Lines as libyaml counts them (its marks are what the fixes are located by)."""
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if a < b]


def _last_line(node: Node) -> int:
    """The last line holding text of `node` (a block collection's end mark is the next key)."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _last_line(last[1] if isinstance(last, tuple) else last)
    end = node.end_mark
    return int(end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line)


def _entry_lines(root: Node, path: tuple[str | int, ...]) -> set[int]:
    """Lines an edit at `path` may change: the entry of the deepest node that exists, from its
    key to its last line, and the line after it (where a new key goes)."""
    node, key, parent_lines = root, None, set[int]()
    for step in path:
        found: tuple[Node | None, Node] | None = None
        if isinstance(node, MappingNode):
            found = next(((k, v) for k, v in node.value if getattr(k, "value", None) == step), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            found = (None, node.value[step])
        if found is None:
            break
        here = key or node
        parent_lines = set(range(here.start_mark.line, _last_line(node) + 2))
        key, node = found
    first = key or node
    # A deletion may leave the parent empty ({} or []), which rewrites the parent's entry.
    return parent_lines | set(range(first.start_mark.line, _last_line(node) + 2))


def _check_pass(before: str, after: str, applied: list[Diagnostic]) -> None:
    """One pass of fixes: other documents untouched, edited lines only, data exactly as fixed."""
    old_chunks = list(split_documents(before))
    new_chunks = list(split_documents(after))
    assert len(old_chunks) == len(new_chunks)
    starts = [line for line, _ in old_chunks]
    for index, ((line, old), (_, new)) in enumerate(zip(old_chunks, new_chunks, strict=True)):
        mine = [
            d for d in applied if max(i for i, s in enumerate(starts) if s <= d.line - 1) == index
        ]
        if not mine:
            assert old == new, f"a document without fixes changed (line {line + 1})"
            continue
        edits: list[Edit] = [edit for d in mine for edit in d.fix]
        document = parse_document(old)
        assert document.root is not None
        allowed: set[int] = set()
        for edit in edits:
            allowed |= _entry_lines(document.root, edit.path)
        matcher = difflib.SequenceMatcher(a=_lines(old), b=_lines(new), autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag != "equal":
                touched = set(range(i1, max(i2, i1 + 1)))
                assert touched <= allowed, (tag, i1, i2, sorted(allowed), old, new)
        fixed = parse_document(new)
        assert same_data(fixed.data, expected_data(document.data, edits)), (old, new)


def check_fix(data: bytes, *, unsafe: bool, name: str = "ds.yaml") -> None:
    """Every property of --fix on one file's bytes."""
    try:
        encoded = decode_exactly(data)
    except EncodingError:
        return  # refused as a whole (tested on its own)
    text = encoded.text
    for _ in range(MAX_PASSES):
        chosen = wanted(LINTER, LINTER.lint_source(Source(name, text)).diagnostics, unsafe)
        if not chosen:
            break
        outcome = fix_text(text, chosen)
        if not outcome.applied or outcome.text == text:
            break
        _check_pass(text, outcome.text, outcome.applied)
        text = outcome.text
    fix = fix_bytes(LINTER, name, data, unsafe)
    assert fix.after == encode_exactly(encoded, text)
    assert not fix_bytes(LINTER, name, fix.after, unsafe).changed, "a second --fix changed it"
    left = wanted(
        LINTER, LINTER.lint_source(Source(name, decode_exactly(fix.after).text)).diagnostics, unsafe
    )
    refused = {(d.code, d.pointer) for d, _ in fix.refused}
    assert {(d.code, d.pointer) for d in left} <= refused, "a fixable finding is left"


# --- the real-world corpus ------------------------------------------------------------------

CORPUS = sorted(REAL_WORLD.rglob("*.yaml")) if REAL_WORLD.is_dir() else []
needs_corpus = pytest.mark.skipif(not CORPUS, reason="shared corpus not available")


@needs_corpus
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_properties_over_the_real_world_corpus(unsafe: bool) -> None:
    for path in CORPUS:
        check_fix(path.read_bytes(), unsafe=unsafe, name=path.name)


@needs_corpus
@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_diff_applied_with_patch_equals_fix_over_the_corpus(tmp_path: Path) -> None:
    fixed, patched = tmp_path / "fixed", tmp_path / "patched"
    for folder in (fixed, patched):
        shutil.copytree(REAL_WORLD, folder)
        for path in folder.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)  # the shared copy may be read-only
    command = [sys.executable, "-m", "dslint", "lint", "--unsafe-fixes", "--select", "ALL"]
    subprocess.run([*command, "--fix", "."], cwd=fixed, capture_output=True, timeout=600)
    diff = subprocess.run([*command, "--diff", "."], cwd=patched, capture_output=True, timeout=600)
    assert diff.returncode in (0, 1), diff.stderr
    if diff.stdout:
        subprocess.run(["patch", "-p1", "-s"], input=diff.stdout, cwd=patched, check=True)
    for path in sorted(fixed.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (patched / path.relative_to(fixed)).read_bytes(), path


# --- held-in cases: the rules' documented examples and the examples folder -------------------


def _examples() -> list[tuple[str, str]]:
    cases = []
    for rule in load_registry(plugins=False):
        for heading in ("## Example", "## Use instead"):
            section = rule.doc.split(heading, 1)[-1].split("\n## ", 1)[0]
            match = re.search(r"```ya?ml\n(.*?)```", section, re.DOTALL)
            if heading in rule.doc and match:
                cases.append((f"{rule.name} {heading[3:]}", match.group(1)))
    return cases + [(p.name, p.read_text()) for p in sorted((REPO / "examples").glob("*.yaml"))]


EXAMPLES = _examples()


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_properties_over_the_documented_examples(unsafe: bool) -> None:
    for _, text in EXAMPLES:
        check_fix(text.encode(), unsafe=unsafe)


# --- generated manifests ----------------------------------------------------------------------


# Example data that has fixable findings: the base of generated manifests.
def _fixable_bases() -> list[dict[str, Any]]:
    bases = []
    for _, text in EXAMPLES:
        for _, chunk in split_documents(text):
            data = parse_document(chunk).data
            if isinstance(data, dict) and wanted(
                LINTER, LINTER.lint_text(yaml.safe_dump(data), "x.yaml").diagnostics, True
            ):
                bases.append(data)
    return bases


# Documents with fixable findings, from the examples: the bases of generated manifests.
FIXABLE_BASES = _fixable_bases()
LATIN1 = "\ue0e9"  # stands for the byte 0xE9 until the text is encoded


def _scalar(value: Any, quote: int) -> str:
    if isinstance(value, str) and quote == 1:
        return json.dumps(value)
    if isinstance(value, str) and quote == 2 and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return yaml.safe_dump([value], default_flow_style=True, width=10**6).strip()[1:-1]


class _Writer:
    """Renders data as YAML text, choosing styles from hypothesis draws."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.anchor_done = False

    def flow(self, value: Any) -> str:
        if isinstance(value, dict):
            items = [f"{_scalar(k, 0)}: {self.flow(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            items = [self.flow(v) for v in value]
        else:
            return _scalar(value, self.draw(st.integers(0, 2)))
        if self.draw(st.booleans()) and len(items) > 1:  # multi-line, with comments
            inner = ",  # note\n  ".join(items)
            return (
                ("{" if isinstance(value, dict) else "[")
                + f"\n  {inner}\n"
                + ("}" if isinstance(value, dict) else "]")
            )
        return ("{%s}" if isinstance(value, dict) else "[%s]") % ", ".join(items)

    def block(self, value: Any, indent: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        if isinstance(value, dict):
            for key, item in value.items():
                if self.draw(st.integers(0, 9)) == 0:
                    lines.append(f"{pad}# caf{LATIN1} comment")
                lines += self.entry(f"{pad}{_scalar(key, 0)}:", item, indent)
                if self.draw(st.integers(0, 14)) == 0 and not isinstance(item, (dict, list)):
                    lines += self.entry(f"{pad}{_scalar(key, 0)}:", "other", indent)  # duplicate
        else:
            for item in value:
                lines += self.entry(f"{pad}-", item, indent)
        return lines

    def entry(self, head: str, value: Any, indent: int) -> list[str]:
        if isinstance(value, (dict, list)) and value and self.draw(st.integers(0, 3)) != 0:
            anchor = ""
            if not self.anchor_done and self.draw(st.integers(0, 5)) == 0:
                anchor, self.anchor_done = " &shared", True
            return [head + anchor, *self.block(value, indent + 2)]
        return [f"{head} {self.flow(value)}"]


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(FIXABLE_BASES))
    writer = _Writer(draw)
    lines = writer.block(data, 0)
    if writer.anchor_done:
        lines.append("x-copy: *shared")
    line_break = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = line_break.join(lines) + line_break
    raw = text.encode("utf-8").replace(LATIN1.encode("utf-8"), b"\xe9")
    return (codecs.BOM_UTF8 if draw(st.booleans()) else b"") + raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests())
def test_fix_properties_over_generated_manifests(data: bytes) -> None:
    check_fix(data, unsafe=True)
