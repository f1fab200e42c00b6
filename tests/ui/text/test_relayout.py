"""Laying out in place after an edit of structure gives exactly what a fresh layout gives.

The real window runs each edit (insert, delete, move, split, merge, a chapter moved, undo and
redo) on a real text; after each, the reading pane's document, its unit positions, word starts,
blocks and links are compared with the same draft laid out afresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafting.model.units import UnitKind
from drafting.read.parse import parse_file
from storage.library import Library
from ui.shell.main_window import MainWindow
from ui.text.house_document import build_house_document
from ui.text.outline_model import OutlineModel
from ui.text.reading_view import SCREEN_SCALE

pytestmark = pytest.mark.gui


@pytest.fixture
def lifafa(qtbot: Any, library: Library, corpus: Path) -> MainWindow:
    version = library.import_draft(parse_file(corpus / "lifafa_2023_flk.txt").draft)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(version.id)
    return win


def _rows(model: OutlineModel, parent: Any = None, depth: int = 0) -> list[tuple[int, str]]:
    from PySide6.QtCore import QModelIndex

    parent = parent if parent is not None else QModelIndex()
    out: list[tuple[int, str]] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        assert model.parent(index) == parent and index.row() == row
        out.append((depth, model.data(index)))
        out.extend(_rows(model, index, depth + 1))
    return out


def _same_as_fresh(window: MainWindow) -> None:
    ws = window.workspace
    fresh_outline = OutlineModel()
    fresh_outline.set_draft(ws.draft, ws.numbers())
    assert _rows(window.outline_model) == _rows(fresh_outline)
    draft = ws.draft
    house = window.reading_view.house
    assert draft is not None and house is not None
    fresh = build_house_document(draft, ws.stage, SCREEN_SCALE, None, ws.references(), ws.numbers())
    document = house.document
    assert document.toPlainText() == fresh.document.toPlainText()
    assert house.spans == fresh.spans
    assert house.text_starts == fresh.text_starts
    assert house.block_units == fresh.block_units
    for uid, (start, end) in fresh.spans.items():
        assert fresh.uid_at(start) == uid and fresh.uid_at(end) == uid
        assert (house.uid_at(start), house.uid_at(end)) == (uid, uid), (uid, start, end)
    links = {(ref.unit_uid, ref.start, ref.end, ref.status) for ref in fresh.references}
    shown = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor():
                ref = house.reference_at(fmt.anchorHref())
                assert ref is not None
                shown.add((ref.unit_uid, ref.start, ref.end, ref.status))
            it += 1
        block = block.next()
    assert shown == links
    # Block formats (indent, centring) and the bold article labels are the fresh ones.
    ours, theirs = document.begin(), fresh.document.begin()
    while theirs.isValid():
        assert ours.blockFormat() == theirs.blockFormat()
        assert ours.text() == theirs.text()
        ours, theirs = ours.next(), theirs.next()


def test_each_edit_lays_out_in_place_as_a_fresh_layout_would(lifafa: MainWindow) -> None:
    window = lifafa
    hub = window.editing
    c = hub.controller
    draft = window.draft
    assert draft is not None
    articles = draft.articles()
    laid_out: list[bool] = []
    original = window.reading_view.relayout

    def spy(*args: Any) -> bool:
        done = original(*args)
        laid_out.append(done)
        return done

    window.reading_view.relayout = spy  # type: ignore[method-assign]
    in_place_rows: list[bool] = []
    apply_edit = window.outline_model.apply_edit

    def rows_spy(*args: Any) -> list[str] | None:
        done = apply_edit(*args)
        in_place_rows.append(done is not None)
        return done

    window.outline_model.apply_edit = rows_spy  # type: ignore[method-assign]
    from PySide6.QtTest import QAbstractItemModelTester

    tester = QAbstractItemModelTester(  # noqa: F841 - checks every signal the model sends
        window.outline_model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    steps = [
        lambda: c.insert(UnitKind.ARTICLE, articles[0].children[0].uid, after=False),
        lambda: c.delete(articles[20].uid),
        lambda: c.move_down(articles[30].uid),
        lambda: c.move_up(articles[41].uid),  # across a chapter boundary where there is one
        lambda: c.insert(UnitKind.PARAGRAPH, articles[50].uid),
        lambda: c.split(articles[60].children[0].uid, 5),
        lambda: c.merge(articles[70].uid),
        lambda: c.insert(UnitKind.CHAPTER, articles[80].uid),
        lambda: c.insert_amendment(articles[10].uid),
    ]
    for step in steps:
        step()
        _same_as_fresh(window)
    for _ in steps:
        c.undo()
        _same_as_fresh(window)
    for _ in steps:
        c.redo()
        _same_as_fresh(window)
    assert laid_out and all(laid_out)  # every edit was laid out in place, none afresh
    assert sum(in_place_rows) >= 10  # inserts, deletes and their undo: rows in place
    chapter = next(u for u in draft.units if u.kind is UnitKind.CHAPTER)
    c.move_to(chapter.uid, None, len(draft.units) - 1)  # a whole chapter to the end
    _same_as_fresh(window)


def test_numbers_far_from_the_screen_are_written_later_and_come_out_the_same(
    qtbot: Any, library: Library, corpus: Path
) -> None:
    version = library.import_draft(parse_file(corpus / "large_civil_code_2020.md").draft)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_version(version.id)
    draft = window.draft
    assert draft is not None
    first = draft.articles()[0]
    window.select_unit(first.uid)
    c = window.editing.controller
    c.insert(UnitKind.ARTICLE, first.children[0].uid, after=False)
    view = window.reading_view
    house = view.house
    assert house is not None
    # Near the screen the new numbers are there at once; the rest follow when idle.
    assert view._later_timer.isActive()  # 1,260 numbers: most are written when idle
    head = view.toPlainText()[:3000]
    assert "第一条\u3000（新条文）" in head and "第二条\u3000为了保护民事主体" in head
    qtbot.waitUntil(lambda: not view._later_timer.isActive(), timeout=20_000)
    _same_as_fresh(window)
    c.undo()
    view.finish_layout()  # as any later change does first
    _same_as_fresh(window)
