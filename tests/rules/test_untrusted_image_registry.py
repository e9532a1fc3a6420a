from tests.helpers import findings, levels, messages

RULE = "untrusted-image-registry"


def daemonset(image: str) -> str:
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
          image: {image}
"""


def allow(*registries: str) -> dict[str, object]:
    return {"rules": {RULE: {"allowed-registries": list(registries)}}}


def test_short_names_are_advice_by_default() -> None:
    text = daemonset("fluentd:v1.16")
    assert findings(text, RULE) == ["14:18 untrusted-image-registry"]
    assert levels(text, RULE) == ["info"]
    assert '"docker.io/library/fluentd"' in messages(text, RULE)[0]
    assert '"docker.io/bitnami/fluentd"' in messages(daemonset("bitnami/fluentd:1"), RULE)[0]


def test_named_registries_pass_by_default() -> None:
    assert findings(daemonset("docker.io/library/fluentd:v1.16"), RULE) == []
    assert findings(daemonset("localhost/agent:1"), RULE) == []
    assert findings(daemonset("registry:5000/agent:1"), RULE) == []


def test_allow_list_is_a_warning() -> None:
    config = allow("registry.k8s.io", "quay.io/cilium", "*.dkr.ecr.*.amazonaws.com")
    assert findings(daemonset("registry.k8s.io/kube-proxy:v1.30.0"), RULE, config=config) == []
    assert findings(daemonset("quay.io/cilium/cilium:v1.15"), RULE, config=config) == []
    ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent:1"
    assert findings(daemonset(ecr), RULE, config=config) == []
    text = daemonset("quay.io/evil/cilium:v1.15")
    assert findings(text, RULE, config=config) == ["14:18 untrusted-image-registry"]
    assert levels(text, RULE, config=config) == ["warning"]


def test_allow_list_expands_docker_hub_names() -> None:
    config = allow("docker.io/library")
    assert findings(daemonset("fluentd:v1"), RULE, config=config) == []
    assert findings(daemonset("index.docker.io/library/fluentd:v1"), RULE, config=config) == []
    assert len(findings(daemonset("bitnami/fluentd:1"), RULE, config=config)) == 1
    assert findings(daemonset("quay.io/library/fluentd:1"), RULE, config=allow("quay.io/")) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("[a]"), RULE) == []
    assert findings(daemonset("''"), RULE) == []
    assert (
        findings(
            "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {containers: 5}}}\n",
            RULE,
        )
        == []
    )
