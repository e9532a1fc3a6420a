from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "bidirectional-mount-propagation"

TEXT = daemonset("""\
    containers:
      - name: csi
        image: csi:1.0
        securityContext: {privileged: true}
        volumeMounts:
          - {name: kubelet, mountPath: /var/lib/kubelet, mountPropagation: Bidirectional}
          - {name: dev, mountPath: /dev, mountPropagation: HostToContainer}
    """)


def test_flags_bidirectional_on_privileged_containers() -> None:
    assert findings(TEXT, RULE) == ["17:78 bidirectional-mount-propagation"]
    assert messages(TEXT, RULE)[0].startswith('container "csi" mounts "/var/lib/kubelet"')


def test_non_privileged_containers_are_left_to_api_validation() -> None:
    text = TEXT.replace("privileged: true", "privileged: false")
    assert findings(text, RULE) == []


def test_node_agent_preset_turns_it_off() -> None:
    assert RULE not in [d.name for d in lint(TEXT, config={"extends": "node-agent"})]


def test_odd_shapes() -> None:
    text = daemonset("containers: [{securityContext: {privileged: true}, volumeMounts: [1, {}]}]")
    assert findings(text, RULE) == []


def test_unsafe_fix_keeps_the_containers_mounts_inside() -> None:
    from tests.fixing import fixed

    assert fixed(TEXT, RULE) == TEXT.replace(
        "mountPropagation: Bidirectional", "mountPropagation: HostToContainer"
    )
