from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-volume-mount"


def test_flags_missing_name_and_mount_path() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {mountPath: /data}
              - {name: data}
              - {name: data, mountPath: ""}
        volumes: [{name: data}]
        """)
    assert findings(text, RULE) == [
        "16:16 invalid-volume-mount",
        "17:16 invalid-volume-mount",
        "18:39 invalid-volume-mount",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        "spec.template.spec.containers[0].volumeMounts[0].name: Required value"
    )
    assert found[1].startswith('container "agent" has an invalid mount of volume "data"')
    assert found[1].endswith("volumeMounts[1].mountPath: Required value")
    assert found[2].endswith("volumeMounts[2].mountPath: Required value")


def test_relative_mount_path_is_not_flagged() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: "a:1", volumeMounts: [{name: data, mountPath: data}]}
        volumes: [{name: data}]
        """)
    assert findings(text, RULE) == []


def test_flags_sub_path_rules() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, subPath: /abs}
              - {name: v, mountPath: /b, subPath: x/../../etc}
              - {name: v, mountPath: /c, subPathExpr: $(POD_NAME)/..}
              - {name: v, mountPath: /d, subPath: x, subPathExpr: $(POD_NAME)}
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == [
        "16:49 invalid-volume-mount",
        "17:49 invalid-volume-mount",
        "18:53 invalid-volume-mount",
        "19:65 invalid-volume-mount",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        'volumeMounts[0].subPath: Invalid value: "/abs": must be a relative path'
    )
    assert found[1].endswith(
        """volumeMounts[1].subPath: Invalid value: "x/../../etc": must not contain '..'"""
    )
    assert found[2].endswith(
        """volumeMounts[2].subPathExpr: Invalid value: "$(POD_NAME)/..": must not contain '..'"""
    )
    assert found[3].endswith(
        'volumeMounts[3].subPathExpr: Invalid value: "$(POD_NAME)": '
        "subPathExpr and subPath are mutually exclusive"
    )


def test_valid_sub_paths_pass() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, subPath: conf/agent.yaml}
              - {name: v, mountPath: /b, subPathExpr: $(POD_NAME)}
              - {name: v, mountPath: /c, subPath: ..hidden}
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == []


def test_flags_recursive_read_only_rules() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, recursiveReadOnly: enabled, readOnly: true}
              - {name: v, mountPath: /b, recursiveReadOnly: Enabled}
              - {name: v, mountPath: /c, recursiveReadOnly: IfPossible, readOnly: true,
                 mountPropagation: HostToContainer}
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == [
        "16:59 invalid-volume-mount",
        "17:59 invalid-volume-mount",
        "18:59 invalid-volume-mount",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        'volumeMounts[0].recursiveReadOnly: Unsupported value: "enabled": '
        'supported values: "Disabled", "Enabled", "IfPossible"'
    )
    assert found[1].endswith(
        "volumeMounts[1].recursiveReadOnly: Forbidden: may only be specified when readOnly is true"
    )
    assert found[2].endswith(
        "recursiveReadOnly: Forbidden: may only be specified when mountPropagation is None or "
        "not specified"
    )


def test_valid_recursive_read_only_passes() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            volumeMounts:
              - {name: v, mountPath: /a, recursiveReadOnly: Enabled, readOnly: true}
              - {name: v, mountPath: /b, recursiveReadOnly: Disabled}
              - {name: v, mountPath: /c, recursiveReadOnly: IfPossible, readOnly: true,
                 mountPropagation: None}
        volumes: [{name: v}]
        """)
    assert findings(text, RULE) == []


def test_sidecars_and_odd_shapes() -> None:
    text = daemonset("""\
        initContainers:
          - {name: side, image: "a:1", restartPolicy: Always,
             volumeMounts: [{name: v, mountPath: /a, subPath: /x}]}
        containers:
          - {name: a, image: "a:1",
             volumeMounts: [5, null, {name: v, mountPath: /b, subPath: 7, recursiveReadOnly: 1}]}
          - {name: b, image: "a:1", volumeMounts: {}}
        """)
    assert findings(text, RULE) == ["14:61 invalid-volume-mount"]
    assert messages(text, RULE)[0].startswith('sidecar "side" has an invalid mount')
