"""The project's import structure, read from the source with ``ast`` (no database, no imports).

- no import cycle between project modules (module-level imports: what runs when a module loads);
- no project app imported inside a function (the usual way to hide a cycle), except in an
  ``AppConfig.ready`` method or under a comment line saying why;
- layering: ``search`` and ``translations`` know nothing of ``home`` and the sections, ``home``
  knows no section (``news``, ``calls``, ``resources``); sections may use home, search and
  translations.

Migrations are left out: Django loads them on its own and they are frozen history.
"""

from __future__ import annotations

import ast
import functools
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["home", "news", "calls", "resources", "search", "runtime", "config", "translations"]
APPS = {"home", "news", "calls", "resources", "search", "translations"}
SECTIONS = {"news", "calls", "resources"}
# package -> the project packages it must not import (anywhere, module level or not).
FORBIDDEN = {
    "search": {"home"} | SECTIONS,
    "translations": {"home"} | SECTIONS,
    "home": SECTIONS,
}


@dataclass(frozen=True)
class Import:
    target: str  # the project module imported (dotted name)
    line: int
    local: bool  # inside a function body
    allowed_local: bool  # inside AppConfig.ready, or under a comment line


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    imports: list[Import] = field(default_factory=list)

    def where(self, line: int) -> str:
        return f"{self.path.relative_to(ROOT)}:{line}"


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    """Every import statement, with whether it is inside a function and whether that is excused."""

    def __init__(self, module: Module, lines: list[str], known: set[str]):
        self.module = module
        self.lines = lines
        self.known = known
        self.functions: list[ast.AST] = []  # enclosing functions, innermost last
        self.classes: list[ast.ClassDef] = []
        self.type_checking = 0

    # Scopes
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        self.generic_visit(node)
        self.classes.pop()

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node)
        self.generic_visit(node)
        self.functions.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self.type_checking += 1
            for child in node.body:
                self.visit(child)
            self.type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    # Imports
    def _in_ready(self) -> bool:
        if not self.functions or not self.classes:
            return False
        function, cls = self.functions[0], self.classes[-1]
        bases = {getattr(base, "id", getattr(base, "attr", "")) for base in cls.bases}
        return function.name == "ready" and "AppConfig" in bases and function in cls.body

    def _commented(self, line: int) -> bool:
        return line >= 2 and self.lines[line - 2].strip().startswith("#")

    def _add(self, targets: list[str], line: int) -> None:
        local = bool(self.functions)
        allowed = self._in_ready() or self._commented(line)
        for target in targets:
            self.module.imports.append(Import(target, line, local, allowed))

    def _resolve(self, dotted: str) -> str | None:
        """The deepest project module named by ``dotted`` (a.b.c, else a.b, else a)."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in self.known:
                return candidate
        return None

    def visit_Import(self, node: ast.Import) -> None:
        if self.type_checking and not self.functions:
            targets = [self._resolve(alias.name) for alias in node.names]
            self._add_type_only(targets, node.lineno)
            return
        targets = [self._resolve(alias.name) for alias in node.names]
        self._add([t for t in targets if t], node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            package = self.module.name.split(".")
            if not self.module.is_package:
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join(package + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        targets = []
        for alias in node.names:
            # `from package import submodule` imports the submodule (and runs the package).
            submodule = f"{base}.{alias.name}"
            targets.append(submodule if submodule in self.known else self._resolve(base))
        targets = list(dict.fromkeys(t for t in targets if t))
        if self.type_checking and not self.functions:
            self._add_type_only(targets, node.lineno)
        else:
            self._add(targets, node.lineno)

    def _add_type_only(self, targets: list[str | None], line: int) -> None:
        # Only seen by type checkers: no cycle at run time, but still a dependency for layering.
        for target in targets:
            if target:
                self.module.imports.append(Import(target, line, local=True, allowed_local=True))


@functools.cache
def project() -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for package in PACKAGES:
        if not (ROOT / package).is_dir():
            continue
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT).parts:
                continue
            name, is_package = _module_name(path)
            modules[name] = Module(name, path, is_package)
    known = set(modules)
    for module in modules.values():
        source = module.path.read_text(encoding="utf-8")
        _Collector(module, source.splitlines(), known).visit(ast.parse(source, str(module.path)))
    return modules


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def module_graph() -> dict[str, dict[str, int]]:
    """module -> {imported module: first line}, for imports run when the module loads.

    Importing a.b.c also runs the packages a and a.b, unless the importer lives inside them
    (then they are already being imported)."""
    modules = project()
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for module in modules.values():
        own = set(_ancestors(module.name)) | {module.name}
        for imp in module.imports:
            if imp.local:
                continue
            for target in [*_ancestors(imp.target), imp.target]:
                if target in modules and target not in own:
                    graph[module.name].setdefault(target, imp.line)
    return graph


def _strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    components.append(sorted(component))
    return components


def _shortest_cycle(graph: dict[str, dict[str, int]], members: list[str]) -> list[str]:
    inside = set(members)
    start = members[0]
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child not in inside:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return [start, start]


def _report(title: str, problems: list[tuple]) -> None:
    if problems:
        pytest.fail(f"{title}\n" + "\n".join(line for *_, line in sorted(problems)), pytrace=False)


def test_no_import_cycles():
    modules = project()
    graph = module_graph()
    problems = []
    for members in _strongly_connected(graph):
        cycle = _shortest_cycle(graph, members)
        steps = "\n".join(
            f"    {a} -> {b}  ({modules[a].where(graph[a][b])})"
            for a, b in zip(cycle, cycle[1:], strict=False)
        )
        problems.append(
            (members, f"cycle among {len(members)} modules ({', '.join(members)}), e.g.:\n{steps}")
        )
    _report("Import cycles between project modules (module-level imports):", problems)


def test_no_function_local_imports_of_apps():
    problems = [
        (
            str(module.path),
            imp.line,
            f"{module.where(imp.line)}: {module.name} imports {imp.target} inside a function",
        )
        for module in project().values()
        for imp in module.imports
        if imp.local and not imp.allowed_local and imp.target.split(".")[0] in APPS
    ]
    _report(
        "Function-local imports of project apps (import at the top of the module, or say why in "
        "a comment on the line above):",
        problems,
    )


def test_layering():
    problems = [
        (
            str(module.path),
            imp.line,
            f"{module.where(imp.line)}: {module.name} imports {imp.target}",
        )
        for module in project().values()
        for imp in module.imports
        if imp.target.split(".")[0] in FORBIDDEN.get(module.name.split(".")[0], set())
    ]
    _report(
        "Layering (search and translations use nothing of home or the sections; home uses no "
        "section):",
        problems,
    )
