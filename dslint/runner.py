"""What `dslint lint` does, apart from parsing the command line: configure, lint, report, exit."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from dslint.api import LEVELS
from dslint.config import (
    FAIL_ON,
    POD_SECURITY_LEVELS,
    Config,
    ConfigError,
    find_config,
    load_config,
    parse_kubernetes_version,
    positive_int,
)
from dslint.engine import Linter
from dslint.formats import FORMATS, get_renderer
from dslint.formats.escape import printable
from dslint.registry import Registry, RuleLoadError, load_registry
from dslint.render import lint_paths
from dslint.render.options import RenderOptions
from dslint.report import Report
from dslint.results import FileResult
from dslint.source import read_stream

if TYPE_CHECKING:
    from dslint.autofix import FixSession

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
LEVEL_RANK = {"info": 0, "warning": 1, "error": 2}


class RunOptions(NamedTuple):
    paths: list[str]
    output_format: str = "text"
    output: str | None = None
    config_file: str | None = None
    isolated: bool = False
    select: list[str] | None = None
    ignore: Sequence[str] = ()
    fail_on: str | None = None
    stdin_filename: str | None = None
    kubernetes_version: str | None = None
    pod_security: str | None = None
    rules_dirs: Sequence[str] = ()
    jobs: int = 0
    statistics: bool = False
    show_suppressed: bool = False
    no_color: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    max_file_size: int | None = None  # MiB
    max_daemonsets_per_file: int | None = None
    no_ignore: bool = False
    values: Sequence[str] = ()
    set_values: Sequence[str] = ()
    release_name: str | None = None
    namespace: str | None = None


def _split(values: list[str] | None) -> list[str]:
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


def lint_command(
    *,
    paths: list[str] | None = None,
    output_format: str = "text",
    output: str | None = None,
    config_file: str | None = None,
    isolated: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    exit_zero: bool = False,
    stdin_filename: str | None = None,
    kubernetes_version: str | None = None,
    pod_security: str | None = None,
    rules_dir: list[str] | None = None,
    jobs: int = 0,
    statistics: bool = False,
    show_suppressed: bool = False,
    no_color: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    show_fixes: bool = False,
    max_file_size: int | None = None,
    max_daemonsets_per_file: int | None = None,
    no_ignore: bool = False,
    values: list[str] | None = None,
    set_values: list[str] | None = None,
    release_name: str | None = None,
    namespace: str | None = None,
) -> int:
    """`dslint lint` with the command line's values; returns the exit code."""
    if not paths and stdin_filename:
        paths = ["-"]  # `--stdin-filename NAME` alone reads standard input, as ruff does
    options = RunOptions(
        paths=paths or ["."],
        output_format=output_format,
        output=output,
        config_file=config_file,
        isolated=isolated,
        select=_split(select) if select else None,
        ignore=_split(ignore),
        fail_on=fail_on,
        stdin_filename=stdin_filename,
        kubernetes_version=kubernetes_version,
        pod_security=pod_security,
        rules_dirs=rules_dir or [],
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
        values=values or [],
        set_values=set_values or [],
        release_name=release_name,
        namespace=namespace,
    )
    try:
        code = run(options)
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:  # Ctrl-C: one line, not a traceback (also under the typer CLI)
        sys.stderr.write("dslint: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as error:  # the runner reports expected errors itself; this is a bug
        return _error(f"internal error: {type(error).__name__}: {error}")
    return EXIT_CLEAN if exit_zero and code == EXIT_FINDINGS else code


def _error(message: str) -> int:
    sys.stderr.write(f"dslint: {printable(message)}\n")
    return EXIT_ERROR


def build_config(options: RunOptions) -> Config:
    """The config file's settings with the command line's on top."""
    path = None
    if not options.isolated:
        path = options.config_file or find_config(_config_start(options))
    config = load_config(path)
    if options.select is not None:
        config.select = options.select
    config.ignore = [*config.ignore, *options.ignore]
    if options.fail_on is not None:
        if options.fail_on not in FAIL_ON:
            raise ConfigError(f"--fail-on: expected one of {', '.join(FAIL_ON)}")
        config.fail_on = options.fail_on
    if options.kubernetes_version is not None:
        version = parse_kubernetes_version(options.kubernetes_version)
        if version is None:
            raise ConfigError("--kubernetes-version: expected MAJOR.MINOR such as 1.33")
        config.kubernetes_version = version
    if options.pod_security is not None:
        if options.pod_security not in POD_SECURITY_LEVELS:
            raise ConfigError(f"--pod-security: expected one of {', '.join(POD_SECURITY_LEVELS)}")
        config.pod_security = options.pod_security
    config.rules_dirs = [*config.rules_dirs, *options.rules_dirs]
    if options.max_file_size is not None:
        config.max_file_mib = positive_int(options.max_file_size, "--max-file-size (MiB)")
    if options.no_ignore:
        config.respect_ignores = False
    if options.jobs < 0:
        raise ConfigError("--jobs: expected 0 (every core) or a number of workers of at least 1")
    if options.max_daemonsets_per_file is not None:
        config.max_daemonsets_per_file = positive_int(
            options.max_daemonsets_per_file, "--max-daemonsets-per-file"
        )
    config.render = RenderOptions(
        tuple(options.values), tuple(options.set_values), options.release_name, options.namespace
    )
    return config


def _config_start(options: RunOptions) -> str | None:
    """Where config discovery starts: an editor's buffer is configured as the file it names."""
    if options.stdin_filename and options.paths == ["-"]:
        import os

        return os.path.dirname(os.path.abspath(options.stdin_filename))
    return None


def run(options: RunOptions) -> int:
    if options.output_format not in FORMATS:
        return _error(
            f"--format: unknown format {options.output_format!r} (formats: {', '.join(FORMATS)})"
        )
    fixing = options.fix or options.diff
    if (options.unsafe_fixes or options.show_fixes) and not fixing:
        return _error("--unsafe-fixes and --show-fixes go with --fix or --diff")
    if fixing and "-" in options.paths and len(options.paths) > 1:
        return _error("--fix and --diff on standard input take no other paths")
    try:
        config = build_config(options)
        linter = Linter(config, load_registry(rules_dirs=config.rules_dirs))
    except (ConfigError, RuleLoadError) as error:
        return _error(str(error))
    session = None
    if fixing:
        from dslint.autofix import FixSession

        roots = [p for p in options.paths if p != "-"]
        session = FixSession(linter, unsafe=options.unsafe_fixes, diff=options.diff, roots=roots)
    # Fixing standard input writes the fixed document to standard output: the report goes aside.
    fixed_stdout = session is not None and options.paths == ["-"]
    out = io.StringIO() if options.output else (sys.stderr if fixed_stdout else sys.stdout)
    report = Report(
        _lint(linter, options, session),
        linter.rules,
        show_suppressed=options.show_suppressed,
        statistics=options.statistics,
        fail_on=config.fail_on,
        color=options.output_format == "text"
        and out is sys.stdout
        and _use_color(options.no_color),
    )
    if options.diff:
        for _ in report.iter_results():  # the diff is the output; the findings are not shown
            pass
    else:
        get_renderer(options.output_format)(report, out)
    if options.output:
        from dslint.atomic import WriteError, write_output

        assert isinstance(out, io.StringIO)
        try:
            write_output(options.output, out.getvalue().encode("utf-8"))
        except WriteError as error:
            return _error(str(error))
    if session is not None:
        _finish_fixes(session, options, listing_on_stdout=out is sys.stdout)
    for message in report.file_errors:
        if options.output_format != "text" or out is not sys.stdout or options.diff:
            sys.stderr.write(f"dslint: {printable(message)}\n")
    if report.files == 0:
        _say_nothing_found(options.paths)
    if report.file_errors:
        return EXIT_ERROR
    if options.diff:
        return EXIT_FINDINGS if session is not None and session.changed_files else EXIT_CLEAN
    return _exit_code(report, config.fail_on)


def _finish_fixes(session: FixSession, options: RunOptions, listing_on_stdout: bool) -> None:
    """The diff (with --diff), what was fixed (--show-fixes) and what could not be."""
    if options.diff:
        sys.stdout.flush()
        sys.stdout.buffer.write(b"".join(session.diffs))
        sys.stdout.buffer.flush()
        count = len(session.fixed)
        sys.stderr.write(
            f"dslint: --fix would fix {count} finding{'' if count == 1 else 's'} "
            f"in {session.changed_files} file{'' if session.changed_files == 1 else 's'}\n"
        )
    elif options.show_fixes:
        listing = sys.stdout if listing_on_stdout else sys.stderr
        for line in session.fixed:
            listing.write(line + "\n")
    for line in session.refused:
        sys.stderr.write(f"dslint: {line}\n")


def _lint(
    linter: Linter, options: RunOptions, session: FixSession | None = None
) -> Iterator[FileResult]:
    """Results file by file, as they are produced (the report streams them), with the findings
    over the whole run added (which keeps them until the end when such a rule is active)."""
    return linter.cross_checked(_lint_each(linter, options, session))


def _lint_each(
    linter: Linter, options: RunOptions, session: FixSession | None = None
) -> Iterator[FileResult]:
    file_paths = [p for p in options.paths if p != "-"]
    if "-" in options.paths:
        name = options.stdin_filename or "<stdin>"
        if not (options.stdin_filename and linter.config.is_excluded(name)):
            if session is not None:
                yield _fix_stdin(session, name, options)
            else:
                source = read_stream(name, sys.stdin.buffer, linter.config.max_file_bytes)
                yield _with_fixes(linter.lint_source(source, options.jobs), options, source.text)
    for result in lint_paths(linter, file_paths, jobs=options.jobs):
        yield session.fix_file(result) if session is not None else _with_fixes(result, options)


def _with_fixes(result: FileResult, options: RunOptions, text: str | None = None) -> FileResult:
    """SARIF carries each finding's fix as text changes, computed on the file's text."""
    if (
        options.output_format != "sarif"
        or result.error
        or not any(d.fix for d in result.diagnostics)
    ):
        return result
    from dslint.autofix import attach_replacements
    from dslint.source import SourceError, read_path

    if text is None:
        try:
            text = read_path(result.file).text
        except SourceError:
            return result
    return attach_replacements(result, text)


def _fix_stdin(session: FixSession, name: str, options: RunOptions) -> FileResult:
    """Standard input, fixed: the fixed document (or, with --diff, the diff) goes to stdout."""
    limit = session.linter.config.max_file_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        source = read_stream(name, io.BytesIO(data), limit)
        return session.linter.lint_source(source)
    result, fixed = session.fix_stream(name, data)
    if not options.diff:
        sys.stdout.buffer.write(fixed)
        sys.stdout.buffer.flush()
    return result


def _say_nothing_found(paths: Sequence[str]) -> None:
    """A folder with nothing to lint is no error (exit 0 stays), but it is said."""
    import os

    for path in paths:
        if path != "-" and os.path.isdir(path):
            where = printable(path)
            sys.stderr.write(f"dslint: no YAML or JSON files to lint in {where}\n")


def _use_color(no_color: bool) -> bool:
    import os

    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = LEVEL_RANK[fail_on]
    levels = report.counts_by_level()
    failing = any(count and LEVEL_RANK[level] >= threshold for level, count in levels.items())
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def print_rules(output_format: str, config_file: str | None) -> int:
    try:
        config = load_config(config_file or find_config())
        linter = Linter(config)
    except (ConfigError, RuleLoadError) as error:
        return _error(str(error))
    active = {a.rule.code: a for a in linter.active}
    rows = []
    for rule in linter.registry:
        entry = active.get(rule.code)
        rows.append(
            {
                "code": rule.code,
                "name": rule.name,
                "level": entry.level if entry else rule.level,
                "enabled": entry is not None,
                "fix": rule.fix,  # "safe", "unsafe" or null
                "origin": rule.origin,
                "summary": rule.summary,
            }
        )
    if output_format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    if output_format != "text":
        return _error(f"--format: expected text or json, got {output_format!r}")
    sys.stdout.write(f"{'code':<7} {'name':<40} {'level':<8} {'enabled':<8} fix\n")
    for row in rows:
        sys.stdout.write(
            f"{row['code']:<7} {row['name']:<40} {row['level']:<8} "
            f"{'yes' if row['enabled'] else 'no':<8} {row['fix'] or 'no'}\n"
        )
    return EXIT_CLEAN


def print_rule_doc(key: str, config_file: str | None = None) -> int:
    """A rule's documentation; rules from the config's rules-dir count, as in `dslint rules`."""
    try:
        config = load_config(config_file or find_config())
        registry = Linter(config).registry
    except (ConfigError, RuleLoadError) as error:
        return _error(str(error))
    rule = registry.get(key)
    if rule is None:
        return _error(f"no rule named {key!r}{_did_you_mean(key, registry)} (see `dslint rules`)")
    sys.stdout.write(f"# {rule.code} {rule.name}\n\n")
    sys.stdout.write(f"Level: {rule.level}. Enabled by default: {'yes' if rule.enabled else 'no'}.")
    sys.stdout.write(f" Origin: {rule.origin}.\n\n")
    sys.stdout.write(rule.doc.strip() + "\n")
    return EXIT_CLEAN


def _did_you_mean(key: str, registry: Registry) -> str:
    """A hint naming the closest rule names or codes to a mistyped one, or nothing."""
    from difflib import get_close_matches

    known = [rule.name for rule in registry] + [rule.code for rule in registry]
    near = get_close_matches(key.strip().lower(), [k.lower() for k in known], n=3, cutoff=0.6)
    spelled = {k.lower(): k for k in known}
    return f"; did you mean {' or '.join(repr(spelled[n]) for n in near)}?" if near else ""


__all__ = ["LEVELS", "RunOptions", "run"]
