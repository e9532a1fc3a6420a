"""Config files are read with the manifest reader's limits: bad ones are exit 2 naming file and key.

An alias bomb, deep nesting, a list where a name belongs, a non-table `tool` in pyproject.toml and
an unquoted version each once gave a hang or a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dslint.config import ConfigError, load_config

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
)
CASES = {
    "alias-bomb": (".dslint.yaml", "select: [DS201]\n" + ALIAS_BOMB, "more than 200000 values"),
    "deep-yaml": (".dslint.yaml", "rules: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than"),
    "deep-toml": (
        "pyproject.toml",
        "[tool.dslint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n",
        "nested too deeply",
    ),
    "extends-list": (".dslint.yaml", "extends: [recommended]\n", "extends: unknown preset"),
    "tool-not-a-table": ("pyproject.toml", 'tool = "x"\n[tool.dslint]\n', None),
    "dslint-not-a-table": (
        "pyproject.toml",
        '[tool]\ndslint = "x"\n',
        "tool.dslint: expected a table",
    ),
    "unquoted-version": (".dslint.yaml", "kubernetes-version: 1.30\n", "kubernetes-version: write"),
    "object-tag": (
        ".dslint.yaml",
        "select: !!python/object/apply:os.system [touch pwned]\n",
        "unsupported-yaml-tag",
    ),
    "two-documents": (".dslint.yaml", "select: [DS201]\n---\nignore: [DS202]\n", "single YAML"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_config_is_exit_2_naming_the_file(tmp_path: Path, case: str) -> None:
    name, content, expected = CASES[case]
    (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("a: 1\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--config", name, "empty.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"dslint: {tmp_path / name}") or name in done.stderr
    if expected is not None:
        assert expected in done.stderr
    assert not (tmp_path / "pwned").exists()


def test_an_alias_bomb_in_a_discovered_config_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / ".dslint.yaml").write_text(CASES["alias-bomb"][1], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "-"],
        cwd=tmp_path,
        input="a: 1\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"dslint: {tmp_path / '.dslint.yaml'}:")


def test_tool_that_is_not_a_table_is_not_a_config(tmp_path: Path) -> None:
    # `tool = "x"` cannot hold a [tool.dslint] table: TOML itself refuses the file.
    path = tmp_path / "pyproject.toml"
    path.write_text('tool = "x"\n[tool.dslint]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(str(path))
    path.write_text('tool = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="tool: expected a table"):
        load_config(str(path))


def test_the_unquoted_version_message_says_to_quote_it(tmp_path: Path) -> None:
    path = tmp_path / ".dslint.yaml"
    path.write_text("kubernetes-version: 1.30\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(str(path))
    assert str(raised.value) == (
        f"{path}: kubernetes-version: write the version as text, in quotes "
        '(kubernetes-version: "1.30"); the number 1.3 loses trailing zeros'
    )
    path.write_text('kubernetes-version: "1.30"\n', encoding="utf-8")
    assert load_config(str(path)).kubernetes_version == (1, 30)


def test_config_errors_give_the_line_of_a_yaml_problem(tmp_path: Path) -> None:
    path = tmp_path / ".dslint.yaml"
    path.write_text("select: [DS201]\nselect: [DS202]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.dslint\.yaml:2:1: invalid config \(duplicate-key\)"):
        load_config(str(path))
