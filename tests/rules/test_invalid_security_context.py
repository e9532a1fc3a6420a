from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-security-context"


def test_flags_privileged_without_escalation() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            securityContext:
              privileged: true
              allowPrivilegeEscalation: false
              capabilities: {add: [CAP_SYS_ADMIN, SYS_ADMIN]}
        """)
    assert findings(text, RULE) == [
        "17:39 invalid-security-context",
        "17:39 invalid-security-context",
    ]
    found = sorted(messages(text, RULE), reverse=True)
    assert found[0] == (
        'container "agent" security context is invalid; '
        "spec.template.spec.containers[0].securityContext: Invalid value: ...: "
        "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"
    )
    assert found[1].endswith(
        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"
    )


def test_sys_admin_without_prefix_is_accepted() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {add: [SYS_ADMIN]}
        """)
    assert findings(text, RULE) == []


def test_flags_id_ranges() -> None:
    text = daemonset("""\
        securityContext:
          runAsUser: -1
          fsGroup: 2147483648
          supplementalGroups: [1000, -5]
        containers:
          - name: agent
            image: a:1
            securityContext: {runAsGroup: 4294967296}
        """)
    assert findings(text, RULE) == [
        "13:20 invalid-security-context",
        "14:18 invalid-security-context",
        "15:36 invalid-security-context",
        "19:41 invalid-security-context",
    ]
    found = messages(text, RULE)
    assert found[0] == (
        "the pod security context is invalid; spec.template.spec.securityContext.runAsUser: "
        "Invalid value: -1: must be between 0 and 2147483647, inclusive"
    )
    assert "supplementalGroups[1]: Invalid value: -5" in found[2]


def test_flags_pod_level_values() -> None:
    text = daemonset("""\
        hostPID: true
        shareProcessNamespace: true
        hostNetwork: true
        hostUsers: false
        securityContext:
          fsGroupChangePolicy: always
          supplementalGroupsPolicy: Loose
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "12:16 invalid-security-context",
        "13:30 invalid-security-context",
        "14:20 invalid-security-context",
        "17:30 invalid-security-context",
        "18:35 invalid-security-context",
    ]
    found = messages(text, RULE)
    assert any(
        m.endswith(
            'fsGroupChangePolicy: Unsupported value: "always": '
            'supported values: "OnRootMismatch", "Always"'
        )
        for m in found
    )
    assert any(
        m.endswith(
            "shareProcessNamespace: Invalid value: true: "
            "ShareProcessNamespace and HostPID cannot both be enabled"
        )
        for m in found
    )
    assert any(
        m.endswith("securityContext.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false")
        for m in found
    )


def test_flags_proc_mount() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", securityContext: {procMount: Unmasked}}
          - {name: b, image: "a:1", securityContext: {procMount: masked}}
        """)
    assert findings(text, RULE) == [
        "13:64 invalid-security-context",
        "14:64 invalid-security-context",
    ]
    found = messages(text, RULE)
    assert found[0].endswith("procMount: Forbidden: `hostUsers` must be false to use `Unmasked`")
    assert found[1].endswith(
        'procMount: Unsupported value: "masked": supported values: "Default", "Unmasked"'
    )


def test_unmasked_with_host_users_false_passes() -> None:
    text = daemonset("""\
        hostUsers: false
        containers:
          - {name: a, image: "a:1", securityContext: {procMount: Unmasked}}
        """)
    assert findings(text, RULE) == []
    assert findings(text, "unknown-field") == []


def test_flags_seccomp_profiles() -> None:
    text = daemonset("""\
        securityContext:
          seccompProfile: {localhostProfile: a.json}
        containers:
          - name: a
            image: a:1
            securityContext:
              seccompProfile: {type: Localhost}
          - name: b
            image: a:1
            securityContext:
              seccompProfile: {type: RuntimeDefault, localhostProfile: a.json}
          - name: c
            image: a:1
            securityContext:
              seccompProfile: {type: Localhost, localhostProfile: /etc/x/../a.json}
          - name: d
            image: a:1
            securityContext:
              seccompProfile: {type: runtime/default}
        """)
    assert findings(text, RULE) == [
        "13:9 invalid-security-context",
        "18:13 invalid-security-context",
        "22:70 invalid-security-context",
        "26:65 invalid-security-context",
        "26:65 invalid-security-context",
        "30:36 invalid-security-context",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        "seccompProfile.type: Required value: type is required when seccompProfile is set"
    )
    assert found[1].endswith(
        "containers[0].securityContext.seccompProfile.localhostProfile: Required value: "
        "must be set when seccomp type is Localhost"
    )
    assert found[2].endswith("can only be set when seccomp type is Localhost")
    assert "must be a relative path" in found[3]
    assert "must not contain '..'" in found[4]
    assert 'Unsupported value: "runtime/default"' in found[5]


def test_flags_app_armor_profiles() -> None:
    text = daemonset("""\
        securityContext:
          appArmorProfile: {type: Localhost}
        containers:
          - name: a
            image: a:1
            securityContext:
              appArmorProfile: {type: Localhost, localhostProfile: " k8s-agent"}
          - name: b
            image: a:1
            securityContext:
              appArmorProfile: {type: Unconfined, localhostProfile: k8s-agent}
          - name: c
            image: a:1
            securityContext:
              appArmorProfile: {localhostProfile: k8s-agent}
        """)
    assert findings(text, RULE) == [
        "13:9 invalid-security-context",
        "18:66 invalid-security-context",
        "22:67 invalid-security-context",
        "26:13 invalid-security-context",
    ]
    found = messages(text, RULE)
    assert found[0].endswith("must be set when AppArmor type is Localhost")
    assert found[1].endswith('Invalid value: " k8s-agent": must not be padded with whitespace')
    assert found[2].endswith("can only be set when AppArmor type is Localhost")
    assert found[3].endswith("containers[2].securityContext.appArmorProfile.type: Required value")


def test_flags_windows_host_process() -> None:
    text = daemonset("""\
        securityContext:
          windowsOptions: {hostProcess: true}
        containers:
          - name: a
            image: a:1
          - name: b
            image: a:1
            securityContext:
              windowsOptions: {hostProcess: false}
        """)
    assert findings(text, RULE) == [
        "11:5 invalid-security-context",
        "11:5 invalid-security-context",
        "20:43 invalid-security-context",
    ]
    found = messages(text, RULE)
    assert found[2].endswith(
        "containers[1].securityContext.windowsOptions.hostProcess: Invalid value: false: "
        "pod hostProcess value must be identical if both are specified, was true"
    )
    assert found[0].endswith(
        'spec.template.spec: Invalid value: "": If pod contains any hostProcess containers '
        "then all containers must be HostProcess containers"
    )
    assert found[1].endswith(
        "spec.template.spec.hostNetwork: Invalid value: false: "
        "hostNetwork must be true if pod contains any hostProcess containers"
    )


def test_valid_contexts_pass() -> None:
    text = daemonset("""\
        hostNetwork: true
        securityContext:
          runAsUser: 0
          fsGroup: 2147483647
          fsGroupChangePolicy: OnRootMismatch
          seccompProfile: {type: RuntimeDefault}
          windowsOptions: {hostProcess: true}
        containers:
          - name: a
            image: a:1
            securityContext:
              privileged: true
              allowPrivilegeEscalation: true
              appArmorProfile: {type: Localhost, localhostProfile: k8s-agent}
              seccompProfile: {type: Localhost, localhostProfile: profiles/a.json}
              procMount: Default
              windowsOptions: {hostProcess: true}
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        securityContext: {supplementalGroups: 5, seccompProfile: 3, windowsOptions: []}
        containers:
          - {name: a, image: "a:1", securityContext: 5}
          - name: b
            image: a:1
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {add: CAP_SYS_ADMIN}
              runAsUser: "-1"
              appArmorProfile: {type: 5}
              windowsOptions: {hostProcess: "yes"}
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("securityContext: [1]\ncontainers: 5\n"), RULE) == []
