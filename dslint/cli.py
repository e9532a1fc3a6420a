"""The command line. The only module that imports typer; the library API works without it.

Exit codes: 0 no finding at or above `--fail-on`; 1 there is one; 2 usage error, unreadable path,
invalid configuration or internal error.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from dslint import __version__

app = typer.Typer(
    name="dslint",
    help="Offline linter and static analyzer for Kubernetes DaemonSet manifests.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"dslint: {message}\n")
    return typer.Exit(EXIT_ERROR)


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"dslint {__version__}\n")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Offline linter and static analyzer for Kubernetes DaemonSet manifests."""


@app.command()
def lint(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files and folders to lint; '-' reads standard input. Default: '.'"),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="text, concise, json, sarif, github, gitlab or junit."),
    ] = "text",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    config_file: Annotated[
        str | None, typer.Option("--config", help="Use this config file instead of searching.")
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore config files; use defaults and options.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Rules to run: codes, names or code prefixes (ALL)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Rules not to run: codes, names or code prefixes."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="Lowest level that fails the run: error, warning, info, never."
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the run.")
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option("--stdin-filename", help="Name for standard input in messages and config."),
    ] = None,
    kubernetes_version: Annotated[
        str | None,
        typer.Option("--kubernetes-version", help="Target Kubernetes version, e.g. 1.33."),
    ] = None,
    pod_security: Annotated[
        str | None,
        typer.Option("--pod-security", help="Report Pod Security Standards: baseline, restricted."),
    ] = None,
    rules_dir: Annotated[
        list[str] | None, typer.Option("--rules-dir", help="Load extra rule modules from a folder.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Parallel workers for many files (0: all cores).")
    ] = 0,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count findings per rule.")
    ] = False,
    show_suppressed: Annotated[
        bool, typer.Option("--show-suppressed", help="Also list suppressed findings.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes rules offer, rewriting files.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="With --fix or --diff, also fixes changing behaviour."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print the fixes as a unified diff; write nothing."),
    ] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="With --fix, list each finding fixed.")
    ] = False,
    max_file_size: Annotated[
        int | None,
        typer.Option("--max-file-size", help="Largest file or stdin to read, in MiB (default 4)."),
    ] = None,
    max_daemonsets_per_file: Annotated[
        int | None,
        typer.Option(
            "--max-daemonsets-per-file", help="DaemonSets checked per file (default 500)."
        ),
    ] = None,
    no_ignore: Annotated[
        bool,
        typer.Option(
            "--no-ignore",
            help="Walk every folder: do not skip what git ignores, venv/, node_modules/, build/...",
        ),
    ] = False,
    values: Annotated[
        list[str] | None,
        typer.Option("--values", help="Helm values file for the charts linted (repeatable)."),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="Helm value for the charts linted: key=value (repeatable)."),
    ] = None,
    release_name: Annotated[
        str | None, typer.Option("--release-name", help="Release name charts render with.")
    ] = None,
    namespace: Annotated[
        str | None, typer.Option("--namespace", help="Namespace charts render into.")
    ] = None,
) -> None:
    """Lint DaemonSet manifests, Helm charts and Kustomize layouts, and report findings."""
    from dslint.runner import lint_command

    code = lint_command(
        paths=paths,
        output_format=output_format,
        output=output,
        config_file=config_file,
        isolated=isolated,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
        exit_zero=exit_zero,
        stdin_filename=stdin_filename,
        kubernetes_version=kubernetes_version,
        pod_security=pod_security,
        rules_dir=rules_dir,
        jobs=jobs,
        statistics=statistics,
        show_suppressed=show_suppressed,
        no_color=no_color,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        show_fixes=show_fixes,
        max_file_size=max_file_size,
        max_daemonsets_per_file=max_daemonsets_per_file,
        no_ignore=no_ignore,
        values=values,
        set_values=set_values,
        release_name=release_name,
        namespace=namespace,
    )
    raise typer.Exit(code)


@app.command("rules")
def list_rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    config_file: Annotated[str | None, typer.Option("--config", help="Config file.")] = None,
) -> None:
    """List every rule: code, name, level, enabled, fix."""
    from dslint.runner import print_rules

    raise typer.Exit(print_rules(output_format, config_file))


@app.command("rule")
def show_rule(
    rule: Annotated[str, typer.Argument(help="A rule code or name.")],
    config_file: Annotated[str | None, typer.Option("--config", help="Config file.")] = None,
) -> None:
    """Print a rule's documentation (rules from the config's rules-dir included)."""
    from dslint.runner import print_rule_doc

    raise typer.Exit(print_rule_doc(rule, config_file))


@app.command("server")
def language_server() -> None:
    """Run the language server over standard input and output (needs dslint[lsp])."""
    try:
        from dslint.server import start
    except ModuleNotFoundError as error:
        if error.name not in ("pygls", "lsprotocol"):
            raise
        raise _fail("the language server needs pygls: pip install 'dslint[lsp]'") from None
    start()


@app.command("diagnose")
def diagnose_snapshot(
    paths: Annotated[
        list[str],
        typer.Argument(help="Snapshot files and folders (kubectl get -o yaml|json); '-' is stdin."),
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json or sarif.")
    ] = "text",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    all_pods: Annotated[
        bool, typer.Option("--all-pods", help="Also explain pods no DaemonSet owns.")
    ] = False,
) -> None:
    """Explain why DaemonSets in a cluster snapshot are not fully scheduled, ready or updated."""
    from dslint.cluster.diagnose_report import diagnose_command

    raise typer.Exit(diagnose_command(paths, output_format, output, all_pods))


@app.command("simulate")
def simulate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="DaemonSet manifests: files, folders, '-' for standard input."),
    ] = None,
    nodes: Annotated[
        list[str] | None,
        typer.Option("--nodes", help="Nodes: kubectl get nodes -o json|yaml output (repeatable)."),
    ] = None,
    cluster: Annotated[
        list[str] | None,
        typer.Option(
            "--cluster", help="Namespaces, quotas, LimitRanges, pods of the cluster (repeatable)."
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json or sarif.")
    ] = "text",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to FILE.")
    ] = None,
    kubernetes_version: Annotated[
        str | None,
        typer.Option("--kubernetes-version", help="Pod Security checks as of this version."),
    ] = None,
) -> None:
    """Predict where DaemonSet pods run, whether they fit and are admitted, cost and rollout."""
    from dslint.cluster.simulate_report import simulate_command

    raise typer.Exit(
        simulate_command(
            paths or [], nodes or [], cluster or [], output_format, output, kubernetes_version
        )
    )
