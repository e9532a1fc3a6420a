"""What a chart or a template gives when the Helm engine is missing, or met outside its chart."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dslint.config import Config
from dslint.engine import Linter
from dslint.render import lint_paths as render_paths
from dslint.render.templates import is_helm_template


def test_chart_without_the_helm_engine_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = tmp_path / "agent"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: agent\nversion: 0.1.0\n")
    monkeypatch.setitem(sys.modules, "helm_python", None)  # import fails as if not installed
    results = list(render_paths(Linter(Config()), [str(chart)]))
    assert [r.error for r in results] == [
        f"{chart}: rendering a Helm chart needs the Helm engine: pip install 'dslint[helm]'"
    ]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("chart/templates/ds.yaml", "name: {{ .Release.Name }}\n", True),
        ("templates/ds.yaml", 'name: "{{ .Values.x }}"\n', True),
        ("chart/templates/ds.yaml", "name: plain\n", False),  # no action: an ordinary manifest
        ("manifests/ds.yaml", "name: {{ x }}\n", False),  # not under templates/
        ("templates", "{{ x }}", False),
    ],
)
def test_helm_template_is_a_templates_file_with_an_action(
    path: str, text: str, expected: bool
) -> None:
    assert is_helm_template(path, text) is expected
