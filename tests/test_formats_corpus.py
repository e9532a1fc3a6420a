"""One run over the real-world corpus: SARIF, JUnit and Code Quality report the same findings."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

from dslint.config import Config
from dslint.engine import Linter
from dslint.formats import get_renderer
from dslint.report import Report
from tests.helpers import REAL_WORLD

pytestmark = pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="real-world corpus not present")


def _render(report: Report, name: str) -> str:
    out = io.StringIO()
    get_renderer(name)(report, out)
    return out.getvalue()


def test_sarif_junit_and_code_quality_count_the_same_findings() -> None:
    linter = Linter(Config())
    report = Report(list(linter.lint_paths([str(REAL_WORLD)])), linter.rules)
    expected = len(report.diagnostics)
    assert expected > 0

    sarif = json.loads(_render(report, "sarif"))
    assert len(sarif["runs"][0]["results"]) == expected

    issues = json.loads(_render(report, "gitlab"))
    assert len(issues) == expected
    assert len({issue["fingerprint"] for issue in issues}) == expected

    junit = ET.fromstring(_render(report, "junit").encode("utf-8"))
    failures = list(junit.iter("failure"))
    listed = sum(len((failure.text or "").splitlines()) for failure in failures)
    assert listed == expected
    assert int(junit.get("failures", "-1")) == len(failures)
    daemonsets_times_rules = report.daemonsets * sum(1 for r in linter.rules if r.check)
    assert int(junit.get("tests", "0")) >= daemonsets_times_rules
