"""The 意见 dialogs opened for real: add a comment, decide, map a sheet's columns, new round.

tests/ui/comments/test_comments_gui.py checks the 意见 tab with the dialogs' answers given;
here the real dialogs run modally from the window, the drafter fills and presses them, and what
they return is read back from the library.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QTextCursor

from consultation.draft_index import DraftIndex
from consultation.model import Audience, Channel, Comment, Disposition, Source, Target
from storage.comments import CommentStore
from tests.consultation.test_import import write_xlsx
from tests.ui.comments.test_comments_gui import window
from tests.ui.dialogs import (
    CANCEL,
    OK,
    answering,
    button_of,
    enter_text,
    pick,
    press,
    tick,
    type_into,
)
from ui.comments.dialogs import CommentDialog, DecisionDialog, RoundDialog
from ui.comments.import_dialog import ColumnMappingDialog
from ui.shell.main_window import MainWindow
from ui.shell.user_name import UserNameDialog

pytestmark = pytest.mark.gui
__all__ = ["window"]  # the 意见 tests' window: the demo library, 古城保护条例 shown


def _stored(win: MainWindow) -> list[Comment]:
    assert win.version is not None
    return CommentStore(win.library).comments(win.version.regulation_id)


def _select_words(win: MainWindow, uid: str, words: str) -> None:
    """Select ``words`` of unit ``uid`` in the reading pane, as a drag of the mouse would."""
    house = win.reading_view.house
    assert house is not None and win.draft is not None
    at = house.text_starts[uid] + win.draft.find(uid).text.index(words)  # type: ignore[union-attr]
    cursor = QTextCursor(win.reading_view.document())
    cursor.setPosition(at)
    cursor.setPosition(at + len(words), QTextCursor.MoveMode.KeepAnchor)
    win.reading_view.setTextCursor(cursor)


def test_add_comment_on_selected_words(qtbot: Any, window: MainWindow) -> None:
    assert window.draft is not None
    paragraph = DraftIndex(window.draft).articles[1].children[1]  # 第二条第二款
    _select_words(window, paragraph.uid, "四面护城河")
    seen: dict[str, Any] = {}

    def fill(dialog: CommentDialog) -> None:
        seen["target"] = dialog.target_label.text()
        ok = button_of(dialog, OK)
        seen["ok before"] = ok.isEnabled()
        pick(dialog.source, "专家学者")
        enter_text(dialog.name, "王教授")
        enter_text(dialog.organisation, "江州大学")
        pick(dialog.channel, "信函")
        dialog.date.setDate(QDate(2024, 5, 9))
        dialog.content.setFocus()
        enter_text(dialog.content, "建议写明护城河的名称。")
        press(qtbot, dialog, OK)

    with answering(CommentDialog, fill):
        window.acts.add_comment.trigger()
    assert seen == {"target": "针对：第二条第二款 “四面护城河”", "ok before": False}
    (comment,) = _stored(window)
    assert comment.content == "建议写明护城河的名称。"
    assert (comment.source, comment.channel) == (Source.EXPERT, Channel.LETTER)
    assert (comment.submitter.name, comment.submitter.organisation) == ("王教授", "江州大学")
    assert comment.date == dt.date(2024, 5, 9)
    assert comment.target.uid == paragraph.uid and comment.target.quote == "四面护城河"
    assert window.comments.panel.model.rowCount() == 1


def test_cancelled_comment_stores_nothing(qtbot: Any, window: MainWindow) -> None:
    def fill(dialog: CommentDialog) -> None:
        enter_text(dialog.content, "写了一半。")
        press(qtbot, dialog, CANCEL)

    with answering(CommentDialog, fill):
        window.acts.add_whole_comment.trigger()
    assert _stored(window) == []


def test_decide_selected_comments(qtbot: Any, window: MainWindow) -> None:
    assert window.version is not None and window.draft is not None
    first = DraftIndex(window.draft).articles[0].uid
    comments = [Comment(f"意见{n}。", target=Target(first), version_id=window.version.id)
                for n in range(3)]  # fmt: skip
    ids = CommentStore(window.library).add_comments(window.version.regulation_id, comments)
    window.comments.reload()
    window.comments.panel.select_ids(ids[:2])
    seen: dict[str, Any] = {}

    def name(dialog: UserNameDialog) -> None:  # asked once: no name is set yet
        type_into(dialog.name_edit, "王五")
        press(qtbot, dialog, OK)

    def fill(dialog: DecisionDialog) -> None:
        seen["cluster box"] = dialog.whole_cluster.isVisible()
        seen["decider"] = dialog.decided_by.text()
        pick(dialog.disposition, "部分采纳")
        dialog.reason.setFocus()
        enter_text(dialog.reason, "已吸收其中关于范围的建议。")
        type_into(dialog.decided_by, "张处长")
        press(qtbot, dialog, OK)

    with answering(UserNameDialog, name), answering(DecisionDialog, fill):
        window.acts.decide_comments.trigger()
    # Three different comments: no cluster to offer; the decider is the name just given.
    assert seen == {"cluster box": False, "decider": "王五"}
    decided = {c.id: c for c in _stored(window)}
    for comment_id in ids[:2]:
        decision = decided[comment_id].decision
        assert decision is not None and decision.disposition is Disposition.PARTLY_ADOPTED
        assert (decision.reason, decision.decided_by) == ("已吸收其中关于范围的建议。", "张处长")
    assert decided[ids[2]].decision is None


def test_decision_dialog_offers_the_whole_cluster(qtbot: Any) -> None:
    def fill(dialog: DecisionDialog) -> None:
        assert dialog.whole_cluster.isVisible() and dialog.whole_cluster.isChecked()
        assert dialog.whole_cluster.text() == "对整个聚类作同样处理（共 5 条相同或相近意见）"
        assert dialog.disposition.currentText() == "未采纳"  # the single comment's decision
        tick(qtbot, dialog.whole_cluster)
        press(qtbot, dialog, OK)  # refused: 未采纳 needs a reason
        assert dialog.isVisible() and dialog.error.text().startswith("“未采纳”须写明理由")
        templates = [dialog.templates.itemText(i) for i in range(dialog.templates.count())]
        assert "上位法已有规定，本条例不再重复规定。" in templates
        dialog.templates.setCurrentIndex(templates.index("上位法已有规定，本条例不再重复规定。"))
        dialog.templates.activated.emit(dialog.templates.currentIndex())
        # The template is the reason's start; the drafter may edit it.
        dialog.reason.moveCursor(QTextCursor.MoveOperation.End)
        enter_text(dialog.reason, "另见第五条。")
        press(qtbot, dialog, OK)

    with answering(DecisionDialog, fill):
        data = DecisionDialog.get_data(None, 1, 5, "法工委", Disposition.NOT_ADOPTED)
    assert data is not None and data.whole_cluster is False
    assert (data.disposition, data.decided_by) == (Disposition.NOT_ADOPTED, "法工委")
    assert data.reason == "上位法已有规定，本条例不再重复规定。另见第五条。"
    with answering(DecisionDialog, lambda dialog: press(qtbot, dialog, CANCEL)):
        assert DecisionDialog.get_data(None, 1, 5, "法工委") is None


def test_import_through_the_column_mapping_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    """Headers the importer cannot place: the drafter names the columns, then 导入."""
    headers = ["编号", "位置", "正文", "落款"]
    rows = [[1, "第一条", "建议写明保护范围。", "甲"], [2, "总体", "建议尽快出台。", "乙"]]
    path = write_xlsx(tmp_path / "留言.xlsx", headers, rows)  # no title row above

    def fill(dialog: ColumnMappingDialog) -> None:
        ok = button_of(dialog, OK)
        assert ok.text() == "导入" and not ok.isEnabled()  # 意见内容 must be named
        pick(dialog.combos["content"], "C列 正文")
        assert ok.isEnabled()
        pick(dialog.combos["target"], "B列 位置")
        pick(dialog.combos["name"], "D列 落款")
        pick(dialog.source, "人大代表")
        press(qtbot, dialog, OK)

    with qtbot.waitSignal(window.comments.import_finished, timeout=20000):
        with answering(ColumnMappingDialog, fill):
            window.comments.import_with_dialog(path)
    qtbot.waitUntil(lambda: window.comments.worker is None)
    assert warnings_shown == []
    stored = sorted(_stored(window), key=lambda c: c.content)
    assert [(c.content, c.submitter.name, c.source) for c in stored] == [
        ("建议写明保护范围。", "甲", Source.DEPUTY),
        ("建议尽快出台。", "乙", Source.DEPUTY),
    ]
    assert sorted(r.target for r in window.comments.panel.model.all_rows()) == ["总体", "第一条"]


def test_cancelled_mapping_imports_nothing(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "留言.xlsx", ["编号", "正文"], [[1, "建议。"]])
    with answering(ColumnMappingDialog, lambda dialog: press(qtbot, dialog, CANCEL)):
        assert window.comments.import_with_dialog(path) is None
    assert _stored(window) == []


def test_new_round_through_the_real_dialog(qtbot: Any, window: MainWindow) -> None:
    def fill(dialog: RoundDialog) -> None:
        pick(dialog.audience, "基层立法联系点")
        enter_text(dialog.title, "基层立法联系点征求意见")
        dialog.start.setDate(QDate(2024, 6, 1))
        dialog.end.setDate(QDate(2024, 6, 30))
        enter_text(dialog.note, "五个联系点")
        press(qtbot, dialog, OK)

    with answering(RoundDialog, fill):
        window.acts.new_round.trigger()
    assert window.version is not None
    (made,) = CommentStore(window.library).rounds(window.version.regulation_id)
    assert (made.audience, made.title, made.note) == (
        Audience.CONTACT_POINT, "基层立法联系点征求意见", "五个联系点"
    )  # fmt: skip
    assert (made.start, made.end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    assert made.version_id == window.version.id


def test_assign_filter_merge_and_split_from_the_context_menu(
    qtbot: Any, window: MainWindow
) -> None:
    from ui.comments.dialogs import AssignDialog
    from ui.shell.settings import set_user_name

    set_user_name("王五")
    assert window.version is not None and window.draft is not None
    first = DraftIndex(window.draft).articles[0].uid
    texts = ["保留早市，方便居民买菜。"] * 3 + ["增加停车位，方便游客。"] * 2 + ["别的意见。"]
    store = CommentStore(window.library)
    reg = window.version.regulation_id
    ids = store.add_comments(reg, [Comment(t, target=Target(first)) for t in texts])
    assert window.comments.recluster() == 2
    panel = window.comments.panel
    model = panel.model

    # 分派 one comment with its whole group to 城建处/张三.
    panel.select_ids(ids[:1])

    def fill(dialog: AssignDialog) -> None:
        assert dialog.whole_cluster.isVisible() and dialog.whole_cluster.isChecked()
        type_into(dialog.office, "城建处")
        type_into(dialog.handler, "张三")
        press(qtbot, dialog, OK)

    with answering(AssignDialog, fill):
        panel.assign_action.trigger()
    assigned = {c.id: c.assignee for c in store.comments(reg)}
    assert [assigned[i] for i in ids] == ["城建处/张三"] * 3 + [""] * 3
    panel.assignee_filter.setCurrentIndex(panel.assignee_filter.findText("张三"))
    assert model.rowCount() == 3
    panel.disposition_filter.setCurrentIndex(panel.disposition_filter.findText("已处理"))
    assert model.rowCount() == 0
    panel.disposition_filter.setCurrentIndex(panel.disposition_filter.findText("待处理"))
    assert model.rowCount() == 3
    panel.assignee_filter.setCurrentIndex(0)
    panel.disposition_filter.setCurrentIndex(0)
    assert model.rowCount() == 6

    # 合并为一组: the two groups become one; 拆出分组: one comment leaves it.
    panel.select_ids([ids[0], ids[3]])
    panel.merge_action.trigger()
    numbers = [c.cluster_id for c in store.comments(reg)]
    assert len(set(numbers[:5])) == 1 and numbers[5] is None
    panel.select_ids([ids[4]])
    panel.split_action.trigger()
    assert store.comments(reg, ids=[ids[4]])[0].cluster_id is None
    panel.select_ids([ids[4]])
    lines = [panel.history.item(i).text() for i in range(panel.history.count())]
    assert [line.split(" ")[3] for line in lines] == ["合并分组：分组", "拆分分组：分组"]
    assert all("王五" in line for line in lines)
    # 撤销上次处理 twice: the split, then the merge.
    panel.undo_action.trigger()
    panel.undo_action.trigger()
    assert len({c.cluster_id for c in store.comments(reg)[:5]}) == 2


def test_meeting_minutes_imported_from_the_panel(
    qtbot: Any, window: MainWindow, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    from tests.consultation.test_meetings import write_minutes_docx

    assert window.version is not None and window.draft is not None
    index = DraftIndex(window.draft)
    second = index.label(index.articles[1].uid)  # 第二条
    path = write_minutes_docx(
        tmp_path / "论证会.docx",
        [
            "专家论证会会议记录",
            "时间：2024年5月20日",
            f"李教授（山东大学法学院）：{second}的定义过窄。",
            "王某（市文旅局）：总体赞同。",
        ],
    )
    before = window.comments.panel.model.total()
    stored = window.comments.import_meeting(path)
    assert stored is not None and len(stored.ids) == 2
    assert window.comments.panel.model.total() == before + 2
    comments = {
        c.id: c for c in CommentStore(window.library).comments(window.version.regulation_id)
    }
    li, wang = comments[stored.ids[0]], comments[stored.ids[1]]
    assert (li.source, li.channel) == (Source.EXPERT, Channel.EXPERT_MEETING)
    assert li.target.uid == index.articles[1].uid and wang.target.uid is None
    assert wang.source is Source.DEPARTMENT and wang.meeting_id == stored.meeting.id
    bad = tmp_path / "记录.pdf"
    bad.write_bytes(b"%PDF")
    assert window.comments.import_meeting(bad) is None
    assert warnings_shown and warnings_shown[-1][0] == "无法导入会议记录"
