from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "pod-security-violation"
BASELINE = {"pod-security": "baseline"}
RESTRICTED = {"pod-security": "restricted"}

# A pod that passes restricted, to which each test adds one thing.
COMPLIANT = """\
securityContext:
  runAsNonRoot: true
  seccompProfile: {type: RuntimeDefault}
containers:
  - name: agent
    image: a:1
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
"""


def details(text: str, config: dict[str, object]) -> list[str]:
    """The reason and detail of each finding, without the common wording around them.

    `securityContext.` is left out of the details so that expectations fit on a line.
    """
    return [
        m.split(": ", 1)[1].rsplit("; pods would", 1)[0].replace("securityContext.", "")
        for m in messages(text, RULE, config=config)
    ]


def test_no_level_means_no_findings() -> None:
    text = daemonset(
        "hostNetwork: true\ncontainers: [{name: a, securityContext: {privileged: true}}]"
    )
    assert findings(text, RULE) == []
    assert findings(text, RULE, config={"pod-security": "privileged"}) == []


def test_compliant_pod_passes_both_levels() -> None:
    assert findings(daemonset(COMPLIANT), RULE, config=RESTRICTED) == []
    assert findings(daemonset(COMPLIANT), RULE, config=BASELINE) == []


def test_baseline_host_namespaces_privileged_and_host_path() -> None:
    text = daemonset("""\
        hostNetwork: true
        hostPID: true
        containers:
          - name: agent
            image: a:1
            securityContext: {privileged: true}
            volumeMounts: [{name: logs, mountPath: /var/log}]
        volumes:
          - {name: logs, hostPath: {path: /var/log}}
        """)
    assert findings(text, RULE, config=BASELINE) == [
        "12:20 pod-security-violation",
        "13:16 pod-security-violation",
        "17:41 pod-security-violation",
        "20:24 pod-security-violation",
    ]
    assert levels(text, RULE, config=BASELINE) == ["error"] * 4
    assert messages(text, RULE, config=BASELINE)[0] == (
        'violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true); '
        "pods would be rejected in a namespace that enforces this level"
    )
    assert details(text, BASELINE)[2:] == [
        'privileged (container "agent" must not set privileged=true)',
        'hostPath volumes (volume "logs")',
    ]


def test_baseline_capabilities_are_exact_names() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            securityContext:
              capabilities: {add: [NET_BIND_SERVICE, CAP_CHOWN, SYS_ADMIN]}
        """)
    assert findings(text, RULE, config=BASELINE) == [
        "15:52 pod-security-violation",
        "15:63 pod-security-violation",
    ]
    assert details(text, BASELINE)[0] == (
        'non-default capabilities (container "agent" must not include "CAP_CHOWN" in '
        "capabilities.add)"
    )


def test_baseline_host_ports_include_host_network_defaults() -> None:
    text = daemonset("""\
        hostNetwork: true
        containers:
          - name: agent
            ports: [{containerPort: 9100}, {containerPort: 80, hostPort: 8080}]
        """)
    assert details(text, BASELINE) == [
        "host namespaces (hostNetwork=true)",
        'hostPort (container "agent" uses hostPort 9100)',
        'hostPort (container "agent" uses hostPort 8080)',
    ]


def test_baseline_apparmor_selinux_seccomp_proc_mount_sysctls_and_host_process() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/agent: unconfined
        container.apparmor.security.beta.kubernetes.io/other: localhost/agent
    spec:
      securityContext:
        seLinuxOptions: {type: spc_t, user: system_u}
        seccompProfile: {type: Unconfined}
        sysctls: [{name: net.core.somaxconn, value: "1"}, {name: kernel.shm_rmid_forced}]
        windowsOptions: {hostProcess: true}
        appArmorProfile: {type: Unconfined}
      containers:
        - name: agent
          securityContext: {procMount: Unmasked, seLinuxOptions: {role: sysadm_r}}
"""
    assert details(text, BASELINE) == [
        "forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/agent="
        '"unconfined")',
        'seLinuxOptions (pod set forbidden seLinuxOptions: type "spc_t")',
        "seLinuxOptions (pod set forbidden seLinuxOptions: user may not be set)",
        'seccompProfile (pod must not set seccompProfile.type to "Unconfined")',
        "forbidden sysctls (net.core.somaxconn)",
        "hostProcess (pod must not set windowsOptions.hostProcess=true)",
        'forbidden AppArmor profile (pod must not set appArmorProfile.type to "Unconfined")',
        'procMount (container "agent" must not set procMount to "Unmasked")',
        'seLinuxOptions (container "agent" set forbidden seLinuxOptions: role may not be set)',
    ]


def test_baseline_version_dependent_controls() -> None:
    text = daemonset("""\
        hostUsers: false
        securityContext:
          sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "60"}]
        containers:
          - name: agent
            securityContext: {procMount: Unmasked, seLinuxOptions: {type: container_engine_t}}
            livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}
        """)
    assert details(text, BASELINE) == [
        'probe or lifecycle host (container "agent" uses probe or lifecycle host "10.0.0.1")'
    ]
    old = {**BASELINE, "kubernetes-version": "1.28"}
    assert [d.split(" (")[0] for d in details(text, old)] == [
        "forbidden sysctls",
        "procMount",
        "seLinuxOptions",
    ]


def test_restricted_adds_its_controls_per_container() -> None:
    text = daemonset("""\
        securityContext: {runAsUser: 0}
        initContainers:
          - {name: init, image: a:1}
        containers:
          - name: agent
            image: a:1
            securityContext:
              runAsNonRoot: false
              allowPrivilegeEscalation: true
              seccompProfile: {type: Unconfined}
              capabilities: {drop: [NET_RAW], add: [NET_BIND_SERVICE, NET_ADMIN]}
        volumes:
          - {name: cache, emptyDir: {}}
          - {name: data, nfs: {server: x, path: /}}
        """)
    escalation = "allowPrivilegeEscalation != false"
    assert details(text, RESTRICTED) == [
        "runAsUser=0 (pod must not set runAsUser=0)",
        f'{escalation} (container "init" must set allowPrivilegeEscalation=false)',
        'runAsNonRoot != true (pod or container "init" must set runAsNonRoot=true)',
        'seccompProfile (pod or container "init" must set seccompProfile.type to '
        '"RuntimeDefault" or "Localhost")',
        'unrestricted capabilities (container "init" must set capabilities.drop=["ALL"])',
        'runAsNonRoot != true (container "agent" must not set runAsNonRoot=false)',
        f'{escalation} (container "agent" must set allowPrivilegeEscalation=false)',
        'seccompProfile (container "agent" must not set seccompProfile.type to "Unconfined")',
        'unrestricted capabilities (container "agent" must set capabilities.drop=["ALL"])',
        'unrestricted capabilities (container "agent" must not include "NET_ADMIN" in '
        "capabilities.add)",
        'restricted volume types (volume "data" uses restricted volume type "nfs")',
    ]


def test_restricted_reports_at_the_field_or_the_container() -> None:
    text = daemonset(
        COMPLIANT.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
    )
    assert findings(text, RULE, config=RESTRICTED) == ["19:39 pod-security-violation"]
    text = daemonset(COMPLIANT.replace("      allowPrivilegeEscalation: false\n", ""))
    assert findings(text, RULE, config=RESTRICTED) == ["18:11 pod-security-violation"]


def test_restricted_host_path_is_reported_by_both_controls() -> None:
    text = daemonset(COMPLIANT + "volumes: [{name: v, hostPath: {path: /var/log}}]\n")
    assert details(text, RESTRICTED) == [
        'hostPath volumes (volume "v")',
        'restricted volume types (volume "v" uses restricted volume type "hostPath")',
    ]


def test_windows_pods_are_exempt_from_linux_controls() -> None:
    text = daemonset("""\
        os: {name: windows}
        securityContext: {runAsNonRoot: true}
        containers: [{name: agent, image: a:1}]
        """)
    assert findings(text, RULE, config=RESTRICTED) == []


def test_user_namespaces_relax_run_as_root_controls() -> None:
    text = daemonset(COMPLIANT.replace("runAsNonRoot: true", "runAsUser: 0") + "hostUsers: false\n")
    assert findings(text, RULE, config=RESTRICTED) == []
    assert len(findings(text, RULE, config={**RESTRICTED, "kubernetes-version": "1.34"})) == 2


def test_cli_option_reaches_the_rule() -> None:
    from dslint.config import Config
    from dslint.engine import Linter

    config = Config(select=[RULE], pod_security="baseline")
    result = Linter(config).lint_text(daemonset("hostIPC: true\ncontainers: [{name: a}]"), "x.yaml")
    assert [d.name for d in result.diagnostics] == [RULE]


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {sysctls: 5, seLinuxOptions: x, seccompProfile: []}
        containers:
          - {name: a, securityContext: {capabilities: {add: [5], drop: ALL}}, ports: 5}
          - 7
        volumes: [5, {name: v}]
        """)
    assert levels(text, RULE, config=BASELINE) == []
    assert findings(daemonset("[]"), RULE, config=RESTRICTED) == []
    odd = "kind: DaemonSet\nspec: {template: {spec: {containers: {}}}}\n"
    assert findings(odd, RULE, config=RESTRICTED) == []
