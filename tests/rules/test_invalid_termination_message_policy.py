from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-termination-message-policy"


def test_flags_unknown_policy() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1
            terminationMessagePolicy: fallbackToLogsOnError
    """)
    assert findings(text, RULE) == ["15:37 invalid-termination-message-policy"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.containers[0].terminationMessagePolicy: Unsupported value: "
        '"fallbackToLogsOnError": supported values: "File", "FallbackToLogsOnError"'
    )


def test_known_or_empty_policies_pass() -> None:
    text = daemonset("""\
        initContainers: [{name: a, image: "a:1", terminationMessagePolicy: File}]
        containers:
          - {name: b, image: "b:1", terminationMessagePolicy: FallbackToLogsOnError}
          - {name: c, image: "c:1", terminationMessagePolicy: ""}
    """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers: [{name: a, terminationMessagePolicy: [File]}, 5]
    """)
    assert findings(text, RULE) == []


def test_a_policy_in_the_wrong_case_is_fixed_in_place() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        """\
        containers:
          - name: a  # the agent
            image: a:1
            terminationMessagePolicy: fallbackToLogsOnError
        """
    )
    assert fixed(text, RULE) == text.replace(
        "terminationMessagePolicy: fallbackToLogsOnError",
        "terminationMessagePolicy: FallbackToLogsOnError",
    )
    no_fix(text.replace("fallbackToLogsOnError", "Logs"), RULE)
