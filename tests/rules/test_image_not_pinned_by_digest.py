from tests.helpers import findings, levels, messages

RULE = "image-not-pinned-by-digest"
DIGEST = "sha256:" + "ab" * 32


def daemonset(image: str) -> str:
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
          image: {image}
"""


def test_flags_version_tag_without_digest() -> None:
    text = daemonset("registry.example.com/agent:1.4.2")
    assert findings(text, RULE) == ["14:18 image-not-pinned-by-digest"]
    assert levels(text, RULE) == ["info"]
    assert messages(text, RULE) == [
        'container "agent" image "registry.example.com/agent:1.4.2" is not pinned by digest, '
        "so the tag can be moved to other content; add @sha256:<digest>"
    ]


def test_flags_untagged_and_port_registry() -> None:
    assert findings(daemonset("agent"), RULE) == ["14:18 image-not-pinned-by-digest"]
    assert findings(daemonset("registry:5000/agent"), RULE) == ["14:18 image-not-pinned-by-digest"]


def test_digest_passes_with_or_without_tag() -> None:
    assert findings(daemonset(f"registry.example.com/agent@{DIGEST}"), RULE) == []
    assert findings(daemonset(f"registry.example.com/agent:1.4.2@{DIGEST}"), RULE) == []


def test_allowed_registries() -> None:
    config = {"rules": {RULE: {"allowed-registries": ["registry.internal:5000", "docker.io"]}}}
    assert findings(daemonset("registry.internal:5000/agent:1.0"), RULE, config=config) == []
    assert findings(daemonset("fluent/fluent-bit:3.0"), RULE, config=config) == []
    assert findings(daemonset("registry.internal/agent:1.0"), RULE, config=config) == [
        "14:18 image-not-pinned-by-digest"
    ]


def test_init_containers_and_sidecars_checked() -> None:
    text = f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: agent}}
spec:
  template:
    spec:
      initContainers:
        - {{name: install, image: "installer:1.0"}}
        - {{name: proxy, image: "proxy:1.0", restartPolicy: Always}}
      containers: [{{name: agent, image: "agent@{DIGEST}"}}]
"""
    assert findings(text, RULE) == [
        "8:34 image-not-pinned-by-digest",
        "9:32 image-not-pinned-by-digest",
    ]
    assert messages(text, RULE)[0].startswith('init container "install" image "installer:1.0"')


def test_off_by_default_and_in_strict() -> None:
    assert findings(daemonset("agent:1.0"), RULE, config={"extends": "strict"}) == [
        "14:18 image-not-pinned-by-digest"
    ]


def test_odd_shapes_do_not_raise() -> None:
    assert findings(daemonset("5"), RULE) == []
    assert findings(daemonset('""'), RULE) == []
    assert findings(daemonset("[agent]"), RULE) == []
    text = "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: {}}}}\n"
    assert findings(text, RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: 3\n", RULE) == []
