"""The generated documentation matches its generator, and the peer mapping matches the registry."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from dslint.registry import load_registry

TOOL = Path(__file__).resolve().parents[1] / "tools" / "gen_docs_tables.py"
REGENERATE = "out of date: run `python tools/gen_docs_tables.py` and commit docs/"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs_tables", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_docs_tables"] = module
    spec.loader.exec_module(module)
    return module


gen = _load()
RULES = load_registry(plugins=False)


def test_peer_mapping_names_existing_rules() -> None:
    gen.check_peer_rows(gen.load_peer_rows(), RULES)


def test_peer_mapping_rejects_unknown_rules_and_missing_notes() -> None:
    with pytest.raises(gen.MappingError, match="no-such-rule"):
        gen.check_peer_rows([gen.PeerRow("s", "c", "covered", ("no-such-rule",))], RULES)
    with pytest.raises(gen.MappingError, match="needs a note"):
        gen.check_peer_rows([gen.PeerRow("s", "c", "not-covered")], RULES)
    with pytest.raises(gen.MappingError, match="needs rules"):
        gen.check_peer_rows([gen.PeerRow("s", "c", "covered")], RULES)


def test_peer_table_rows_are_read_from_section_one() -> None:
    text = (
        "# Peers\n## 1. Merged\n### 1.1 API\n| Concept | a |\n|---|---|\n"
        "| Deprecated `x` | y |\n| Other | z |\n## 2. Detail\n| Not this | q |\n"
    )
    assert gen.peer_table_rows(text) == [("1.1 API", "Deprecated `x`"), ("1.1 API", "Other")]


@pytest.mark.skipif(not gen.PEERS.is_file(), reason="shared research folder absent")
def test_every_peer_row_is_mapped_once() -> None:
    gen.check_against_peers(gen.load_peer_rows(), gen.PEERS.read_text(encoding="utf-8"))


def test_presets_and_peer_coverage_docs_are_current() -> None:
    rows = gen.load_peer_rows()
    for path, content in (
        (gen.DOCS / "presets.md", gen.presets_doc(RULES)),
        (gen.DOCS / "peer-coverage.md", gen.peer_coverage_doc(RULES, rows)),
    ):
        assert path.read_text(encoding="utf-8") == content, f"{path.name} {REGENERATE}"


@pytest.mark.skipif(not gen.CORPUS.is_dir(), reason="real-world corpus absent")
def test_corpus_findings_doc_is_current() -> None:
    path = gen.DOCS / "corpus-findings.md"
    current = path.read_text(encoding="utf-8")
    assert current == gen.corpus_doc(current, RULES), f"{path.name} {REGENERATE}"


def test_corpus_doc_keeps_hand_written_text(tmp_path: Path) -> None:
    (tmp_path / "agent.yaml").write_text(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a, namespace: kube-system}\n"
        "spec:\n  template:\n    spec:\n      hostNetwork: true\n"
        "      containers: [{name: a, image: 'example.com/a:1'}]\n",
        encoding="utf-8",
    )
    (tmp_path / "templated").mkdir()
    current = f"# Title\n\nIntro.\n\n{gen.BEGIN}\nold table\n{gen.END}\n\n## Spot check\nmine\n"
    result = gen.corpus_doc(current, RULES, tmp_path)
    assert result.startswith("# Title\n\nIntro.\n\n")
    assert result.endswith(f"{gen.END}\n\n## Spot check\nmine\n")
    assert "old table" not in result
    assert "1 files in the top folder" in result
    assert "| `recommended` | 1 |" in result
    assert "DS250 `missing-priority-class`" in result


def test_corpus_doc_starts_from_a_skeleton() -> None:
    assert gen.CORPUS_SKELETON.count(gen.BEGIN) == 1
    assert gen.CORPUS_SKELETON.startswith("# Findings over the real-world corpus")
