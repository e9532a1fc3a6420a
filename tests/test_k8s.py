"""Image references, quantities and selectors as Kubernetes reads them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dslint.k8s import (
    expression_matches,
    is_extended_resource,
    near_miss_kind,
    parse_image,
    parse_quantity,
    selector_matches,
)

DIGEST = "sha256:" + "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("reference", "registry", "repository", "tag", "digest"),
    [
        ("nginx", None, "nginx", None, None),
        ("nginx:1.27", None, "nginx", "1.27", None),
        ("library/nginx:latest", None, "library/nginx", "latest", None),
        ("registry:5000/app", "registry:5000", "app", None, None),
        ("registry:5000/app:2.0", "registry:5000", "app", "2.0", None),
        ("localhost/app", "localhost", "app", None, None),
        ("quay.io/org/app:v1", "quay.io", "org/app", "v1", None),
        (f"app@{DIGEST}", None, "app", None, DIGEST),
        (f"registry:5000/app:1.0@{DIGEST}", "registry:5000", "app", "1.0", DIGEST),
        ("[::1]:5000/app:3", "[::1]:5000", "app", "3", None),
    ],
)
def test_parse_image(
    reference: str, registry: str | None, repository: str, tag: str | None, digest: str | None
) -> None:
    image = parse_image(reference)
    assert (image.registry, image.repository, image.tag, image.digest) == (
        registry,
        repository,
        tag,
        digest,
    )
    assert image.is_pinned == (digest is not None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("100m", Decimal("0.1")),
        ("1Gi", Decimal(2**30)),
        ("128Mi", Decimal(128 * 2**20)),
        ("1.5", Decimal("1.5")),
        ("1e3", Decimal(1000)),
        ("2k", Decimal(2000)),
        (".5", Decimal("0.5")),
        (3, Decimal(3)),
        (0.25, Decimal("0.25")),
    ],
)
def test_parse_quantity_valid(value: object, expected: Decimal) -> None:
    assert parse_quantity(value) == expected


@pytest.mark.parametrize("value", ["128MB", "1.5Gb", "1 Gi", "", "Gi", "1KiB", True, None, [1]])
def test_parse_quantity_invalid(value: object) -> None:
    assert parse_quantity(value) is None


def test_extended_resources() -> None:
    assert is_extended_resource("nvidia.com/gpu")
    assert not is_extended_resource("cpu")
    assert not is_extended_resource("hugepages-2Mi")
    assert not is_extended_resource("kubernetes.io/something")


def test_selector_semantics() -> None:
    labels = {"app": "agent", "tier": "node"}
    assert selector_matches({"matchLabels": {"app": "agent"}}, labels)
    assert not selector_matches({"matchLabels": {"app": "other"}}, labels)
    assert expression_matches({"key": "zone", "operator": "NotIn", "values": ["a"]}, labels)
    assert expression_matches({"key": "zone", "operator": "DoesNotExist"}, labels)
    assert not expression_matches({"key": "app", "operator": "In", "values": ["x"]}, labels)
    assert expression_matches({"key": "app", "operator": "Exists"}, labels)
    assert not expression_matches({"key": "app", "operator": "Gt", "values": ["1"]}, labels)


def test_near_miss_kinds() -> None:
    assert near_miss_kind("Daemonset")
    assert near_miss_kind("daemonsets")
    assert near_miss_kind("Daemon-Set")
    assert not near_miss_kind("DaemonSet")
    assert not near_miss_kind("Deployment")
