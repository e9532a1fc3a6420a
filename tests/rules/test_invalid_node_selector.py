from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-node-selector"


def test_flags_invalid_keys_and_values() -> None:
    text = daemonset("""\
        nodeSelector:
          node role: agent
          node-pool: "gpu nodes"
          example.com/: x
          kubernetes.io/os: linux
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == [
        "13:20 invalid-node-selector",
        "14:20 invalid-node-selector",
        "15:23 invalid-node-selector",
    ]
    found = messages(text, RULE)
    assert found[0].startswith('nodeSelector key "node role" is not a valid label key; ')
    assert 'spec.template.spec.nodeSelector: Invalid value: "node role": name part must' in found[0]
    assert 'nodeSelector: Invalid value: "gpu nodes": a valid label must be' in found[1]
    assert found[2].endswith('Invalid value: "example.com/": name part must be non-empty')


def test_valid_selector_passes() -> None:
    text = daemonset("""\
        nodeSelector: {kubernetes.io/os: linux, node.example.com/gpu: "", pool: a.b_c-1}
        containers: [{name: a, image: "a:1"}]
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("nodeSelector: [a, b]\n"), RULE) == []
    assert findings(daemonset("nodeSelector: {1: 2, ok: 3}\n"), RULE) == []
