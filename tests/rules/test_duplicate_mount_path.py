from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "duplicate-mount-path"


def test_flags_repeated_mount_path() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: config, mountPath: /etc/agent}
              - {name: certs, mountPath: /etc/agent}
        """)
    assert findings(text, RULE) == ["17:40 duplicate-mount-path"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/etc/agent": '
        "must be unique"
    )


def test_same_path_in_different_containers_passes() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", volumeMounts: [{name: v, mountPath: /data}]}
          - {name: b, image: "b:1", volumeMounts: [{name: v, mountPath: /data}]}
        initContainers:
          - {name: c, image: "c:1", volumeMounts: [{name: v, mountPath: /data}]}
        """)
    assert findings(text, RULE) == []


def test_exact_string_comparison() -> None:
    text = daemonset("""\
        containers:
          - name: a
            image: a:1
            volumeMounts: [{name: v, mountPath: /data}, {name: w, mountPath: /data/}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", volumeMounts: [null, {mountPath: 5}, {mountPath: 5}, "x"]}
          - {name: b, image: "b:1", volumeMounts: 5}
        """)
    assert findings(text, RULE) == []
