from tests.helpers import findings, levels, messages

RULE = "deprecated-annotation"


def daemonset(annotations: str, top: str = "") -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
{top}spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
      annotations:
{annotations}    spec:
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_critical_pod_at_its_value() -> None:
    text = daemonset('        scheduler.alpha.kubernetes.io/critical-pod: ""\n')
    assert findings(text, RULE) == ["12:53 deprecated-annotation"]
    assert levels(text, RULE) == ["warning"]
    assert '"priorityClassName" field' in messages(text, RULE)[0]
    assert "non-functional in v1.16+" in messages(text, RULE)[0]


def test_flags_the_daemonset_own_annotations() -> None:
    top = '  annotations:\n    scheduler.alpha.kubernetes.io/critical-pod: ""\n'
    text = daemonset("        {}\n", top)
    assert findings(text, RULE) == ["6:49 deprecated-annotation"]
    assert messages(text, RULE)[0].startswith("DaemonSet annotation")


def test_seccomp_sysctl_and_alpha_scheduling_annotations() -> None:
    text = daemonset("""\
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
        container.seccomp.security.alpha.kubernetes.io/agent: runtime/default
        security.alpha.kubernetes.io/sysctls: net.ipv4.ip_forward=1
        scheduler.alpha.kubernetes.io/tolerations: "[]"
""")
    assert len(findings(text, RULE)) == 4
    assert set(levels(text, RULE)) == {"warning"}


def test_apparmor_is_advice() -> None:
    text = daemonset(
        "        container.apparmor.security.beta.kubernetes.io/agent: runtime/default\n"
    )
    assert levels(text, RULE) == ["info"]


def test_kubernetes_version_decides() -> None:
    text = daemonset("        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n")
    assert findings(text, RULE, config={"kubernetes-version": "1.26"}) == []
    assert len(findings(text, RULE, config={"kubernetes-version": "1.27"})) == 1
    critical = daemonset('        scheduler.alpha.kubernetes.io/critical-pod: ""\n')
    assert findings(critical, RULE, config={"kubernetes-version": "1.15"}) == []


def test_current_annotations_pass() -> None:
    text = daemonset(
        "        prometheus.io/scrape: 'true'\n"
        "        kubectl.kubernetes.io/default-container: agent\n"
    )
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("        - a\n"), RULE) == []
    assert findings(daemonset("        5: x\n        null: y\n"), RULE) == []
    assert findings("kind: DaemonSet\nmetadata: {name: x, annotations: 3}\n", RULE) == []


def test_fix_moves_a_profile_annotation_to_its_field() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        "        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n"
        "        container.apparmor.security.beta.kubernetes.io/agent: localhost/agent-profile\n"
        "        team: node\n"
    )
    assert fixed(text, RULE) == daemonset("        team: node\n").replace(
        '        - {name: agent, image: "example.com/agent:1.0"}\n',
        '        - {name: agent, image: "example.com/agent:1.0", securityContext: {appArmorProfile:'
        " {type: Localhost, localhostProfile: agent-profile}}}\n"
        "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
    )
    # No field replaces the critical-pod annotation one for one (a priority class is a choice).
    no_fix(daemonset("        scheduler.alpha.kubernetes.io/critical-pod: ''\n"), RULE)
