from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-node-affinity"


def test_flags_missing_terms() -> None:
    text = daemonset("""\
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: []
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["15:13 invalid-node-affinity"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
        ".nodeSelectorTerms: Required value: must have at least one node selector term"
    )


def test_flags_operators_and_values() -> None:
    text = daemonset("""\
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - {key: kubernetes.io/os, operator: Equals, values: [linux]}
                    - {key: pool, operator: In}
                    - {key: gpu, operator: Exists, values: ["true"]}
                    - {key: version, operator: Gt, values: ["1", "2"]}
                    - {key: "bad key", operator: Exists}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "17:55 invalid-node-affinity",
        "18:22 invalid-node-affinity",
        "19:50 invalid-node-affinity",
        "20:50 invalid-node-affinity",
        "21:27 invalid-node-affinity",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        'matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'
    )
    assert found[1].endswith(
        "matchExpressions[1].values: Required value: "
        "must be specified when `operator` is 'In' or 'NotIn'"
    )
    assert found[2].endswith(
        "matchExpressions[2].values: Forbidden: "
        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
    )
    assert found[3].endswith(
        "matchExpressions[3].values: Required value: "
        "must be specified single value when `operator` is 'Lt' or 'Gt'"
    )
    assert 'matchExpressions[4].key: Invalid value: "bad key": name part must' in found[4]


def test_flags_match_fields() -> None:
    text = daemonset("""\
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchFields:
                    - {key: metadata.name, operator: In, values: [node-a, node-b]}
                    - {key: metadata.labels, operator: In, values: [x]}
                    - {key: metadata.name, operator: Exists}
                    - {key: metadata.name, operator: NotIn, values: [Node_A]}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "17:56 invalid-node-affinity",
        "18:27 invalid-node-affinity",
        "19:52 invalid-node-affinity",
        "20:68 invalid-node-affinity",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        "matchFields[0].values: Required value: must be only one value when `operator` is "
        "'In' or 'NotIn' for node field selector"
    )
    assert found[1].endswith(
        'matchFields[1].key: Invalid value: "metadata.labels": not a valid field selector key'
    )
    assert found[2].endswith(
        'matchFields[2].operator: Invalid value: "Exists": not a valid selector operator'
    )
    assert 'matchFields[3].values[0]: Invalid value: "Node_A": a lowercase RFC 1123' in found[3]


def test_flags_preferred_weights_and_preferences() -> None:
    text = daemonset("""\
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 0
                preference:
                  matchExpressions: [{key: zone, operator: In, values: [a]}]
              - weight: 101
                preference: {}
              - preference:
                  matchExpressions: [{key: zone, operator: Lt, values: []}]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "15:23 invalid-node-affinity",
        "18:23 invalid-node-affinity",
        "20:15 invalid-node-affinity",
        "21:62 invalid-node-affinity",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        "preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: "
        "must be in the range 1-100"
    )
    assert "preferredDuringSchedulingIgnoredDuringExecution[2].weight: Invalid value: 0" in found[2]


def test_valid_affinity_passes() -> None:
    text = daemonset("""\
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions:
                    - {key: kubernetes.io/os, operator: In, values: [linux]}
                    - {key: node-role.kubernetes.io/control-plane, operator: DoesNotExist}
                    - {key: example.com/cores, operator: Gt, values: ["8"]}
                - matchFields:
                    - {key: metadata.name, operator: In, values: [node-a]}
                - {}
            preferredDuringSchedulingIgnoredDuringExecution:
              - {weight: 100, preference: {matchExpressions: [{key: a, operator: Exists}]}}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms: [5, {matchExpressions: 3}]
            preferredDuringSchedulingIgnoredDuringExecution: [7, {weight: "x", preference: []}]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("affinity: [1]\n"), RULE) == []
    assert findings(daemonset("affinity: {nodeAffinity: 3}\n"), RULE) == []
