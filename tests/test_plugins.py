"""Third-party rules load through the same mechanism as built-ins: entry points and folders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dslint import registry
from dslint.config import Config
from dslint.engine import Linter
from dslint.registry import RuleLoadError, load_registry

PLUGIN_RULE = '''\
"""A container is named "forbidden".

## Why is this bad?
Team convention.

## Example
```yaml
kind: DaemonSet
```

## Use instead
```yaml
kind: DaemonSet
```

## Options
None.

## References
- Internal handbook.
"""
from dslint.api import Finding
from dslint.k8s import containers

CODE = "{code}"
NAME = "{name}"
LEVEL = "warning"


def check(manifest, options):
    for container in containers(manifest):
        if container.name == "forbidden":
            yield Finding((*container.path, "name"), "container is named forbidden")
'''

DAEMONSET = """\
kind: DaemonSet
apiVersion: apps/v1
metadata: {name: x}
spec:
  template:
    spec:
      containers:
        - name: forbidden
          image: app:1.0
"""


def write_rule(folder: Path, file: str, code: str, name: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / file).write_text(PLUGIN_RULE.format(code=code, name=name))


def test_rules_dir_rule_runs_and_reports_line(tmp_path: Path) -> None:
    write_rule(tmp_path / "local", "no_forbidden.py", "ACME001", "no-forbidden")
    config = Config(rules_dirs=[str(tmp_path / "local")])
    result = Linter(config).lint_text(DAEMONSET, "ds.yaml")
    found = [(d.code, d.line, d.column) for d in result.diagnostics if d.code == "ACME001"]
    assert found == [("ACME001", 8, 17)]


def test_code_clash_names_both_origins(tmp_path: Path) -> None:
    write_rule(tmp_path / "clash", "clash.py", "DS201", "some-other-name")
    with pytest.raises(RuleLoadError, match="DS201 is defined twice") as raised:
        load_registry(rules_dirs=[str(tmp_path / "clash")])
    assert "built-in" in str(raised.value) and str(tmp_path / "clash") in str(raised.value)


def test_broken_module_is_one_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "bad.py").write_text("import does_not_exist_anywhere\n")
    with pytest.raises(RuleLoadError, match=r"bad\.py: cannot import rule module"):
        load_registry(rules_dirs=[str(folder)])


def test_module_without_valid_code_is_rejected(tmp_path: Path) -> None:
    write_rule(tmp_path / "badcode", "x.py", "lowercase1", "x")
    with pytest.raises(RuleLoadError, match="CODE must look like"):
        load_registry(rules_dirs=[str(tmp_path / "badcode")])


def test_entry_point_package_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed distribution that declares the entry point contributes its rules."""
    package = tmp_path / "acme_rules"
    write_rule(package, "no_forbidden.py", "ACME001", "no-forbidden")
    (package / "__init__.py").write_text("")
    metadata = tmp_path / "acme_dslint-1.0.dist-info"
    metadata.mkdir()
    (metadata / "entry_points.txt").write_text(
        "[console_scripts]\nacme = acme_rules:main\n\n[dslint.rules]\nacme = acme_rules\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry._DEFAULT.clear()
    try:
        loaded = load_registry()
        rule = loaded.get("ACME001")
        assert rule is not None and rule.origin == "package acme_dslint"
        assert rule.summary == 'A container is named "forbidden".'
        assert rule.help_uri is None
        result = Linter(Config()).lint_text(DAEMONSET, "ds.yaml")
        assert [d.line for d in result.diagnostics if d.code == "ACME001"] == [8]
    finally:
        registry._DEFAULT.clear()


def test_entry_point_scan_matches_importlib_metadata() -> None:
    from importlib.metadata import entry_points

    for group in ("console_scripts", "pytest11"):
        expected = sorted((e.name, e.value) for e in entry_points(group=group))
        found = sorted((e.name, e.value) for e in registry.find_entry_points(group))
        assert found == expected


def test_rule_command_finds_rules_from_the_config_rules_dir(tmp_path: Path) -> None:
    write_rule(tmp_path / "local", "no_forbidden.py", "ACME001", "no-forbidden")
    (tmp_path / ".dslint.yaml").write_text("rules-dir: [local]\n")
    run = subprocess.run(
        [sys.executable, "-m", "dslint", "rule", "no-forbidden"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# ACME001 no-forbidden")


def test_rule_command_suggests_near_names_for_a_typo(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "dslint", "rule", "latest-image-tags"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "did you mean 'latest-image-tag'" in run.stderr
    far = subprocess.run(
        [sys.executable, "-m", "dslint", "rule", "zzzz"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert far.returncode == 2 and "did you mean" not in far.stderr
