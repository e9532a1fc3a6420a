from tests.helpers import findings, messages

RULE = "secret-in-env-value"


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


def test_flags_literal_password_at_its_value_without_repeating_it() -> None:
    text = daemonset("            - name: ELASTICSEARCH_PASSWORD\n              value: changeme\n")
    assert findings(text, RULE) == ["17:22 secret-in-env-value"]
    assert "changeme" not in messages(text, RULE)[0]
    assert '"ELASTICSEARCH_PASSWORD"' in messages(text, RULE)[0]


def test_secret_looking_names() -> None:
    for name in (
        "DB_PASSWD",
        "API_KEY",
        "dd-api-key",
        "ACCESS_KEY",
        "GITHUB_TOKEN",
        "apikey",
        "AWS_SECRET_ACCESS_KEY",
        "PRIVATE_KEY",
        "REGISTRY_CREDENTIALS",
        "client.secret",
    ):
        text = daemonset(f"            - {{name: {name}, value: s3cr3t}}\n")
        assert len(findings(text, RULE)) == 1, name


def test_references_and_harmless_names_pass() -> None:
    env = """\
            - {name: TOKEN_FILE, value: /var/run/secrets/token}
            - {name: SECRET_KEY_PATH, value: /etc/key}
            - {name: METALLB_ML_SECRET_NAME, value: memberlist}
            - {name: AWS_ACCESS_KEY_ID, value: AKIAEXAMPLE}
            - {name: PASS_DEVICE_SPECS, value: "true"}
            - {name: KEYCLOAK_TOKEN, value: "$(TOKEN_FROM_SECRET)"}
            - {name: PASSWORD, value: ""}
            - {name: PASSWORD, value: /mnt/password}
            - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: a, key: b}}}
            - {name: TOKENIZER, value: words}
"""
    assert findings(daemonset(env), RULE) == []


def test_allowed_names_option() -> None:
    text = daemonset("            - {name: TOKEN_AUDIENCE, value: vault}\n")
    assert len(findings(text, RULE)) == 1
    config = {"rules": {RULE: {"allowed-names": ["TOKEN_AUDIENCE"]}}}
    assert findings(text, RULE, config=config) == []


def test_numbers_are_literals_and_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("            - {name: PIN_PASSWORD, value: 1234}\n"), RULE) == [
        "16:43 secret-in-env-value"
    ]
    assert findings(daemonset("            - {name: PASSWORD, value: [a]}\n"), RULE) == []
    assert (
        findings(daemonset("            - {name: [PASSWORD], value: x}\n            - 7\n"), RULE)
        == []
    )
    assert findings(daemonset("            {PASSWORD: x}\n"), RULE) == []
