"""参考法规 apart from the office's drafts in the library tree (issue 16), with their facts in
columns and edited in place; checked by QAbstractItemModelTester and on the real window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from drafting.model.units import Draft, Unit, UnitKind
from storage.library import Library, VersionInfo
from storage.references import add_reference, references
from ui.library.reference_rows import store_reference_fact
from ui.library.tree_model import REGULATION_ID_ROLE, VERSION_ID_ROLE, LibraryModel

Mode = QAbstractItemModelTester.FailureReportingMode
NOTE = "{year}年3月28日{city}第十五届人民代表大会常务委员会第十次会议通过"


def _reference(library: Library, city: str, year: int, subject: str = "公园") -> int:
    draft = Draft(
        title=f"{city}{subject}条例",
        title_note=NOTE.format(year=year, city=city),
        units=[
            Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=f"{city}{subject}。")])
        ],
    )
    info = add_reference(library, draft)
    assert info is not None
    return info.regulation_id


def _texts(model: LibraryModel, parent: Any = None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent if parent is not None else QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_references_under_their_own_node_grouped_by_place(
    qtbot: Any, library: Library, demo: list[VersionInfo]
) -> None:
    jz_old = _reference(library, "江州市", 2012)
    jz_new = _reference(library, "江州市", 2020, "河道管理")
    lc = _reference(library, "临川市", 2018)
    model = LibraryModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_regulations(library.regulations(), references(library))
    top = _texts(model)
    # The office's drafts first, as before, then one node for the references.
    assert top[:2] == [r.title + "（示例）" for r in library.regulations()[:2]]
    assert top[2:] == ["参考法规（3）"]
    refs = model.references_index()
    assert refs.row() == 2 and model.regulation_at(refs) is None
    assert _texts(model, refs) == ["临川市（1）", "江州市（2）"]
    jiangzhou = model.index(1, 0, refs)
    rows = [model.index(r, 0, jiangzhou) for r in range(2)]
    assert [r.data(REGULATION_ID_ROLE) for r in rows] == [jz_new, jz_old]  # newest first
    row = rows[1]
    assert [row.siblingAtColumn(c).data() for c in range(4)] == [
        "江州市公园条例",
        "江州市",
        "2012-03-28",
        "现行有效",
    ]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "时效性"
    version = model.version_at(row)
    assert version is not None and version.frozen and row.data(VERSION_ID_ROLE) == version.id
    assert model.index_for_version(version.id) == row
    assert model.index_for_regulation(lc).parent() == model.index(0, 0, refs)
    # Drafts keep their versions under them and show nothing in the reference columns.
    draft_row = model.index(0, 0)
    assert model.rowCount(draft_row) == 1 and model.index(0, 3, draft_row).data() is None
    assert model.index_for_version(demo[0].id).parent() == draft_row
    # Without an editor the facts are read-only.
    assert not model.flags(row) & Qt.ItemFlag.ItemIsEditable
    model.set_regulations(library.regulations())  # no references given: drafts only
    assert not model.references_index().isValid() and model.rowCount() == 5


def test_facts_edited_in_the_tree_are_stored_and_bad_ones_refused(
    qtbot: Any, library: Library
) -> None:
    regulation_id = _reference(library, "江州市", 2012)
    model = LibraryModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.edit_reference = store_reference_fact(lambda: library)
    model.set_regulations(library.regulations(), references(library))
    row = model.index_for_regulation(regulation_id)
    assert model.flags(row.siblingAtColumn(3)) & Qt.ItemFlag.ItemIsEditable
    refused: list[str] = []
    model.edit_refused.connect(refused.append)
    assert model.setData(row.siblingAtColumn(3), "已废止")
    assert model.setData(row.siblingAtColumn(2), "2013-05-01")
    assert model.setData(row.siblingAtColumn(1), "江南省江州市")
    assert model.setData(row, "江州市城市公园条例")
    stored = references(library)[0]
    assert (stored.status, stored.date, stored.place, stored.title) == (
        "已废止",
        dt.date(2013, 5, 1),
        "江南省江州市",
        "江州市城市公园条例",
    )
    assert row.siblingAtColumn(3).data() == "已废止" and row.data() == "江州市城市公园条例"
    assert not model.setData(row.siblingAtColumn(3), "作废了")
    assert not model.setData(row.siblingAtColumn(2), "去年")
    assert not model.setData(row, "  ")
    assert len(refused) == 3 and "时效性应为" in refused[0] and "日期" in refused[1]
    assert references(library)[0].status == "已废止"
    # Drafts are not edited here.
    draft = library.import_draft(Draft(title="某市条例", units=[]))
    model.set_regulations(library.regulations(), references(library))
    draft_row = model.index_for_regulation(draft.regulation_id)
    assert not model.setData(draft_row, "改名")


def test_the_window_shows_references_apart_and_opens_them(
    qtbot: Any, window: Any, library: Library, demo: list[VersionInfo]
) -> None:
    regulation_id = _reference(library, "江州市", 2012)
    assert window.reload_library()
    model = window.library_model
    view = window.library_view
    refs = model.references_index()
    assert refs.isValid()
    # Tester B fault 5: a narrow dock (1280 px screen) shows the titles alone, cut in the
    # middle; the facts are in the tooltip. A wide one shows 地方/日期/时效性 too.
    window.show()
    window.resizeDocks([window.library_dock], [180], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: view.width() < 420)
    assert view.isHeaderHidden() and view.isColumnHidden(1) and view.isColumnHidden(3)
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    row = model.index_for_regulation(regulation_id)
    assert "江州市" in row.data(Qt.ItemDataRole.ToolTipRole) and "2012" in str(
        row.data(Qt.ItemDataRole.ToolTipRole)
    )
    window.resizeDocks([window.library_dock], [600], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: view.width() >= 420)
    assert not view.isHeaderHidden() and not view.isColumnHidden(3)
    assert view.isExpanded(refs) and view.isExpanded(model.index(0, 0))
    shown = window.workspace.version.id
    view.setCurrentIndex(refs)  # the node itself: the text shown stays
    assert window.workspace.version.id == shown
    row = model.index_for_regulation(regulation_id)
    view.setCurrentIndex(row.siblingAtColumn(2))  # a click on its date opens it too
    assert window.workspace.version.regulation_id == regulation_id
    assert window.workspace.read_only
    # An edit in the tree is stored; the list read again keeps the reference apart.
    assert model.setData(model.index_for_regulation(regulation_id).siblingAtColumn(3), "已修改")
    assert window.reload_library()
    again = model.index_for_regulation(regulation_id)
    assert again.parent().parent() == model.references_index()
    assert again.siblingAtColumn(3).data() == "已修改"
    assert window.open_version(demo[1].id) and window.workspace.version.id == demo[1].id
