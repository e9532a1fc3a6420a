"""Role inference on real manifests, and rules graded by the role they infer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dslint.api import Manifest
from dslint.roles import infer_role, role_of
from tests.helpers import REAL_WORLD, lint
from tests.rules.pod_template import daemonset

# One real manifest per role, and evidence the inference must cite for it.
CORPUS_ROLES = [
    ("flannel-io__flannel__kube-flannel.yaml", "cni-plugin", "hostPath /opt/cni/bin"),
    ("antrea-io__antrea__antrea-agent-windows.yaml", "cni-plugin", "Windows HostProcess pod"),
    (
        "kubernetes-sigs__aws-ebs-csi-driver__ebs-csi-node.yaml",
        "csi-node-plugin",
        "hostPath /var/lib/kubelet/plugins_registry/",
    ),
    (
        "kubernetes-sigs__aws-ebs-csi-driver__ebs-csi-node-windows.yaml",
        "csi-node-plugin",
        "hostPath C:\\var\\lib\\kubelet\\plugins_registry",
    ),
    ("projectcalico__calico__csi-node-driver.yaml", "csi-node-plugin", "named csi-node-driver"),
    ("openebs__openebs__openebs-operator-ndm-2021.yaml", "storage-agent", "hostPath /run/udev"),
    ("fluent__fluentd-kubernetes-daemonset__forward.yaml", "log-collector", "hostPath /var/log"),
    (
        "prometheus-operator__kube-prometheus__node-exporter.yaml",
        "metrics-exporter",
        "image quay.io/prometheus/node-exporter:v1.12.1",
    ),
    (
        "NVIDIA__k8s-device-plugin__static-nvidia-device-plugin.yaml",
        "device-plugin",
        "hostPath /var/lib/kubelet/device-plugins",
    ),
    ("kubernetes__kubernetes__addons-ip-masq-agent.yaml", "network-agent", "named ip-masq-agent"),
    ("metallb__metallb__metallb-native-speaker.yaml", "network-agent", "named speaker"),
    ("falcosecurity__deploy-kubernetes__falco.yaml", "security-agent", "hostPath /boot"),
    (
        "kubernetes__cloud-provider-openstack__openstack-cloud-controller-manager-ds.yaml",
        "cloud-controller-manager",
        "tolerates node.cloudprovider.kubernetes.io/uninitialized",
    ),
    (
        "GoogleCloudPlatform__container-engine-accelerators__nvidia-driver-installer-cos-preloaded.yaml",
        "node-installer",
        "init containers do the work; the main container waits",
    ),
    (
        "linkerd__linkerd2__cni-plugin-default-golden.yaml",
        "node-installer",
        "installs CNI files without the host network, privilege or network capabilities",
    ),
    ("kubereboot__kured__kured-ds.yaml", "none", None),
]


def _daemonset(name: str) -> Manifest:
    documents = [
        d for d in yaml.safe_load_all((REAL_WORLD / name).read_text(encoding="utf-8")) if d
    ]
    found = [d for d in documents if isinstance(d, dict) and d.get("kind") == "DaemonSet"]
    assert len(found) == 1, name
    return Manifest(found[0])


@pytest.mark.skipif(not REAL_WORLD.is_dir(), reason="shared corpus not available")
@pytest.mark.parametrize(("name", "role", "evidence"), CORPUS_ROLES, ids=lambda v: str(v)[:40])
def test_role_of_real_manifests(name: str, role: str, evidence: str | None) -> None:
    inferred = infer_role(_daemonset(name))
    assert inferred.name == role
    assert inferred.source == "inferred"
    if evidence is None:
        assert inferred.evidence == ()
    else:
        assert evidence in inferred.evidence


def test_role_is_computed_once_per_object() -> None:
    manifest = Manifest(yaml.safe_load(daemonset("containers: [{name: a, image: calico/node}]")))
    first = role_of(manifest)
    assert manifest.derived["role"] is first
    assert role_of(manifest) is first


def test_weak_evidence_is_no_role() -> None:
    # One hostPath of /var/log/journal is not enough to call a DaemonSet a log collector.
    text = daemonset(
        """\
        containers:
          - {name: app, image: registry.example.com/app:1.0}
        volumes:
          - {name: j, hostPath: {path: /var/log/journal}}
        """
    )
    assert infer_role(Manifest(yaml.safe_load(text))).name == "none"


def _levels(text: str, rule: str) -> list[tuple[str, str]]:
    return [(d.level, d.message) for d in lint(text, select=rule)]


CSI = """\
containers:
  - name: plugin
    image: registry.example.com/csi-driver:1.0
    securityContext: {privileged: true}
    resources: {requests: {cpu: 10m, memory: 20Mi}, limits: {memory: 50Mi}}
    volumeMounts:
      - {name: registration, mountPath: /registration}
      - {name: kubelet, mountPath: /var/lib/kubelet, mountPropagation: Bidirectional}
  - name: registrar
    image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.10.0
    args: ["--csi-address=/csi/csi.sock"]
volumes:
  - {name: registration, hostPath: {path: /var/lib/kubelet/plugins_registry, type: Directory}}
  - {name: kubelet, hostPath: {path: /var/lib/kubelet, type: Directory}}
"""


def test_privilege_is_expected_for_a_csi_node_plugin() -> None:
    assert _levels(daemonset(CSI), "privileged-container") == [
        (
            "info",
            'container "plugin" runs privileged; expected for a CSI node plugin: it formats and '
            "mounts devices and publishes mounts to pods",
        )
    ]


def test_the_csi_registrar_needs_no_readiness_probe() -> None:
    ((level, message),) = _levels(daemonset(CSI), "missing-readiness-probe")
    assert level == "info"
    assert message.endswith(
        "expected for a CSI node plugin: the kubelet tracks it through its registration socket"
    )


LOG_COLLECTOR = """\
hostPID: true
containers:
  - name: fluent-bit
    image: cr.fluentbit.io/fluent/fluent-bit:3.0.7
    securityContext: {privileged: true}
    volumeMounts:
      - {name: varlog, mountPath: /var/log, readOnly: true}
      - {name: varlib, mountPath: /var/lib}
volumes:
  - {name: varlog, hostPath: {path: /var/log}}
  - {name: varlib, hostPath: {path: /var/lib}}
"""


def test_a_log_collector_keeps_warnings_for_what_it_does_not_need() -> None:
    text = daemonset(LOG_COLLECTOR)
    assert infer_role(Manifest(yaml.safe_load(text))).name == "log-collector"
    assert [level for level, _ in _levels(text, "host-pid")] == ["warning"]
    assert [level for level, _ in _levels(text, "privileged-container")] == ["warning"]
    # Read-only /var/log is what a collector is for; writable /var/lib is not.
    host_paths = _levels(text, "sensitive-host-path")
    assert [level for level, message in host_paths if '"/var/lib"' in message] == ["warning"]
    assert not [m for level, m in host_paths if '"/var/log"' in m and level == "warning"]


def test_an_exporter_keeps_its_privilege_warning_but_may_share_host_pid() -> None:
    text = daemonset(
        """\
        hostPID: true
        containers:
          - name: node-exporter
            image: quay.io/prometheus/node-exporter:v1.8.2
            securityContext: {privileged: true}
        """
    )
    assert [level for level, _ in _levels(text, "privileged-container")] == ["warning"]
    assert _levels(text, "host-pid") == [
        (
            "info",
            "the pod shares the node's process namespace (hostPID: true); expected for a metrics "
            "exporter: it reports on the node's processes",
        )
    ]


def test_a_comment_that_explains_the_setting_makes_it_info() -> None:
    text = daemonset(
        """\
        # Fast restarts: the agent holds no state and must give the port back at once.
        terminationGracePeriodSeconds: 0
        containers: [{name: a, image: registry.example.com/a:1.0}]
        """
    )
    ((level, message),) = _levels(text, "termination-grace-period-zero")
    assert level == "info"
    assert message.endswith(
        "(a deliberate choice, the manifest says: Fast restarts: the agent holds no state and "
        "must give the port back at once.)"
    )


@pytest.mark.parametrize(
    "comment",
    [
        "# TODO: set a grace period",
        "# terminationGracePeriodSeconds: 30",
        "# https://kubernetes.io/docs/concepts/workloads/pods/",
        "# dslint: enable=DS3",
    ],
)
def test_comments_that_explain_nothing_leave_the_warning(comment: str) -> None:
    text = daemonset(
        f"""\
        {comment}
        terminationGracePeriodSeconds: 0
        containers: [{{name: a, image: registry.example.com/a:1.0}}]
        """
    )
    assert [level for level, _ in _levels(text, "termination-grace-period-zero")] == ["warning"]


def test_a_comment_inside_a_string_is_not_an_explanation() -> None:
    text = daemonset(
        """\
        terminationGracePeriodSeconds: 0
        containers:
          - name: a
            image: registry.example.com/a:1.0
            command: ["sh", "-c", "# we want fast restarts"]
        """
    ).replace("terminationGracePeriodSeconds: 0", 'terminationGracePeriodSeconds: 0\n      x: "#a"')
    assert [level for level, _ in _levels(text, "termination-grace-period-zero")] == ["warning"]


def test_a_level_set_in_the_config_is_not_lowered_by_a_comment() -> None:
    text = daemonset(
        """\
        terminationGracePeriodSeconds: 0  # the agent holds no state
        containers: [{name: a, image: registry.example.com/a:1.0}]
        """
    )
    config = {
        "select": ["termination-grace-period-zero"],
        "rules": {"termination-grace-period-zero": {"level": "warning"}},
    }
    assert [d.level for d in lint(text, config=config)] == ["warning"]


# --- configured roles and how outputs report roles ------------------------------------------------

KURED = daemonset(
    """\
    hostPID: true
    containers:
      - name: kured
        image: ghcr.io/kubereboot/kured:1.15.0
        securityContext: {privileged: true}
    """
).replace("name: agent\n", "name: kured\n  namespace: kube-system\n", 1)


def _role_levels(config: dict[str, object], filename: str = "deploy/kured.yaml") -> list[str]:
    from dslint.config import parse_config
    from dslint.engine import Linter

    linter = Linter(parse_config({"select": ["host-pid"], **config}))
    result = linter.lint_text(KURED, filename)
    return [d.level for d in result.diagnostics] + [r.role for r in result.roles]


def test_a_configured_role_wins_over_inference() -> None:
    assert _role_levels({}) == ["warning", "none"]
    by_object = {"roles": {"kube-system/kured": "security-agent"}}
    assert _role_levels(by_object) == ["info", "security-agent"]
    assert _role_levels({"roles": {"kured": "node-installer"}}) == ["info", "node-installer"]
    by_path = {"roles": {"deploy/*.yaml": "security-agent"}}
    assert _role_levels(by_path) == ["info", "security-agent"]
    assert _role_levels(by_path, "other/kured.yaml") == ["warning", "none"]


def test_configuring_none_removes_the_leniency() -> None:
    text = daemonset(CSI)
    from dslint.config import parse_config
    from dslint.engine import Linter

    config = parse_config({"select": ["missing-readiness-probe"], "roles": {"agent": "none"}})
    result = Linter(config).lint_text(text, "csi.yaml")
    assert [d.level for d in result.diagnostics] == ["warning"]
    assert result.roles[0].source == "configured"


def test_json_sarif_and_statistics_report_roles(tmp_path: Path) -> None:
    (tmp_path / "csi.yaml").write_text(daemonset(CSI))
    (tmp_path / ".dslint.yaml").write_text("roles: {other: cni-plugin}\n")
    json_out = _cli(tmp_path, "-f", "json")
    (obj,) = json.loads(json_out)["objects"]
    assert obj["file"] == "csi.yaml"
    assert (obj["object"], obj["role"], obj["source"]) == ("agent", "csi-node-plugin", "inferred")
    assert "hostPath /var/lib/kubelet/plugins_registry" in obj["evidence"]
    sarif = json.loads(_cli(tmp_path, "-f", "sarif"))["runs"][0]
    assert sarif["properties"]["objects"][0]["role"] == "csi-node-plugin"
    assert {r["properties"]["role"] for r in sarif["results"]} == {"csi-node-plugin"}
    text = _cli(tmp_path, "--statistics")
    assert (
        "DaemonSets by role (inferred from the manifest, or configured):\n     1  csi-node-plugin\n"
        in text
    )


def _cli(folder: Path, *args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", ".", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode in (0, 1), run.stderr
    return run.stdout
