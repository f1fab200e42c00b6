"""The 意见 feature in the window: loads comments into the panel, imports, adds, decides, exports.

``CommentsController(window)`` makes the 意见 side tab and owns everything behind it: the
comments of the shown version's regulation (anchored in the shown text), the outline's comment
counts, the import worker thread with its progress dialog, the decision, add-comment, round,
summary and chart dialogs. Storage goes through ``storage.comments.CommentStore``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QProgressDialog,
    QTextEdit,
)

from consultation.anchors import Lineage, lineage_since
from consultation.comment_rows import keys_under
from consultation.decisions import DecisionError, checked_decision
from consultation.draft_index import DraftIndex
from consultation.groups import GroupError
from consultation.importing import CommentImportError, preview_table
from consultation.meetings import MeetingKind, read_minutes
from consultation.model import (
    WHOLE_DRAFT,
    Audience,
    Comment,
    Round,
    Target,
)
from consultation.summary import Summary, SummaryRow
from drafting.model.units import Draft, UnitKind
from drafting.write.oxml.revisions import default_author
from storage.comment_view import CommentView
from storage.comments import CommentStore, StoredImport, StoredMeeting
from storage.library import LibraryError
from ui.comments.anchoring import quote_positions, selection_target
from ui.comments.charts import ChartsDialog
from ui.comments.dialogs import (
    AssignDialog,
    AssignInput,
    CommentDialog,
    CommentInput,
    DecisionDialog,
    DecisionInput,
    RoundDialog,
    StatementDialog,
)
from ui.comments.import_dialog import ColumnMappingDialog, ImportChoice
from ui.comments.import_worker import ImportWorker
from ui.comments.panel import CommentsPanel
from ui.comments.table_model import CommentRow
from ui.shell import settings
from ui.shell.errors import show_notes, show_warning
from ui.shell.user_name import drafter_name

if TYPE_CHECKING:
    from storage.library import VersionInfo
    from ui.shell.window_host import WindowHost

log = logging.getLogger("lifa.ui.comments")

#: Files the 导入意见 dialog offers.
COMMENT_FILES = (
    "意见文件 (*.xlsx *.csv *.docx);;Excel 表格 (*.xlsx);;CSV 文件 (*.csv);;Word 来信 (*.docx)"
)
_QUOTE_COLOUR = QColor(255, 200, 120)
#: Advice when the library cannot be read just now (locked by another program, a network drive).
_RETRY_LATER = "法规库可能被其他程序锁定或暂时无法访问，请稍后再试。"


def default_decided_by() -> str:
    """Who decides: the user's name from the settings (user/name, asked once elsewhere), else
    the computer's login name."""
    return settings.user_name() or default_author()


class CommentsController(QObject):
    """Everything behind the 意见 tab and the 意见 menu of one window."""

    #: Comments were added, imported, decided or re-clustered.
    changed = Signal()
    #: An import ended: the StoredImport, or None when it failed.
    import_finished = Signal(object)
    message = Signal(str)

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.panel = CommentsPanel()
        self.dock = window.add_side_tab(window.tr("意见"), self.panel, "dock_comments")
        self.status_label = QLabel()
        self.status_label.setObjectName("comments_status")
        window.statusBar().addPermanentWidget(self.status_label)
        self._version_id: int | None = None
        self._regulation_id: int | None = None
        self._index: DraftIndex | None = None
        # The regulation's comments as the table shows them: ids, anchored targets, counts;
        # rows and comments are read by id when shown (storage.comment_view).
        self._view: CommentView | None = None
        self._drafts: dict[int, Draft] = {}  # frozen versions' texts, for the trace
        # Lineage of the frozen versions comments were made on (a comment follows only the
        # splits and merges recorded after its version).
        self._frozen_lineages: dict[int, Lineage] = {}
        self._jumping = False
        self._restoring = False
        self.worker: ImportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.last_report: StoredImport | None = None
        self.charts: ChartsDialog | None = None
        # After an edit the outline is laid out again: labels and counts follow, after a pause.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(600)
        self._reload_timer.timeout.connect(self.relabel)

    def wire(self) -> None:
        """Connect the 意见 actions, the panel and the outline."""
        a = self.window.acts
        a.add_comment.triggered.connect(lambda: self.add_comment_on_selection())
        a.add_whole_comment.triggered.connect(lambda: self.add_comment_interactive(WHOLE_DRAFT))
        a.new_round.triggered.connect(lambda: self.new_round_interactive())
        a.import_comments.triggered.connect(lambda: self.choose_and_import())
        a.decide_comments.triggered.connect(lambda: self.decide_selected())
        a.recluster_comments.triggered.connect(lambda: self.recluster())
        a.comment_stats.triggered.connect(lambda: self.show_charts())
        a.export_summary_docx.triggered.connect(lambda: self.export_summary("docx"))
        a.export_summary_xlsx.triggered.connect(lambda: self.export_summary("xlsx"))
        a.adoption_statement.triggered.connect(lambda: self.show_statement())
        p = self.panel
        p.filters_changed.connect(self.apply_filter)
        p.comment_selected.connect(self._on_comment_selected)
        p.decide_requested.connect(lambda: self.decide_selected())
        p.undo_requested.connect(lambda: self.undo_last())
        p.meeting_requested.connect(lambda: self.choose_and_import_meeting())
        p.assign_requested.connect(lambda: self.assign_selected())
        p.merge_requested.connect(lambda: self.merge_selected())
        p.split_requested.connect(lambda: self.split_selected())
        p.add_requested.connect(lambda: self.add_comment_on_selection())
        p.recluster_requested.connect(lambda: self.recluster())
        p.stats_requested.connect(lambda: self.show_charts())
        w = self.window
        # Any change of the words (not only of the structure): anchors and 条文已修改 follow.
        w.workspace.changed.connect(lambda c: self._on_outline_reset() if c.text else None)
        w.outline_view.selectionModel().currentChanged.connect(
            lambda *_a: self._on_outline_current()
        )
        self.message.connect(w.show_message)
        # The table needs room: the side docks start wider than their default.
        w.resizeDocks([self.dock], [560], Qt.Orientation.Horizontal)
        self._update_actions()

    # ---- loading ----------------------------------------------------------------------------

    @property
    def store(self) -> CommentStore:
        """The comment store of the window's library."""
        return CommentStore(self.window.library)

    @property
    def regulation_id(self) -> int | None:
        """The regulation whose comments are shown."""
        return self._regulation_id

    def comment(self, comment_id: int) -> Comment | None:
        """One of the shown regulation's comments in full (read by id), None when unknown.
        Raises LibraryError when the library cannot be read."""
        return self._view.comment(comment_id) if self._view is not None else None

    def _on_outline_reset(self) -> None:
        version = self.window.version
        if (version.id if version else None) != self._version_id:
            self._reload_timer.stop()
            self.reload()  # another version: at once
        elif self.panel.model.total():
            self._reload_timer.start()  # the same text edited: after a pause

    def reload(self, keep: Sequence[int] | None = None) -> None:
        """Read the comments of the shown version's regulation, anchored in the shown text."""
        self._reload_timer.stop()
        version: VersionInfo | None = self.window.version
        draft = self.window.draft
        if keep is None:
            keep = self.panel.selected_ids()
        if version is None or draft is None:
            self._version_id = self._regulation_id = None
            self._index = None
            self._view = None
            self.panel.model.set_rows([])
            self.panel.set_rounds([])
            self.window.outline_model.set_comment_counts({})
            self._update_actions()
            return
        changed_regulation = version.regulation_id != self._regulation_id
        self._version_id = version.id
        self._regulation_id = version.regulation_id
        if changed_regulation:
            self._drafts = {}
        view = CommentView(self.store, version.regulation_id, version.id, draft)
        try:
            # Anchored as ``app.py comments list`` anchors them (VersionComments, one service
            # for both doors), but only the distinct targets: rows are read by id when shown.
            view.load()
            rounds = self.store.rounds(version.regulation_id)
            assignees = view.assignees()
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法读取意见"), str(exc))
            view, rounds, assignees = CommentView(self.store, 0, version.id, draft), [], []
        self._view = view
        self._frozen_lineages = view.frozen_lineages
        self._index = DraftIndex(draft)
        self.panel.set_rounds(rounds)
        self.panel.set_assignees(assignees)
        self.panel.model.set_filter(self.panel.row_filter(self.current_article_keys()), view)
        self.window.outline_model.set_comment_counts(view.article_counts())
        if keep:
            self._restore_selection(list(keep))
        self._update_article_line()
        self._update_actions()

    def relabel(self) -> None:
        """The shown text was edited: anchor the comments afresh (no database read)."""
        self._reload_timer.stop()
        draft = self.window.draft
        if draft is None or self._version_id is None:
            return
        if self._view is None:
            return
        keep = self.panel.selected_ids()
        self._index = DraftIndex(draft)
        self._view.relabel(draft)
        self.panel.model.refresh()
        self.window.outline_model.set_comment_counts(self._view.article_counts())
        if keep:
            self._restore_selection(keep)
        self._update_article_line()

    def _update_actions(self) -> None:
        a = self.window.acts
        shown = self._version_id is not None
        for action in (
            a.add_comment,
            a.add_whole_comment,
            a.new_round,
            a.import_comments,
            a.comment_stats,
            a.export_summary_docx,
            a.export_summary_xlsx,
            a.adoption_statement,
            a.recluster_comments,
        ):
            action.setEnabled(shown)
        a.decide_comments.setEnabled(shown and self.panel.model.total() > 0)
        view = self._view
        total = view.total() if view is not None else 0
        self.status_label.setText(
            self.tr("意见 {0}（待处理 {1}）").format(total, view.pending())
            if view is not None and total
            else ""
        )

    # ---- filters and selection --------------------------------------------------------------

    def current_article_keys(self) -> frozenset[str] | None:
        """The article keys of the outline's selection: an article, or every article under a
        heading (and the heading itself); None when nothing is selected."""
        unit = self.window.outline_model.unit_at(self.window.outline_view.currentIndex())
        return None if unit is None else keys_under(unit)

    def apply_filter(self) -> None:
        """Filter the table as the panel's controls and the outline's selection ask."""
        flt = self.panel.row_filter(self.current_article_keys())
        if flt != self.panel.model.filter:
            keep = self.panel.selected_ids()
            self.panel.model.set_filter(flt)
            if keep:
                self._restore_selection(keep)

    def _on_outline_current(self) -> None:
        if not self._jumping and self.panel.only_current.isChecked():
            self.apply_filter()
        self._update_article_line()

    def _update_article_line(self) -> None:
        keys = self.current_article_keys()
        unit = self.window.outline_model.unit_at(self.window.outline_view.currentIndex())
        if keys is None or unit is None or unit.kind is not UnitKind.ARTICLE:
            self.panel.article_line.setText("")
            return
        if self._view is None:
            return
        count, adopted, partly = self._view.adoption_counts(keys)
        label = self._index.label(unit.uid) if self._index else ""
        text = self.tr("本条（{0}）的意见：{1} 条（采纳 {2}）").format(label, count, adopted)
        if partly:  # 部分采纳 apart, never counted as 采纳 (issue 14)
            text = text[:-1] + self.tr("，部分采纳 {0}）").format(partly)
        self.panel.article_line.setText(text)

    def reveal(self, comment_id: int) -> bool:
        """Select a comment in the table (clearing filters that hide it); False if unknown."""
        if self._view is None or not self._view.has(comment_id):
            return False
        p = self.panel
        if p.model.row_of(comment_id) < 0:
            p.only_current.setChecked(False)
            for box in (p.source_filter, p.disposition_filter, p.round_filter):
                box.setCurrentIndex(0)
            p.search.clear()
            p.flush_search()
            self.apply_filter()
        if p.model.row_of(comment_id) < 0:
            return False
        p.select_ids([comment_id])
        return True

    def _restore_selection(self, comment_ids: Sequence[int]) -> None:
        """Select comments again after a reload, without moving the reading pane."""
        self._restoring = True
        try:
            self.panel.select_ids(comment_ids)
        finally:
            self._restoring = False

    def _on_comment_selected(self, comment_id: int) -> None:
        row = self.panel.current_row()
        if row is None or row.id != comment_id:
            return
        self._show_details(row)
        if not self._restoring:
            self.jump_to(row)

    def jump_to(self, row: CommentRow) -> None:
        """Show the comment's unit in the reading pane, the quoted words marked."""
        if row.uid is None or self._index is None:
            return
        article = self._index.article_of.get(row.uid, row.uid)
        self._jumping = True
        try:
            self.window.select_unit(article)
        finally:
            self._jumping = False
        view = self.window.reading_view
        house = view.house
        if house is None or article not in house.spans:
            return
        view.show_unit(article, scroll=view.current_uid != article)
        span = self.quote_positions(row)
        if span is None:
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(view.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        fmt = QTextCharFormat()
        fmt.setBackground(_QUOTE_COLOUR)
        selection.format = fmt  # type: ignore[attr-defined]
        view.setExtraSelections([*view.extraSelections(), selection])

    def quote_positions(self, row: CommentRow) -> tuple[int, int] | None:
        """Where the comment's quoted words are in the reading pane's document, or None."""
        house = self.window.reading_view.house
        if row.span is None or row.uid is None or self._index is None or house is None:
            return None
        return quote_positions(house, self._index, row.uid, row.span)

    def detail_html(self, row: CommentRow) -> str:
        """The selected comment in full: who, when, the words quoted, the decision, the trace."""
        from html import escape

        comment = self._view.comment(row.id) if self._view is not None else None
        if comment is None:
            return ""
        lines = [f"<p><b>{escape(row.target or self.tr('（所涉条文已删除）'))}</b>"]
        lines.append(
            f" · {escape(comment.source.label)} · {escape(comment.channel.label)}"
            + (f" · {comment.date.isoformat()}" if comment.date else "")
            + "</p>"
        )
        who = comment.submitter
        if not who.is_anonymous:
            parts = [p for p in (who.name, who.organisation, who.contact) if p]
            lines.append(f"<p>{self.tr('提出者')}：{escape('，'.join(parts))}</p>")
        if row.quote:
            lines.append(f"<p>{self.tr('针对')}：“{escape(row.quote)}”</p>")
        content = escape(comment.content).replace("\n", "<br>")
        lines.append(f"<p style='white-space: pre-wrap'>{content}</p>")
        state = row.anchor_message
        if row.cluster_size > 1:
            state += self.tr("；与另外 {0} 条意见相同或相近").format(row.cluster_size - 1)
        lines.append(f"<p style='color:#555'>{escape(state)}</p>")
        decision = comment.decision
        if decision is not None:
            when = (
                decision.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if decision.decided_at
                else ""
            )
            by = "，".join(p for p in (decision.decided_by, when) if p)
            text = f"{self.tr('处理意见')}：<b>{escape(decision.disposition.label)}</b>"
            if decision.reason:
                text += f"。{self.tr('理由')}：{escape(decision.reason)}"
            if by:
                text += f"（{escape(by)}）"
            lines.append(f"<p>{text}</p>")
        else:
            lines.append(f"<p>{self.tr('处理意见')}：{self.tr('待处理')}</p>")
        if comment.assignee:
            lines.append(f"<p>{self.tr('承办')}：{escape(comment.assignee)}</p>")
        trace = self.trace_text(comment)
        if trace:
            lines.append(f"<p style='color:#1a56a8'>{escape(trace)}</p>")
        if comment.origin:
            lines.append(f"<p style='color:#777'>{self.tr('来自')}：{escape(comment.origin)}</p>")
        for note in comment.notes:
            lines.append(f"<p style='color:#b26a00'>{escape(note)}</p>")
        return "".join(lines)

    def _draft_of(self, version_id: int) -> Draft:
        if version_id == self._version_id and self.window.draft is not None:
            return self.window.draft
        cached = self._drafts.get(version_id)
        if cached is not None:
            return cached
        library = self.window.library
        draft = library.load_draft(version_id)
        # Only a frozen text never changes; the next version is usually a working draft
        # still being edited, read afresh so that 已修改/未修改 stays true.
        if library.version(version_id).frozen:
            self._drafts[version_id] = draft
        return draft

    def next_version(self, version_id: int) -> VersionInfo | None:
        """The newest version made from ``version_id``, or None."""
        if self._regulation_id is None:
            return None
        try:
            versions = self.window.library.regulation(self._regulation_id).versions
        except LibraryError:
            return None
        children = [v for v in versions if v.parent_id == version_id]
        return max(children, key=lambda v: v.id) if children else None

    def trace_text(self, comment: Comment) -> str:
        """在下一稿次（一审稿）中：第十二条（已修改）— when a later version exists."""
        from consultation.trace import Change, trace_comments

        if comment.version_id is None or comment.target.uid is None:
            return ""
        following = self.next_version(comment.version_id)
        if following is None:
            return ""
        try:
            old = self._draft_of(comment.version_id)
            new = self._draft_of(following.id)
        except LibraryError:
            return ""
        # The splits and merges made between the two versions (the new one's lineage also
        # holds those made before the old one).
        trace = trace_comments([comment], old, new, lineage_since(new.lineage, old.lineage))[0]
        name = following.label or following.stage or self.tr("下一稿次")
        if trace.change is Change.DELETED or trace.article_uid is None:
            return self.tr("在下一稿次（{0}）中：所涉条文已删除").format(name)
        label = DraftIndex(new).label(trace.article_uid)
        return self.tr("在下一稿次（{0}）中：{1}（{2}）").format(name, label, trace.change.label)

    # ---- rounds -----------------------------------------------------------------------------

    def default_round(self) -> int | None:
        """The newest round of the regulation; a new 征求意见（社会公众）round if there is none."""
        if self._regulation_id is None:
            return None
        rounds = self.store.rounds(self._regulation_id)
        if rounds:
            return rounds[-1].id
        return self._add_round(Audience.PUBLIC, "征求意见", None, None, "")

    def _add_round(
        self,
        audience: Audience,
        title: str,
        start: dt.date | None,
        end: dt.date | None,
        note: str,
    ) -> int | None:
        if self._regulation_id is None:
            return None
        made = self.store.add_round(
            Round(self._regulation_id, self._version_id, audience, title, start, end, note)
        )
        self.panel.set_rounds(self.store.rounds(self._regulation_id))
        return made.id

    def new_round_interactive(self) -> int | None:
        """意见 → 新建征求意见轮次…"""
        if self._regulation_id is None:
            return None
        data = RoundDialog.get_data(self.window)
        if data is None:
            return None
        try:
            made = self._add_round(data.audience, data.title, data.start, data.end, data.note)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法新建征求意见轮次"), str(exc))
            return None
        self.message.emit(self.tr("已新建征求意见轮次"))
        return made

    # ---- adding comments --------------------------------------------------------------------

    def selection_target(self) -> Target | None:
        """The target of a comment on the reading pane's selection: the 款/项/目 holding the
        selected words, or the article when they run over several; with nothing selected, the
        article at the cursor (or the outline's). None when the pane shows no text."""
        view = self.window.reading_view
        house = view.house
        if house is None or self._index is None:
            return None
        cursor = view.textCursor()
        target = selection_target(
            house, self._index, cursor.selectionStart(), cursor.selectionEnd()
        )
        if target is None and not cursor.hasSelection():
            uid = self._outline_uid()
            return Target(uid) if uid else None
        return target

    def _outline_uid(self) -> str | None:
        unit = self.window.outline_model.unit_at(self.window.outline_view.currentIndex())
        return unit.uid if unit is not None else None

    def target_text(self, target: Target) -> str:
        """How a target reads in the dialog: 第十二条第二款 “…quoted words…”, or 全文."""
        if target.uid is None or self._index is None:
            return self.tr("全文（总体意见）")
        label = self._index.label(target.uid)
        return f"{label} “{target.quote}”" if target.quote else label

    def add_comment_on_selection(self) -> int | None:
        """意见 → 添加意见… on the words selected in the reading pane."""
        target = self.selection_target()
        if target is None:
            show_warning(
                self.window,
                self.tr("无法添加意见"),
                self.tr("没有选中条文。"),
                self.tr("请在正文中选中要提意见的文字（或把光标放在条文中），再添加意见。"),
            )
            return None
        return self.add_comment_interactive(target)

    def add_comment_interactive(self, target: Target) -> int | None:
        """Ask for the comment's details and store it."""
        if self._regulation_id is None:
            return None
        try:
            rounds = self.store.rounds(self._regulation_id)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法添加意见"), str(exc), self.tr(_RETRY_LATER))
            return None
        data = CommentDialog.get_data(
            self.window, self.target_text(target), rounds, rounds[-1].id if rounds else None
        )
        if data is None:
            return None
        return self.add_comment(target, data)

    def add_comment(self, target: Target, data: CommentInput) -> int | None:
        """Store a comment on ``target`` (a default round made if needed); returns its id."""
        if self._regulation_id is None:
            return None
        try:
            round_id = data.round_id if data.round_id is not None else self.default_round()
            comment = Comment(
                content=data.content,
                source=data.source,
                submitter=data.submitter,
                channel=data.channel,
                date=data.date,
                target=target,
                round_id=round_id,
                version_id=self._version_id,
                origin=self.tr("手工录入"),
            )
            (new_id,) = self.store.add_comments(self._regulation_id, [comment])
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法保存意见"), str(exc))
            return None
        self.reload(keep=[new_id])
        self.changed.emit()
        self.message.emit(self.tr("已添加意见（{0}）").format(self.target_text(target)))
        return new_id

    # ---- decisions --------------------------------------------------------------------------

    def decide_selected(self) -> int:
        """处理…: one decision for the selected comments (or their whole clusters).

        The decider is the user's name from the settings, asked once when none is set: never
        the login name silently."""
        # Ids only: a selection of every comment (Ctrl+A on 100,000) is never read row by row.
        ids = self.panel.selected_ids()
        if not ids:
            return 0
        try:
            in_groups = self._group_total(ids)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法读取意见"), str(exc))
            return 0
        current_row = self.panel.current_row() if len(ids) == 1 else None
        current = current_row.disposition if current_row is not None else None
        decider = settings.user_name() or drafter_name(self.window)
        data = DecisionDialog.get_data(self.window, len(ids), in_groups, decider, current)
        if data is None:
            return 0
        return self.decide(ids, data)

    def _group_total(self, comment_ids: Sequence[int]) -> int:
        """How many comments the groups of these comments hold together (for 整组处理)."""
        if self._view is None:
            return 0
        return sum(self._view.group_sizes(comment_ids).values())

    def decide(self, comment_ids: Sequence[int], data: DecisionInput) -> int:
        """Store one decision for these comments (and, if asked, their clusters' members);
        ``data.disposition`` None sets them back to 待处理. One batch: ``undo_last`` reverts it.
        A 未采纳 or 部分采纳 without a reason is refused with a warning."""
        if self._regulation_id is None:
            return 0
        by = data.decided_by or default_decided_by()
        decision = None
        try:
            if data.disposition is not None:
                decision = checked_decision(data.disposition, data.reason, by)
        except DecisionError as exc:
            show_warning(self.window, self.tr("无法保存处理意见"), str(exc))
            return 0
        ids = set(comment_ids)
        try:
            if self._view is not None:
                if data.whole_cluster:
                    ids = self._view.with_cluster_mates(ids)
                # One audited transaction; the view keeps its counts per disposition true.
                self._view.decide(ids, decision, by=by)
            else:
                self.store.decide(sorted(ids), decision, by=by)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法保存处理意见"), str(exc))
            return 0
        self.panel.model.set_dispositions(ids, data.disposition)
        self._after_decisions()
        label = data.disposition.label if data.disposition else self.tr("待处理")
        self.message.emit(self.tr("已将 {0} 条意见的处理意见设为“{1}”").format(len(ids), label))
        return len(ids)

    def _after_decisions(self) -> None:
        current = self.panel.current_row()
        if current is not None:
            self._show_details(current)
        self._update_article_line()
        self._update_actions()
        self.changed.emit()

    def undo_last(self) -> int:
        """撤销上次处理: revert the newest decision batch (or group merge/split) of the
        regulation, recorded in the audit; returns how many comments were restored."""
        if self._regulation_id is None:
            return 0
        try:
            undone = self.store.undo_last(self._regulation_id, default_decided_by())
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法撤销"), str(exc))
            return 0
        if undone:
            self.reload(self.panel.selected_ids())
            self.message.emit(self.tr("已撤销上次处理（{0} 条意见）").format(undone))
        else:
            self.message.emit(self.tr("没有可以撤销的处理"))
        self._update_actions()
        return undone

    # ---- assignment and groups by hand (issue 14) ----------------------------------------------

    def assign_selected(self) -> int:
        """分派…: the selected comments (their whole groups when asked) to a 处室/承办人."""
        ids = self.panel.selected_ids()
        if not ids or self._regulation_id is None:
            return 0
        try:
            first = self._view.comment(ids[0]) if self._view is not None else None
            in_groups = self._group_total(ids)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法读取意见"), str(exc))
            return 0
        data = AssignDialog.get_data(
            self.window,
            len(ids),
            in_groups,
            first.office if first else "",
            first.handler if first else "",
        )
        if data is None:
            return 0
        return self.assign(ids, data)

    def assign(self, comment_ids: Sequence[int], data: AssignInput) -> int:
        """Store an assignment for these comments (and, if asked, their groups' members)."""
        if self._regulation_id is None:
            return 0
        ids = set(comment_ids)
        try:
            if data.whole_cluster and self._view is not None:
                ids = self._view.with_cluster_mates(ids)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法保存分派"), str(exc))
            return 0
        try:
            done = self.store.assign(
                sorted(ids), data.office, data.handler, by=default_decided_by()
            )
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法保存分派"), str(exc))
            return 0
        self.reload(list(comment_ids))
        who = "/".join(p for p in (data.office, data.handler) if p) or self.tr("无人")
        self.message.emit(self.tr("已将 {0} 条意见分派给{1}").format(done, who))
        return done

    def merge_selected(self) -> int:
        """合并为一组: the groups of the selected comments become one (recorded, undoable)."""
        return self._regroup(merge=True)

    def split_selected(self) -> int:
        """拆出分组: the selected comments leave their group (recorded, undoable)."""
        return self._regroup(merge=False)

    def _regroup(self, *, merge: bool) -> int:
        ids = self.panel.selected_ids()
        if not ids or self._regulation_id is None:
            return 0
        try:
            if merge:
                moved = self.store.merge_groups(self._regulation_id, ids, default_decided_by())
            else:
                moved = self.store.split_group(self._regulation_id, ids, default_decided_by())
        except GroupError as exc:
            show_warning(self.window, self.tr("无法调整分组"), str(exc))
            return 0
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法保存分组"), str(exc))
            return 0
        self.reload(ids)
        self.changed.emit()
        text = self.tr("已合并分组（{0} 条意见）") if merge else self.tr("已拆出 {0} 条意见")
        self.message.emit(text.format(moved))
        return moved

    def history_lines(self, comment_id: int) -> list[str]:
        """The comment's audit trail, one line each, oldest first ([] when it cannot be read)."""
        if self._regulation_id is None:
            return []
        try:
            found = self.store.history(self._regulation_id, [comment_id])
        except LibraryError:
            log.warning("无法读取意见 %s 的处理记录", comment_id)
            return []
        return [e.text() for e in found.get(comment_id, [])]

    def _show_details(self, row: CommentRow) -> None:
        self.panel.detail.setHtml(self.detail_html(row))
        self.panel.set_history(self.history_lines(row.id))

    def recluster(self) -> int:
        """重新聚类: find near-duplicates afresh; returns the number of clusters."""
        draft = self.window.draft
        if self._regulation_id is None or draft is None:
            return 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            clusters = self.store.recluster(self._regulation_id, draft)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法重新聚类"), str(exc))
            return 0
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.reload()
        self.changed.emit()
        self.message.emit(self.tr("已重新聚类：相同或相近的意见共 {0} 组").format(len(clusters)))
        return len(clusters)

    # ---- import -----------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        """意见 → 导入意见…: pick a file, map its columns, import it."""
        if self._regulation_id is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("导入意见"), "", self.tr(COMMENT_FILES)
        )
        if name:
            self.import_with_dialog(Path(name))

    def choose_and_import_meeting(self) -> None:
        """会议记录…: pick the minutes of a 座谈会/论证会/听证会/联系点 and import them."""
        if self._regulation_id is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("导入会议记录"), "", self.tr("会议记录 (*.docx *.txt)")
        )
        if name:
            self.import_meeting(Path(name))

    def import_meeting(self, path: Path, kind: MeetingKind | None = None) -> StoredMeeting | None:
        """Read minutes (speakers marked 张某（单位）：…) against the shown text and store the
        meeting with its statements as comments; None when it could not be read or stored."""
        version = self.window.version
        if self._regulation_id is None or self._index is None or version is None:
            return None
        try:
            minutes = read_minutes(path, self._index, self._regulation_id, kind=kind)
            for comment in minutes.comments:
                comment.version_id = version.id
            stored = self.store.add_meeting(minutes)
        except CommentImportError as exc:
            show_warning(self.window, self.tr("无法导入会议记录"), str(exc))
            return None
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法保存会议记录"), str(exc))
            return None
        self.reload(stored.ids[:1])
        self.changed.emit()
        self.message.emit(
            self.tr("已导入{0}记录：{1} 条发言作为意见").format(
                stored.meeting.kind.label, len(stored.ids)
            )
        )
        return stored

    def import_with_dialog(self, path: Path) -> ImportWorker | None:
        """Show the column-mapping dialog for a sheet (a letter needs none), then import."""
        if self._regulation_id is None:
            return None
        try:
            rounds = self.store.rounds(self._regulation_id)
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法导入意见"), str(exc), self.tr(_RETRY_LATER))
            return None
        latest = rounds[-1].id if rounds else None
        try:
            preview = preview_table(path)
        except CommentImportError as exc:
            if path.suffix.lower() == ".docx" and path.is_file():
                # A letter, not a table: one comment per paragraph or point, no columns.
                return self.start_import(path, ImportChoice({}, round_id=latest))
            self._bad_file(path, str(exc))
            return None
        choice = ColumnMappingDialog.get_data(self.window, path, preview, rounds, latest)
        if choice is None:
            return None
        return self.start_import(path, choice)

    def _bad_file(self, path: Path, message: str) -> None:
        show_warning(
            self.window,
            self.tr("无法导入意见"),
            message,
            self.tr("请确认“{0}”是门户网站导出的 .xlsx / .csv 表格或 .docx 来信。").format(
                path.name
            ),
        )

    def start_import(self, path: Path, choice: ImportChoice) -> ImportWorker | None:
        """Import in a worker thread with a progress dialog (取消 stores nothing)."""
        if self._regulation_id is None or self.worker is not None:
            return None
        if choice.round_id is None:
            try:
                round_id = self.default_round()
            except LibraryError as exc:
                show_warning(self.window, self.tr("无法导入意见"), str(exc))
                return None
            choice = ImportChoice(
                choice.mapping, choice.source, choice.channel, round_id, choice.columns
            )
        worker = ImportWorker(self.window.library, self._regulation_id, path, choice, self)
        progress = QProgressDialog(
            self.tr("正在导入“{0}”…").format(path.name), self.tr("取消"), 0, 0, self.window
        )
        progress.setObjectName("comment_import_progress")
        progress.setWindowTitle(self.tr("导入意见"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(worker.cancel)
        worker.progressed.connect(self._on_progress)
        worker.succeeded.connect(self._on_imported)
        worker.failed.connect(self._on_import_failed)
        worker.finished.connect(self._on_worker_finished)
        self.worker, self.progress = worker, progress
        worker.start()
        return worker

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None and not self.progress.wasCanceled():
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_imported(self, stored: StoredImport) -> None:
        self._close_progress()
        self.last_report = stored
        report = stored.report
        if report.cancelled:
            self.message.emit(self.tr("导入已取消，未保存任何意见。"))
        else:
            self.reload(keep=stored.ids[:1])
            self.changed.emit()
            # The worker's note (意见已导入，但聚类失败：…) goes with the report; the worker is
            # still self.worker here (its finished signal comes after this one).
            note = self.worker.note if self.worker is not None else ""
            heading = report.text() + (f"\n{note}" if note else "")
            self.message.emit(heading.replace("\n", " "))
            lines = [f"第{s.row}行：{s.reason}" for s in report.skipped]
            lines += [f"第{n.row}行：{n.message}" for n in report.notes]
            self.report_box = show_notes(self.window, self.tr("导入意见"), heading, lines)
        self.import_finished.emit(stored)

    def _on_import_failed(self, message: str) -> None:
        self._close_progress()
        self.last_report = None
        worker = self.worker
        self._bad_file(worker.path if worker else Path(""), message)
        self.import_finished.emit(None)

    def _on_worker_finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.wait()
            worker.deleteLater()

    # ---- summaries, statement, charts -------------------------------------------------------

    def _summary(self) -> tuple[Summary, list[SummaryRow], str] | None:
        """The summary of ``app.py comments summary`` (the same service), on the shown text."""
        draft = self.window.draft
        if self._regulation_id is None or self._version_id is None or draft is None:
            return None
        made = self.store.summary(self._regulation_id, self._version_id, draft=draft)
        return made.summary, made.rows, made.title

    def export_summary(self, kind: str, path: Path | None = None) -> Path | None:
        """导出意见汇总表（Word / Excel）: ``kind`` is "docx" or "xlsx"."""
        if self._regulation_id is None:
            return None
        if path is None:
            suffix = ".docx" if kind == "docx" else ".xlsx"
            try:
                title = self.window.library.regulation(self._regulation_id).title
            except LibraryError as exc:
                show_warning(self.window, self.tr("无法导出征求意见汇总表"), str(exc))
                return None
            name, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("导出征求意见汇总表"),
                f"{title}征求意见汇总表{suffix}",
                self.tr("Word 文档 (*.docx)") if kind == "docx" else self.tr("Excel 表格 (*.xlsx)"),
            )
            if not name:
                return None
            path = Path(name) if Path(name).suffix else Path(name).with_suffix(suffix)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                made = self._summary()
                if made is None:
                    return None
                summary, rows, title = made
                if kind == "docx":
                    from consultation.summary_docx import write_summary_docx

                    write_summary_docx(path, summary, rows, title=title)
                else:
                    from consultation.summary_xlsx import write_summary_xlsx

                    write_summary_xlsx(path, summary, rows, title=title)
            finally:
                QGuiApplication.restoreOverrideCursor()  # before any message, whatever happened
        except (OSError, LibraryError) as exc:
            show_warning(
                self.window,
                self.tr("无法导出征求意见汇总表"),
                str(exc),
                self.tr("请确认文件没有在 Word/WPS 中打开，并且有权限写入该文件夹。"),
            )
            return None
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback; details logged
            log.exception("导出征求意见汇总表失败：%s", path)
            show_warning(
                self.window,
                self.tr("无法导出征求意见汇总表"),
                self.tr("生成汇总表时出现意外错误：{0}").format(exc),
                self.tr("详细信息已写入日志文件；请把它发给技术支持人员。"),
            )
            return None
        self.message.emit(self.tr("已导出征求意见汇总表：{0}").format(path))
        return path

    def statement_text(self) -> str:
        """The 采纳情况说明 paragraph for the regulation's comments."""
        from consultation.summary import adoption_statement

        made = self._summary()
        return adoption_statement(made[0]) if made else ""

    def show_statement(self) -> StatementDialog | None:
        """意见 → 采纳情况说明…: the paragraph in a small window with 复制."""
        if self._regulation_id is None:
            return None
        try:
            text = self.statement_text()
        except LibraryError as exc:
            show_warning(
                self.window, self.tr("无法生成采纳情况说明"), str(exc), self.tr(_RETRY_LATER)
            )
            return None
        dialog = StatementDialog(self.window, text)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_charts(self) -> ChartsDialog | None:
        """统计: comments per article and by source."""
        try:
            made = self._summary()
        except LibraryError as exc:
            show_warning(self.window, self.tr("无法统计意见"), str(exc), self.tr(_RETRY_LATER))
            return None
        if made is None:
            return None
        summary = made[0]
        if self.charts is None:
            self.charts = ChartsDialog(self.window)
        pending = summary.by_disposition.get("未处理", 0)
        self.charts.view.set_figures(
            summary.by_article,
            summary.by_source,
            self.tr(
                "共 {0} 条意见，来自 {1} 人次；待处理 {2} 条；相同或相近的意见 {3} 组。"
            ).format(summary.total, summary.people, pending, len(summary.clusters)),
        )
        self.charts.show()
        self.charts.raise_()
        return self.charts

    def shutdown(self) -> None:
        """Stop a running import (the window is closing); nothing of it is stored."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
