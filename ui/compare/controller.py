"""The 比较 menu's work: compare two versions or two files, open the result as a centre tab,
and make the documents of a comparison (修改对照表, 修改稿 with tracked changes, 修改决定).

Versions of one regulation are aligned by uid, outside files by content. Reading the two
texts (from the library or the files) and comparing them runs off the GUI thread
(``ui.shell.jobs``): about 0.2 s for two versions of the 民法典, more for files that must be
parsed. The worker reads the library through its own connection (see ui.shell.jobs); the tab
and the 相关意见 are built on the GUI thread from the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget
from shiboken6 import isValid

from drafting.jobs import Cancelled, CancelToken, Progress
from drafting.write.comparison_rows import row_key
from ui.compare.dialogs import CompareFilesDialog, CompareVersionsDialog
from ui.compare.side_by_side import ComparisonView
from ui.compare.tab import ComparisonTab
from ui.library.version_controller import version_title
from ui.output.export_controller import ask_save_path, run_writer, safe_file_name
from ui.shell.errors import show_warning
from ui.shell.jobs import run_job
from ui.shell.workspace import Changes, Workspace

if TYPE_CHECKING:
    from drafting.amend.instructions import Instruction
    from drafting.compare.articles import Comparison
    from drafting.model.units import Draft
    from storage.library import Library, RegulationInfo, VersionInfo
    from ui.compare.decision_dialog import AmendmentDecisionDialog

log = logging.getLogger("lifa.compare")


def _parse(path: Path) -> tuple[Draft | None, str]:
    """The draft in a file, or None and the reason in Chinese."""
    from drafting.errors import ParseError
    from drafting.read.files import read_draft

    try:
        return read_draft(path).draft, ""
    except ParseError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, exc.strerror or str(exc)


class _Unreadable(Exception):
    """A file of a comparison could not be read: which one, and why in Chinese."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def _compare_files(
    old_path: Path, new_path: Path, labels: tuple[str, str, str], progress: Progress
) -> tuple[Comparison, Draft]:
    """Parse two files and compare them by content (a job's work); _Unreadable on failure."""
    from drafting.compare.articles import compare_drafts

    drafts: list[Draft] = []
    for step, path in enumerate((old_path, new_path)):
        progress(step, 3, labels[step])
        draft, failure = _parse(path)
        if draft is None:
            raise _Unreadable(path, failure)
        drafts.append(draft)
    progress(2, 3, labels[2])
    return compare_drafts(drafts[0], drafts[1], by_uid=False), drafts[1]


def _plain(title: str) -> str:
    return title.strip().strip("《》") or "法规"


class CompareController(QObject):
    """Runs comparisons of the workspace's versions; the window supplies where tabs go."""

    #: A comparison tab was opened (the ComparisonTab).
    opened = Signal(object)
    #: A comment behind a change was double-clicked: (regulation id, comment id).
    comment_activated = Signal(int, int)

    def __init__(
        self,
        workspace: Workspace,
        window: QWidget,
        current_regulation: Callable[[], RegulationInfo | None],
        open_tab: Callable[[QWidget, str], object],
        current_widget: Callable[[], QWidget | None],
    ) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._window = window  # the parent of dialogs
        self._library: Callable[[], Library] = lambda: workspace.library
        self._version: Callable[[], VersionInfo | None] = lambda: workspace.version
        self._regulation = current_regulation
        self._open_tab = open_tab
        self._current_widget = current_widget
        #: The 修改决定 dialogs open (not modal); tests look at the last one.
        self.decisions: list[AmendmentDecisionDialog] = []
        #: The regulation each 修改决定 dialog came from (None: two files).
        self._decision_regulation: dict[int, int | None] = {}
        #: The comparison tabs opened (closed ones are skipped: ``tabs()``).
        self._tabs: list[ComparisonTab] = []
        #: Saves the edits on screen before F5 reads the versions again (the window sets it).
        self.save_pending: Callable[[], bool] = lambda: True
        workspace.changed.connect(self._on_changed)

    # ---- comparing ----------------------------------------------------------------------------

    def compare_versions(self) -> ComparisonTab | None:
        """比较两个稿次…: ask for 原稿 and 新稿 of the selected regulation, then compare."""
        regulation = self._regulation()
        if regulation is None:
            show_warning(
                self._window,
                self.tr("无法比较"),
                self.tr("没有选择法规。"),
                self.tr("请先在左侧法规库中选择一部法规。"),
            )
            return None
        if len(regulation.versions) < 2:
            show_warning(
                self._window,
                self.tr("无法比较"),
                self.tr("《{0}》只有一个稿次。").format(_plain(regulation.title)),
                self.tr(
                    "先用“稿次 → 冻结为稿次”或“从此稿次新建工作稿”生成第二个稿次，"
                    "或用“比较两个文件”比较外来的文本。"
                ),
            )
            return None
        version = self._version()
        selected = version.id if version is not None else None
        (old_id, new_id), accepted = CompareVersionsDialog.get_data(
            self._window, _plain(regulation.title), regulation.versions, selected
        )
        if not accepted or old_id == new_id:
            return None
        return self.compare_version_ids(old_id, new_id)

    def compare_version_ids(self, old_id: int, new_id: int) -> ComparisonTab | None:
        """Compare two versions of one regulation (aligned by uid) and open the tab."""
        from drafting.compare.articles import compare_drafts
        from storage.library import LibraryError

        library = self._library()
        reading, comparing = self.tr("正在读取稿次…"), self.tr("正在比较…")

        def work(
            progress: Progress, _cancel: CancelToken
        ) -> tuple[VersionInfo, VersionInfo, Draft, Draft, Comparison]:
            # Off the GUI thread: reads only, each on its own connection of the library.
            progress(0, 3, reading)
            old, new = library.version(old_id), library.version(new_id)
            old_draft, new_draft = library.load_draft(old_id), library.load_draft(new_id)
            progress(2, 3, comparing)
            return old, new, old_draft, new_draft, compare_drafts(old_draft, new_draft, by_uid=True)

        try:
            old, new, old_draft, new_draft, comparison = run_job(
                self._window, self.tr("比较两个稿次"), work
            )
        except Cancelled:
            return None
        except LibraryError as exc:
            show_warning(
                self._window,
                self.tr("无法比较"),
                str(exc),
                self.tr("请重新选择稿次；如果问题反复出现，请重新打开法规库。"),
            )
            return None
        regulation = self._regulation()
        named = (
            regulation.title
            if regulation is not None and regulation.id == new.regulation_id
            else new_draft.title
        )
        tab = self.open_comparison(
            comparison,
            version_title(old),
            version_title(new),
            new_draft,
            # The regulation is named: tabs of several regulations can be open at once.
            tab_title=self.tr("比较《{0}》：{1} → {2}").format(_plain(named), old.label, new.label),
            versions=(old.id, new.id),
            regulation_id=new.regulation_id,
        )
        self._attach_comments(tab, old, old_draft)
        return tab

    def _attach_comments(self, tab: ComparisonTab, old: VersionInfo, old_draft: Draft) -> None:
        """The 相关意见 list: comments made on the old version or an earlier one, resolved in
        the old version (following its splits and merges), filed under the changed rows."""
        from consultation.anchors import lineages_since
        from storage.comments import CommentStore
        from storage.library import LibraryError
        from ui.compare.related_comments import related_by_pair

        library = self._library()
        try:
            store = CommentStore(library)
            earlier = {v.id for v in library.lineage(old.id)}
            comments = [
                c
                for c in store.comments(old.regulation_id)
                if c.version_id is None or c.version_id in earlier
            ]
            # A comment on a frozen earlier version follows only what came after it.
            frozen = store.frozen_lineages(old.regulation_id, comments, old.id)
            by_version = lineages_since(old_draft.lineage, frozen)
        except LibraryError as exc:
            log.warning("比较：无法读取意见：%s", exc)
            return
        by_pair = related_by_pair(
            tab.comparison, comments, old_draft, old_draft.lineage, by_version
        )
        tab.set_related(old.regulation_id, by_pair)
        tab.comment_activated.connect(self.comment_activated)

    def compare_files(self) -> ComparisonTab | None:
        """比较两个文件…: ask for two files (.docx/.txt/.md/AKN), read them, compare by content."""
        (old_path, new_path), accepted = CompareFilesDialog.get_data(self._window)
        if not accepted:
            return None
        return self.compare_paths(old_path, new_path)

    def compare_paths(self, old_path: Path, new_path: Path) -> ComparisonTab | None:
        """Parse two files and compare them by content; None (after a message) on failure."""
        labels = (
            self.tr("正在读取《{0}》…").format(old_path.name),
            self.tr("正在读取《{0}》…").format(new_path.name),
            self.tr("正在比较…"),
        )
        try:
            comparison, new_draft = run_job(
                self._window,
                self.tr("比较两个文件"),
                lambda progress, _cancel: _compare_files(old_path, new_path, labels, progress),
            )
        except Cancelled:
            return None
        except _Unreadable as exc:
            log.warning("比较：无法读取 %s: %s", exc.path, exc.reason)
            show_warning(
                self._window,
                self.tr("无法比较"),
                self.tr("无法读取《{0}》：{1}").format(exc.path.name, exc.reason),
                self.tr(
                    "请选择 .docx、.txt、.md 格式的法规文本（含“第一条”等条文）"
                    "或 Akoma Ntoso XML 文件。"
                ),
            )
            return None
        return self.open_comparison(
            comparison,
            old_path.stem,
            new_path.stem,
            new_draft,
            tab_title=self.tr("比较：{0} → {1}").format(old_path.stem, new_path.stem),
        )

    def open_comparison(
        self,
        comparison: Comparison,
        old_title: str,
        new_title: str,
        new_draft: Draft | None = None,
        *,
        tab_title: str | None = None,
        versions: tuple[int, int] | None = None,
        regulation_id: int | None = None,
    ) -> ComparisonTab:
        """Show a comparison as a new tab of the centre, keyboard in it (F7 works at once).

        ``versions``: the (old, new) version ids compared, when both are in the library: the
        tab is then marked out of date when either changes, closed when either is deleted or
        another regulation is shown (kept, named, if the drafter wrote 修改说明), and F5
        compares them again."""
        tab = ComparisonTab(comparison, old_title, new_title, new_draft)
        tab.version_ids = versions
        tab.regulation_id = regulation_id
        if versions is not None:
            tab.recompare_action.triggered.connect(lambda: self.recompare(tab))
        else:
            tab.recompare_action.setEnabled(False)
        self._tabs.append(tab)
        tab.view.message.connect(self._workspace.say)
        tab.export_table_action.triggered.connect(lambda: self.export_table(tab))
        tab.export_tracked_action.triggered.connect(lambda: self.export_tracked(tab))
        tab.decision_action.triggered.connect(lambda: self.draft_decision(tab))
        title = tab_title or self.tr("比较：{0} → {1}").format(old_title, new_title)
        self._open_tab(tab, title)
        tab.focus_view()
        self._workspace.say(f"{title}：{tab.view.totals_text()}")
        self.opened.emit(tab)
        return tab

    # ---- keeping comparisons current ---------------------------------------------------------

    def tabs(self) -> list[ComparisonTab]:
        """The comparison tabs still open."""
        self._tabs = [t for t in self._tabs if isValid(t) and t.parentWidget() is not None]
        return list(self._tabs)

    def recompare(self, tab: ComparisonTab) -> ComparisonTab | None:
        """F5: compare the tab's two versions again as they are now; the new tab takes the
        old one's place and keeps the 修改说明 of the rows still there."""
        if tab.version_ids is None:
            return None
        self.save_pending()
        notes = dict(tab.notes)
        fresh = self.compare_version_ids(*tab.version_ids)
        if fresh is None:
            return None
        keys = {row_key(p) for p in fresh.comparison.pairs}
        keys |= {c.part for c in fresh.view.matter_rows()}  # 序言, 注记, 附件1 (matter_key)
        fresh.view.notes.update({k: v for k, v in notes.items() if k in keys})
        self._close(tab)
        return fresh

    def _close(self, tab: ComparisonTab) -> None:
        stack = tab.parentWidget()
        holder = stack.parentWidget() if stack is not None else None
        if isinstance(holder, QTabWidget):
            holder.removeTab(holder.indexOf(tab))
        tab.setParent(None)
        tab.deleteLater()

    def _on_changed(self, changes: Changes) -> None:
        """Mark out of date, or close, the comparisons and 修改决定 an operation concerns."""
        tabs = [t for t in self.tabs() if t.version_ids is not None]
        version = self._workspace.version
        if changes.library:  # another library file: its version ids mean other texts
            for tab in tabs:
                self._close(tab)
            self._close_decisions(lambda regulation: regulation is not None)
            return
        if changes.edit is not None and version is not None:
            for tab in tabs:
                if version.id in (tab.version_ids or ()) and not tab.stale:
                    tab.mark_stale(self.tr("“{0}”已修改").format(version.label or version.stage))
        if changes.versions:
            self._close_deleted(tabs)
        if changes.text_all:
            shown = version.regulation_id if version is not None else None
            for tab in self.tabs():
                # Another regulation shown: its comparison goes, unless it holds the
                # drafter's 修改说明 (then it stays, its title naming its regulation).
                if tab.version_ids is not None and tab.regulation_id != shown and not tab.notes:
                    self._close(tab)
            self._close_decisions(lambda regulation: regulation is not None and regulation != shown)

    def _close_deleted(self, tabs: list[ComparisonTab]) -> None:
        from storage.library import LibraryError

        library = self._library()
        gone: set[int] = set()
        for tab in tabs:
            for version_id in tab.version_ids or ():
                try:
                    library.version(version_id)
                except LibraryError:
                    gone.add(version_id)
        closed = [t for t in tabs if gone & set(t.version_ids or ())]
        for tab in closed:
            self._close(tab)
        if closed:
            self._workspace.say(
                self.tr("比较所用的稿次已删除，已关闭 {0} 个比较").format(len(closed))
            )

    def _close_decisions(self, closes: Callable[[int | None], bool]) -> None:
        for dialog in list(self.decisions):
            if isValid(dialog) and closes(self._decision_regulation.get(id(dialog))):
                dialog.close()
                self._forget(dialog)

    def current_tab(self) -> ComparisonTab | None:
        """The comparison tab in front, if the centre shows one."""
        widget = self._current_widget()
        return widget if isinstance(widget, ComparisonTab) else None

    def current_comparison(self) -> tuple[Comparison, Draft | None] | None:
        """The comparison in front and its new text (None when not known): from a comparison
        tab, or from a bare ComparisonView another command put in the centre."""
        widget = self._current_widget()
        if isinstance(widget, ComparisonTab):
            return widget.comparison, widget.new_draft
        if isinstance(widget, ComparisonView):
            comparison = widget.comparison()
            return (comparison, None) if comparison is not None else None
        return None

    # ---- documents from a comparison ---------------------------------------------------------

    def _target(self, tab: ComparisonTab | None) -> tuple[Comparison, Draft | None] | None:
        found = (tab.comparison, tab.new_draft) if tab is not None else self.current_comparison()
        if found is None:
            show_warning(
                self._window,
                self.tr("没有比较结果"),
                self.tr("当前没有打开的比较。"),
                self.tr("请先用“比较 → 比较两个稿次”或“比较两个文件”进行比较。"),
            )
        return found

    def _notes(self, tab: ComparisonTab | None) -> dict[str, str]:
        """The 修改说明 the drafter wrote in the comparison in front (or ``tab``)."""
        widget = tab if tab is not None else self._current_widget()
        if isinstance(widget, ComparisonTab | ComparisonView):
            return dict(widget.notes)
        return {}

    def export_table(
        self, tab: ComparisonTab | None = None, path: Path | None = None
    ) -> Path | None:
        """导出修改对照表…: 原条文 | 修改后条文 | 修改说明 as a landscape .docx."""
        from drafting.write.comparison_docx import comparison_table_docx, table_title

        found = self._target(tab)
        if found is None:
            return None
        comparison = found[0]
        notes = self._notes(tab)
        widget = tab if tab is not None else self._current_widget()
        options = (
            {
                "same_as_left": widget.same_as_left_box.isChecked(),
                "headings": widget.headings_box.isChecked(),
            }
            if isinstance(widget, ComparisonTab)
            else {}
        )
        path = path or ask_save_path(
            self._window,
            self.tr("导出修改对照表"),
            safe_file_name(table_title(comparison)) + ".docx",
            self.tr("Word 文档 (*.docx)"),
        )
        if path is None or not run_writer(
            self._window,
            path,
            lambda p: comparison_table_docx(comparison, p, notes=notes, **options),
        ):
            return None
        self._workspace.say(self.tr("已导出：{0}").format(path))
        return path

    def export_tracked(
        self, tab: ComparisonTab | None = None, path: Path | None = None
    ) -> Path | None:
        """导出修改稿（修订模式）…: the new text with every change as a Word revision."""
        from drafting.write.comparison_docx import tracked_draft_docx
        from ui.shell.user_name import drafter_name

        found = self._target(tab)
        if found is None or found[1] is None:
            return None
        comparison, new_draft = found[0], found[1]
        name = f"《{_plain(new_draft.title)}》修改稿（修订模式）"
        path = path or ask_save_path(
            self._window,
            self.tr("导出修改稿（修订模式）"),
            safe_file_name(name) + ".docx",
            self.tr("Word 文档 (*.docx)"),
        )
        if path is None:
            return None
        author = drafter_name(self._window)  # asked once, then from the settings
        if not run_writer(
            self._window,
            path,
            lambda p: tracked_draft_docx(comparison, new_draft, p, author=author),
        ):
            return None
        from drafting.write.comparison_rows import untracked_changes

        # What Word cannot track (merged cells) is said, not lost silently.
        warnings = untracked_changes(comparison)
        said = self.tr("已导出：{0}").format(path)
        self._workspace.say("；".join([said, *warnings]))
        return path

    def draft_decision(self, tab: ComparisonTab | None = None) -> AmendmentDecisionDialog | None:
        """起草修改决定…: the drafted text in an editable dialog (复制 / 保存为 .docx)."""
        from drafting.compare.decision import DecisionStyle, amendment_decision
        from ui.compare.decision_dialog import show_decision

        found = self._target(tab)
        if found is None:
            return None
        comparison = found[0]
        if not comparison.changes and not _note_items(comparison):
            from drafting.compare.decision import ONLY_PUNCTUATION, only_punctuation

            show_warning(
                self._window,
                self.tr("无需修改决定"),
                ONLY_PUNCTUATION + "。"
                if only_punctuation(comparison)
                else self.tr("两个文本的条文内容相同，没有需要写入修改决定的修改。"),
            )
            return None
        text = amendment_decision(comparison)
        dialog = show_decision(
            text,
            comparison.old_title,
            self._window,
            lambda level: amendment_decision(comparison, style=DecisionStyle(level=level)),
        )
        dialog.saved.connect(lambda p: self._workspace.say(self.tr("已导出：{0}").format(p)))
        dialog.destroyed.connect(lambda: self._forget(dialog))
        from drafting.compare.decision import punctuation_warnings

        # A changed 落款 or date (not the law's words) and half-width marks the new text prints
        # (no committee makes marks half-width): both left to the drafter, and said here.
        warnings = _notes_warnings(comparison) + punctuation_warnings(comparison)
        if warnings:
            dialog.status.setWordWrap(True)
            dialog.status.setText("；".join(warnings))
        self.decisions.append(dialog)
        holder = tab if tab is not None else self._current_widget()
        self._decision_regulation[id(dialog)] = (
            holder.regulation_id if isinstance(holder, ComparisonTab) else None
        )
        return dialog

    def _forget(self, dialog: AmendmentDecisionDialog) -> None:
        if dialog in self.decisions:
            self.decisions.remove(dialog)
        self._decision_regulation.pop(id(dialog), None)


def _note_items(comparison: Comparison) -> list[list[Instruction]]:
    """The decision's item for the 注 after the last article (a 注-only change still needs
    a decision)."""
    from drafting.compare.decision_notes import note_items

    old, new = comparison.old_draft, comparison.new_draft
    return note_items(old, new) if old is not None and new is not None else []


def _notes_warnings(comparison: Comparison) -> list[str]:
    """What the decision leaves in the notes (a changed 落款 or date), in Chinese."""
    from drafting.compare.decision_notes import notes_warnings

    old, new = comparison.old_draft, comparison.new_draft
    return notes_warnings(old, new) if old is not None and new is not None else []
