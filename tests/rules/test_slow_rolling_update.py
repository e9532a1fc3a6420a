from tests.helpers import findings, messages

RULE = "slow-rolling-update"


def daemonset(spec: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
{spec}  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


EXPLICIT = "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 1\n"


def test_flags_explicit_one_at_its_value() -> None:
    assert findings(daemonset(EXPLICIT), RULE) == ["8:23 slow-rolling-update"]
    assert "about 50 minutes" in messages(daemonset(EXPLICIT), RULE)[0]


def test_flags_the_default_at_spec() -> None:
    assert findings(daemonset(""), RULE) == ["5:1 slow-rolling-update"]
    assert "1 (the default)" in messages(daemonset(""), RULE)[0]


def test_percentage_passes() -> None:
    text = daemonset("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 10%\n")
    assert findings(text, RULE) == []


def test_surge_is_measured_when_max_unavailable_is_zero() -> None:
    text = daemonset(
        "  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n"
    )
    assert findings(text, RULE) == ["9:17 slow-rolling-update"]
    assert messages(text, RULE)[0].startswith("maxSurge 1 replaces 1 of 100")


def test_min_ready_seconds_adds_to_each_round() -> None:
    config = {"rules": {RULE: {"nodes": 20}}}
    assert findings(daemonset(EXPLICIT), RULE, config=config) == []
    slow = daemonset("  minReadySeconds: 90\n" + EXPLICIT)
    assert findings(slow, RULE, config=config) == ["9:23 slow-rolling-update"]


def test_options() -> None:
    small = {"rules": {RULE: {"nodes": 10}}}
    assert findings(daemonset(EXPLICIT), RULE, config=small) == []
    patient = {"rules": {RULE: {"max-rollout-minutes": 60}}}
    assert findings(daemonset(EXPLICIT), RULE, config=patient) == []
    slow_pods = {"rules": {RULE: {"nodes": 10, "seconds-per-pod": 300}}}
    assert findings(daemonset(EXPLICIT), RULE, config=slow_pods) == ["8:23 slow-rolling-update"]
    no_nodes = {"rules": {RULE: {"nodes": 0}}}
    assert findings(daemonset(EXPLICIT), RULE, config=no_nodes) == []


def test_on_delete_and_invalid_values_are_skipped() -> None:
    assert findings(daemonset("  updateStrategy: {type: OnDelete}\n"), RULE) == []
    for value in ('"1"', "-1", "true", "[1]", "abc%"):
        text = daemonset(f"  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: {value}\n")
        assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("  updateStrategy: 5\n"), RULE) == ["6:19 slow-rolling-update"]
    assert findings(daemonset("  updateStrategy: {rollingUpdate: [1]}\n"), RULE) == [
        "6:20 slow-rolling-update"
    ]
    assert findings(daemonset("  minReadySeconds: soon\n" + EXPLICIT), RULE) == [
        "9:23 slow-rolling-update"
    ]
