from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "undeclared-volume-mount"


def test_flags_mount_of_undeclared_volume() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: config, mountPath: /etc/agent}
        volumes:
          - name: agent-config
        """)
    assert findings(text, RULE) == ["16:22 undeclared-volume-mount"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "config"'
    )


def test_init_containers_are_checked() -> None:
    text = daemonset("""\
        initContainers:
          - name: setup
            image: a:1
            volumeMounts:
              - name: missing
                mountPath: /x
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["16:21 undeclared-volume-mount"]
    assert messages(text, RULE)[0].startswith('init container "setup" mounts volume "missing"')


def test_name_only_volume_is_declared() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", volumeMounts: [{name: scratch, mountPath: /tmp}]}
        volumes:
          - name: scratch
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", volumeMounts: [7, {name: 5}, {mountPath: /x}]}
          - {name: b, image: "b:1", volumeMounts: {}}
        volumes: 3
        """)
    assert findings(text, RULE) == []
    unhashable_names = daemonset("""\
        containers:
          - {name: a, image: "a:1", volumeMounts: [{name: data, mountPath: /data}]}
        volumes: [{name: {a: 1}}, {name: [x]}, {name: data}]
        """)
    assert findings(unhashable_names, RULE) == []
