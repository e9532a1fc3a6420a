"""Configuration: discovery, validation, presets, and which rules run at which level.

Settings come from `.dslint.yaml` (or `.dslint.yml`) or `[tool.dslint]` in `pyproject.toml`, the
first found walking up from the working directory; `--config` names a file instead. Command-line
options are applied on top by the CLI.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from dslint.api import DEFAULT_KUBERNETES_VERSION, LEVELS, Level
from dslint.document import parse_stream
from dslint.isolation import DEFAULT_TIME_BUDGET
from dslint.presets import PRESETS
from dslint.registry import Rule, option_names, replace_options
from dslint.render.options import RenderConfigError, RenderOptions, parse_charts
from dslint.roles import ROLE_CHOICES
from dslint.source import MAX_FILE_BYTES, SourceError, read_path

CONFIG_FILES = (".dslint.yaml", ".dslint.yml")
# Problems with the input itself (DS000-DS004): a file or object that could not be checked.
# `select` and `ignore` do not switch them off.
INPUT_PROBLEM_RULES = frozenset(
    {
        "internal-error",
        "invalid-yaml",
        "duplicate-key",
        "unsupported-yaml-tag",
        "input-limit-exceeded",
    }
)
FAIL_ON = ("error", "warning", "info", "never")
POD_SECURITY_LEVELS = ("privileged", "baseline", "restricted")
TOP_LEVEL_KEYS = frozenset(
    {
        "extends",
        "roles",
        "select",
        "ignore",
        "exclude",
        "extend-exclude",
        "rules",
        "kubernetes-version",
        "fail-on",
        "rules-dir",
        "pod-security",
        "max-file-size",
        "max-daemonsets-per-file",
        "charts",
    }
)
# Defaults that keep any input within seconds and a few hundred MB (see docs/robustness.md);
# repositories with larger rendered streams raise them.
DEFAULT_MAX_FILE_MIB = MAX_FILE_BYTES // (1024 * 1024)
DEFAULT_MAX_DAEMONSETS_PER_FILE = 500


class ConfigError(Exception):
    """An invalid configuration; the message names the file and the key."""


class Config:
    """The settings of a run: defaults, then a config file, then the command line."""

    def __init__(
        self,
        path: str | None = None,
        base_dir: str = ".",
        *,
        extends: str = "recommended",
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        exclude: list[str] | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        kubernetes_version: tuple[int, int] = DEFAULT_KUBERNETES_VERSION,
        fail_on: str = "error",
        rules_dirs: list[str] | None = None,
        pod_security: str | None = None,
        max_file_mib: int = DEFAULT_MAX_FILE_MIB,
        max_daemonsets_per_file: int = DEFAULT_MAX_DAEMONSETS_PER_FILE,
        rule_time_budget: float = DEFAULT_TIME_BUDGET,
    ) -> None:
        self.path = path
        self.base_dir = base_dir
        self.extends = extends
        self.select = select
        self.ignore: list[str] = ignore if ignore is not None else []
        self.exclude: list[str] = exclude if exclude is not None else []
        # Folder walks skip SKIPPED_FOLDERS and what git ignores (`--no-ignore` turns it off).
        self.respect_ignores = True
        self.rules: dict[str, dict[str, Any]] = rules if rules is not None else {}
        self.kubernetes_version = kubernetes_version
        self.fail_on = fail_on
        self.rules_dirs: list[str] = rules_dirs if rules_dirs is not None else []
        self.pod_security = pod_security
        self.max_file_mib = max_file_mib
        self.max_daemonsets_per_file = max_daemonsets_per_file
        self.rule_time_budget = rule_time_budget  # seconds per rule and object
        self.charts: dict[str, RenderOptions] = {}  # per chart path, from the config file
        self.render = RenderOptions()  # from the command line, for every chart
        # The role of objects (`namespace/name` or `name`) and of files (globs), over inference.
        self.roles: dict[str, str] = {}

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mib * 1024 * 1024

    def role_for(self, path: str, namespace: str | None, name: str) -> str | None:
        """The role `roles:` gives an object: by `namespace/name`, by name, then by file glob.

        Globs match the file's path relative to the config file's folder, as `exclude` does; the
        first glob that matches wins.
        """
        if not self.roles:
            return None
        for key in (f"{namespace or 'default'}/{name}", name):
            if key in self.roles:
                return self.roles[key]
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.base_dir))
        candidates = {relative.replace(os.sep, "/"), path.replace(os.sep, "/")}
        for pattern, role in self.roles.items():
            if any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates):
                return role
        return None

    def is_excluded(self, path: str) -> bool:
        """Whether a file matches an `exclude` glob, relative to the config file's folder."""
        if not self.exclude:
            return False
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, os.path.abspath(self.base_dir)).replace(os.sep, "/")
        candidates = {relative, path.replace(os.sep, "/")}
        parts = relative.split("/")
        # A folder glob excludes everything below that folder, as with .gitignore.
        candidates.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        return any(
            fnmatch.fnmatchcase(candidate, pattern.rstrip("/"))
            for pattern in self.exclude
            for candidate in candidates
        )


def find_config(start: str | None = None) -> str | None:
    """The first config file found walking up from `start` (default: the working directory)."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_section(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return "[tool.dslint" in handle.read()
    except OSError:
        return False


def load_config(path: str | None) -> Config:
    """Read and validate a config file; `None` gives the defaults."""
    if path is None:
        return Config()
    raw = _read_raw(path)
    return parse_config(raw, path)


def _read_raw(path: str) -> Mapping[str, Any]:
    # Read like a manifest: never blocks on a FIFO or a device, never reads without limit, and
    # YAML goes through the manifest reader with its limits (depth, alias bombs, tags).
    try:
        source = read_path(path)
    except SourceError as error:
        raise ConfigError(f"cannot read config: {error}") from None
    if source.limit_exceeded is not None:
        raise ConfigError(f"{path}: cannot read config: {source.limit_exceeded}")
    if path.endswith(".toml"):
        return _read_toml(path, source.text)
    return _read_yaml(path, source.text)


def _read_toml(path: str, content: str) -> Mapping[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
    try:
        document = tomllib.loads(content)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:  # tomllib recurses on nested arrays and inline tables
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool: expected a table ([tool.dslint])")
    section = tool.get("dslint", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: tool.dslint: expected a table of settings")
    return section


def _read_yaml(path: str, content: str) -> Mapping[str, Any]:
    documents = list(parse_stream(content, every_problem=True))
    for document in documents:
        for problem in document.problems:
            where = f"{path}:{problem.line}:{problem.column}"
            raise ConfigError(f"{where}: invalid config ({problem.rule}): {problem.message}")
    if len(documents) > 1:
        line = documents[1].line_offset + 1
        raise ConfigError(f"{path}:{line}: the config must be a single YAML document")
    data = documents[0].data if documents else None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of settings")
    return data


def _string_list(value: Any, path: str, key: str) -> list[str]:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ConfigError(f"{path}: {key}: expected a list of strings")


def positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: expected a whole number of at least 1")
    return value


def parse_kubernetes_version(value: Any) -> tuple[int, int] | None:
    match = re.fullmatch(r"v?(\d+)\.(\d+)(?:\.\d+)?", str(value).strip())
    return (int(match[1]), int(match[2])) if match else None


def _roles(value: Any, path: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: roles: expected a mapping of object or file glob to a role")
    roles: dict[str, str] = {}
    for key, role in value.items():
        if not isinstance(key, str) or not key:
            raise ConfigError(f"{path}: roles: keys are object names or file globs, got {key!r}")
        if role not in ROLE_CHOICES:
            raise ConfigError(
                f"{path}: roles.{key}: unknown role {role!r} (roles: {', '.join(ROLE_CHOICES)})"
            )
        roles[key] = role
    return roles


def parse_config(raw: Mapping[str, Any], path: str = "<config>") -> Config:
    unknown = sorted(str(key) for key in raw if key not in TOP_LEVEL_KEYS)
    if unknown:
        raise ConfigError(
            f"{path}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(TOP_LEVEL_KEYS))})"
        )
    config = Config(path=path, base_dir=os.path.dirname(os.path.abspath(path)))
    extends = raw.get("extends", "recommended")
    if not isinstance(extends, str) or extends not in PRESETS:
        raise ConfigError(
            f"{path}: extends: unknown preset {extends!r} (presets: {', '.join(PRESETS)})"
        )
    config.extends = extends
    if "select" in raw:
        config.select = _string_list(raw["select"], path, "select")
    config.ignore = _string_list(raw.get("ignore", []), path, "ignore")
    config.exclude = _string_list(raw.get("exclude", []), path, "exclude")
    config.exclude += _string_list(raw.get("extend-exclude", []), path, "extend-exclude")
    config.rules_dirs = [
        os.path.join(config.base_dir, folder)
        for folder in _string_list(raw.get("rules-dir", []), path, "rules-dir")
    ]
    if "kubernetes-version" in raw:
        written = raw["kubernetes-version"]
        if isinstance(written, (int, float)) and not isinstance(written, bool):
            # Unquoted, 1.30 is the number 1.3: it would silently target another version.
            raise ConfigError(
                f"{path}: kubernetes-version: write the version as text, in quotes "
                f'(kubernetes-version: "1.30"); the number {written!r} loses trailing zeros'
            )
        version = parse_kubernetes_version(written) if isinstance(written, str) else None
        if version is None:
            raise ConfigError(f"{path}: kubernetes-version: expected MAJOR.MINOR such as '1.33'")
        config.kubernetes_version = version
    fail_on = raw.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{path}: fail-on: expected one of {', '.join(FAIL_ON)}")
    config.fail_on = fail_on
    pod_security = raw.get("pod-security")
    if pod_security is not None and pod_security not in POD_SECURITY_LEVELS:
        raise ConfigError(f"{path}: pod-security: expected one of {', '.join(POD_SECURITY_LEVELS)}")
    config.pod_security = pod_security
    config.max_file_mib = positive_int(
        raw.get("max-file-size", DEFAULT_MAX_FILE_MIB), f"{path}: max-file-size (MiB)"
    )
    config.max_daemonsets_per_file = positive_int(
        raw.get("max-daemonsets-per-file", DEFAULT_MAX_DAEMONSETS_PER_FILE),
        f"{path}: max-daemonsets-per-file",
    )
    if "charts" in raw:
        try:
            config.charts = parse_charts(raw["charts"], path, config.base_dir)
        except RenderConfigError as error:
            raise ConfigError(str(error)) from None
    config.roles = _roles(raw.get("roles", {}), path)
    rules = raw.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: rules: expected a mapping of rule name to settings")
    for key, settings in rules.items():
        if not isinstance(settings, dict):
            raise ConfigError(f"{path}: rules.{key}: expected a mapping (level, options)")
        config.rules[str(key)] = dict(settings)
    return config


# --- selection ------------------------------------------------------------------------------------


def _specificity(selector: str, rule: Rule) -> int:
    """How closely a selector names a rule: exact code or name beats a longer prefix beats ALL."""
    if selector.lower() == rule.name or selector.upper() == rule.code:
        return 1000
    if selector.upper() == "ALL":
        return 1
    if rule.code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0


def _best(selectors: Iterable[str], rule: Rule) -> int:
    return max((_specificity(s, rule) for s in selectors), default=0)


def check_selectors(selectors: Iterable[str], rules: Iterable[Rule], where: str) -> None:
    """Unknown rule codes or names are configuration errors, not silent no-ops."""
    rule_list = list(rules)
    for selector in selectors:
        if not any(_specificity(selector, rule) for rule in rule_list):
            raise ConfigError(f"{where}: {selector!r} names no rule (see `dslint rules`)")


class ActiveRule(NamedTuple):
    rule: Rule
    level: Level
    options: Any
    level_from_config: bool = False  # a configured level also overrides a rule's graded levels


def resolve_rules(config: Config, rules: Iterable[Rule]) -> list[ActiveRule]:
    """Which rules run, at which level and with which options, under this configuration."""
    rule_list = list(rules)
    preset = PRESETS[config.extends]
    where = config.path or "configuration"
    check_selectors(config.select or [], rule_list, f"{where}: select")
    check_selectors(config.ignore, rule_list, f"{where}: ignore")
    check_selectors(config.rules, rule_list, f"{where}: rules")
    active: list[ActiveRule] = []
    for rule in rule_list:
        enabled = preset.enabled(rule)
        level: Level = preset.levels.get(rule.name, rule.level)
        selected = _best(config.select or [], rule)
        ignored = _best(config.ignore, rule)
        if rule.name in INPUT_PROBLEM_RULES:
            # A file that could not be read must never pass unseen, whatever is selected.
            selected, ignored = max(selected, 1), 0
        if config.select is not None:
            enabled = selected > 0 and selected > ignored
        elif ignored:
            enabled = False
        settings: dict[str, Any] = dict(preset.options.get(rule.name, {}))
        for key, value in config.rules.items():
            if _specificity(key, rule) >= 1000:
                settings.update(value)
        if "enabled" in settings:
            if not isinstance(settings["enabled"], bool):
                raise ConfigError(f"{where}: rules.{rule.name}.enabled: expected true or false")
            if config.select is None and not ignored:
                enabled = settings["enabled"]
        if "level" in settings:
            if settings["level"] not in LEVELS:
                raise ConfigError(
                    f"{where}: rules.{rule.name}.level: expected one of {', '.join(LEVELS)}"
                )
            level = settings["level"]
        if not enabled:
            continue
        options = build_options(rule, settings, where)
        active.append(ActiveRule(rule, level, options, "level" in settings))
    return active


def build_options(rule: Rule, settings: Mapping[str, Any], where: str) -> Any:
    """Turn config keys (kebab-case) into the rule's Options, checking names and types."""
    values = {k: v for k, v in settings.items() if k not in ("level", "enabled")}
    if rule.options_type is None:
        if values:
            raise ConfigError(
                f"{where}: rules.{rule.name}: rule has no option {next(iter(values))!r}"
            )
        return None
    defaults = rule.options_type()
    fields = option_names(rule.options_type)
    converted: dict[str, Any] = {}
    for key, value in values.items():
        attribute = str(key).replace("-", "_")
        if attribute not in fields:
            known = ", ".join(name.replace("_", "-") for name in fields) or "none"
            raise ConfigError(
                f"{where}: rules.{rule.name}.{key}: unknown option (options: {known})"
            )
        default = getattr(defaults, attribute)
        converted[attribute] = _coerce(value, default, f"{where}: rules.{rule.name}.{key}")
    return replace_options(defaults, converted)


def _coerce(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string")
        return value
    if isinstance(default, (tuple, list, frozenset)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings")
        return type(default)(value)
    return value
