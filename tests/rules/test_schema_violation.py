from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "schema-violation"


def test_quoted_integer_is_reported_at_the_value() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
            ports:
              - containerPort: "2020"
        """
    )
    assert findings(text, RULE) == ["16:30 schema-violation"]
    assert messages(text, RULE) == [
        'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "2020": '
        "must be an integer; remove the quotes"
    ]


def test_unquoted_boolean_and_number_where_a_string_belongs() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: {version: 1.0}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: agent:1.0
          env:
            - {name: VERBOSE, value: yes}
"""
    assert findings(text, RULE) == ["5:21 schema-violation", "17:38 schema-violation"]
    assert messages(text, RULE) == [
        'metadata.labels[version]: Invalid value: 1.0: must be a string; quote it ("1.0")',
        "spec.template.spec.containers[0].env[0].value: Invalid value: true: "
        'must be a string; quote it ("true")',
    ]


def test_mapping_where_a_list_belongs_gives_one_finding_at_the_key() -> None:
    text = daemonset(
        """\
        containers:
          name: agent
          image: agent:1.0
          ports: {containerPort: x}
        """
    )
    assert findings(text, RULE) == ["12:7 schema-violation"]
    assert messages(text, RULE) == [
        "spec.template.spec.containers: Invalid value: {...}: must be a list"
    ]


def test_missing_required_field_is_reported_at_its_parent() -> None:
    text = daemonset(
        """\
        containers:
          - image: agent:1.0
            ports:
              - name: metrics
        """
    )
    assert findings(text, RULE) == ["13:11 schema-violation", "15:15 schema-violation"]
    assert messages(text, RULE) == [
        "spec.template.spec.containers[0].name: Required value",
        "spec.template.spec.containers[0].ports[0].containerPort: Required value",
    ]


def test_null_counts_as_missing() -> None:
    text = daemonset("containers: null\n")
    assert messages(text, RULE) == ["spec.template.spec.containers: Required value"]
    assert findings(text, RULE) == ["12:19 schema-violation"]


def test_defaulted_and_optional_fields_are_not_required() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
            ports: [{containerPort: 80}]
            lifecycle:
              preStop: {sleep: {}}
            readinessProbe:
              httpGet:
                port: 80
                httpHeaders: [{name: X-Probe}]
        securityContext:
          sysctls: [{name: net.core.somaxconn}]
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1}]
        """
    )
    assert findings(text, RULE) == []


def test_status_is_ignored_for_required_fields() -> None:
    text = daemonset("containers: [{name: a, image: 'a:1'}]\n") + "status: {numberReady: 0}\n"
    assert findings(text, RULE) == []


def test_int_or_string_and_quantities_accept_both() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy:
    rollingUpdate: {maxUnavailable: 10%, maxSurge: 0}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: agent:1.0
          ports: [{containerPort: 8080.0}]
          resources:
            requests: {cpu: 0.5, memory: 64Mi}
            limits: {cpu: "1", memory: 134217728}
          livenessProbe: {httpGet: {port: http, path: /}}
          readinessProbe: {tcpSocket: {port: 8080}}
"""
    assert findings(text, RULE) == []


def test_int_or_string_rejects_other_types() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
            livenessProbe: {tcpSocket: {port: true}}
        """
    )
    assert messages(text, RULE) == [
        "spec.template.spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: true: "
        "must be an integer or a string"
    ]


def test_integer_out_of_range() -> None:
    text = daemonset(
        """\
        containers:
          - name: agent
            image: agent:1.0
            ports: [{containerPort: 99999999999}]
        """
    )
    assert findings(text, RULE) == ["15:35 schema-violation"]
    assert "must be between -2147483648 and 2147483647, inclusive" in messages(text, RULE)[0]


def test_timestamps_are_strings() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  creationTimestamp: 2024-01-01T00:00:00Z
  annotations: {released: 2024-01-01}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: "agent:1.0"}]}
"""
    assert findings(text, RULE) == []


def test_missing_fields_other_rules_explain_are_left_to_them() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: agent:1.0
          volumeMounts: [{readOnly: true}]
      volumes:
        - hostPath: {type: Directory}
"""
    assert findings(text, RULE) == []


def test_missing_spec_and_template() -> None:
    assert messages("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\n", RULE) == [
        "spec: Required value"
    ]
    text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector: {}\n"
    assert messages(text, RULE) == ["spec.template: Required value"]
    assert findings(text, RULE) == ["4:1 schema-violation"]


def test_json_input() -> None:
    text = (
        '{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "a"},\n'
        ' "spec": {"selector": {"matchLabels": {"app": "a"}}, "template": {"spec":\n'
        ' {"containers": [{"name": "a", "image": "a:1", "tty": "yes"}]}}}}\n'
    )
    assert findings(text, RULE) == ["3:55 schema-violation"]
    assert messages(text, RULE)[0].endswith('tty: Invalid value: "yes": must be a boolean')


def test_other_api_versions_are_left_to_other_rules() -> None:
    text = """\
apiVersion: apps/v1beta2
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec: {containers: [{name: agent, image: "agent:1.0", tty: "yes"}]}
"""
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert messages(daemonset("containers: 5\n"), RULE) == [
        "spec.template.spec.containers: Invalid value: 5: must be a list"
    ]
    assert messages(daemonset("containers: [5]\n"), RULE) == [
        "spec.template.spec.containers[0]: Invalid value: 5: must be a mapping"
    ]
    assert messages("apiVersion: apps/v1\nkind: DaemonSet\nspec: [1]\n", RULE) == [
        "spec: Invalid value: [...]: must be a mapping"
    ]


def test_required_list_present_but_empty_is_required_value() -> None:
    text = daemonset("containers: []\n")
    assert findings(text, "schema-violation") == ["12:7 schema-violation"]
    assert messages(text, "schema-violation") == ["spec.template.spec.containers: Required value"]
    one = daemonset("containers: [{name: a, image: registry.example.com/a:1.0}]\n")
    assert findings(one, "schema-violation") == []
