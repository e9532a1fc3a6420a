"""`dslint lint` arguments read without the CLI framework, so that a lint starts fast.

Editors and pre-commit start dslint on every save and commit; importing typer and click costs
about 60 ms of a 250 ms run. The common case, `dslint lint` with known options and paths, is
parsed here; anything else (help, an unknown option, a malformed value, another command) returns
None and the full command line (`dslint.cli`, typer) handles it, with its messages. A test keeps
these tables equal to the options the typer command declares.
"""

from __future__ import annotations

from typing import Any

# option -> parameter of `runner.lint_command`
VALUE_OPTIONS: dict[str, str] = {
    "--format": "output_format",
    "-f": "output_format",
    "--output": "output",
    "-o": "output",
    "--config": "config_file",
    "--fail-on": "fail_on",
    "--stdin-filename": "stdin_filename",
    "--kubernetes-version": "kubernetes_version",
    "--pod-security": "pod_security",
    "--jobs": "jobs",
    "-j": "jobs",
    "--max-file-size": "max_file_size",
    "--max-daemonsets-per-file": "max_daemonsets_per_file",
    "--release-name": "release_name",
    "--namespace": "namespace",
}
LIST_OPTIONS: dict[str, str] = {
    "--select": "select",
    "--ignore": "ignore",
    "--rules-dir": "rules_dir",
    "--values": "values",
    "--set": "set_values",
}
FLAG_OPTIONS: dict[str, str] = {
    "--isolated": "isolated",
    "--exit-zero": "exit_zero",
    "--statistics": "statistics",
    "--show-suppressed": "show_suppressed",
    "--no-color": "no_color",
    "--fix": "fix",
    "--unsafe-fixes": "unsafe_fixes",
    "--diff": "diff",
    "--show-fixes": "show_fixes",
    "--no-ignore": "no_ignore",
}
INTEGER_PARAMETERS = frozenset({"jobs", "max_file_size", "max_daemonsets_per_file"})


def parse_lint_arguments(arguments: list[str]) -> dict[str, Any] | None:
    """Keyword arguments for `lint_command`, or None when the full command line must decide."""
    values: dict[str, Any] = {}
    paths: list[str] = []
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        index += 1
        if argument == "-" or not argument.startswith("-"):
            paths.append(argument)
            continue
        option, equals, inline = argument.partition("=")
        if option in FLAG_OPTIONS and not equals:
            values[FLAG_OPTIONS[option]] = True
            continue
        if option not in VALUE_OPTIONS and option not in LIST_OPTIONS:
            return None  # --help, --, an unknown option or a misspelling: typer explains
        if equals:
            value = inline
        elif index < len(arguments):
            value = arguments[index]
            index += 1
        else:
            return None  # a missing value: typer says so
        if option in LIST_OPTIONS:
            values.setdefault(LIST_OPTIONS[option], []).append(value)
            continue
        parameter = VALUE_OPTIONS[option]
        if parameter in INTEGER_PARAMETERS:
            if not value.lstrip("-").isdigit():
                return None
            values[parameter] = int(value)
        else:
            values[parameter] = value
    values["paths"] = paths or None
    return values
