from tests.helpers import findings, messages

RULE = "invalid-toleration"


def daemonset(tolerations: str) -> str:
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
      tolerations:
{tolerations}
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


def test_flags_exists_with_a_value_at_the_value() -> None:
    text = daemonset(
        "        - key: node-role.kubernetes.io/control-plane\n"
        "          operator: Exists\n          value: 'true'"
    )
    assert findings(text, RULE) == ["15:18 invalid-toleration"]
    assert messages(text, RULE) == [
        'toleration "node-role.kubernetes.io/control-plane" has operator Exists, which matches '
        'any value, and value "true": spec.template.spec.tolerations[0].operator: Invalid value: '
        "...: value must be empty when `operator` is 'Exists'"
    ]


def test_flags_empty_key_without_exists() -> None:
    text = daemonset("        - {operator: Equal, effect: NoSchedule}\n        - {value: x}")
    assert findings(text, RULE) == ["13:22 invalid-toleration", "14:12 invalid-toleration"]
    first, second = messages(text, RULE)
    assert first.endswith(
        'spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be '
        'Exists when `key` is empty, which means "match all values and all keys"'
    )
    assert second.startswith('toleration without a key needs operator Exists, not "Equal"')


def test_flags_unknown_operator_and_effect_with_suggestions() -> None:
    text = daemonset(
        "        - {key: a, operator: exists, effect: noSchedule}\n"
        "        - {key: b, operator: Gt, value: '5', effect: Evict}"
    )
    assert findings(text, RULE) == [
        "13:30 invalid-toleration",
        "13:46 invalid-toleration",
        "14:30 invalid-toleration",
        "14:54 invalid-toleration",
    ]
    operator, effect, gt, evict = messages(text, RULE)
    assert operator == (
        'toleration "a" has operator "exists" (did you mean "Exists"?): '
        'spec.template.spec.tolerations[0].operator: Unsupported value: "exists": '
        'supported values: "Equal", "Exists"'
    )
    assert '(did you mean "NoSchedule"?)' in effect
    assert "Gt and Lt need an alpha feature gate" in gt
    assert evict.endswith('supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"')


def test_flags_toleration_seconds_without_no_execute() -> None:
    text = daemonset(
        "        - {key: a, operator: Exists, effect: NoSchedule, tolerationSeconds: 60}\n"
        "        - {key: b, operator: Exists, tolerationSeconds: 60}"
    )
    assert findings(text, RULE) == ["13:46 invalid-toleration", "14:57 invalid-toleration"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be '
        "'NoExecute' when `tolerationSeconds` is set"
    )


def test_flags_invalid_keys_values_and_types() -> None:
    text = daemonset(
        "        - {key: 'bad key', operator: Equal, value: ok}\n"
        "        - {key: dedicated, value: not ok}\n"
        "        - {key: enabled, value: true}"
    )
    assert findings(text, RULE) == [
        "13:17 invalid-toleration",
        "14:35 invalid-toleration",
        "15:33 invalid-toleration",
    ]
    bad_key, bad_value, boolean = messages(text, RULE)
    assert 'spec.template.spec.tolerations[0].key: Invalid value: "bad key": name part' in bad_key
    assert 'Invalid value: "not ok": a valid label must be' in bad_value
    assert boolean.startswith("toleration value True is not a string; quote it")


def test_valid_tolerations_pass() -> None:
    text = daemonset(
        "        - operator: Exists\n"
        "        - {key: dedicated, operator: Equal, value: agents, effect: NoSchedule}\n"
        "        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute,"
        " tolerationSeconds: 30}\n"
        "        - {key: gpu, effect: PreferNoSchedule}\n"
        "        - {key: x, operator: '', effect: ''}"
    )
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("        - 5\n        - [a]\n        - null"), RULE) == []
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {tolerations: {a: b}}}}\n"
    assert findings(text, RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\n", RULE) == []


def test_fixes_remove_the_ignored_value_and_respell_operators_and_effects() -> None:
    from tests.fixing import fixed, no_fix

    text = daemonset(
        "        - key: node-role.kubernetes.io/control-plane\n"
        "          operator: Exists\n"
        "          value: 'true'   # ignored by Exists\n"
        "          effect: NoSchedule\n"
        "        - {key: gpu, operator: equal, value: 'yes', effect: noexecute}"
    )
    assert fixed(text, RULE) == text.replace(
        "          value: 'true'   # ignored by Exists\n", ""
    ).replace("operator: equal", "operator: Equal").replace(
        "effect: noexecute", "effect: NoExecute"
    )
    no_fix(daemonset("        - {key: a, operator: Gt, value: '1'}"), RULE)
