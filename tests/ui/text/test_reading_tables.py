"""Tables in the reading pane are real tables (QTextTable), merged cells merged."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextTable

from drafting.model.matter import Cell, Table
from drafting.read.parse import parse_text
from storage.library import Library
from ui.text.house_document import build_house_document

pytestmark = pytest.mark.gui

TEXT = (
    "某省资源税条例\n第一条　为了规范资源税征收，制定本条例。\n"
    "第二条　资源税的税目、税率，依照下表执行：\n"
    "| 税目 | 子目 | 税率 |\n| 煤 | 原煤 | 2%-10% |\n| 盐 | 海盐 | 2%-5% |\n"
    "第三条　本条例自2025年1月1日起施行。\n"
    "附件\n资源税税目税率表\n| 税目 | 税率 |\n| 石油 | 6% |\n"
)


def _tables(document: Any) -> list[QTextTable]:
    found: list[QTextTable] = []
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            found.append(frame)
    return found


def _cells(table: QTextTable) -> list[list[str]]:
    out: list[list[str]] = []
    for r in range(table.rows()):
        row: list[str] = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if cell.row() == r and cell.column() == c:  # a merged cell once, at its top-left
                cursor = cell.firstCursorPosition()
                cursor.setPosition(cell.lastCursorPosition().position(), cursor.MoveMode.KeepAnchor)
                row.append(cursor.selectedText())
        out.append(row)
    return out


def _block_texts(document: Any) -> list[str]:
    texts, block = [], document.begin()
    while block.isValid():
        texts.append(block.text())
        block = block.next()
    return texts


def test_reading_pane_shows_tables_as_tables(qapp: Any) -> None:
    draft = parse_text(TEXT).draft
    house = build_house_document(draft)
    tables = _tables(house.document)
    assert len(tables) == 2
    assert _cells(tables[0]) == [["税目", "子目", "税率"], ["煤", "原煤", "2%-10%"]] + [
        ["盐", "海盐", "2%-5%"]
    ]
    assert _cells(tables[1]) == [["税目", "税率"], ["石油", "6%"]]
    texts = _block_texts(house.document)
    assert not any(t.startswith("|") for t in texts)  # no | a | b | text rows
    # The article around the table: its words before, the next article after; a click in a
    # cell finds the article.
    second = draft.articles()[1]
    assert "第二条\u3000资源税的税目、税率，依照下表执行：" in texts
    assert "第三条\u3000本条例自2025年1月1日起施行。" in texts
    cell = tables[0].cellAt(1, 1).firstCursorPosition().position()
    assert house.uid_at(cell) == second.uid
    start, end = house.spans[second.uid]
    assert start < cell < end
    third = draft.articles()[2]
    assert house.document.findBlock(house.spans[third.uid][0]).text().startswith("第三条")


def test_merged_cells_are_merged_in_the_reading_pane(qapp: Any) -> None:
    draft = parse_text(TEXT).draft
    draft.articles()[1].children[0].table = Table(
        [
            [Cell("税目", 2, 1), Cell("税率")],
            [Cell("煤", 1, 2), Cell("原煤"), Cell("2%-10%")],
            [Cell("选煤"), Cell("2%-10%")],
        ]
    )
    house = build_house_document(draft)  # kept: the document lives as long as it
    table = _tables(house.document)[0]
    assert (table.rows(), table.columns()) == (3, 3)
    assert table.cellAt(0, 1).column() == 0 and table.cellAt(0, 0).columnSpan() == 2
    assert table.cellAt(2, 0).row() == 1 and table.cellAt(1, 0).rowSpan() == 2
    assert _cells(table) == [["税目", "税率"], ["煤", "原煤", "2%-10%"], ["选煤", "2%-10%"]]


def test_the_window_reading_pane_shows_a_table_after_edits(qtbot: Any, library: Library) -> None:
    from ui.shell.main_window import MainWindow

    version = library.import_draft(parse_text(TEXT).draft)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    assert window.open_version(version.id)
    document = window.text_views.reading_view.document()
    assert len(_tables(document)) == 2
    # An edit elsewhere lays the pane out again: still tables, with the new words.
    draft = window.draft
    assert draft is not None
    window.select_unit(draft.articles()[0].uid)
    window.acts.insert_article_after.trigger()
    document = window.text_views.reading_view.document()
    tables = _tables(document)
    assert len(tables) == 2 and _cells(tables[1]) == [["税目", "税率"], ["石油", "6%"]]
    assert not any(t.startswith("|") for t in _block_texts(document))
    window.acts.undo.trigger()
    assert len(_tables(window.text_views.reading_view.document())) == 2
