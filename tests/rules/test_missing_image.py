from tests.helpers import findings, messages

RULE = "missing-image"


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
{image}
"""


def test_flags_empty_image_at_its_value() -> None:
    assert findings(daemonset('          image: ""'), RULE) == ["14:18 missing-image"]
    assert messages(daemonset('          image: ""'), RULE) == [
        'container "agent" has an empty image: '
        "spec.template.spec.containers[0].image: Required value"
    ]
    assert findings(daemonset("          image: '   '"), RULE) == ["14:18 missing-image"]


def test_flags_missing_and_null_image() -> None:
    assert findings(daemonset(""), RULE) == ["13:17 missing-image"]
    assert messages(daemonset(""), RULE)[0].startswith('container "agent" has no image')
    assert findings(daemonset("          image:"), RULE) == ["13:17 missing-image"]


def test_images_pass() -> None:
    assert findings(daemonset("          image: busybox"), RULE) == []


def test_init_containers_and_wrong_types() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      initContainers: [{name: setup}, {name: other, image: 5}]
      containers: [{name: agent, image: agent:1.0}, 7]
"""
    assert findings(text, RULE) == ["7:31 missing-image"]
    assert messages(text, RULE)[0].startswith('init container "setup" has no image')


def test_odd_shapes_do_not_raise() -> None:
    assert (
        findings(
            "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: {}}}}\n",
            RULE,
        )
        == []
    )
