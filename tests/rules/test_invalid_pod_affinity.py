from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-pod-affinity"


def test_flags_missing_topology_key() -> None:
    text = daemonset("""\
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector: {matchLabels: {app: agent}}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["15:15 invalid-pod-affinity"]
    assert messages(text, RULE) == [
        "podAntiAffinity is invalid; spec.template.spec.affinity.podAntiAffinity."
        "requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: "
        "can not be empty"
    ]


def test_flags_selector_namespaces_and_weights() -> None:
    text = daemonset("""\
        affinity:
          podAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 200
                podAffinityTerm:
                  topologyKey: "kubernetes.io/host name"
                  namespaces: [Kube-System]
                  labelSelector:
                    matchExpressions:
                      - {key: app, operator: Gt, values: ["1"]}
                      - {key: tier, operator: In}
                  namespaceSelector:
                    matchLabels: {team: "a b"}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "15:23 invalid-pod-affinity",
        "17:30 invalid-pod-affinity",
        "18:30 invalid-pod-affinity",
        "21:44 invalid-pod-affinity",
        "22:24 invalid-pod-affinity",
        "24:39 invalid-pod-affinity",
    ]
    found = messages(text, RULE)
    assert any(
        m.endswith("[0].weight: Invalid value: 200: must be in the range 1-100") for m in found
    )
    assert any('operator: Invalid value: "Gt": not a valid selector operator' in m for m in found)
    assert any(
        "matchExpressions[1].values: Required value: must be specified when `operator` is "
        "'In' or 'NotIn'" in m
        for m in found
    )
    assert any('podAffinityTerm.namespace: Invalid value: "Kube-System"' in m for m in found)
    assert any('namespaceSelector.matchLabels: Invalid value: "a b"' in m for m in found)
    assert any('topologyKey: Invalid value: "kubernetes.io/host name"' in m for m in found)


def test_flags_match_label_keys() -> None:
    text = daemonset("""\
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: kubernetes.io/hostname
                labelSelector: {matchLabels: {app: agent}}
                matchLabelKeys: [app, pod-template-hash]
                mismatchLabelKeys: [pod-template-hash]
              - topologyKey: kubernetes.io/hostname
                mismatchLabelKeys: [tenant]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "17:32 invalid-pod-affinity",
        "17:37 invalid-pod-affinity",
        "19:15 invalid-pod-affinity",
        "20:15 invalid-pod-affinity",
    ]
    found = messages(text, RULE)
    assert any(
        m.endswith(
            'matchLabelKeys[0]: Invalid value: "app": '
            "exists in both matchLabelKeys and labelSelector"
        )
        for m in found
    )
    assert any(
        m.endswith(
            'matchLabelKeys[1]: Invalid value: "pod-template-hash": '
            "exists in both matchLabelKeys and mismatchLabelKeys"
        )
        for m in found
    )
    assert any(
        m.endswith(
            "[1].mismatchLabelKeys: Forbidden: must not be specified when labelSelector is not set"
        )
        for m in found
    )


def test_null_label_selector_is_a_warning() -> None:
    text = daemonset("""\
        affinity:
          podAntiAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: kubernetes.io/hostname
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == ["15:15 invalid-pod-affinity"]
    assert levels(text, RULE) == ["warning"]
    assert "matches no pod" in messages(text, RULE)[0]


def test_valid_terms_pass() -> None:
    text = daemonset("""\
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchExpressions: [{key: app, operator: In, values: [cache]}]
                namespaces: [kube-system]
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 100
                podAffinityTerm:
                  topologyKey: topology.kubernetes.io/zone
                  labelSelector: {matchLabels: {app: agent}}
                  namespaceSelector: {}
                  matchLabelKeys: [pod-template-hash]
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        affinity:
          podAffinity:
            requiredDuringSchedulingIgnoredDuringExecution: [5, {topologyKey: x, labelSelector: 3}]
            preferredDuringSchedulingIgnoredDuringExecution: [{weight: a, podAffinityTerm: 5}, 3]
          podAntiAffinity: []
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("affinity: 5\n"), RULE) == []
