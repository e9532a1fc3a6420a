from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "privilege-escalation-allowed"


def test_flags_explicit_true() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: a:1
            securityContext:
              allowPrivilegeEscalation: true
        """)
    assert findings(text, RULE) == ["16:39 privilege-escalation-allowed"]
    assert '"true"' in messages(text, RULE)[0]


def test_unset_is_not_flagged_by_default() -> None:
    text = daemonset("""\
        containers:
          - {name: agent, image: a:1}
        """)
    assert findings(text, RULE) == []


def test_require_explicit_false_option() -> None:
    text = daemonset("""\
        containers:
          - {name: agent, image: a:1}
          - {name: ok, image: a:1, securityContext: {allowPrivilegeEscalation: false}}
        """)
    config = {"rules": {RULE: {"require-explicit-false": True}}}
    assert findings(text, RULE, config=config) == ["13:12 privilege-escalation-allowed"]
    assert levels(text, RULE, config=config) == ["info"]


def test_privileged_and_sys_admin_containers_are_left_to_other_rules() -> None:
    text = daemonset("""\
        containers:
          - name: a
            image: a:1
            securityContext: {privileged: true, allowPrivilegeEscalation: true}
          - name: b
            image: a:1
            securityContext:
              allowPrivilegeEscalation: true
              capabilities: {add: [CAP_SYS_ADMIN]}
        """)
    assert findings(text, RULE) == []


def test_odd_shapes() -> None:
    text = daemonset("""\
        containers:
          - name: a
            securityContext: {capabilities: {add: 5}, allowPrivilegeEscalation: yes}
          - {name: b, image: a:1, securityContext: 7}
        """)
    assert findings(text, RULE) == ["14:79 privilege-escalation-allowed"]
    assert findings(daemonset("containers: {}"), RULE) == []


def test_unsafe_fix_sets_false_and_adds_it_where_missing() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            securityContext:
              allowPrivilegeEscalation: true
          - name: b
            image: b:1
            securityContext:
              runAsUser: 1000
        """
    )
    assert fixed(text, RULE) == text.replace(
        "allowPrivilegeEscalation: true", "allowPrivilegeEscalation: false"
    )
    settings = {"rules": {RULE: {"require-explicit-false": True}}}
    assert fixed(text, RULE, config=settings) == text.replace(
        "allowPrivilegeEscalation: true", "allowPrivilegeEscalation: false"
    ).replace("runAsUser: 1000\n", "runAsUser: 1000\n            allowPrivilegeEscalation: false\n")
