"""The layers hold: consultation imports neither Qt nor SQL nor storage, and the core packages
(drafting, consultation, storage, resources) import each other without a cycle — counting the
imports made inside functions too, which a cycle at start-up would not show."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ("drafting", "consultation", "storage", "resources")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for package in CORE:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # alembic scripts, run by alembic only
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out[name.removesuffix(".__init__")] = path
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        order[v] = low[v] = len(order)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in graph:
        if v not in order:
            visit(v)
    return groups


def test_no_import_cycle_in_the_core() -> None:
    modules = _modules()
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    assert "storage.comments" in graph and "resources.demo" in graph
    assert _cycles(graph) == []


def test_consultation_imports_no_qt_sql_or_storage() -> None:
    for name, path in _modules().items():
        if name.startswith("consultation"):
            bad = {
                m
                for m in _imports(path)
                if m.split(".")[0] in ("PySide6", "sqlalchemy", "alembic", "storage", "ui")
            }
            assert not bad, f"{name} imports {sorted(bad)}"


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
