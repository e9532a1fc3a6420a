from tests.helpers import findings, messages

RULE = "invalid-update-strategy"


def manifest(strategy: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  updateStrategy:
{strategy}
  template:
    spec:
      containers: [{{name: agent, image: "agent:1"}}]
"""


def rolling(body: str) -> str:
    return manifest(f"    type: RollingUpdate\n    rollingUpdate:\n{body}")


def test_flags_max_surge_without_explicit_max_unavailable() -> None:
    text = rolling("      maxSurge: 1")
    assert findings(text, RULE) == ["9:17 invalid-update-strategy"]
    message = messages(text, RULE)[0]
    assert "defaults to 1; add maxUnavailable: 0" in message
    assert message.endswith(
        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: "
        "may not be set when maxUnavailable is non-zero"
    )


def test_flags_both_non_zero() -> None:
    text = rolling('      maxSurge: "25%"\n      maxUnavailable: 1')
    assert findings(text, RULE) == ["9:17 invalid-update-strategy"]
    assert "maxSurge: Invalid value: 25%: may not be set" in messages(text, RULE)[0]


def test_flags_both_zero() -> None:
    text = rolling('      maxSurge: 0\n      maxUnavailable: "0%"')
    assert findings(text, RULE) == ["10:23 invalid-update-strategy"]
    assert messages(text, RULE)[0].endswith(
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: "
        "cannot be 0 when maxSurge is 0"
    )


def test_flags_invalid_int_or_percent() -> None:
    text = rolling('      maxUnavailable: "1"')
    assert findings(text, RULE) == ["9:23 invalid-update-strategy"]
    assert (
        "maxUnavailable: Invalid value: 1: a valid percent string must be a numeric string "
        "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
    ) in messages(text, RULE)[0]
    text = rolling('      maxUnavailable: "150%"')
    assert "Invalid value: 150%: must not be greater than 100%" in messages(text, RULE)[0]
    text = rolling("      maxUnavailable: -1")
    assert "Invalid value: -1: must be greater than or equal to 0" in messages(text, RULE)[0]


def test_flags_unknown_type() -> None:
    text = manifest("    type: Rolling")
    assert findings(text, RULE) == ["7:11 invalid-update-strategy"]
    assert (
        'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Rolling", '
        "RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: "
        'supported values: "RollingUpdate", "OnDelete"'
    ) in messages(text, RULE)[0]


def test_valid_strategies_pass() -> None:
    assert findings(rolling("      maxSurge: 1\n      maxUnavailable: 0"), RULE) == []
    assert findings(rolling('      maxUnavailable: "100%"'), RULE) == []
    assert findings(rolling("      maxSurge: 0"), RULE) == []
    assert findings(manifest("    type: RollingUpdate"), RULE) == []
    assert findings(manifest("    rollingUpdate: {maxUnavailable: 10%}"), RULE) == []


def test_on_delete_ignores_rolling_update_block() -> None:
    text = manifest("    type: OnDelete\n    rollingUpdate: {maxSurge: 1}")
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(manifest("    type: 5"), RULE) == []
    assert findings(rolling("      maxSurge: 1.5\n      maxUnavailable: true"), RULE) == []
    assert findings(manifest("    rollingUpdate: [1]"), RULE) == []
    assert findings("kind: DaemonSet\nspec: {updateStrategy: RollingUpdate}\n", RULE) == []
    text = "kind: DaemonSet\nspec: {updateStrategy: {rollingUpdate: {maxSurge: 2}}}\n"
    assert findings(text, RULE) == ["2:51 invalid-update-strategy"]
