"""Loading rules: built-in, from installed packages (entry points) and from a folder, one way.

A rule is a module that declares CODE, NAME, LEVEL and a docstring, and usually a `check`
function. Modules without `check` document problems found while reading the input (invalid YAML,
duplicate keys): the reader reports them under the rule's code and name.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from types import ModuleType
from typing import Any

from dslint.api import LEVELS, Finding, Level, Manifest

ENTRY_POINT_GROUP = "dslint.rules"
CODE_PATTERN = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOC_URL = "https://dslint.dev/rules/{name}/"


class RuleLoadError(Exception):
    """A rule module that cannot be loaded, or two rules that claim the same code or name."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    level: Level
    enabled: bool
    kinds: tuple[str, ...]
    fixable: bool
    doc: str
    origin: str  # "built-in", "package <dist>" or the folder it came from
    module: str
    check: Callable[..., Iterable[Finding]] | None
    options_type: type[Any] | None

    @property
    def summary(self) -> str:
        """The first paragraph of the docs, on one line."""
        first = self.doc.strip().split("\n\n", 1)[0]
        return " ".join(first.split())

    @property
    def help_uri(self) -> str:
        return DOC_URL.format(name=self.name)

    def default_options(self) -> Any:
        return self.options_type() if self.options_type is not None else None

    def run(self, manifest: Manifest, options: Any) -> Iterator[Finding]:
        if self.check is None:
            return iter(())
        return iter(self.check(manifest, options))


def rule_from_module(module: ModuleType, origin: str) -> Rule:
    """Read a rule's declarations, checking them so that a broken plugin names itself."""
    where = f"{module.__name__} ({origin})"
    code = getattr(module, "CODE", None)
    name = getattr(module, "NAME", None)
    level = getattr(module, "LEVEL", None)
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise RuleLoadError(f"{where}: CODE must look like 'DS201', got {code!r}")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise RuleLoadError(f"{where}: NAME must be kebab-case, got {name!r}")
    if level not in LEVELS:
        raise RuleLoadError(f"{where}: LEVEL must be one of {', '.join(LEVELS)}, got {level!r}")
    doc = module.__doc__ or ""
    if not doc.strip():
        raise RuleLoadError(f"{where}: a rule module needs a docstring (its documentation)")
    options_type = getattr(module, "Options", None)
    if options_type is not None and not dataclasses.is_dataclass(options_type):
        raise RuleLoadError(f"{where}: Options must be a dataclass")
    check = getattr(module, "check", None)
    if check is not None and not callable(check):
        raise RuleLoadError(f"{where}: check must be a function")
    return Rule(
        code=code,
        name=name,
        level=level,
        enabled=bool(getattr(module, "ENABLED", True)),
        kinds=tuple(getattr(module, "KINDS", ("DaemonSet",))),
        fixable=bool(getattr(module, "FIX", False)),
        doc=doc,
        origin=origin,
        module=module.__name__,
        check=check,
        options_type=options_type if isinstance(options_type, type) else None,
    )


def _modules_of_package(package: ModuleType) -> Iterator[ModuleType]:
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        yield importlib.import_module(f"{package.__name__}.{info.name}")


def _import(name: str, origin: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except Exception as error:  # a plugin may fail in any way; say which one and why
        raise RuleLoadError(f"cannot import rule module {name} ({origin}): {error}") from None


def builtin_rule_modules() -> Iterator[ModuleType]:
    package = importlib.import_module("dslint.rules")
    yield from _modules_of_package(package)


def entry_point_rule_modules() -> Iterator[tuple[ModuleType, str]]:
    """Each entry point of the `dslint.rules` group names a module or a package of rule modules."""
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = entry.dist.name if entry.dist is not None else entry.name
        origin = f"package {dist}"
        module = _import(entry.value.split(":", 1)[0], origin)
        if hasattr(module, "__path__"):
            try:
                for sub in _modules_of_package(module):
                    yield sub, origin
            except Exception as error:
                raise RuleLoadError(
                    f"cannot import rules of {module.__name__} ({origin}): {error}"
                ) from None
        else:
            yield module, origin


def folder_rule_modules(folder: str) -> Iterator[tuple[ModuleType, str]]:
    """Rule modules from a folder of `.py` files (`--rules-dir`)."""
    root = FsPath(folder)
    if not root.is_dir():
        raise RuleLoadError(f"{folder}: rules folder does not exist")
    for file in sorted(root.glob("*.py")):
        if file.name.startswith("_"):
            continue
        module_name = f"dslint_local_rules.{file.stem}"
        spec = importlib.util.spec_from_file_location(module_name, file)
        if spec is None or spec.loader is None:
            raise RuleLoadError(f"{file}: cannot load as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:
            raise RuleLoadError(f"{file}: cannot import rule module: {error}") from None
        yield module, str(root)


class Registry:
    """All loaded rules, by code and by name."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self.by_code: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        for key, table in ((rule.code, self.by_code), (rule.name, self.by_name)):
            other = table.get(key)
            if other is not None:
                raise RuleLoadError(
                    f"rule {key} is defined twice: in {other.module} ({other.origin}) "
                    f"and in {rule.module} ({rule.origin})"
                )
            table[key] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, key: str) -> Rule | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())


_DEFAULT: dict[tuple[bool, tuple[str, ...]], Registry] = {}


def load_registry(*, plugins: bool = True, rules_dirs: Iterable[str] = ()) -> Registry:
    """Load built-in rules, then plugin rules, then rules from folders. Cached per argument set."""
    key = (plugins, tuple(rules_dirs))
    cached = _DEFAULT.get(key)
    if cached is not None:
        return cached
    registry = Registry()
    for module in builtin_rule_modules():
        registry.add(rule_from_module(module, "built-in"))
    if plugins:
        for module, origin in entry_point_rule_modules():
            registry.add(rule_from_module(module, origin))
    for folder in key[1]:
        for module, origin in folder_rule_modules(folder):
            registry.add(rule_from_module(module, origin))
    _DEFAULT[key] = registry
    return registry
