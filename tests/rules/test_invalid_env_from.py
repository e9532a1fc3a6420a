from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-env-from"


def with_env_from(entries: str) -> str:
    return daemonset(f"""\
        containers:
          - name: agent
            image: agent:1
            envFrom:
{entries}
    """)


def test_flags_entry_with_both_sources() -> None:
    text = with_env_from(
        "              - configMapRef: {name: agent-config}\n"
        "                secretRef: {name: agent-secrets}"
    )
    assert findings(text, RULE) == ["16:15 invalid-env-from"]
    assert messages(text, RULE)[0].endswith(
        'spec.template.spec.containers[0].envFrom: Invalid value: "": '
        "may not have more than one field specified at a time"
    )


def test_flags_entry_without_source() -> None:
    text = with_env_from('              - prefix: "APP_"')
    assert findings(text, RULE) == ["16:15 invalid-env-from"]
    assert messages(text, RULE)[0].endswith(
        'envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`'
    )


def test_flags_missing_and_invalid_names() -> None:
    text = with_env_from(
        "              - configMapRef: {optional: true}\n"
        "              - secretRef: {name: Agent_Secrets}"
    )
    assert findings(text, RULE) == ["16:15 invalid-env-from", "17:33 invalid-env-from"]
    assert messages(text, RULE)[0].endswith("envFrom[0].configMapRef.name: Required value")
    assert 'envFrom[1].secretRef.name: Invalid value: "Agent_Secrets"' in messages(text, RULE)[1]


def test_flags_prefix_with_equals_sign() -> None:
    text = with_env_from('              - {prefix: "A=", configMapRef: {name: c}}')
    assert findings(text, RULE) == ["16:24 invalid-env-from"]
    assert "printable ASCII characters other than '='" in messages(text, RULE)[0]
    text = with_env_from('              - {prefix: "1_", configMapRef: {name: c}}')
    assert findings(text, RULE) == []
    assert findings(text, RULE, config={"kubernetes-version": "1.30"}) == ["16:24 invalid-env-from"]


def test_valid_entries_pass() -> None:
    text = with_env_from(
        "              - configMapRef: {name: agent-config}\n"
        "                prefix: CFG_\n"
        "              - secretRef: {name: agent-}"
    )
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = with_env_from(
        "              - {configMapRef: [x]}\n"
        "              - {secretRef: {name: 5}, prefix: 7}\n"
        "              - 9"
    )
    assert findings(text, RULE) == []
    assert findings(daemonset("containers: [{name: a, envFrom: {x: y}}]\n"), RULE) == []
