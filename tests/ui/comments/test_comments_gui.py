"""The 意见 tab driven for real: a seeded SQLite library, sheets written here, Qt events."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QAbstractItemModelTester

from consultation.anchors import AnchorState
from consultation.draft_index import DraftIndex
from consultation.model import Channel, Comment, Disposition, Source, Submitter, Target
from resources.demo import seed_demo
from storage.comments import CommentStore
from storage.library import Library
from ui.comments.dialogs import CommentDialog, CommentInput, DecisionDialog, DecisionInput
from ui.comments.import_dialog import (
    ColumnMappingDialog,
    ImportChoice,
    remembered_mapping,
)
from ui.comments.table_model import COL_DISPOSITION, COL_TARGET, CommentsTableModel, build_rows
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

HEADERS = ["序号", "姓名", "身份", "条款", "意见内容", "提交时间"]


def _rows(count: int) -> list[list[object]]:
    out: list[list[object]] = []
    for n in range(1, count + 1):
        target = ["第一条", "第二条", "总体意见", "第六条第一款第（二）项"][n % 4]
        out.append(
            [
                n,
                f"市民{n}",
                "社会公众",
                target,
                f"关于古城保护的第{n}条建议，请予考虑。",
                "2024-05-01",
            ]
        )
    return out


def write_xlsx(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["江州市古城保护条例征求意见情况"])  # a title row above the header
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


@pytest.fixture
def window(qtbot, library: Library, warnings_shown: list[tuple[str, str]]) -> MainWindow:
    seed_demo(library)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.version is not None and win.version.label == "征求意见稿"
    return win


def _import(qtbot, win: MainWindow, path: Path, choice: ImportChoice | None = None):
    controller = win.comments
    with qtbot.waitSignal(controller.import_finished, timeout=20000) as blocker:
        worker = controller.start_import(path, choice or ImportChoice({}))
        assert worker is not None
    qtbot.waitUntil(lambda: controller.worker is None)
    return blocker.args[0]


def _article_row(win: MainWindow, label: str) -> str:
    model = win.outline_model
    for r in range(model.rowCount()):
        chapter = model.index(r, 0)
        for c in range(model.rowCount(chapter)):
            text = model.data(model.index(c, 0, chapter))
            if text.startswith(label + " "):
                return text
    raise AssertionError(label)


def test_side_tab_is_first_and_menu_has_actions(window: MainWindow) -> None:
    docks = window.side_tabs()
    assert docks[0].windowTitle() == "意见"
    names = [a.text() for a in window.acts.menus["comment"].actions() if a.text()]
    assert "导入意见(&I)…" in names and "添加意见(&A)…" in names
    assert window.acts.add_comment.shortcut().toString() == "Ctrl+Return"


def test_import_xlsx_with_preset_mapping(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "portal.xlsx", _rows(12))
    choice = ImportChoice({"content": "意见内容", "target": "条款", "name": "姓名"}, Source.PUBLIC)
    stored = _import(qtbot, window, path, choice)
    assert stored is not None and stored.report.imported == 12
    model = window.comments.panel.model
    assert model.rowCount() == 12
    targets = {model.data(model.index(r, COL_TARGET)) for r in range(12)}
    assert {"第一条", "第二条", "总体", "第六条第一款第（二）项"} <= targets
    # The outline counts each article's comments; the 项 comment counts for 第六条.
    assert _article_row(window, "第一条").startswith("第一条 (3)")
    assert _article_row(window, "第六条").startswith("第六条 (3)")
    assert _article_row(window, "第三条").startswith("第三条 古城")
    assert "意见 12（待处理 12）" == window.comments.status_label.text()
    # A default round was made for the version shown.
    rounds = CommentStore(window.library).rounds(window.version.regulation_id)  # type: ignore[union-attr]
    assert len(rounds) == 1 and rounds[0].version_id == window.version.id  # type: ignore[union-attr]

    again = _import(qtbot, window, path, choice)
    assert again.report.imported == 0 and len(again.report.skipped) == 12
    assert model.rowCount() == 12


def test_mapping_dialog_prefills_and_remembers(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch, warnings_shown: list[tuple[str, str]]
) -> None:
    from consultation.importing import preview_table

    headers = ["编号", "留言人", "所涉条款", "留言内容", "备注"]
    path = write_xlsx(tmp_path / "odd.xlsx", [[1, "甲", "第一条", "建议修改。", ""]], headers)
    preview = preview_table(path)
    dialog = ColumnMappingDialog(window, path, preview, [])
    qtbot.addWidget(dialog)
    assert dialog.combos["content"].currentData() == 3
    assert dialog.combos["target"].currentData() == 2
    # The drafter says 备注 holds the organisation; next time the same headers prefill it.
    dialog.combos["organisation"].setCurrentIndex(dialog.combos["organisation"].findData(4))
    choice = dialog.result_data()
    assert choice.mapping["organisation"] == "备注"
    assert remembered_mapping(preview.headers)["organisation"] == 4
    second = ColumnMappingDialog(window, path, preview, [])
    qtbot.addWidget(second)
    assert second.combos["organisation"].currentData() == 4
    # Through the controller with the dialog bypassed.
    monkeypatch.setattr(ColumnMappingDialog, "get_data", classmethod(lambda cls, *a, **k: choice))
    with qtbot.waitSignal(window.comments.import_finished, timeout=20000):
        window.comments.import_with_dialog(path)
    qtbot.waitUntil(lambda: window.comments.worker is None)
    assert warnings_shown == []
    assert window.comments.panel.model.rowCount() == 1


def test_gb18030_csv(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", _rows(8), "gb18030")
    stored = _import(qtbot, window, path)
    assert stored.report.imported == 8
    contents = [r.content for r in window.comments.panel.model.all_rows()]
    assert "关于古城保护的第1条建议，请予考虑。" in contents


def test_cancel_mid_import_stores_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", _rows(1200))
    controller = window.comments
    with qtbot.waitSignal(controller.import_finished, timeout=30000) as blocker:
        worker = controller.start_import(path, ImportChoice({}))
        assert worker is not None
        # Cancel from the worker thread at the first progress report, as 取消 would.
        worker.progressed.connect(lambda *_a: worker.cancel(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: controller.worker is None)
    stored = blocker.args[0]
    assert stored is not None and stored.report.cancelled and stored.ids == []
    assert CommentStore(window.library).count(window.version.regulation_id) == 0  # type: ignore[union-attr]
    assert controller.panel.model.rowCount() == 0


def test_bad_file_warns_in_chinese(
    qtbot, window: MainWindow, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a workbook")
    window.comments.import_with_dialog(bad)
    assert warnings_shown and warnings_shown[0][0] == "无法导入意见"
    assert window.comments.worker is None


def _select_words(win: MainWindow, uid: str, words: str) -> None:
    house = win.reading_view.house
    assert house is not None
    start = house.text_starts[uid]
    text = win.draft.find(uid).text  # type: ignore[union-attr]
    at = start + text.index(words)
    cursor = QTextCursor(win.reading_view.document())
    cursor.setPosition(at)
    cursor.setPosition(at + len(words), QTextCursor.MoveMode.KeepAnchor)
    win.reading_view.setTextCursor(cursor)


def test_add_comment_on_selected_words(qtbot, window: MainWindow, monkeypatch) -> None:
    draft = window.draft
    assert draft is not None
    index = DraftIndex(draft)
    second = index.articles[1]
    paragraph = second.children[1]  # 第二条第二款
    _select_words(window, paragraph.uid, "四面护城河")
    target = window.comments.selection_target()
    assert target == Target(paragraph.uid, "四面护城河", paragraph.text.index("四面护城河"))

    seen: list[str] = []

    def fake(cls, parent, target_text, rounds, round_id=None):
        seen.append(target_text)
        return CommentInput(
            "建议写明护城河的名称。",
            Source.EXPERT,
            Submitter("王教授", "江州大学"),
            Channel.LETTER,
            None,
            None,
        )

    monkeypatch.setattr(CommentDialog, "get_data", classmethod(fake))
    window.acts.add_comment.trigger()
    assert seen == ["第二条第二款 “四面护城河”"]
    stored = CommentStore(window.library).comments(window.version.regulation_id)  # type: ignore[union-attr]
    assert len(stored) == 1
    comment = stored[0]
    assert comment.target.uid == paragraph.uid and comment.target.quote == "四面护城河"
    assert comment.version_id == window.version.id  # type: ignore[union-attr]
    row = window.comments.panel.model.all_rows()[0]
    assert row.anchor_state is AnchorState.ATTACHED and row.target == "第二条第二款"
    assert _article_row(window, "第二条").startswith("第二条 (1)")
    # Selecting it shows the article and marks the quoted words in the pane.
    window.comments.panel.select_ids([row.id])
    span = window.comments.quote_positions(row)
    assert span is not None
    cursor = QTextCursor(window.reading_view.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "四面护城河"
    assert window.reading_view.current_uid == second.uid
    assert "四面护城河" in window.comments.panel.detail.toPlainText()


def test_selection_over_paragraphs_targets_the_article(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    second = DraftIndex(draft).articles[1]
    house = window.reading_view.house
    assert house is not None
    first_para, second_para = second.children[0], second.children[1]
    start = house.text_starts[first_para.uid] + first_para.text.index("适用本条例")
    end = house.text_starts[second_para.uid] + 5
    cursor = QTextCursor(window.reading_view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.reading_view.setTextCursor(cursor)
    target = window.comments.selection_target()
    assert target is not None and target.uid == second.uid
    assert target.quote == "适用本条例。\n" + second_para.text[:5]
    assert DraftIndex(draft).text(second.uid)[target.offset :].startswith(target.quote)  # type: ignore[index]


def _seed_comments(win: MainWindow, count: int) -> list[int]:
    draft = win.draft
    assert draft is not None and win.version is not None
    articles = DraftIndex(draft).articles
    comments = [
        Comment(
            f"意见{n}：建议修改本条。",
            source=[Source.PUBLIC, Source.EXPERT, Source.DEPUTY][n % 3],
            target=Target(articles[n % len(articles)].uid) if n % 5 else Target(),
            version_id=win.version.id,
        )
        for n in range(count)
    ]
    ids = CommentStore(win.library).add_comments(win.version.regulation_id, comments)
    win.comments.reload()
    return ids


def test_bulk_decide_and_filters(qtbot, window: MainWindow, monkeypatch) -> None:
    from ui.shell.settings import set_user_name

    set_user_name("王五")  # set: the decider is never asked for again
    ids = _seed_comments(window, 30)
    panel = window.comments.panel
    panel.select_ids(ids[1:3])
    assert [r.id for r in panel.selected_rows()] == ids[1:3]
    monkeypatch.setattr(
        DecisionDialog,
        "get_data",
        classmethod(
            lambda cls, *a, **k: DecisionInput(Disposition.ADOPTED, "已修改。", "张处长", False)
        ),
    )
    assert window.comments.decide_selected() == 2
    model = panel.model
    shown = {model.data(model.index(model.row_of(i), COL_DISPOSITION)) for i in ids[1:3]}
    assert shown == {"采纳"}
    assert model.data(model.index(model.row_of(ids[3]), COL_DISPOSITION)) == "待处理"
    assert window.version is not None
    stored = CommentStore(window.library).comments(
        window.version.regulation_id, disposition=Disposition.ADOPTED
    )
    assert sorted(c.id or 0 for c in stored) == ids[1:3]
    assert stored[0].decision is not None and stored[0].decision.decided_by == "张处长"

    # Filters: disposition, 待处理, source, search, current article.
    panel.disposition_filter.setCurrentIndex(panel.disposition_filter.findData(Disposition.ADOPTED))
    assert model.rowCount() == 2
    panel.disposition_filter.setCurrentIndex(panel.disposition_filter.findText("待处理"))
    assert model.rowCount() == 28
    panel.disposition_filter.setCurrentIndex(0)
    panel.source_filter.setCurrentIndex(panel.source_filter.findData(Source.EXPERT))
    assert model.rowCount() == 10
    panel.source_filter.setCurrentIndex(0)
    panel.search.setText("意见17：")
    panel.flush_search()
    assert model.rowCount() == 1
    panel.search.clear()
    panel.flush_search()
    first = DraftIndex(window.draft).articles[1]  # type: ignore[arg-type]
    window.select_unit(first.uid)
    panel.only_current.setChecked(True)
    assert model.rowCount() == sum(1 for n in range(30) if n % 5 and n % 49 == 1)
    assert "本条（第二条）的意见：1 条（采纳 1）" == panel.article_line.text()
    panel.only_current.setChecked(False)
    assert model.rowCount() == 30


def test_decide_whole_cluster(qtbot, window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None and window.version is not None
    article = DraftIndex(draft).articles[0].uid
    texts = ["建议保留古城墙下的早市，方便居民买菜。"] * 3 + ["建议增加停车位。"]
    store = CommentStore(window.library)
    ids = store.add_comments(
        window.version.regulation_id, [Comment(t, target=Target(article)) for t in texts]
    )
    assert window.comments.recluster() == 1
    model = window.comments.panel.model
    assert model.data(model.index(model.row_of(ids[0]), 7)) == "×3"
    decided = window.comments.decide(
        [ids[0]], DecisionInput(Disposition.NOT_ADOPTED, "上位法已有规定。", "", True)
    )
    assert decided == 3
    assert [c.disposition for c in store.comments(window.version.regulation_id)] == [
        Disposition.NOT_ADOPTED
    ] * 3 + [None]


def test_summary_exports_statement_and_charts(qtbot, window: MainWindow, tmp_path: Path) -> None:
    _seed_comments(window, 12)
    out = window.comments.export_summary("docx", tmp_path / "汇总表.docx")
    assert out is not None and out.is_file()
    from docx import Document

    document = Document(str(out))
    assert any("征求意见汇总表" in p.text for p in document.paragraphs)
    assert document.tables[0].rows[0].cells[0].text == "序号"
    assert len(document.inline_shapes) == 2  # the two charts
    xlsx = window.comments.export_summary("xlsx", tmp_path / "汇总表.xlsx")
    assert xlsx is not None and xlsx.is_file()
    dialog = window.comments.show_statement()
    assert dialog is not None and dialog.text.toPlainText().startswith("共收到12条意见")
    dialog.copy()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text().startswith("共收到12条意见")
    charts = window.comments.show_charts()
    assert charts is not None
    assert not charts.view.articles.pixmap().isNull()
    assert not charts.view.sources.pixmap().isNull()


def test_trace_to_next_version(qtbot, window: MainWindow) -> None:
    ids = _seed_comments(window, 3)
    assert window.version is not None
    frozen = window.version
    following = window.library.new_working_draft(frozen.id)
    row = window.comments.panel.model.rows_for([ids[1]])[0]
    comment = window.comments.comment(ids[1])
    assert comment is not None
    text = window.comments.trace_text(comment)
    assert text == f"在下一稿次（{following.label}）中：{row.target}（未修改）"
    window.comments.panel.select_ids([ids[1]])
    assert "未修改" in window.comments.panel.detail.toPlainText()


def test_table_model_with_2000_comments(qtbot, window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    index = DraftIndex(draft)
    articles = index.articles
    comments = [
        Comment(
            f"第{n}条意见",
            target=Target(articles[n % len(articles)].uid),
            id=n + 1,
            cluster_id=n % 7 or None,
        )
        for n in range(2000)
    ]
    model = CommentsTableModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(build_rows(comments, index))
    assert model.rowCount() == 2000 and model.columnCount() == 8
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(model.index(1999, 0)) == "2000"
    assert model.data(QModelIndex()) is None


def test_letter_docx_needs_no_mapping(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from docx import Document

    letter = Document()
    letter.add_paragraph("市人大常委会法制工作委员会：")
    letter.add_paragraph("一、第三条中“合理利用”的表述过于笼统，建议明确利用的方式和限度。")
    letter.add_paragraph("二、建议在第四条增加区人民政府的保障责任。")
    letter.add_paragraph("江州大学历史学院")
    path = tmp_path / "来信.docx"
    letter.save(str(path))
    with qtbot.waitSignal(window.comments.import_finished, timeout=20000) as blocker:
        assert window.comments.import_with_dialog(path) is not None
    qtbot.waitUntil(lambda: window.comments.worker is None)
    assert blocker.args[0].report.kind == "letter"
    targets = sorted(r.target for r in window.comments.panel.model.all_rows())
    assert targets == ["第三条", "第四条"]


def test_whole_draft_comment(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(
        CommentDialog,
        "get_data",
        classmethod(
            lambda cls, *a, **k: CommentInput(
                "总体赞成。", Source.DEPUTY, Submitter(), Channel.FORUM, None, None
            )
        ),
    )
    window.acts.add_whole_comment.trigger()
    rows = window.comments.panel.model.all_rows()
    assert len(rows) == 1 and rows[0].target == "总体" and rows[0].uid is None


def test_progress_dialog_cancel_stores_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", _rows(1500))
    controller = window.comments
    with qtbot.waitSignal(controller.import_finished, timeout=30000) as blocker:
        assert controller.start_import(path, ImportChoice({})) is not None
        assert controller.progress is not None
        from PySide6.QtWidgets import QPushButton

        button = controller.progress.findChild(QPushButton)
        assert button is not None and button.text() == "取消"
        button.click()
    qtbot.waitUntil(lambda: controller.worker is None)
    assert blocker.args[0].report.cancelled
    assert CommentStore(window.library).count(window.version.regulation_id) == 0  # type: ignore[union-attr]
    assert controller.progress is None


def test_anchor_state_follows_edits(window: MainWindow, monkeypatch) -> None:
    draft = window.draft
    assert draft is not None
    paragraph = DraftIndex(draft).articles[1].children[1]
    _select_words(window, paragraph.uid, "四面护城河")
    monkeypatch.setattr(
        CommentDialog,
        "get_data",
        classmethod(
            lambda cls, *a, **k: CommentInput(
                "意见", Source.PUBLIC, Submitter(), Channel.OTHER, None, None
            )
        ),
    )
    window.acts.add_comment.trigger()
    # The words quoted are rewritten in the shown text: the comment says so, never guesses.
    paragraph.text = paragraph.text.replace("四面护城河", "护城河")
    window.comments.relabel()
    row = window.comments.panel.model.all_rows()[0]
    assert row.anchor_state is AnchorState.QUOTE_CHANGED
    assert row.anchor_message == "对应第二条第二款；所引用的文字已修改"
    model = window.comments.panel.model
    assert model.data(model.index(0, 6)) == "引文已修改"
    # The words of the article changed too (against the text as saved): the tip says both.
    tip = model.data(model.index(0, 6), Qt.ItemDataRole.ToolTipRole)
    assert tip == row.anchor_message + "；与所针对的稿次相比：条文已修改"


def test_selection_in_an_item_and_back(window: MainWindow) -> None:
    from ui.comments.anchoring import quote_positions, selection_target

    draft = window.draft
    assert draft is not None
    index = DraftIndex(draft)
    sixth = index.articles[5]
    item = sixth.children[0].children[1]  # 第六条第一款第（二）项
    house = window.reading_view.house
    assert house is not None
    start = house.text_starts[item.uid] + item.text.index("维护和修缮")
    target = selection_target(house, index, start, start + len("维护和修缮"))
    assert target == Target(item.uid, "维护和修缮", item.text.index("维护和修缮"))
    assert index.label(item.uid) == "第六条第一款第（二）项"
    span = quote_positions(house, index, item.uid, (target.offset or 0, (target.offset or 0) + 5))
    assert span == (start, start + 5)
    # From the label （二） of one item into the next: the article, from the item's words.
    label_start = house.text_starts[item.uid] - len("（二）")
    nxt = sixth.children[0].children[2]
    target = selection_target(house, index, label_start, house.text_starts[nxt.uid] + 2)
    assert target is not None and target.uid == sixth.uid
    assert target.quote == item.text + "\n" + nxt.text[:2]


def test_window_summary_is_the_command_line_summary(
    qtbot, window: MainWindow, tmp_path: Path, capsys
) -> None:
    import json

    from openpyxl import load_workbook

    import app

    assert window.version is not None and window.draft is not None
    ids = _seed_comments(window, 12)
    article = DraftIndex(window.draft).articles[0].uid
    groups = window.comments.recluster()  # the window's 重新聚类, stored
    # Near-duplicates added since: not a group until someone asks, in both doors alike.
    CommentStore(window.library).add_comments(
        window.version.regulation_id,
        [Comment("建议保留早市。", target=Target(article)) for _ in range(3)],
    )
    window.comments.reload()
    window.comments.decide(ids[:2], DecisionInput(Disposition.ADOPTED, "已修改。", "法工委", False))
    made = window.comments._summary()
    assert made is not None
    summary, rows, _title = made
    out = tmp_path / "cli.xlsx"
    argv = ["comments", "summary", "--db", str(tmp_path / "lib.sqlite3"), "--regulation",
            str(window.version.regulation_id), "--version", str(window.version.id),
            "--xlsx", str(out), "--json"]  # fmt: skip
    assert app.main(argv) == 0
    assert json.loads(capsys.readouterr().out) == summary.as_json()
    assert summary.as_json()["clusters"] == groups and summary.total == 15
    cli_rows = [
        tuple("" if v is None else v for v in row)
        for row in load_workbook(out).worksheets[0].iter_rows(min_row=3, values_only=True)
        if any(v is not None for v in row)
    ]
    assert cli_rows == [
        (r.number, r.article, r.content, r.submitter, r.disposition, r.reason) for r in rows
    ]


def test_undo_last_decision_and_history_under_the_details(qtbot, window: MainWindow) -> None:
    from ui.shell.settings import set_user_name

    set_user_name("王五")
    ids = _seed_comments(window, 4)
    panel = window.comments.panel
    assert not panel.history.isVisibleTo(panel)  # no comment chosen, no history
    window.comments.decide(ids[:2], DecisionInput(Disposition.ADOPTED, "已修改。", "", False))
    window.comments.decide(
        ids[:1], DecisionInput(Disposition.PARTLY_ADOPTED, "已吸收合理部分。", "", False)
    )
    panel.select_ids(ids[:1])
    lines = [panel.history.item(i).text() for i in range(panel.history.count())]
    assert panel.history.isVisibleTo(panel) and len(lines) == 2
    assert "王五 处理：待处理 → 采纳（已修改。）" in lines[0]
    assert "王五 处理：采纳（已修改。） → 部分采纳（已吸收合理部分。）" in lines[1]
    # 撤销上次处理: the comment is 采纳 again, and the undo is in its history.
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    model = panel.model
    assert model.data(model.index(model.row_of(ids[0]), COL_DISPOSITION)) == "采纳"
    panel.select_ids(ids[:1])
    lines = [panel.history.item(i).text() for i in range(panel.history.count())]
    assert (
        len(lines) == 3 and "王五 撤销：部分采纳（已吸收合理部分。） → 采纳（已修改。）" in lines[2]
    )
    # Back to 待处理 through the dialog's last entry.
    assert window.comments.decide(ids[:2], DecisionInput(None, "", "", False)) == 2
    assert model.data(model.index(model.row_of(ids[1]), COL_DISPOSITION)) == "待处理"
    assert window.version is not None
    stored = CommentStore(window.library).comments(window.version.regulation_id, undecided=True)
    assert {ids[0], ids[1]} <= {c.id for c in stored}


def test_anchor_status_follows_the_workspace_notice_of_an_edit(qtbot, window: MainWindow) -> None:
    """Issue 14: words of a commented article edited → the workspace's notice (not a
    structural one) makes the 锚定状态 column say 条文已修改, without a reload by hand."""
    from ui.shell.workspace import Changes

    ids = _seed_comments(window, 4)
    model = window.comments.panel.model
    row = model.row_of(ids[1])
    assert model.data(model.index(row, 6)) == "已对应"
    draft = window.draft
    assert draft is not None
    paragraph = DraftIndex(draft).articles[1].children[0]
    paragraph.text += "（修改）"
    window.workspace.notify(Changes(changed=(paragraph.uid,)))
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(ids[1]), 6)) == "条文已修改")
    tip = model.data(model.index(model.row_of(ids[1]), 6), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("与所针对的稿次相比：条文已修改")
    assert model.data(model.index(model.row_of(ids[2]), 6)) == "已对应"  # another article
