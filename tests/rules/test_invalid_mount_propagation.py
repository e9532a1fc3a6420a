from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-mount-propagation"


def test_flags_bidirectional_without_privileged() -> None:
    text = daemonset("""\
        containers:
          - name: driver
            image: a:1
            securityContext: {privileged: false}
            volumeMounts:
              - name: pods
                mountPath: /var/lib/kubelet/pods
                mountPropagation: Bidirectional
        volumes: [{name: pods, hostPath: {path: /var/lib/kubelet/pods}}]
        """)
    assert findings(text, RULE) == ["19:33 invalid-mount-propagation"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.containers[0].volumeMounts[0].mountPropagation: Forbidden: "
        "Bidirectional mount propagation is available only to privileged containers"
    )


def test_flags_unknown_mode() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, mountPropagation: hostToContainer}
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == ["16:58 invalid-mount-propagation"]
    assert messages(text, RULE)[0].endswith(
        'mountPropagation: Unsupported value: "hostToContainer": '
        'supported values: "Bidirectional", "HostToContainer", "None"'
    )


def test_privileged_bidirectional_and_other_modes_pass() -> None:
    text = daemonset("""\
        containers:
          - name: driver
            image: a:1
            securityContext: {privileged: true}
            volumeMounts:
              - {name: v, mountPath: /a, mountPropagation: Bidirectional}
          - name: agent
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, mountPropagation: HostToContainer}
              - {name: v, mountPath: /b, mountPropagation: None}
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == []


def test_pod_level_privileged_does_not_exist() -> None:
    # Only the container's own securityContext can make it privileged.
    text = daemonset("""\
        securityContext: {privileged: true}
        initContainers:
          - name: init
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, mountPropagation: Bidirectional}
        containers: [{name: a, image: "a:1"}]
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == ["17:58 invalid-mount-propagation"]


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", securityContext: 5, volumeMounts: [3, {mountPropagation: 4}]}
          - {name: b, image: "a:1", volumeMounts: "x"}
        """)
    assert findings(text, RULE) == []


def test_a_mode_in_the_wrong_case_is_fixed() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            volumeMounts:
              - {name: logs, mountPath: /var/log, mountPropagation: hosttocontainer}
        volumes: [{name: logs, hostPath: {path: /var/log, type: Directory}}]
        """
    )
    assert fixed(text, RULE) == text.replace("hosttocontainer", "HostToContainer")
    no_fix(text.replace("hosttocontainer", "Slave"), RULE)
