"""API field paths, error lines and name syntax as the API server reports them."""

from __future__ import annotations

import pytest

from dslint.k8s import (
    DNS1123_LABEL_MESSAGE,
    api_error,
    dns1123_label_errors,
    dns1123_subdomain_errors,
    field_path,
    go_quote,
    is_int,
    is_ip_address,
    label_selector_errors,
    label_value_errors,
    qualified_name_errors,
)


def test_field_path() -> None:
    assert field_path(("spec", "template", "spec", "volumes", 1, "name")) == (
        "spec.template.spec.volumes[1].name"
    )
    assert field_path(()) == ""
    assert field_path(("spec", "nodeSelector", "kubernetes.io/os")) == (
        "spec.nodeSelector.kubernetes.io/os"
    )


def test_api_error_forms() -> None:
    path = ("spec", "volumes", 0, "name")
    assert api_error(path, "Duplicate value", value="data") == (
        'spec.volumes[0].name: Duplicate value: "data"'
    )
    assert api_error(path, "Required value") == "spec.volumes[0].name: Required value"
    assert api_error(path, "Invalid value", "must be unique", -1) == (
        "spec.volumes[0].name: Invalid value: -1: must be unique"
    )
    assert go_quote(True) == "true"
    assert go_quote('a"b') == '"a\\"b"'


@pytest.mark.parametrize("name", ["a", "data-1", "0abc", "a" * 63])
def test_valid_labels(name: str) -> None:
    assert dns1123_label_errors(name) == []


def test_invalid_labels() -> None:
    assert dns1123_label_errors("Data") == [DNS1123_LABEL_MESSAGE]
    assert dns1123_label_errors("a.b") == ["must not contain dots"]
    assert dns1123_label_errors("a" * 64) == ["must be no more than 63 characters"]
    assert dns1123_label_errors("-a") == [DNS1123_LABEL_MESSAGE]


def test_subdomains() -> None:
    assert dns1123_subdomain_errors("system-node-critical") == []
    assert dns1123_subdomain_errors("a.b.c") == []
    assert len(dns1123_subdomain_errors("a..b")) == 1
    assert dns1123_subdomain_errors("a" * 254)[0] == "must be no more than 253 characters"


def test_qualified_names() -> None:
    assert qualified_name_errors("kubernetes.io/os") == []
    assert qualified_name_errors("My_Name.1") == []
    assert qualified_name_errors("example.com/") == ["name part must be non-empty"]
    assert qualified_name_errors("/name") == ["prefix part must be non-empty"]
    assert qualified_name_errors("a/b/c")[0].startswith("a qualified name must consist of")
    assert qualified_name_errors("Example.com/x")[0].startswith(
        "prefix part a lowercase RFC 1123 subdomain"
    )
    assert qualified_name_errors("x" * 64) == ["name part must be no more than 63 characters"]


def test_label_values() -> None:
    assert label_value_errors("") == []
    assert label_value_errors("a_b.c-1") == []
    assert len(label_value_errors("a b")) == 1
    assert label_value_errors("a" * 64) == ["must be no more than 63 characters"]


def test_label_selector_errors() -> None:
    selector = {
        "matchLabels": {"bad key": "ok", "app": "bad value"},
        "matchExpressions": [
            {"key": "a", "operator": "Gt", "values": ["1"]},
            {"key": "b", "operator": "In"},
            {"key": "c", "operator": "Exists", "values": ["x"]},
            {"key": "d"},
            "not a mapping",
        ],
    }
    found = dict(label_selector_errors(("sel",), selector))
    assert found[("sel", "matchExpressions", 0, "operator")] == (
        'sel.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'
    )
    assert found[("sel", "matchExpressions", 1, "values")].startswith(
        "sel.matchExpressions[1].values: Required value"
    )
    assert found[("sel", "matchExpressions", 2, "values")].startswith(
        "sel.matchExpressions[2].values: Forbidden"
    )
    assert found[("sel", "matchExpressions", 3, "operator")].endswith(
        'Invalid value: "": not a valid selector operator'
    )
    assert ("sel", "matchLabels", "bad key") in found
    assert ("sel", "matchLabels", "app") in found
    assert list(label_selector_errors(("sel",), None)) == []
    assert list(label_selector_errors(("sel",), {"matchExpressions": 5})) == []


def test_ip_addresses() -> None:
    for good in ("10.0.0.1", "::1", "2001:db8::ffff", "010.001.002.003"):
        assert is_ip_address(good)
    for bad in ("", "dns.example.com", "300.1.1.1", "1.2.3", "10.0.0.1/24"):
        assert not is_ip_address(bad)


def test_is_int() -> None:
    assert is_int(3) and is_int(-1)
    assert not is_int(True) and not is_int("3") and not is_int(3.0)
