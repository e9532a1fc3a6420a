from tests.helpers import findings, messages

RULE = "missing-selector"

WITHOUT_SELECTOR = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    metadata:
      labels:
        app: agent
        tier: node
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
"""


def test_flags_apps_v1_without_selector_at_spec() -> None:
    assert findings(WITHOUT_SELECTOR, RULE) == ["5:1 missing-selector"]


def test_message_carries_the_api_server_text_and_a_suggestion() -> None:
    message = messages(WITHOUT_SELECTOR, RULE)[0]
    assert message.startswith("spec.selector is missing")
    assert (
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent", '
        '"tier":"node"}: `selector` does not match template `labels`'
    ) in message
    assert "matchLabels {app: agent, tier: node}" in message


def test_null_selector_is_missing() -> None:
    # Reported at the empty value, right after `selector:`.
    text = WITHOUT_SELECTOR.replace("spec:\n  template:", "spec:\n  selector:\n  template:")
    assert findings(text, RULE) == ["6:12 missing-selector"]


def test_template_without_labels() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec: {template: {spec: {containers: []}}}
"""
    assert findings(text, RULE) == ["4:1 missing-selector"]
    assert "Invalid value: map[string]string(nil)" in messages(text, RULE)[0]


def test_extensions_v1beta1_defaulted_the_selector() -> None:
    text = WITHOUT_SELECTOR.replace("apps/v1", "extensions/v1beta1")
    assert findings(text, RULE) == []
    assert findings(WITHOUT_SELECTOR.replace("apps/v1", "apps/v1beta2"), RULE) == [
        "5:1 missing-selector"
    ]


def test_selector_present_passes_even_if_empty() -> None:
    text = WITHOUT_SELECTOR.replace("spec:\n  template:", "spec:\n  selector: {}\n  template:")
    assert findings(text, RULE) == []


def test_missing_or_wrongly_typed_spec_is_not_this_rule() -> None:
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\n", RULE) == []
    assert findings("apiVersion: apps/v1\nkind: DaemonSet\nspec: [1, 2]\n", RULE) == []


def test_list_items() -> None:
    text = """\
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      template: {metadata: {labels: {app: a}}}
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: b}
    spec:
      selector: {matchLabels: {app: b}}
"""
    assert findings(text, RULE) == ["7:5 missing-selector"]


def test_fix_selects_the_template_labels() -> None:
    from tests.fixing import fixed

    assert (
        fixed(WITHOUT_SELECTOR, RULE)
        == WITHOUT_SELECTOR.replace(
            "spec:\n  template:\n",
            "spec:\n  template:\n",
        )
        + "  selector:\n    matchLabels:\n      app: agent\n      tier: node\n"
    )
