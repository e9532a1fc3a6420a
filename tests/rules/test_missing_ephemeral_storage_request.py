from tests.helpers import findings, messages

RULE = "missing-ephemeral-storage-request"


def daemonset(resources: str) -> str:
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
{resources}"""


def test_flags_missing_request_at_requests() -> None:
    text = daemonset("          resources:\n            requests: {cpu: 10m}\n")
    assert findings(text, RULE) == ["16:13 missing-ephemeral-storage-request"]
    assert messages(text, RULE)[0].startswith('container "agent" requests no ephemeral-storage')


def test_flags_missing_resources_at_the_container() -> None:
    assert findings(daemonset(""), RULE) == ["13:11 missing-ephemeral-storage-request"]


def test_request_or_limit_passes() -> None:
    request = "          resources: {requests: {ephemeral-storage: 100Mi}}\n"
    limit = "          resources: {limits: {ephemeral-storage: 1Gi}}\n"
    assert findings(daemonset(request), RULE) == []
    assert findings(daemonset(limit), RULE) == []


def test_init_containers_are_skipped_but_sidecars_are_not() -> None:
    text = """\
kind: DaemonSet
metadata: {name: x}
spec:
  template:
    spec:
      initContainers:
        - {name: setup, image: a}
        - {name: shipper, image: a, restartPolicy: Always}
      containers: []
"""
    assert findings(text, RULE) == ["8:12 missing-ephemeral-storage-request"]
    assert messages(text, RULE)[0].startswith('sidecar "shipper"')


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("          resources: 5\n"), RULE) == [
        "15:22 missing-ephemeral-storage-request"
    ]
    assert findings(daemonset("          resources: {requests: [1], limits: 2}\n"), RULE) == [
        "15:23 missing-ephemeral-storage-request"
    ]
    assert (
        findings(
            "kind: DaemonSet\nmetadata: {name: x}\nspec: {template: {spec: {containers: 1}}}\n",
            RULE,
        )
        == []
    )
