"""The import graph of the program has no cycle, and the layers import only what they may.

Every ``import`` of every module in drafting/, consultation/, storage/, ui/ and app.py is read
with ``ast`` — at the top, inside functions and under ``if TYPE_CHECKING:`` alike, because an
import for types only is still a dependency a reader must follow. No module is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("drafting", "consultation", "storage", "ui", "resources")

#: Cycles allowed for now: none (the storage ones went with demo seeding and storage/base.py).
KNOWN_CYCLES: set[frozenset[str]] = set()

_QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
_SQL = ("sqlalchemy", "alembic", "sqlite3", "psycopg", "psycopg2")
#: Top-level names each layer must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "drafting": (*_QT, *_SQL, "storage", "ui", "consultation", "app"),
    "consultation": (*_QT, *_SQL, "storage", "ui", "app"),
    "storage": (*_QT, "ui", "app"),
}


def _modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every module name ``name`` imports (absolute; ``from a import b`` gives a and a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    modules = _modules()
    edges: dict[str, set[str]] = {}
    raw: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported = _imports(name, path)
        raw[name] = imported
        edges[name] = {m for m in imported if m in modules and m != name}
    return edges, raw


def _cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[frozenset[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_the_walk_sees_every_layer_and_function_level_imports() -> None:
    edges, raw = _graph()
    assert {"app", "ui.shell.main_window", "drafting.model.units", "storage.library"} <= set(edges)
    # app.py imports Qt only inside the function that prints a PDF: the walk must see it.
    assert any(m.startswith("PySide6") or m.startswith("ui.") for m in raw["app"])


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    edges, _raw = _graph()
    cycles = [sorted(c) for c in _cycles(edges) if c not in KNOWN_CYCLES]
    assert cycles == [], f"import cycles: {cycles}"


def test_layers_import_only_what_they_may() -> None:
    _edges, raw = _graph()
    wrong: list[str] = []
    for name, imported in sorted(raw.items()):
        layer = name.split(".")[0]
        for forbidden in FORBIDDEN.get(layer, ()):
            for module in sorted(imported):
                if module == forbidden or module.startswith(forbidden + "."):
                    wrong.append(f"{name} imports {module}")
    assert wrong == []
