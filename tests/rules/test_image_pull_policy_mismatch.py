from tests.helpers import findings, messages

RULE = "image-pull-policy-mismatch"
DIGEST = "sha256:" + "a" * 64


def daemonset(image: str, policy: str) -> str:
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
          imagePullPolicy: {policy}
"""


def test_always_with_digest_at_the_policy() -> None:
    text = daemonset(f"example.com/agent@{DIGEST}", "Always")
    assert findings(text, RULE) == ["15:28 image-pull-policy-mismatch"]
    assert "pinned by digest" in messages(text, RULE)[0]


def test_if_not_present_with_moving_tag() -> None:
    assert len(findings(daemonset("example.com/agent:latest", "IfNotPresent"), RULE)) == 1
    assert len(findings(daemonset("registry:5000/agent", "IfNotPresent"), RULE)) == 1
    assert "whichever version" in messages(daemonset("agent", "IfNotPresent"), RULE)[0]


def test_never_is_advice() -> None:
    assert "preloaded" in messages(daemonset("example.com/agent:1.0", "Never"), RULE)[0]


def test_fitting_policies_pass() -> None:
    assert findings(daemonset("example.com/agent:1.0", "IfNotPresent"), RULE) == []
    assert findings(daemonset("example.com/agent:1.0", "Always"), RULE) == []
    assert findings(daemonset("example.com/agent:latest", "Always"), RULE) == []
    assert findings(daemonset(f"agent:latest@{DIGEST}", "IfNotPresent"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("[a]", "Always"), RULE) == []
    assert findings(daemonset("''", "Never"), RULE) == []
    assert findings(daemonset("agent", "5"), RULE) == []
    assert (
        findings(
            "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {containers: [1]}}}\n",
            RULE,
        )
        == []
    )
