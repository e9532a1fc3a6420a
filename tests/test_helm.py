"""Helm charts: rendered offline with Helm's engine, findings placed in the chart's own files."""

from __future__ import annotations

import json
import tarfile
import textwrap
from pathlib import Path

import pytest

from dslint.config import Config
from dslint.engine import Linter
from dslint.render import RenderOptions, split_targets, target_kind
from dslint.render import lint_paths as render_paths
from tests.test_cli import dslint

pytest.importorskip("helm_python", reason="the Helm engine (dslint[helm]) is not installed")

CHART_YAML = """\
apiVersion: v2
name: agent
version: 0.1.0
"""
VALUES_YAML = """\
image:
  repository: registry.example/agent
  tag: "1.0"
hostNetwork: true
securityContext:
  privileged: true
  readOnlyRootFilesystem: true
resources:
  requests: {cpu: 10m, memory: 32Mi}
  limits: {memory: 64Mi}
"""
HELPERS_TPL = """\
{{- define "agent.labels" -}}
app: {{ .Chart.Name }}
{{- end }}

{{- define "agent.probes" -}}
livenessProbe:
  httpGet: {path: /healthz, port: 8080}
readinessProbe:
  httpGet: {path: /ready, port: 8080}
hostPort: 22
{{- end }}
"""
DAEMONSET_YAML = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}-agent
  labels:
    {{- include "agent.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "agent.labels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "agent.labels" . | nindent 8 }}
    spec:
      hostNetwork: {{ .Values.hostNetwork }}
      priorityClassName: system-node-critical
      containers:
        - name: agent
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          {{- include "agent.probes" . | nindent 10 }}
"""


def write_chart(root: Path, name: str = "agent", **files: str) -> Path:
    chart = root / name
    contents = {
        "Chart.yaml": CHART_YAML.replace("name: agent", f"name: {name}"),
        "values.yaml": VALUES_YAML,
        # Named templates are shared by a chart and its subcharts: each chart names its own.
        "templates/_helpers.tpl": HELPERS_TPL.replace('"agent.', f'"{name}.'),
        "templates/daemonset.yaml": DAEMONSET_YAML.replace('"agent.', f'"{name}.'),
        **{key.replace("__", "/"): value for key, value in files.items()},
    }
    for relative, text in contents.items():
        path = chart / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return chart


def lint(chart: Path, options: RenderOptions | None = None) -> list[str]:
    config = Config()
    config.render = options or RenderOptions()
    results = list(render_paths(Linter(config), [str(chart)]))
    return [
        f"{Path(d.file).relative_to(chart.parent)}:{d.line}:{d.column} {d.name}"
        for result in results
        for d in result.reported
    ]


def line_of(chart: Path, relative: str, needle: str) -> int:
    lines = (chart / relative).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_a_chart_folder_and_an_archive_are_targets(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    archive = tmp_path / "agent-0.1.0.tgz"
    with tarfile.open(archive, "w:gz") as bundle:
        bundle.add(chart, arcname="agent")
    assert target_kind(str(chart)) == "helm"
    assert target_kind(str(archive)) == "helm"
    assert target_kind(str(chart / "templates")) is None
    assert split_targets([str(chart), "-", str(chart / "values.yaml")]) == (
        [str(chart)],
        ["-", str(chart / "values.yaml")],
    )


def test_templated_value_is_reported_at_its_expression(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    found = lint(chart)
    line = line_of(chart, "templates/daemonset.yaml", "hostNetwork:")
    column = (chart / "templates/daemonset.yaml").read_text().splitlines()[line - 1].index("{{")
    assert f"agent/templates/daemonset.yaml:{line}:{column + 1} host-network" in found


def test_value_from_values_file_is_reported_in_the_values_file(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    found = lint(chart)
    line = line_of(chart, "values.yaml", "privileged: true")
    assert f"agent/values.yaml:{line}:3 privileged-container" in found


def test_user_values_file_wins_over_values_yaml(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    override = tmp_path / "prod.yaml"
    override.write_text("securityContext:\n  privileged: true\n  readOnlyRootFilesystem: false\n")
    found = lint(chart, RenderOptions(values=(str(override),)))
    assert "prod.yaml:2:3 privileged-container" in found


def test_set_overrides_values_and_the_finding_stays_on_the_template(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    found = lint(chart, RenderOptions(set=("securityContext.privileged=false",)))
    assert not [f for f in found if f.endswith("privileged-container")]
    found = lint(chart, RenderOptions(set=("hostNetwork=false",)))
    assert not [f for f in found if f.endswith(" host-network")]


def test_value_written_in_a_helper_is_reported_in_the_helper(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    found = lint(chart)
    line = line_of(chart, "templates/_helpers.tpl", "hostPort: 22")
    # hostPort sits in the container only through the include: an unknown field there.
    assert any(f.startswith(f"agent/templates/_helpers.tpl:{line}:") for f in found), found


def test_vendored_subchart_renders_and_maps_to_its_own_files(tmp_path: Path) -> None:
    chart = write_chart(tmp_path, name="parent")
    sub = write_chart(chart / "charts", name="agent")
    (chart / "Chart.yaml").write_text(
        CHART_YAML.replace("name: agent", "name: parent")
        + "dependencies:\n  - name: agent\n    version: 0.1.0\n"
    )
    (chart / "values.yaml").write_text("agent:\n  hostNetwork: false\n" + VALUES_YAML)
    found = lint(chart)
    helper = line_of(sub, "templates/_helpers.tpl", "hostPort")
    assert f"parent/charts/agent/templates/_helpers.tpl:{helper}:1 unknown-field" in found
    assert f"parent/templates/_helpers.tpl:{helper}:1 unknown-field" in found
    # The parent's values set the subchart's hostNetwork: false, so only the parent's DS has it.
    host_network = [f for f in found if f.endswith(" host-network")]
    line = line_of(chart, "templates/daemonset.yaml", "hostNetwork")
    assert host_network == [f"parent/templates/daemonset.yaml:{line}:20 host-network"]
    privileged = line_of(sub, "values.yaml", "privileged: true")
    assert f"parent/charts/agent/values.yaml:{privileged}:3 privileged-container" in found


def test_missing_dependency_that_is_enabled_is_an_error_naming_it(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    (chart / "Chart.yaml").write_text(
        CHART_YAML + "dependencies:\n  - name: cache\n    version: 1.x\n"
        "    repository: https://charts.example\n    condition: cache.enabled\n"
        "  - name: extra\n    version: 2.x\n    condition: extra.enabled\n"
        "  - name: tagged\n    version: 3.x\n    tags: [optional]\n"
    )
    (chart / "values.yaml").write_text(
        VALUES_YAML
        + "cache:\n  enabled: true\nextra:\n  enabled: false\ntags:\n  optional: false\n"
    )
    config = Config()
    results = list(render_paths(Linter(config), [str(chart)]))
    messages = [d.message for r in results for d in r.reported if d.name == "render-failed"]
    assert len(messages) == 1
    assert "'cache'" in messages[0] and "helm dependency build" in messages[0]
    # The rest of the chart is still linted.
    assert any(d.name == "host-network" for r in results for d in r.reported)


def test_required_value_is_a_finding_with_helms_message_and_others_still_lint(
    tmp_path: Path,
) -> None:
    broken = write_chart(tmp_path, name="broken")
    template = broken / "templates/daemonset.yaml"
    template.write_text(
        template.read_text().replace(
            '"{{ .Values.image.repository }}',
            '"{{ required "set image.missing" .Values.image.missing }}',
        )
    )
    good = write_chart(tmp_path, name="good")
    results = list(render_paths(Linter(Config()), [str(broken), str(good)]))
    failures = [d for r in results for d in r.reported if d.name == "render-failed"]
    assert len(failures) == 1
    assert failures[0].file == str(template)
    assert failures[0].line == line_of(broken, "templates/daemonset.yaml", "required")
    assert "set image.missing" in failures[0].message
    assert any(d.file.startswith(str(good)) for r in results for d in r.reported)


def test_cli_flags_and_rendered_excerpt(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    values = tmp_path / "v.yaml"
    values.write_text("hostNetwork: true\n")
    result = dslint(
        "lint",
        str(chart),
        "--values",
        str(values),
        "--set",
        "image.tag=2.0",
        "--release-name",
        "night",
        "--namespace",
        "ops",
        "--format",
        "text",
        "--no-color",
    )
    assert "templates/daemonset.yaml" in result.stdout
    assert "= rendered agent/templates/daemonset.yaml:" in result.stdout
    assert "hostNetwork: true" in result.stdout
    json_run = dslint(
        "lint", str(chart), "--set", "hostNetwork=false", "--release-name", "night", "-f", "json"
    )
    report = json.loads(json_run.stdout)
    assert not [d for d in report["findings"] if d["name"] == "host-network"]
    assert {d["object"] for d in report["findings"]} == {"night-agent"}


def test_config_charts_settings_apply_per_chart(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    config = tmp_path / ".dslint.yaml"
    config.write_text(
        textwrap.dedent(
            """\
            charts:
              agent:
                set: [hostNetwork=false]
            """
        )
    )
    result = dslint("lint", str(chart), "--config", str(config), "--format", "json")
    names = [d["name"] for d in json.loads(result.stdout)["findings"]]
    assert "host-network" not in names
    assert "privileged-container" in names


def test_template_met_in_a_folder_walk_is_not_read_as_yaml(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    result = dslint("lint", str(chart / "templates"), "--format", "text", "--no-color")
    assert "invalid-yaml" not in result.stdout
    assert "1 Helm template not read as YAML" in result.stdout
    assert result.returncode == 0
    as_json = dslint("lint", str(chart / "templates"), "--format", "json")
    summary = json.loads(as_json.stdout)["summary"]
    assert (summary["helm_templates"], summary["daemonsets"]) == (1, 0)


def test_packaged_chart_and_packaged_subchart_map_into_their_archives(tmp_path: Path) -> None:
    chart = write_chart(tmp_path / "src")
    archive = tmp_path / "agent-0.1.0.tgz"
    with tarfile.open(archive, "w:gz") as bundle:
        bundle.add(chart, arcname="agent")
    privileged = line_of(chart, "values.yaml", "privileged: true")
    assert f"agent-0.1.0.tgz/agent/values.yaml:{privileged}:3 privileged-container" in lint(archive)
    parent = write_chart(tmp_path, name="parent")
    (parent / "charts").mkdir()
    (parent / "Chart.yaml").write_text(
        CHART_YAML.replace("name: agent", "name: parent")
        + "dependencies:\n  - name: agent\n    version: 0.1.0\n"
    )
    (parent / "charts" / archive.name).write_bytes(archive.read_bytes())
    found = lint(parent)
    assert (
        f"parent/charts/agent-0.1.0.tgz/agent/values.yaml:{privileged}:3 privileged-container"
        in found
    )


def test_unusable_values_stop_the_render_with_a_finding_on_the_values(tmp_path: Path) -> None:
    chart = write_chart(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("securityContext: [\n")
    found = lint(chart, RenderOptions(values=(str(broken),)))
    assert found == ["broken.yaml:1:19 render-failed"]
    missing = lint(chart, RenderOptions(values=(str(tmp_path / "missing.yaml"),)))
    assert missing == ["missing.yaml:1:1 render-failed"]
    bad_set = lint(chart, RenderOptions(set=("image.tag",)))
    assert bad_set == ["agent/Chart.yaml:1:1 render-failed"]
