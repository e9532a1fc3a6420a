from decimal import Decimal

import yaml

from dslint.api import Manifest
from dslint.resources import effective_requests
from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "init-container-without-requests"

POD = """\
initContainers:
  - name: install
    image: registry.example.com/installer:1.4.2
  - name: proxy
    image: registry.example.com/proxy:1.0
    restartPolicy: Always
  - name: warm
    image: registry.example.com/warm:1.0
    resources: {limits: {cpu: "2", memory: 1Gi}}
containers:
  - name: agent
    image: registry.example.com/agent:1.4.2
    resources: {requests: {cpu: 50m, memory: 64Mi}}
"""


def test_off_by_default_and_flags_plain_init_containers_at_their_name() -> None:
    text = daemonset(POD)
    assert RULE not in [d.name for d in lint(text)]  # off by default
    config = {"select": [RULE]}
    assert findings(text, RULE, config=config) == ["13:17 init-container-without-requests"]
    assert messages(text, RULE, config=config) == [
        'init container "install" has no cpu or memory request, so the pod\'s effective '
        "request (cpu 2, memory 1073741824) leaves out what it uses while it runs"
    ]


def test_init_containers_with_requests_or_limits_pass() -> None:
    text = daemonset(
        POD.replace(
            "image: registry.example.com/installer:1.4.2",
            "image: i:1\n    resources: {requests: {cpu: 10m, memory: 10Mi}}",
        )
    )
    assert findings(text, RULE, config={"select": [RULE]}) == []


def _effective(pod: str) -> dict[str, Decimal]:
    return effective_requests(Manifest(yaml.safe_load(daemonset(pod))))


def test_effective_request_counts_init_containers_and_sidecars() -> None:
    # Regular 50m + sidecar 0 vs. the init container "warm" (its limit stands in for a request).
    assert _effective(POD) == {"cpu": Decimal(2), "memory": Decimal(2**30)}
    sidecar = POD.replace(
        "    restartPolicy: Always\n",
        "    restartPolicy: Always\n    resources: {requests: {cpu: 100m, memory: 100Mi}}\n",
    )
    # "warm" runs next to the sidecar started before it: 2 + 0.1 CPU; the regular phase is less.
    effective = _effective(sidecar)
    assert effective["cpu"] == Decimal("2.1")
    assert effective["memory"] == Decimal(2**30 + 100 * 2**20)


def test_pod_level_requests_win() -> None:
    pod = "resources: {requests: {cpu: 1, memory: 1Gi}}\n" + POD
    assert _effective(pod) == {"cpu": Decimal(1), "memory": Decimal(2**30)}
