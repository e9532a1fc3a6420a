from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "writable-root-filesystem"


def test_flags_unset_and_false() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1}
          - name: b
            image: a:1
            securityContext:
              readOnlyRootFilesystem: false
        """)
    assert findings(text, RULE) == [
        "13:12 writable-root-filesystem",
        "17:37 writable-root-filesystem",
    ]
    assert 'sets readOnlyRootFilesystem to "false"' in messages(text, RULE)[1]


def test_not_flagged() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1, securityContext: {readOnlyRootFilesystem: true}}
          - {name: b, image: a:1, securityContext: {privileged: true}}
        """)
    assert findings(text, RULE) == []


def test_off_by_default() -> None:
    text = daemonset("""\
        containers:
          - {name: a, image: a:1}
        """)
    assert RULE not in [d.name for d in lint(text)]
    assert RULE in [d.name for d in lint(text, config={"extends": "strict"})]


def test_odd_shapes() -> None:
    assert findings(daemonset("containers: [{name: a, securityContext: []}]"), RULE) == [
        "12:30 writable-root-filesystem"
    ]
    assert findings(daemonset("containers: 1"), RULE) == []


def test_unsafe_fix_makes_the_root_filesystem_read_only() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            securityContext:
              readOnlyRootFilesystem: false
          - name: b
            image: b:1
        """
    )
    settings = {"select": [RULE]}
    assert (
        fixed(text, RULE, config=settings)
        == text.replace("readOnlyRootFilesystem: false", "readOnlyRootFilesystem: true")
        + "          securityContext:\n            readOnlyRootFilesystem: true\n"
    )
