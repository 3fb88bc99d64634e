"""The layout's two rules, read from the code: no import cycles, and imports only go down.

Every module under govtool/ is parsed with ``ast``; every import counts, at the top or inside
a function (a lazy import is still a dependency), and so does ``importlib.import_module`` of a
literal name. The floors below are the table in docs/architecture.md: a module may import its
own package and the packages on the floors below, never a floor above; and no two modules may
import each other, directly or round a loop.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "govtool"

#: govtool/__init__.py alone: the entry "govtool" would otherwise hold every module.
ROOT = "govtool"
#: Floors from the top down; each entry is a module or package (its modules go with it).
FLOORS: list[tuple[str, ...]] = [
    ("govtool.__main__", "govtool.cli"),  # the command line: parse, call one function, exit code
    ("govtool.services",),  # the write side: every change to a register
    ("govtool.views",),  # what commands show, list and export; portfolio; reminders
    ("govtool.report",),  # the documents: view models -> templates
    ("govtool.lint",),  # the linter and its rules; it reads history, never the reverse
    ("govtool.history",),  # the only reader of Git history
    ("govtool.register",),  # the records, their vocabulary, the frameworks they cite
    ("govtool.cache",),  # the checked JSON store and the verdict cache
    ("govtool.judgement",),  # pure text judges
    (ROOT, "govtool.support"),  # the package's own __init__.py (version, URLs); leaf utilities
]


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = module_names()


def _resolve(name: str) -> str | None:
    """The module of this tree that ``name`` is, or that holds it (None: not govtool's)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """Every govtool module that ``module`` imports, wherever the import statement stands."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            # 'from govtool.services import create' imports the module create, not only the package
            targets = [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                       for alias in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            targets = [node.args[0].value]
        else:
            continue
        found.update(t for t in map(_resolve, targets) if t is not None and t != module)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def floor_of(module: str) -> int | None:
    """The floor of the longest table entry that is ``module`` or a package holding it."""
    best: tuple[int, int] | None = None
    for number, entries in enumerate(FLOORS):
        for entry in entries:
            if module == entry or (entry != ROOT and module.startswith(entry + ".")):
                if best is None or len(entry) > best[0]:
                    best = (len(entry), number)
    return None if best is None else best[1]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_stands_on_a_floor():
    assert [module for module in MODULES if floor_of(module) is None] == []


def test_no_two_modules_import_each_other_round_a_loop():
    found = cycles(GRAPH)
    described = [" <-> ".join(component) + ": " + "; ".join(
        f"{a} -> {', '.join(sorted(GRAPH[a] & set(component)))}" for a in component) for component in found]
    assert described == []


def test_imports_only_go_down_the_floors():
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if (floor_of(module) is not None and floor_of(target) is not None
            and floor_of(target) < floor_of(module))  # type: ignore[operator]
    )
    assert upward == []


def test_the_checks_see_lazy_imports_and_loops():
    """The parser counts an import inside a function, and the loop finder finds a loop."""
    assert "govtool.register.frameworks.load" in GRAPH["govtool.register.load"]  # imported inside a function
    assert floor_of("govtool.cli.commands.lint") < floor_of("govtool.lint.engine") < floor_of("govtool.support.errors")
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
