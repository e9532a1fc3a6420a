from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "unknown-field"


def test_flags_misspelled_field_with_suggestion() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
            imagePullPolices: Always
        """
    )
    assert findings(text, RULE) == ["15:11 unknown-field"]  # at the key, not the value
    assert messages(text, RULE) == [
        'unknown field "spec.template.spec.containers[0].imagePullPolices"; '
        'did you mean "imagePullPolicy"?'
    ]


def test_wrong_case_is_unknown_and_suggests_the_right_spelling() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
        HostNetwork: true
        """
    )
    assert messages(text, RULE) == [
        'unknown field "spec.template.spec.HostNetwork"; did you mean "hostNetwork"?'
    ]


def test_probe_fields_nested_under_exec() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
            livenessProbe:
              exec:
                command: [cat, /tmp/live]
                initialDelaySeconds: 5
        """
    )
    assert findings(text, RULE) == ["18:15 unknown-field"]
    assert messages(text, RULE) == [
        'unknown field "spec.template.spec.containers[0].livenessProbe.exec.initialDelaySeconds"'
    ]


def test_unknown_mapping_is_reported_at_its_key_and_not_looked_into() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 1}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers: [{name: agent, image: "agent:1.0"}]
"""
    assert findings(text, RULE) == ["8:3 unknown-field"]
    assert messages(text, RULE) == ['unknown field "spec.strategy"']


def test_free_form_maps_accept_any_key() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {anything: goes, app.kubernetes.io/name: agent}
  annotations: {example.com/whatever: "x"}
  creationTimestamp: null
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      containers:
        - name: agent
          image: agent:1.0
          resources:
            limits: {cpu: 500m, memory: 128Mi, example.com/gpu: 1}
status:
  currentNumberScheduled: 1
"""
    assert findings(text, RULE) == []


def test_field_newer_than_the_target_version() -> None:
    text = daemonset(
        """\
        securityContext:
          appArmorProfile: {type: RuntimeDefault}
        containers:
          - name: agent
            image: agent:1.0
        """
    )
    old = {"kubernetes-version": "1.29"}
    assert findings(text, RULE, config=old) == ["13:9 unknown-field"]
    assert findings(text, RULE, config={"kubernetes-version": "1.30"}) == []
    assert findings(text, RULE) == []


def test_top_level_unknown_field_and_non_string_key() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
selector: {matchLabels: {app: agent}}
1: one
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: "agent:1.0"}]}
"""
    assert messages(text, RULE) == ['unknown field "selector"', 'unknown field "1"']


def test_other_api_versions_and_kinds_are_left_to_other_rules() -> None:
    text = """\
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata: {name: agent}
spec:
  templateGeneration: 2
  template:
    spec: {containers: [{name: agent, image: "agent:1.0"}]}
"""
    assert findings(text, RULE) == []


def test_list_items_and_flow_style() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: a, lables: {}}, spec: {}}
"""
    assert findings(text, RULE) == ["4:64 unknown-field"]
    assert messages(text, RULE)[0].endswith('"metadata.lables"; did you mean "labels"?')


def test_odd_shapes_do_not_raise() -> None:
    for pod_spec in ("containers: {}\n", "containers: 5\n", "containers: [5, null, []]\n"):
        assert findings(daemonset(pod_spec), RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: 7\n", RULE) == []
