from tests.helpers import findings, messages

RULE = "removed-api-version"

EXTENSIONS = """\
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


def test_flags_extensions_v1beta1_at_its_value() -> None:
    assert findings(EXTENSIONS, RULE) == ["1:13 removed-api-version"]
    message = messages(EXTENSIONS, RULE)[0]
    assert 'apiVersion "extensions/v1beta1"' in message
    assert 'use "apps/v1"' in message
    assert 'no matches for kind "DaemonSet" in version "extensions/v1beta1"' in message


def test_flags_apps_v1beta2() -> None:
    text = """\
kind: DaemonSet
apiVersion: apps/v1beta2
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
"""
    assert findings(text, RULE) == ["2:13 removed-api-version"]


def test_old_target_version_is_not_flagged() -> None:
    assert findings(EXTENSIONS, RULE, config={"kubernetes-version": "1.15"}) == []
    assert findings(EXTENSIONS, RULE, config={"kubernetes-version": "1.16"}) == [
        "1:13 removed-api-version"
    ]


def test_apps_v1_and_other_versions_pass() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
"""
    assert findings(text, RULE) == []
    # Versions that never served DaemonSet are wrong-api-version's concern.
    assert findings(text.replace("apps/v1", "batch/v1"), RULE) == []


def test_list_items_flow_style_and_odd_shapes() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - {apiVersion: extensions/v1beta1, kind: DaemonSet, metadata: {name: a}}
  - {apiVersion: 5, kind: DaemonSet, spec: []}
  - {kind: DaemonSet}
"""
    assert findings(text, RULE) == ["4:18 removed-api-version"]


def test_fix_moves_to_apps_v1_writing_out_what_the_old_version_defaulted() -> None:
    from tests.fixing import fixed

    # extensions/v1beta1 took the selector from the template labels and updated OnDelete.
    assert (
        fixed(EXTENSIONS, RULE)
        == EXTENSIONS.replace("extensions/v1beta1", "apps/v1")
        + "  selector:\n    matchLabels:\n      app: agent\n  updateStrategy:\n    type: OnDelete\n"
    )
    explicit = EXTENSIONS.replace(
        "spec:\n  template:\n",
        "spec:\n  selector: {matchLabels: {app: agent}}\n"
        "  updateStrategy: {type: RollingUpdate}\n  template:\n",
    )
    assert fixed(explicit, RULE) == explicit.replace("extensions/v1beta1", "apps/v1")
    v1beta2 = "kind: DaemonSet\napiVersion: apps/v1beta2  # old\nmetadata: {name: a}\n"
    assert fixed(v1beta2, RULE) == v1beta2.replace("apps/v1beta2", "apps/v1")


def test_no_fix_without_labels_to_select() -> None:
    from tests.fixing import no_fix

    no_fix(EXTENSIONS.replace("      labels: {app: agent}\n", "      name: x\n"), RULE)
