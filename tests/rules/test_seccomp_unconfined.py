from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "seccomp-unconfined"


def test_pod_level_unconfined_is_reported_once() -> None:
    text = daemonset("""\
        securityContext:
          seccompProfile:
            type: Unconfined
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1}
        """)
    assert findings(text, RULE) == ["14:17 seccomp-unconfined"]
    assert messages(text, RULE)[0].startswith('the pod sets seccompProfile type "Unconfined"')


def test_container_level_unconfined_and_override() -> None:
    text = daemonset("""\
        securityContext:
          seccompProfile: {type: Unconfined}
        containers:
          - {name: a, image: a:1, securityContext: {seccompProfile: {type: RuntimeDefault}}}
          - name: b
            image: a:1
            securityContext:
              seccompProfile: {type: Unconfined}
        """)
    assert findings(text, RULE) == ["19:36 seccomp-unconfined"]
    assert messages(text, RULE)[0].startswith('container "b" sets')


def test_privileged_containers_are_skipped() -> None:
    text = daemonset("""\
        securityContext:
          seccompProfile: {type: Unconfined}
        containers:
          - {name: a, image: a:1, securityContext: {privileged: true}}
        """)
    assert findings(text, RULE) == []


def test_missing_profile_only_with_option() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1, securityContext: {seccompProfile: {type: Localhost}}}
        """)
    assert findings(text, RULE) == []
    config = {"rules": {RULE: {"require-profile": True}}}
    assert findings(text, RULE, config=config) == ["13:12 seccomp-unconfined"]
    assert levels(text, RULE, config=config) == ["info"]


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {seccompProfile: Unconfined}
        containers:
          - {name: a, image: a:1, securityContext: {seccompProfile: [Unconfined]}}
        """)
    assert findings(text, RULE) == []


def test_unsafe_fix_uses_the_runtime_default_profile() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        securityContext:
          seccompProfile: {type: Unconfined}
        containers:
          - {name: a, image: a:1}
        """
    )
    assert fixed(text, RULE) == text.replace("Unconfined", "RuntimeDefault")
