from tests.helpers import findings, messages

RULE = "duplicate-env-var"


def daemonset(env: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - name: agent
          image: example.com/agent:1.0
          env:
{env}"""


def test_flags_the_second_definition_at_its_name() -> None:
    text = daemonset("""\
            - {name: LOG_LEVEL, value: info}
            - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
            - {name: LOG_LEVEL, value: debug}
""")
    assert findings(text, RULE) == ["18:22 duplicate-env-var"]
    assert messages(text, RULE) == [
        'container "agent" defines env "LOG_LEVEL" again (first at env[0]); only the last value '
        "is used and apply may drop one"
    ]


def test_each_repeat_is_reported() -> None:
    text = daemonset("            - {name: A}\n            - {name: A}\n            - {name: A}\n")
    assert findings(text, RULE) == ["17:22 duplicate-env-var", "18:22 duplicate-env-var"]


def test_distinct_names_and_separate_containers_pass() -> None:
    assert findings(daemonset("            - {name: A}\n            - {name: a}\n"), RULE) == []
    text = """\
kind: DaemonSet
metadata: {name: x}
spec:
  template:
    spec:
      initContainers: [{name: init, image: a, env: [{name: A, value: "1"}]}]
      containers: [{name: main, image: a, env: [{name: A, value: "2"}]}]
"""
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("            {A: 1}\n"), RULE) == []
    assert (
        findings(
            daemonset("            - 5\n            - {name: 5}\n            - {name: 5}\n"), RULE
        )
        == []
    )
    assert (
        findings(
            "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {containers: {}}}}\n",
            RULE,
        )
        == []
    )


def test_an_identical_repeat_is_removed_and_a_different_one_is_not() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset("""\
            - name: LOG_LEVEL
              value: info
            - {name: NODE, value: a}
            - name: LOG_LEVEL   # again
              value: info
""")
    assert fixed(text, RULE) == daemonset("""\
            - name: LOG_LEVEL
              value: info
            - {name: NODE, value: a}
""")
    no_fix(
        daemonset("            - {name: A, value: x}\n            - {name: A, value: y}\n"), RULE
    )
    # $(NODE) is expanded where it stands: the same text twice can mean two values.
    refers = "            - {name: A, value: $(NODE)}\n            - {name: NODE, value: b}\n"
    no_fix(daemonset(refers + "            - {name: A, value: $(NODE)}\n"), RULE)
