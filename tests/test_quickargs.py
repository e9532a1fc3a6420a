"""The fast `dslint lint` path reads arguments exactly as the full command line does."""

from __future__ import annotations

from typing import Any

import click
import pytest
import typer

from dslint.cli import app
from dslint.quickargs import FLAG_OPTIONS, LIST_OPTIONS, VALUE_OPTIONS, parse_lint_arguments


def lint_command() -> click.Command:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return group.commands["lint"]


def test_option_tables_match_the_typer_command() -> None:
    flags: set[str] = set()
    values: set[str] = set()
    lists: set[str] = set()
    for parameter in lint_command().params:
        if not isinstance(parameter, click.Option):
            continue
        names = set(parameter.opts)
        if parameter.is_flag:
            flags |= names
        elif parameter.multiple:
            lists |= names
        else:
            values |= names
    assert flags == set(FLAG_OPTIONS)
    assert values == set(VALUE_OPTIONS)
    assert lists == set(LIST_OPTIONS)
    for table in (FLAG_OPTIONS, VALUE_OPTIONS, LIST_OPTIONS):
        for option, parameter in table.items():
            (declared,) = [p for p in lint_command().params if option in p.opts]
            assert declared.name == parameter


def typer_values(arguments: list[str]) -> dict[str, Any]:
    context = lint_command().make_context("lint", list(arguments))
    values = {k: v for k, v in context.params.items() if v not in (None, (), False, 0, "text")}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["deploy/"],
        ["-", "--stdin-filename", "a.yaml", "-f", "concise"],
        ["--select", "DS2,DS3", "--select=DS4", "--ignore", "DS201", "x.yaml", "y.yaml"],
        ["--fail-on=warning", "--exit-zero", "--jobs", "2", "--no-color", "--fix"],
        ["-o", "out.sarif", "--format=sarif", "--config", "c.yaml", "--isolated"],
        ["--kubernetes-version", "1.33", "--pod-security", "baseline", "--rules-dir", "r"],
        ["--statistics", "--show-suppressed", "-j", "1", "."],
    ],
)
def test_same_values_as_typer(arguments: list[str]) -> None:
    parsed = parse_lint_arguments(arguments)
    assert parsed is not None
    mine = {k: v for k, v in parsed.items() if v not in (None, False, 0, "text")}
    assert mine == typer_values(arguments)


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["--formt", "json"], ["--jobs", "many"], ["--format"], ["--", "x"], ["-x"]],
)
def test_anything_unusual_is_left_to_typer(arguments: list[str]) -> None:
    assert parse_lint_arguments(arguments) is None
