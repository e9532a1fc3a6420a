from tests.helpers import findings, levels
from tests.rules.pod_template import daemonset

RULE = "unmasked-proc-mount"


def test_flags_unmasked() -> None:
    text = daemonset("""\
        containers:
          - name: a
            image: a:1
            securityContext:
              procMount: Unmasked
        """)
    assert findings(text, RULE) == ["16:24 unmasked-proc-mount"]
    assert levels(text, RULE) == ["warning"]


def test_user_namespace_makes_it_info() -> None:
    text = daemonset("""\
        hostUsers: false
        containers:
          - {name: a, image: a:1, securityContext: {procMount: Unmasked}}
        """)
    assert levels(text, RULE) == ["info"]


def test_not_flagged_and_odd_shapes() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {procMount: Default}}
          - {name: b, image: a:1, securityContext: Unmasked}
        """)
    assert findings(text, RULE) == []


def test_unsafe_fix_restores_the_default_proc_mount() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            securityContext:
              procMount: "Unmasked"
        """
    )
    assert fixed(text, RULE) == text.replace('"Unmasked"', '"Default"')
