"""The layering of docs/architecture.md, enforced on the source.

Every `import` of a dslint module counts, wherever it stands (top of the module, inside a function,
under `TYPE_CHECKING`): an import deferred for start-up time is still a dependency. The graph is
read from the source with `ast`, so nothing is imported to check it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dslint"
RULES = ROOT / "rules"
# What a rule may import from dslint: the rule kit (records, Kubernetes helpers, the schema walk,
# a DaemonSet's role, resource arithmetic).
RULE_KIT = {"dslint.api", "dslint.k8s", "dslint.schema", "dslint.roles", "dslint.resources"}
# The package's `__init__` is the library facade (`dslint.lint_text` loads the engine on first
# use); every submodule imports the package itself, so its lazy re-exports are not layering.
FACADE = "dslint"


def module_name(file: Path) -> str:
    relative = file.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[0] == "rules":
        parts[0:1] = ["dslint", "rules"]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> dict[str, Path]:
    files = [*PACKAGE.rglob("*.py"), *RULES.rglob("*.py")]
    return {module_name(file): file for file in files}


def imported_modules(tree: ast.AST, known: set[str], this: str, is_package: bool) -> Iterator[str]:
    """The dslint modules a module imports; `from dslint import x` names the submodule x if any."""
    package = this if is_package else this.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in known else base


def import_graph() -> dict[str, set[str]]:
    modules = source_modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, file in modules.items():
        tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        found = imported_modules(tree, known, name, file.name == "__init__.py")
        graph[name] = {target for target in found if target in known and target != name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    pending = [start]
    while pending:
        for target in graph[pending.pop()]:
            if target not in seen and target != FACADE:
                seen.add(target)
                pending.append(target)
    return seen


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if target == FACADE:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_graph_is_read_from_every_module() -> None:
    graph = import_graph()
    assert "dslint.engine" in graph["dslint.runner"]
    assert "dslint.results" in graph["dslint.engine"]
    # A deferred import inside a function counts.
    assert "dslint.parallel" in graph["dslint.engine"]


def test_no_format_imports_the_engine_or_the_registry() -> None:
    graph = import_graph()
    formats = [name for name in graph if name.startswith("dslint.formats.")]
    assert formats
    for name in formats:
        below = reachable(graph, name)
        assert not below & {"dslint.engine", "dslint.registry", "dslint.config"}, name


def test_results_model_sits_below_the_engine() -> None:
    graph = import_graph()
    users = ["dslint.results", "dslint.report", "dslint.suppress", "dslint.parallel", "dslint.fix"]
    for name in users:
        assert "dslint.engine" not in reachable(graph, name), name
    assert reachable(graph, "dslint.results") <= {"dslint.api"}


def test_rules_import_only_the_rule_kit() -> None:
    graph = import_graph()
    rules = [name for name in graph if name.startswith("dslint.rules.")]
    assert len(rules) > 50
    for name in rules:
        outside = {t for t in graph[name] if t.startswith("dslint") and t not in RULE_KIT}
        assert not outside, f"{name} imports {sorted(outside)}; rules may import only the rule kit"


def test_rule_kit_imports_nothing_above_it() -> None:
    graph = import_graph()
    for name in RULE_KIT & set(graph):
        assert reachable(graph, name) <= RULE_KIT, name


def test_no_import_circle_in_dslint() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def third_party_imports(file: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def test_jsonschema_is_never_imported_at_run_time() -> None:
    # A test dependency only (docs/architecture.md): the compiled walk in schema.py validates,
    # and the differential tests hold that walk to jsonschema.
    modules = source_modules().items()
    users = [name for name, file in modules if "jsonschema" in third_party_imports(file)]
    assert users == []
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    runtime = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    assert "jsonschema" not in runtime
    assert '"jsonschema' in pyproject.split("[project.optional-dependencies]", 1)[1]
