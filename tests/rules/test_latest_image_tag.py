from tests.helpers import findings, messages

RULE = "latest-image-tag"


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


def test_flags_untagged_image_at_its_value() -> None:
    assert findings(daemonset("nginx"), RULE) == ["14:18 latest-image-tag"]


def test_flags_latest_tag() -> None:
    assert findings(daemonset("quay.io/app:latest"), RULE) == ["14:18 latest-image-tag"]
    assert "moving tag" in messages(daemonset("quay.io/app:latest"), RULE)[0]


def test_registry_port_is_not_a_tag() -> None:
    assert findings(daemonset("registry:5000/app"), RULE) == ["14:18 latest-image-tag"]
    assert findings(daemonset("registry:5000/app:1.2"), RULE) == []


def test_digest_is_pinned() -> None:
    digest = "sha256:" + "a" * 64
    assert findings(daemonset(f"app@{digest}"), RULE) == []
    assert findings(daemonset(f"app:latest@{digest}"), RULE) == []


def test_versioned_tag_passes() -> None:
    assert findings(daemonset("docker.io/library/nginx:1.27.0"), RULE) == []


def test_allowed_tags_option() -> None:
    config = {"rules": {RULE: {"allowed-tags": ["latest"]}}}
    assert findings(daemonset("app:latest"), RULE, config=config) == []


def test_init_containers_and_flow_style() -> None:
    text = """\
kind: DaemonSet
apiVersion: apps/v1
metadata: {name: agent}
spec: {template: {spec: {initContainers: [{name: init, image: busybox}], containers: []}}}
"""
    assert findings(text, RULE) == ["4:63 latest-image-tag"]
    assert messages(text, RULE)[0].startswith('init container "init"')


def test_list_items_are_checked() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      template:
        spec:
          containers:
            - {name: a, image: "app:latest"}
"""
    assert findings(text, RULE) == ["11:32 latest-image-tag"]
