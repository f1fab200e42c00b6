"""The 全文检索 window over a real library (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from consultation.model import Comment
from drafting.edit.operations import EditText
from drafting.model.units import Draft, Unit, UnitKind
from storage.comments import CommentStore
from storage.library import Library, VersionInfo
from storage.references import add_reference
from tests.ui.dialogs import type_into
from ui.search.controller import SearchController
from ui.search.search_panel import TARGET_ROLE, SearchPanel, marked_html


def _draft(title: str, note: str, *texts: str) -> Draft:
    units = [Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=t)]) for t in texts]
    return Draft(title=title, title_note=note, units=units)


def test_results_grouped_by_regulation_with_the_hit_marked(qtbot: Any, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.sqlite3")
    reference = add_reference(
        library,
        _draft(
            "江州市河道管理条例",
            "2019年3月28日江州市第十五届人民代表大会常务委员会第十次会议通过",
            "本市行政区域内河道的整治、利用和保护，适用本条例。",
            "河道管理范围内禁止倾倒垃圾。",
        ),
    )
    assert reference is not None
    own = library.import_draft(_draft("某市河道条例", "", "河道管理实行河长制。"))
    CommentStore(library).add_comments(own.regulation_id, [Comment(content="河道管理应当公开。")])
    panel = SearchPanel(lambda: library)
    qtbot.addWidget(panel)
    panel.query.setText("河道管理")
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    tree = panel.results
    titles = sorted(tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount()))
    assert titles == ["《某市河道条例》（草案）", "《江州市河道管理条例》（参考）"]
    assert "3 处，2 件法规" in panel.status.text()
    ref_group = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if "江州市" in tree.topLevelItem(i).text(0)
    )
    assert ref_group.text(1) == "江州市 · 2019-03-28"
    row = ref_group.child(0)
    assert row.text(0) == "第二条"
    label = tree.itemWidget(row, 1)
    assert isinstance(label, QLabel) and ">河道管理</span>" in label.text()
    with qtbot.waitSignal(panel.open_requested) as signal:
        tree.itemActivated.emit(row, 0)
    assert signal.args[:2] == [reference.regulation_id, reference.version_id]
    assert signal.args[2] == row.data(0, TARGET_ROLE)[2] and signal.args[3] is None
    panel.scope.setCurrentIndex(panel.scope.findData("comments"))
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert tree.topLevelItemCount() == 1 and tree.topLevelItem(0).child(0).text(0) == "意见"
    library.close()


def test_marked_html_escapes_and_trims_before_the_first_hit() -> None:
    text = "甲" * 30 + "<河道>" + "乙"
    out = marked_html(text, [(31, 33)], context=4)
    assert out.startswith("…甲甲甲&lt;<span") and out.endswith("</span>&gt;乙")


def test_a_result_opens_the_article_or_the_comment_in_the_window(
    qtbot: Any, window: Any, library: Library, demo: list[VersionInfo]
) -> None:
    park = library.load_draft(demo[1].id)
    article = park.articles()[2]
    words = article.walk().__next__().children[0].text[:8]
    controller = SearchController(window)
    panel = controller.show()
    assert panel.isVisible()
    panel.query.setText(words)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    row = panel.results.topLevelItem(0).child(0)
    panel.results.itemActivated.emit(row, 0)
    assert window.version.id == demo[1].id
    assert window.outline_view.currentIndex().isValid()
    assert window.outline_model.index_for_uid(article.uid) == window.outline_view.currentIndex()
    CommentStore(library).add_comments(
        demo[0].regulation_id, [Comment(content="建议明确萤火虫栖息地的巡护责任。")]
    )
    panel.scope.setCurrentIndex(panel.scope.findData("comments"))
    panel.query.setText("萤火虫栖息地")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    group = next(
        panel.results.topLevelItem(i)
        for i in range(panel.results.topLevelItemCount())
        if panel.results.topLevelItem(i).child(0).data(0, TARGET_ROLE)[0] == demo[0].regulation_id
    )
    assert controller.open_result(*group.child(0).data(0, TARGET_ROLE))
    assert window.version.regulation_id == demo[0].regulation_id


def test_ctrl_shift_f_is_the_one_library_search_and_finds_unsaved_words(
    qtbot: Any, window: Any, library: Library, demo: list[VersionInfo]
) -> None:
    """Ctrl+Shift+F opens the full-text panel (the one library-wide search of 编辑); the
    words typed a moment ago (not yet autosaved) are found; a double click opens them."""
    edit_menu = window.acts.menus["edit"]
    titles = [a.text() for a in edit_menu.actions()]
    assert not any("在法规库中查找" in t for t in titles)
    assert sum("全文检索" in t for t in titles) == 1
    assert window.acts.search.shortcut().toString() == "Ctrl+Shift+F"
    article = window.workspace.draft.articles()[1]
    paragraph = article.children[0]
    window.workspace.apply(EditText(paragraph.uid, paragraph.text + "萤火虫栖息地巡护。"))
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.searcher.panel
    assert panel is not None and panel.isVisible()
    type_into(panel.query, "萤火虫栖息地")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert panel.results.topLevelItemCount() == 1
    row = panel.results.topLevelItem(0).child(0)
    window.select_unit(window.workspace.draft.articles()[0].uid)
    panel.results.itemActivated.emit(row, 0)
    assert window.text_views.selected_uid() == article.uid


def test_filters_dates_status_and_every_version(qtbot: Any, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.sqlite3")
    for city, year in (("江州市", 2012), ("临川市", 2021)):
        note = f"{year}年3月28日{city}第十五届人民代表大会常务委员会第十次会议通过"
        added = add_reference(library, _draft(f"{city}河道管理条例", note, "河道实行河长制。"))
        assert added is not None
    own = library.import_draft(_draft("某市河道条例", "", "河道实行分级管理。"))
    library.snapshot(own.id, label="征求意见稿", frozen=True)
    working = library.load_draft(own.id)
    working.articles()[0].children[0].text = "河道实行网格化管理。"
    library.save_draft(own.id, working)
    panel = SearchPanel(lambda: library)
    qtbot.addWidget(panel)

    def found(words: str = "河道") -> list[str]:
        panel.query.setText(words)
        panel.run_search()
        tree = panel.results
        return sorted(
            tree.topLevelItem(i).child(j).toolTip(1)
            for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())
        )

    assert len(found()) == 3  # two references and the working draft
    panel.date_from.setText("2015")
    assert found() == ["河道实行河长制。"]  # the 2021 reference; drafts have no date
    panel.date_from.setText("")
    panel.date_to.setText("2012")
    assert found() == ["河道实行河长制。"]
    panel.date_to.setText("2012-13-01")
    assert found() == [] and "2010-01-01" in panel.status.text()
    panel.date_to.setText("")
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("已废止"))
    assert found() == []
    panel.status_filter.setCurrentIndex(0)
    assert found("分级管理") == []  # only in the frozen 征求意见稿
    panel.all_versions.setChecked(True)
    assert found("分级管理") == ["河道实行分级管理。"]
    assert "（征求意见稿）" in panel.results.topLevelItem(0).child(0).text(0)
    library.close()
