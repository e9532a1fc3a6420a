from tests.helpers import findings, lint, messages

RULE = "misspelled-kind"


def daemonset(kind: str) -> str:
    return f"""\
apiVersion: apps/v1
kind: {kind}
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
          image: registry.example.com/agent:1.4.2
"""


def test_flags_near_miss_kinds_at_their_value() -> None:
    for kind in ("Daemonset", "daemonset", "DaemonSets", "daemon-set"):
        assert findings(daemonset(kind), RULE) == ["2:7 misspelled-kind"], kind


def test_message_names_the_kind_and_suggests_daemonset() -> None:
    assert messages(daemonset("Daemonset"), RULE) == [
        'kind "Daemonset": no matches for kind "Daemonset" in version "apps/v1"; '
        'did you mean "DaemonSet"?'
    ]


def test_offers_a_fix() -> None:
    (diagnostic,) = lint(daemonset("daemonset"), select=RULE)
    assert [(edit.path, edit.value) for edit in diagnostic.fix] == [(("kind",), "DaemonSet")]


def test_daemonset_and_other_kinds_pass() -> None:
    assert findings(daemonset("DaemonSet"), RULE) == []
    assert findings(daemonset("Deployment"), RULE) == []


def test_list_items_in_flow_style() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - {apiVersion: apps/v1, kind: DaemonSets, metadata: {name: a}}
  - {apiVersion: apps/v1, kind: DaemonSet, spec: 5}
"""
    assert findings(text, RULE) == ["4:33 misspelled-kind"]
