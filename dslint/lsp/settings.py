"""Editor settings, and the linter each document is checked with.

Settings come from `initializationOptions` and `workspace/didChangeConfiguration` (either bare or
under a `dslint` key):

    {"select": ["DS2"], "ignore": ["DS4"], "configPath": "/repo/.dslint.yaml",
     "kubernetesVersion": "1.33", "trustedWorkspace": false}

They apply on top of the configuration file, as the command line's options do. A config's
`rules-dir` runs Python from the repository, so it is loaded only when the editor marks the
workspace trusted; otherwise the rest of the config applies and a notice says what was left out.
"""

from __future__ import annotations

import os
import threading
from typing import Any, NamedTuple

from dslint.config import (
    Config,
    ConfigError,
    check_selectors,
    find_config,
    load_config,
    parse_kubernetes_version,
)
from dslint.registry import RuleLoadError, load_registry

SETTINGS_KEYS = ("select", "ignore", "configPath", "kubernetesVersion", "trustedWorkspace")


class Settings(NamedTuple):
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    config_path: str | None = None
    kubernetes_version: tuple[int, int] | None = None
    trusted: bool = False


def _rule_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return tuple(item.strip() for item in value.split(",") if item.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def parse_settings(raw: Any) -> tuple[Settings, list[str]]:
    """Settings from the client's JSON, and a message for each value that was not understood."""
    if isinstance(raw, dict) and isinstance(raw.get("dslint"), dict):
        raw = raw["dslint"]
    if not isinstance(raw, dict):
        return Settings(), [] if raw is None else ["dslint settings: expected an object"]
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key in ("select", "ignore"):
        if raw.get(key) is not None:
            rules = _rule_list(raw[key])
            if rules is None:
                problems.append(f"dslint settings: {key}: expected a list of rule codes or names")
            else:
                values[key] = rules
    config_path = raw.get("configPath")
    if config_path is not None:
        if isinstance(config_path, str) and config_path:
            values["config_path"] = os.path.expanduser(config_path)
        else:
            problems.append("dslint settings: configPath: expected a file path")
    version = raw.get("kubernetesVersion")
    if version is not None:
        parsed = parse_kubernetes_version(version) if isinstance(version, str) else None
        if parsed is None:
            problems.append(
                "dslint settings: kubernetesVersion: expected MAJOR.MINOR as a string, "
                "such as '1.33'"
            )
        else:
            values["kubernetes_version"] = parsed
    trusted = raw.get("trustedWorkspace")
    if trusted is not None:
        if isinstance(trusted, bool):
            values["trusted"] = trusted
        else:
            problems.append("dslint settings: trustedWorkspace: expected true or false")
    unknown = sorted(str(key) for key in raw if key not in SETTINGS_KEYS)
    if unknown:
        problems.append(
            f"dslint settings: unknown setting {unknown[0]!r} (known: {', '.join(SETTINGS_KEYS)})"
        )
    return Settings(**values), problems


class Choice(NamedTuple):
    """The linter for a document, or why there is none, and a notice to show the user."""

    linter: Any  # an EditorLinter (dslint.lsp.linting); Any keeps this module below it
    error: str | None = None  # the configuration is invalid
    notice: str | None = None  # something in the configuration was left out


class Configurations:
    """Linters by configuration file, rebuilt when the file or the settings change.

    Used from the lint worker and from the event loop, hence the lock.
    """

    def __init__(self) -> None:
        self.settings = Settings()
        self._lock = threading.Lock()
        self._linters: dict[tuple[str | None, float], Choice] = {}

    def update(self, settings: Settings) -> None:
        with self._lock:
            self.settings = settings
            self._linters.clear()

    def forget(self) -> None:
        """Read every configuration again on next use (a config file changed)."""
        with self._lock:
            self._linters.clear()

    def choose(self, path: str, make_linter: Any) -> Choice:
        settings = self.settings
        config_path = settings.config_path or find_config(os.path.dirname(os.path.abspath(path)))
        try:
            mtime = os.stat(config_path).st_mtime if config_path else 0.0
        except OSError:
            mtime = -1.0
        key = (config_path, mtime)
        with self._lock:
            choice = self._linters.get(key)
        if choice is None:
            choice = self._build(config_path, settings, make_linter)
            with self._lock:
                if self.settings is settings:  # not replaced meanwhile
                    self._linters[key] = choice
        return choice

    @staticmethod
    def _build(config_path: str | None, settings: Settings, make_linter: Any) -> Choice:
        notice = None
        try:
            config = load_config(config_path)
            apply_settings(config, settings)
            if config.rules_dirs and not settings.trusted:
                notice = (
                    f"{config_path}: rules-dir not loaded: local rules run Python code from the "
                    "repository; set the initialization option trustedWorkspace to true to load "
                    "them in a workspace you trust"
                )
                config.rules_dirs = []
                _forget_local_rules(config)
            return Choice(make_linter(config), notice=notice)
        except (ConfigError, RuleLoadError) as error:
            return Choice(None, error=str(error))


def apply_settings(config: Config, settings: Settings) -> None:
    """The editor's settings on top of the configuration file (as command-line options are)."""
    if settings.select is not None:
        config.select = list(settings.select)
    config.ignore = [*config.ignore, *settings.ignore]
    if settings.kubernetes_version is not None:
        config.kubernetes_version = settings.kubernetes_version


def _forget_local_rules(config: Config) -> None:
    """Drop the selectors and rule settings that name only rules of the unloaded rules-dir."""
    rules = list(load_registry())

    def known(selector: str) -> bool:
        try:
            check_selectors([selector], rules, "")
        except ConfigError:
            return False
        return True

    if config.select is not None:
        config.select = [s for s in config.select if known(s)]
    config.ignore = [s for s in config.ignore if known(s)]
    config.rules = {key: value for key, value in config.rules.items() if known(key)}
