import pytest

from tests.helpers import findings, lint, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-image-reference"


def _pod(image: str) -> str:
    return daemonset(
        f"""\
        initContainers:
          - {{name: setup, image: "registry.example.com/setup:1.0"}}
        containers:
          - name: agent
            image: "{image}"
        """
    )


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        ("FILLED BY THE OPERATOR", "'FILLED BY THE OPERATOR' is not a valid repository path"),
        ("<IMAGE>", "'<IMAGE>' is not a valid repository path component"),
        ("$REGISTRY/agent", "'$REGISTRY' is not a valid repository path component"),
        ("quay.io/Team/agent:1.0", "the repository name must be lowercase"),
        ("agent:", "the tag is empty"),
        ("agent@sha256:abc", "'sha256:abc' is not a digest"),
        ("agent@sha256:" + "a" * 63, "a sha256 digest has exactly 64 hex digits"),
        ("agent:v1!", "the tag 'v1!' is not a valid tag"),
        ("bad_host.example.com:50x0/agent", "'bad_host.example.com:50x0' is not a registry host"),
    ],
)
def test_references_that_can_never_pull_are_errors_at_the_image(image: str, reason: str) -> None:
    text = _pod(image)
    assert findings(text, RULE) == ["16:18 invalid-image-reference"]
    (message,) = messages(text, RULE)
    assert message.startswith(f'container "agent" image "{image}" can never be pulled ({reason}')
    assert message.endswith("its pods stay in InvalidImageName")
    assert [d.level for d in lint(text, select=RULE)] == ["error"]


@pytest.mark.parametrize(
    "image",
    [
        "nginx",
        "registry:5000/team/agent:1.2",
        "localhost/agent",
        "[::1]:5000/agent:1",
        "gcr.io/google-containers/startup-script:v2",
        "agent:v1@sha256:" + "0" * 64,
        "a__b/c.d-e:1.0_x",
    ],
)
def test_valid_references_pass(image: str) -> None:
    assert findings(_pod(image), RULE) == []


def test_init_containers_are_checked_and_other_image_rules_stay_quiet() -> None:
    text = _pod("registry.example.com/agent:1.0").replace(
        '"registry.example.com/setup:1.0"', '"<SETUP_IMAGE>"'
    )
    assert findings(text, RULE) == ["13:32 invalid-image-reference"]
    # An unparseable reference is not "runs :latest" nor "not pinned by digest".
    image_rules = {"latest-image-tag", "image-not-pinned-by-digest", "untrusted-image-registry"}
    found = {d.name for d in lint(text, config={"extends": "strict"}) if d.line == 13}
    assert "invalid-image-reference" in found
    assert not found & image_rules
