from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "custom-selinux-options"


def test_unconfined_type_user_and_role() -> None:
    text = daemonset("""\
        securityContext:
          seLinuxOptions: {type: spc_t, user: system_u, role: system_r}
        containers:
          - {name: a, image: a:1}
        """)
    assert findings(text, RULE) == [
        "13:32 custom-selinux-options",
        "13:45 custom-selinux-options",
        "13:61 custom-selinux-options",
    ]
    assert levels(text, RULE) == ["warning", "warning", "warning"]


def test_custom_confined_type_is_info() -> None:
    text = daemonset("""\
        containers:
          - name: a
            image: a:1
            securityContext:
              seLinuxOptions: {type: container_device_plugin_t}
        """)
    assert findings(text, RULE) == ["16:36 custom-selinux-options"]
    assert levels(text, RULE) == ["info"]
    assert messages(text, RULE)[0].startswith('container "a" sets custom SELinux type')


def test_allowed_types_by_version_and_option() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {seLinuxOptions: {type: container_engine_t}}}
          - {name: b, image: a:1, securityContext: {seLinuxOptions: {level: "s0:c1,c2"}}}
        """)
    assert findings(text, RULE) == []
    assert findings(text, RULE, config={"kubernetes-version": "1.30"}) == [
        "13:74 custom-selinux-options"
    ]
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {seLinuxOptions: {type: agent_t}}}
        """)
    assert findings(text, RULE, config={"rules": {RULE: {"allowed-types": ["agent_t"]}}}) == []


def test_container_options_replace_the_pods_and_privileged_is_skipped() -> None:
    text = daemonset("""\
        securityContext:
          seLinuxOptions: {type: spc_t}
        containers:
          - {name: a, image: a:1, securityContext: {seLinuxOptions: {level: s0}}}
          - {name: b, image: a:1, securityContext: {privileged: true}}
        """)
    assert findings(text, RULE) == []


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {seLinuxOptions: spc_t}
        containers:
          - {name: a, image: a:1, securityContext: {seLinuxOptions: {type: 5, user: ""}}}
        """)
    assert findings(text, RULE) == []
