"""The command line as users and scripts run it: exit codes, formats, stdin, config, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

GOOD = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ok}
spec:
  template:
    spec:
      containers:
        - name: a
          image: app:1.0
"""
WARN_ONLY = GOOD.replace("app:1.0", "app:latest")


def dslint(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "dslint", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def only_rule_config(tmp_path: Path, *codes: str) -> Path:
    config = tmp_path / ".dslint.yaml"
    config.write_text("select: [" + ", ".join(codes) + "]\n")
    return config


def test_version() -> None:
    result = dslint("--version")
    assert result.returncode == 0 and result.stdout.startswith("dslint ")


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(WARN_ONLY)
    only_rule_config(tmp_path, "DS201")
    assert dslint("lint", "ds.yaml", cwd=tmp_path).returncode == 0
    assert dslint("lint", "ds.yaml", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    assert dslint("lint", "ds.yaml", "--fail-on", "never", cwd=tmp_path).returncode == 0
    exit_zero = dslint("lint", "ds.yaml", "--fail-on", "warning", "--exit-zero", cwd=tmp_path)
    assert exit_zero.returncode == 0


def test_error_findings_exit_1_and_name_file_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: DaemonSet\nmetadata: {name: [\n")
    result = dslint("lint", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:2:" in result.stdout and "invalid-yaml" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "missing.yaml"],
        ["lint", "--format", "xml", "."],
        ["lint", "--select", "DS999", "."],
        ["lint", "--fail-on", "sometimes", "."],
        ["lint", "--kubernetes-version", "latest", "."],
    ],
)
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: list[str]) -> None:
    result = dslint(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout


def test_invalid_config_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    (tmp_path / ".dslint.yaml").write_text("selekt: [DS201]\n")
    result = dslint("lint", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert ".dslint.yaml" in result.stderr and "selekt" in result.stderr


def test_unreadable_path_still_reports_other_files(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(WARN_ONLY)
    only_rule_config(tmp_path, "DS201")
    result = dslint("lint", "ds.yaml", "nope.yaml", "-f", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr
    report = json.loads(result.stdout)
    assert [f["code"] for f in report["findings"]] == ["DS201"]


def test_stdin_uses_stdin_filename_for_messages_and_excludes(tmp_path: Path) -> None:
    (tmp_path / ".dslint.yaml").write_text("select: [DS201]\nexclude: ['vendor/**']\n")
    result = dslint(
        "lint",
        "-",
        "--stdin-filename",
        "deploy/ds.yaml",
        "-f",
        "concise",
        stdin=WARN_ONLY,
        cwd=tmp_path,
    )
    assert result.stdout.startswith("deploy/ds.yaml:9:18: warning:")
    excluded = dslint(
        "lint",
        "-",
        "--stdin-filename",
        "vendor/ds.yaml",
        "-f",
        "concise",
        stdin=WARN_ONLY,
        cwd=tmp_path,
    )
    assert excluded.returncode == 0 and excluded.stdout == ""


def test_json_format_is_documented_shape(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(WARN_ONLY)
    only_rule_config(tmp_path, "DS201")
    report = json.loads(dslint("lint", ".", "-f", "json", cwd=tmp_path).stdout)
    assert report["schema"] == "dslint-json/1"
    assert report["summary"]["daemonsets"] == 1
    (finding,) = report["findings"]
    assert finding["file"] == "ds.yaml"
    assert (finding["line"], finding["column"]) == (9, 18)
    assert finding["pointer"] == "/spec/template/spec/containers/0/image"
    assert set(finding) >= {"code", "name", "level", "message", "end_line", "end_column"}


def test_text_format_has_excerpt_caret_and_summary(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(WARN_ONLY)
    only_rule_config(tmp_path, "DS201")
    out = dslint("lint", ".", cwd=tmp_path).stdout.splitlines()
    assert out[0].startswith("ds.yaml:9:18: warning DS201 [latest-image-tag]")
    assert out[1].endswith("image: app:latest")
    assert out[2].index("^") == out[1].index("app:latest")
    assert out[-1].startswith("1 file, 1 DaemonSet: 1 finding")
    assert "\033[" not in "\n".join(out)


def test_force_color_colours_text(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(WARN_ONLY)
    only_rule_config(tmp_path, "DS201")
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "."],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert "\033[" in result.stdout


def test_output_file_and_statistics(tmp_path: Path) -> None:
    (tmp_path / "ds.yaml").write_text(WARN_ONLY)
    only_rule_config(tmp_path, "DS201")
    result = dslint("lint", ".", "-o", "report.txt", "--statistics", cwd=tmp_path)
    assert result.stdout == ""
    written = (tmp_path / "report.txt").read_text()
    assert "     1  DS201  latest-image-tag" in written


def test_folder_walk_skips_hidden_and_non_manifests(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "ds.yaml").write_text(WARN_ONLY)
    (tmp_path / "notes.txt").write_text(WARN_ONLY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ds.yml").write_text(WARN_ONLY)
    (tmp_path / "sub" / "ds.json").write_text(json.dumps({"kind": "ConfigMap"}))
    only_rule_config(tmp_path, "DS201")
    report = json.loads(dslint("lint", "-f", "json", cwd=tmp_path).stdout)
    assert report["summary"]["files"] == 2
    assert [f["file"] for f in report["findings"]] == ["sub/ds.yml"]
    assert report["summary"]["skipped_objects"] == 1


def test_rules_and_rule_commands() -> None:
    listing = dslint("rules")
    assert (
        listing.returncode == 0
        and "DS201" in listing.stdout
        and "latest-image-tag" in listing.stdout
    )
    rows = json.loads(dslint("rules", "--format", "json").stdout)
    assert {"code", "name", "level", "enabled", "fix"} <= set(rows[0])
    doc = dslint("rule", "latest-image-tag")
    assert doc.returncode == 0 and "## Why is this bad?" in doc.stdout
    assert dslint("rule", "DS201").stdout == doc.stdout
    assert dslint("rule", "no-such-rule").returncode == 2


def test_examples_are_linted() -> None:
    result = dslint("lint", str(EXAMPLES), "-f", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    by_file: dict[str, int] = {}
    for finding in report["findings"]:
        if finding["level"] != "info":
            by_file[Path(finding["file"]).name] = by_file.get(Path(finding["file"]).name, 0) + 1
    assert "good-node-exporter.yaml" not in by_file
    assert by_file.get("bad-log-agent.yaml", 0) >= 1


def test_size_limits_can_be_raised_for_large_rendered_streams(tmp_path: Path) -> None:
    big = WARN_ONLY + "#" + "x" * (5 * 1024 * 1024) + "\n"
    (tmp_path / "big.yaml").write_text(big)
    only_rule_config(tmp_path, "DS201", "DS004")
    refused = dslint("lint", "big.yaml", "-f", "concise", cwd=tmp_path)
    assert "input-limit-exceeded" in refused.stdout and "--max-file-size" in refused.stdout
    accepted = dslint("lint", "big.yaml", "-f", "concise", "--max-file-size", "8", cwd=tmp_path)
    assert "input-limit-exceeded" not in accepted.stdout
    assert "latest-image-tag" in accepted.stdout


def test_daemonset_limit_can_be_raised(tmp_path: Path) -> None:
    stream = "---\n".join(WARN_ONLY.replace("name: ok", f"name: ds-{i}") for i in range(5))
    (tmp_path / "s.yaml").write_text(stream)
    (tmp_path / ".dslint.yaml").write_text("select: [DS201, DS004]\nmax-daemonsets-per-file: 3\n")
    capped = json.loads(dslint("lint", "s.yaml", "-f", "json", cwd=tmp_path).stdout)
    assert [f["code"] for f in capped["findings"]] == ["DS201"] * 3 + ["DS004"]
    raised = dslint("lint", "s.yaml", "-f", "json", "--max-daemonsets-per-file", "10", cwd=tmp_path)
    assert [f["code"] for f in json.loads(raised.stdout)["findings"]] == ["DS201"] * 5
