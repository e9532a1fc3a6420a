import textwrap

from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "affinity-matches-no-node"


def affinity(terms: str) -> str:
    """A DaemonSet whose required node affinity has `terms` (a YAML list; first line is 16)."""
    indented = textwrap.indent(textwrap.dedent(terms), " " * 6)
    return daemonset(
        "affinity:\n"
        "  nodeAffinity:\n"
        "    requiredDuringSchedulingIgnoredDuringExecution:\n"
        "      nodeSelectorTerms:\n" + indented + "\ncontainers: [{name: a, image: 'a:1'}]\n"
    )


def test_flags_empty_term() -> None:
    text = affinity("- {}")
    assert findings(text, RULE) == ["15:13 affinity-matches-no-node"]
    assert levels(text, RULE) == ["error"]
    assert messages(text, RULE)[0] == (
        "no required node affinity term can match a node (term 0: the term is empty, and an "
        "empty term matches no node), so the DaemonSet runs on no node; "
        "the API server accepts this"
    )


def test_flags_term_with_empty_lists() -> None:
    assert findings(affinity("- {matchExpressions: [], matchFields: []}"), RULE) == [
        "15:13 affinity-matches-no-node"
    ]


def test_flags_non_integer_gt_and_lt() -> None:
    text = affinity("""\
        - matchExpressions: [{key: example.com/version, operator: Gt, values: ["v2"]}]
        - matchExpressions: [{key: example.com/cores, operator: Lt, values: ["1.5"]}]""")
    assert findings(text, RULE) == ["15:13 affinity-matches-no-node"]
    found = messages(text, RULE)[0]
    assert 'term 0: "example.com/version" Gt "v2" compares numbers' in found
    assert 'term 1: "example.com/cores" Lt "1.5" compares numbers' in found


def test_integer_gt_passes() -> None:
    text = affinity("""\
        - matchExpressions: [{key: example.com/cores, operator: Gt, values: ["-3"]}]""")
    assert findings(text, RULE) == []


def test_flags_invalid_label_value() -> None:
    text = affinity("""\
        - matchExpressions: [{key: pool, operator: In, values: ["gpu nodes"]}]""")
    assert findings(text, RULE) == ["15:13 affinity-matches-no-node"]
    assert 'value "gpu nodes" is not a valid label value' in messages(text, RULE)[0]


def test_flags_contradictions() -> None:
    text = affinity("""\
        - matchExpressions:
            - {key: gpu, operator: Exists}
            - {key: gpu, operator: DoesNotExist}
        - matchExpressions:
            - {key: zone, operator: In, values: [a, b]}
            - {key: zone, operator: In, values: [c]}
        - matchExpressions:
            - {key: os, operator: In, values: [linux]}
            - {key: os, operator: NotIn, values: [linux, windows]}""")
    assert findings(text, RULE) == ["15:13 affinity-matches-no-node"]
    found = messages(text, RULE)[0]
    assert '"gpu" must both exist and not exist' in found
    assert 'no value of "zone" satisfies all of its In and NotIn requirements' in found


def test_dead_term_beside_live_one_is_a_warning() -> None:
    text = affinity("""\
        - {}
        - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]""")
    assert findings(text, RULE) == ["16:15 affinity-matches-no-node"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE)[0].endswith("the other terms still can")


def test_live_terms_pass() -> None:
    text = affinity("""\
        - matchExpressions:
            - {key: kubernetes.io/os, operator: In, values: [linux]}
            - {key: kubernetes.io/os, operator: NotIn, values: [windows]}
            - {key: gpu, operator: DoesNotExist}
            - {key: zone, operator: In, values: [a, b]}
            - {key: zone, operator: In, values: [b, c]}
        - matchFields: [{key: metadata.name, operator: In, values: [node-a]}]""")
    assert findings(text, RULE) == []


def test_rejected_shapes_are_left_to_other_rules() -> None:
    assert findings(affinity("[]"), RULE) == []
    assert findings(affinity("- 5\n- {}"), RULE) == []
    assert findings(daemonset("affinity: {nodeAffinity: []}\n"), RULE) == []
    text = affinity("""\
        - matchExpressions: [5, {key: 3, operator: In, values: [1]}, {operator: Gt, values: x}]""")
    assert findings(text, RULE) == []
