"""The quantity and label helpers the cluster analyses print and compare with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dslint.k8s import format_quantity, label_text, parse_int64


@pytest.mark.parametrize(
    ("amount", "binary", "text"),
    [
        ("0.5", False, "500m"),
        ("4", False, "4"),
        ("4000", False, "4k"),
        ("1500", False, "1500"),  # 1.5k has no whole mantissa
        ("0", False, "0"),
        ("0.0001", False, "100u"),
        ("1e-10", False, "1n"),  # finer than a nanounit rounds up
        ("1073741824", True, "1Gi"),
        ("134217728", True, "128Mi"),
        ("1000000000", True, "1G"),  # not a power of 1024: decimal
        ("1258291200", False, "1258291200"),
        ("-2048", True, "-2Ki"),
    ],
)
def test_format_quantity(amount: str, binary: bool, text: str) -> None:
    assert format_quantity(Decimal(amount), binary) == text


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("42", 42),
        ("+7", 7),
        ("-3", -3),
        ("007", 7),
        ("9223372036854775807", 2**63 - 1),
        ("9223372036854775808", None),
        ("1.5", None),
        ("1e3", None),
        (" 1", None),
        ("1\n", None),
        ("", None),
        ("٣", None),  # a digit, but not an ASCII one
    ],
)
def test_parse_int64(text: str, number: int | None) -> None:
    assert parse_int64(text) == number


def test_label_text() -> None:
    assert [label_text(v) for v in ("a", True, False, 5, 1.5, None)] == [
        "a",
        "true",
        "false",
        "5",
        "1.5",
        "",
    ]
    assert label_text(["a"]) is None
    assert label_text({"a": 1}) is None
