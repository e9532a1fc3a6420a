from tests.helpers import findings, messages

RULE = "wrong-api-version"


def daemonset(api_version: str) -> str:
    return f"""\
apiVersion: {api_version}
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
          image: registry.example.com/agent:1.4.2
"""


def test_flags_core_and_batch_groups() -> None:
    assert findings(daemonset("v1"), RULE) == ["1:13 wrong-api-version"]
    assert findings(daemonset("batch/v1"), RULE) == ["1:13 wrong-api-version"]
    message = messages(daemonset("v1"), RULE)[0]
    assert message == (
        'apiVersion "v1" does not serve DaemonSet: no matches for kind "DaemonSet" in version '
        '"v1"; use "apps/v1"'
    )


def test_flags_apps_v1beta1_and_misspelled_group() -> None:
    assert findings(daemonset("apps/v1beta1"), RULE) == ["1:13 wrong-api-version"]
    assert 'the group is "apps"' in messages(daemonset("app/v1"), RULE)[0]


def test_served_versions_pass() -> None:
    assert findings(daemonset("apps/v1"), RULE) == []
    # Removed versions are removed-api-version's finding, not this rule's.
    assert findings(daemonset("extensions/v1beta1"), RULE) == []
    assert findings(daemonset("apps/v1beta2"), RULE) == []


def test_version_not_yet_served_by_an_old_target() -> None:
    config = {"kubernetes-version": "1.8"}
    assert findings(daemonset("apps/v1"), RULE, config=config) == ["1:13 wrong-api-version"]
    assert "only from Kubernetes 1.9" in messages(daemonset("apps/v1"), RULE, config=config)[0]
    assert findings(daemonset("extensions/v1beta1"), RULE, config=config) == []


def test_missing_and_wrongly_typed_api_version() -> None:
    missing = """\
kind: DaemonSet
metadata: {name: agent}
"""
    assert findings(missing, RULE) == ["1:1 wrong-api-version"]
    assert messages(missing, RULE) == ['apiVersion is not set; a DaemonSet needs "apps/v1"']
    assert findings(daemonset("1"), RULE) == ["1:13 wrong-api-version"]
    assert findings(daemonset("[apps, v1]"), RULE) == ["1:1 wrong-api-version"]


def test_list_items() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: DaemonSet, metadata: {name: a}}
  - {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: b}}
"""
    assert findings(text, RULE) == ["4:18 wrong-api-version"]
