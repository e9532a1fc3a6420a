from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "apparmor-unconfined"


def test_fields_at_pod_and_container_level() -> None:
    text = daemonset("""\
        securityContext:
          appArmorProfile: {type: Unconfined}
        containers:
          - {name: a, image: a:1}
          - {name: b, image: a:1, securityContext: {appArmorProfile: {type: Unconfined}}}
          - {name: c, image: a:1, securityContext: {appArmorProfile: {type: RuntimeDefault}}}
        """)
    assert findings(text, RULE) == ["13:33 apparmor-unconfined", "16:75 apparmor-unconfined"]
    assert 'inherited by container "a"' in messages(text, RULE)[0]


def test_beta_annotation() -> None:
    text = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/agent: unconfined
        container.apparmor.security.beta.kubernetes.io/sidecar: runtime/default
        container.apparmor.security.beta.kubernetes.io/priv: unconfined
    spec:
      containers:
        - {name: agent, image: a:1}
        - {name: sidecar, image: a:1}
        - {name: priv, image: a:1, securityContext: {privileged: true}}
"""
    assert findings(text, RULE) == ["8:63 apparmor-unconfined"]
    assert 'container "agent"' in messages(text, RULE)[0]


def test_odd_shapes() -> None:
    text = daemonset("""\
        securityContext: {appArmorProfile: Unconfined}
        containers:
          - {name: a, image: a:1, securityContext: {appArmorProfile: 5}}
        """)
    assert findings(text, RULE) == []


def test_unsafe_fix_uses_the_runtime_default_profile() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        containers:
          - name: a
            image: a:1
            securityContext:
              appArmorProfile: {type: Unconfined}
        """
    )
    assert fixed(text, RULE) == text.replace("Unconfined", "RuntimeDefault")
    annotated = (
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n"
        "    metadata:\n      annotations:\n"
        "        container.apparmor.security.beta.kubernetes.io/agent: 'unconfined'\n"
        "    spec:\n      containers: [{name: agent, image: a:1}]\n"
    )
    assert fixed(annotated, RULE) == annotated.replace("'unconfined'", "'runtime/default'")
