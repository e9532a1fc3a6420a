from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-topology-spread"


def test_flags_skew_key_and_action() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - maxSkew: 0
            whenUnsatisfiable: doNotSchedule
            labelSelector: {matchLabels: {app: agent}}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "13:11 invalid-topology-spread",
        "13:20 invalid-topology-spread",
        "14:30 invalid-topology-spread",
    ]
    found = messages(text, RULE)
    assert found[1] == (
        "topology spread constraint 0 is invalid; "
        "spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: "
        "must be greater than zero"
    )
    assert found[0].endswith("[0].topologyKey: Required value: can not be empty")
    assert found[2].endswith(
        'whenUnsatisfiable: Unsupported value: "doNotSchedule": '
        'supported values: "DoNotSchedule", "ScheduleAnyway"'
    )


def test_flags_min_domains_and_policies() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: ScheduleAnyway
            minDomains: 0
            nodeAffinityPolicy: honor
            labelSelector: {matchLabels: {app: agent}}
            matchLabelKeys: [app]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "16:23 invalid-topology-spread",
        "16:23 invalid-topology-spread",
        "17:31 invalid-topology-spread",
        "19:28 invalid-topology-spread",
    ]
    found = messages(text, RULE)
    assert found[1].endswith("minDomains: Invalid value: 0: must be greater than zero")
    assert found[0].endswith(
        "minDomains: Invalid value: 0: "
        "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"
    )
    assert found[2].endswith(
        'nodeAffinityPolicy: Unsupported value: "honor": supported values: "Honor", "Ignore"'
    )
    assert found[3].endswith(
        'matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector'
    )


def test_flags_repeated_constraint_at_the_first() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}
          - {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}
          - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {}}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["13:37 invalid-topology-spread"]
    assert messages(text, RULE)[0].endswith(
        "topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: "
        'Duplicate value: "{zone, DoNotSchedule}"'
    )


def test_null_label_selector_is_a_warning() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["13:12 invalid-topology-spread"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE)[0].endswith(
        "(API server warning: spec.template.spec.topologySpreadConstraints[0].labelSelector: "
        "a null labelSelector results in matching no pod)"
    )


def test_flags_selector_syntax() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: zone
            whenUnsatisfiable: DoNotSchedule
            labelSelector:
              matchExpressions: [{key: app, operator: Exists, values: [a]}]
            matchLabelKeys: ["bad key"]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "17:61 invalid-topology-spread",
        "18:28 invalid-topology-spread",
    ]


def test_valid_constraints_pass() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - maxSkew: 1
            topologyKey: topology.kubernetes.io/zone
            whenUnsatisfiable: DoNotSchedule
            minDomains: 3
            nodeAffinityPolicy: Honor
            nodeTaintsPolicy: Ignore
            labelSelector: {matchLabels: {app: agent}}
            matchLabelKeys: [pod-template-hash]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        topologySpreadConstraints:
          - 5
          - {maxSkew: "1", topologyKey: 5, whenUnsatisfiable: 3,
             labelSelector: [], matchLabelKeys: 4}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("topologySpreadConstraints: {}\n"), RULE) == []
