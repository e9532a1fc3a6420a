from tests.helpers import findings, messages

RULE = "on-delete-update-strategy"


def daemonset(strategy: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
{strategy}  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
        - {{name: agent, image: "example.com/agent:1.0"}}
"""


def test_flags_on_delete_at_its_value() -> None:
    text = daemonset("  updateStrategy:\n    type: OnDelete\n")
    assert findings(text, RULE) == ["9:11 on-delete-update-strategy"]
    assert '"OnDelete"' in messages(text, RULE)[0]


def test_rolling_update_and_default_pass() -> None:
    assert findings(daemonset(""), RULE) == []
    assert findings(daemonset("  updateStrategy: {type: RollingUpdate}\n"), RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("  updateStrategy: OnDelete\n"), RULE) == []
    assert findings(daemonset("  updateStrategy: {type: [OnDelete]}\n"), RULE) == []
    flow = "kind: DaemonSet\nmetadata: {name: x}\nspec: {updateStrategy: {type: OnDelete}}\n"
    assert findings(flow, RULE) == ["3:31 on-delete-update-strategy"]


def test_an_ignored_rolling_update_block_is_reported_and_removed() -> None:
    from tests.fixing import fixed
    from tests.helpers import levels

    text = daemonset(
        "  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      maxUnavailable: 2\n"
    )
    assert findings(text, RULE) == [
        "9:11 on-delete-update-strategy",
        "10:5 on-delete-update-strategy",
    ]
    assert levels(text, RULE)[1] == "info"
    assert fixed(text, RULE) == daemonset("  updateStrategy:\n    type: OnDelete\n")
    rolling = daemonset("  updateStrategy:\n    rollingUpdate: {maxUnavailable: 2}\n")
    assert findings(rolling, RULE) == []
