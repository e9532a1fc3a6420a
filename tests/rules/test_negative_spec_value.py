from tests.helpers import findings, messages

RULE = "negative-spec-value"


def manifest(fields: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
{fields}
  template:
    spec:
      containers: [{{name: agent, image: "agent:1"}}]
"""


def test_flags_negative_values() -> None:
    text = manifest("  minReadySeconds: -5\n  revisionHistoryLimit: -1")
    assert findings(text, RULE) == ["6:20 negative-spec-value", "7:25 negative-spec-value"]
    assert messages(text, RULE)[0].endswith(
        "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0"
    )


def test_zero_and_positive_pass() -> None:
    assert findings(manifest("  minReadySeconds: 0\n  revisionHistoryLimit: 10"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest('  minReadySeconds: "-5"\n  revisionHistoryLimit: -1.5'), RULE) == []
    assert findings("kind: DaemonSet\nspec: [minReadySeconds]\n", RULE) == []
