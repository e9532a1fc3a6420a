from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-pod-os"


def test_flags_unknown_and_missing_name() -> None:
    text = daemonset("""\
        os: {name: Linux}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:18 invalid-pod-os"]
    assert messages(text, RULE) == [
        'pod os "Linux" is unknown; spec.template.spec.os: Unsupported value: "Linux": '
        'supported values: "linux", "windows"'
    ]
    text = daemonset("""\
        os: {}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["12:7 invalid-pod-os"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.os.name: Required value: cannot be empty"
    )


def test_flags_linux_only_fields_on_windows() -> None:
    text = daemonset("""\
        os: {name: windows}
        hostPID: true
        shareProcessNamespace: false
        securityContext:
          runAsUser: 1000
          sysctls: []
          windowsOptions: {runAsUserName: ContainerUser}
        containers:
          - name: agent
            image: a:1
            securityContext:
              privileged: false
              capabilities: {drop: [ALL]}
        initContainers:
          - name: init
            image: a:1
            securityContext: {readOnlyRootFilesystem: true}
        """)
    assert findings(text, RULE) == [
        "13:16 invalid-pod-os",
        "14:30 invalid-pod-os",
        "16:20 invalid-pod-os",
        "23:25 invalid-pod-os",
        "24:13 invalid-pod-os",
        "28:53 invalid-pod-os",
    ]
    found = messages(text, RULE)
    assert found[0] == (
        'a pod with os "windows" may not set hostPID; '
        "spec.template.spec.securityContext.hostPID: Forbidden: cannot be set for a windows pod"
    )
    assert any(
        m.endswith(
            "containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod"
        )
        for m in found
    )


def test_flags_windows_options_on_linux() -> None:
    text = daemonset("""\
        os: {name: linux}
        securityContext:
          windowsOptions: {hostProcess: false}
        containers:
          - name: agent
            image: a:1
            securityContext:
              windowsOptions: {runAsUserName: x}
        """)
    assert findings(text, RULE) == ["14:9 invalid-pod-os", "19:13 invalid-pod-os"]
    assert messages(text, RULE)[1].endswith(
        "spec.template.spec.containers[0].securityContext.windowsOptions: Forbidden: "
        "windows options cannot be set for a linux pod"
    )


def test_valid_pods_pass() -> None:
    windows = daemonset("""\
        os: {name: windows}
        hostNetwork: true
        securityContext:
          windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(windows, RULE) == []
    linux = daemonset("""\
        os: {name: linux}
        securityContext: {runAsUser: 0, seccompProfile: {type: RuntimeDefault}}
        containers:
          - {name: a, image: "a:1", securityContext: {privileged: true}}
        """)
    assert findings(linux, RULE) == []
    # Without os.name nothing is forbidden.
    assert findings(daemonset("securityContext: {windowsOptions: {}}\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("os: windows\n"), RULE) == []
    assert findings(daemonset("os: {name: 5}\n"), RULE) == []
    text = daemonset("""\
        os: {name: windows}
        securityContext: 5
        containers: [{name: a, image: "a:1", securityContext: [1]}, 7]
        """)
    assert findings(text, RULE) == []


def test_an_os_name_in_the_wrong_case_is_fixed() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        """\
        os:
          name: "Linux"
        containers: [{name: a, image: a:1}]
        """
    )
    assert fixed(text, RULE) == text.replace('"Linux"', '"linux"')
    no_fix(text.replace("Linux", "darwin"), RULE)
