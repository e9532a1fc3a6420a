"""The real-world corpus: no crash anywhere, and errors only where Kubernetes rejects the manifest.

Reads `../shared/corpus/real-world` (139 DaemonSets from well-known projects) and is skipped when
it is absent. The manifests of the top folder are deployable as written except the ones named
below, each with the reason the API server (Kubernetes 1.37) refuses it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from dslint.engine import Linter
from dslint.results import FileResult
from tests.helpers import REAL_WORLD

pytestmark = pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="shared corpus not available")

REMOVED_API = "DaemonSet under an API group removed in Kubernetes 1.16 (use apps/v1)"
NO_SELECTOR = "apps/v1 DaemonSet without spec.selector"
REJECTED: dict[str, str] = {
    "digitalocean__csi-digitalocean__v0.1.0-csi-doplugin.yaml": REMOVED_API,
    "digitalocean__csi-digitalocean__v1.1.2-csi-do-node.yaml": REMOVED_API,
    "elastic__beats__filebeat-daemonset-6.0-beta1.yaml": REMOVED_API,
    "flannel-io__flannel__minikube.yaml": REMOVED_API,
    "kubernetes-retired__contrib__keepalived-vip-daemonset.yaml": REMOVED_API,
    "kubernetes-retired__contrib__micro-demos-daemon.yaml": REMOVED_API,
    "kubernetes-retired__contrib__nginx-ingress-as-daemonset.yaml": REMOVED_API,
    "kubernetes-retired__contrib__startup-script.yaml": REMOVED_API,
    "kubernetes__examples__flexvolume-deploy-ds.yaml": REMOVED_API,
    "kubernetes__examples__newrelic-infra-daemonset.yaml": REMOVED_API,
    "kubernetes__kubernetes__addons-metadata-proxy-gce.yaml": REMOVED_API,
    "kubernetes__kubernetes__addons-npd.yaml": REMOVED_API,
    "openebs__openebs__openebs-operator-ndm-2019.yaml": REMOVED_API,
    "projectcalico__calico__pod2daemon-nodeagent.yaml": NO_SELECTOR,
    "weaveworks__scope__cri-ds.yaml": NO_SELECTOR,
    "hetznercloud__csi-driver__chart-snapshot-full.yaml": (
        "probe fields (initialDelaySeconds, periodSeconds) nested under exec are unknown "
        "fields in strict decoding; an init container and a container share a name"
    ),
}


@pytest.fixture(scope="module")
def corpus_results() -> list[FileResult]:
    return list(Linter().lint_paths([str(REAL_WORLD)]))


def test_every_file_is_linted_without_crash(corpus_results: list[FileResult]) -> None:
    files = sorted(str(p) for p in REAL_WORLD.rglob("*.yaml"))
    assert sorted(r.file for r in corpus_results) == files
    assert len(files) >= 130
    internal = [
        f"{d.file}:{d.line}: {d.message}"
        for r in corpus_results
        for d in r.diagnostics
        if d.name == "internal-error"
    ]
    assert internal == []
    assert all(r.error is None for r in corpus_results)


def test_errors_fall_only_on_manifests_kubernetes_rejects(
    corpus_results: list[FileResult],
) -> None:
    errors: dict[str, list[str]] = defaultdict(list)
    for result in corpus_results:
        path = Path(result.file)
        if path.parent != REAL_WORLD:
            continue  # templated/, partial/ and list-wrapped/ hold unrendered or partial input
        for d in result.diagnostics:
            if d.level == "error" and d.suppressed is None:
                errors[path.name].append(f"{d.line}:{d.column} {d.name}: {d.message}")
    unexpected = {name: found for name, found in errors.items() if name not in REJECTED}
    assert unexpected == {}
    assert sorted(errors) == sorted(REJECTED), "every rejected manifest is reported"


def test_list_wrapped_daemonsets_are_found(corpus_results: list[FileResult]) -> None:
    wrapped = [r for r in corpus_results if Path(r.file).parent.name == "list-wrapped"]
    assert wrapped and all(r.daemonsets >= 1 for r in wrapped)
