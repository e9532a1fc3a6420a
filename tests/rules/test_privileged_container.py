from tests.helpers import findings, levels, messages
from tests.rules.pod_template import daemonset

RULE = "privileged-container"


def test_flags_privileged_container_at_the_value() -> None:
    text = daemonset("""\
        containers:
          - name: agent
            image: agent:1.0
            securityContext:
              privileged: true
        """)
    assert findings(text, RULE) == ["16:25 privileged-container"]
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE)[0].startswith('container "agent" runs privileged')


def test_init_and_sidecar_containers_are_checked() -> None:
    text = daemonset("""\
        initContainers:
          - {name: setup, image: a:1, securityContext: {privileged: true}}
          - {name: proxy, image: a:1, restartPolicy: Always, securityContext: {privileged: true}}
        containers:
          - {name: agent, image: a:1}
        """)
    assert findings(text, RULE) == ["13:67 privileged-container", "14:90 privileged-container"]
    assert messages(text, RULE)[1].startswith('sidecar "proxy"')


def test_bidirectional_propagation_needs_privilege_so_it_is_info() -> None:
    text = daemonset("""\
        containers:
          - name: csi
            image: csi:1.0
            securityContext: {privileged: true}
            volumeMounts:
              - {name: kubelet, mountPath: /var/lib/kubelet, mountPropagation: Bidirectional}
        volumes:
          - {name: kubelet, hostPath: {path: /var/lib/kubelet}}
        """)
    assert levels(text, RULE) == ["info"]


def test_not_flagged() -> None:
    for context in ("{privileged: false}", "{privileged: 'true'}", "{}", "null", "[]"):
        text = daemonset(f"""\
            containers:
              - {{name: agent, image: a:1, securityContext: {context}}}
            """)
        assert findings(text, RULE) == []


def test_node_agent_preset_makes_it_info() -> None:
    text = daemonset("""\
        containers:
          - {name: agent, image: a:1, securityContext: {privileged: true}}
        """)
    assert levels(text, RULE, config={"extends": "node-agent"}) == ["info"]


def test_odd_shapes() -> None:
    for spec in ("containers: {}", "containers: 5", "containers: [5, null]", "{}"):
        assert findings(daemonset(spec), RULE) == []
    assert findings("kind: DaemonSet\nspec: 3\n", RULE) == []


def test_unsafe_fix_turns_privileged_off() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            securityContext: {privileged: true, runAsUser: 0}
        """
    )
    assert fixed(text, RULE) == text.replace("privileged: true", "privileged: false")
