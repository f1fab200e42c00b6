"""The named edits of the working draft, run through the workspace.

Every edit is built from the draft as it is (an ``EditError`` is reported in Chinese through the
workspace and nothing is recorded), then applied by ``Workspace.apply`` as one undo step.
Whatever changes the draft — an edit, an undo, a redo — ends in the workspace's one change
notice that the views refresh from (CONVENTIONS 3). The rules of where a new unit goes live in
``drafting.edit.placement``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from drafting.edit.checks import Finding, FixError, fixed_text
from drafting.edit.operations import (
    DeleteUnit,
    EditError,
    EditResult,
    EditSession,
    EditText,
    MergeArticles,
    MoveUnit,
    Operation,
    Renumber,
    SplitArticle,
    insert_amendment_article,
    move_down,
    move_up,
)
from drafting.edit.paste import PastePlan, paste_insert, split_operations
from drafting.edit.placement import (
    HEADING_PLACEHOLDER,
    INSERT_TEXT,
    PLACEHOLDER,
    insert_operation,
    placeholder_unit,
    words_uid,
)
from drafting.edit.unit_titles import editable_field, text_units, unit_title
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind
from ui.shell.workspace import FROZEN_MESSAGE, Workspace

__all__ = [
    "FROZEN_MESSAGE",
    "HEADING_PLACEHOLDER",
    "PLACEHOLDER",
    "EditController",
    "editable_field",
    "text_units",
    "unit_title",
]


class EditController(QObject):
    """The named edits (insert, delete, move, split, merge, fixes, typing) of the workspace."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    # ---- state (the workspace's) ------------------------------------------------------------

    @property
    def stack(self) -> QUndoStack:
        """The undo stack of the draft shown."""
        return self.workspace.stack

    @property
    def session(self) -> EditSession:
        """The edit session of the draft shown."""
        return self.workspace.session

    @property
    def draft(self) -> Draft | None:
        """The draft being edited (None when nothing is open)."""
        return self.workspace.draft

    @property
    def read_only(self) -> bool:
        """True for a frozen version or when nothing is open."""
        return self.workspace.read_only

    @property
    def revision(self) -> int:
        """Grows with every change of the text."""
        return self.workspace.revision

    # ---- running edits ----------------------------------------------------------------------

    def run(self, op: Operation, text: str = "") -> EditResult | None:
        """Apply an operation and record it as one undo step; None if refused."""
        return self.workspace.apply(op, text)

    def undo(self) -> None:
        """Undo the last step."""
        self.workspace.undo()

    def redo(self) -> None:
        """Redo the last undone step."""
        self.workspace.redo()

    def end_typing(self) -> None:
        """Close the open typing burst: the next keystroke starts a new undo step."""
        self.workspace.end_typing()

    # ---- the edits --------------------------------------------------------------------------

    def edit_text(self, uid: str, value: str, field: str = "text") -> EditResult | None:
        """Typing: replace a unit's text (or a heading); merges with the typing just before."""
        if self.draft is None:
            return None
        return self.run(EditText(uid, value, field))

    def insert(self, kind: UnitKind, current_uid: str | None, *, after: bool = True) -> str | None:
        """Insert a new unit of ``kind`` before/after the current one (or inside it, where that is
        the only place it fits: a 项 in a 款). Returns the uid whose words to type, or None."""
        unit = placeholder_unit(kind)
        ctx = self.workspace.context()

        def make(draft: Draft) -> Operation:
            return insert_operation(draft, unit, current_uid, after, ctx)

        op = self.workspace.build(make)
        if op is None or self.run(op, INSERT_TEXT[kind]) is None:
            return None
        return words_uid(unit)

    def insert_amendment(self, article_uid: str | None) -> str | None:
        """插入条（保留原有编号）: a new 第X条之一 after the current article."""
        holder: list[Unit] = []

        def make(draft: Draft) -> Operation:
            if article_uid is None:
                raise EditError("请先选择一条")
            article = self._context().container(article_uid, UnitKind.ARTICLE)
            if article is None:
                raise EditError("修正式插入只能放在某一条之后")
            op = insert_amendment_article(draft, article.uid, PLACEHOLDER)
            holder.append(op.unit)
            return op

        op = self.workspace.build(make)
        if op is None or self.run(op, "插入条（之一）") is None:
            return None
        return holder[0].children[0].uid

    def delete(self, uid: str) -> EditResult | None:
        """Delete a unit and everything under it."""
        return self.run(DeleteUnit(uid), "删除")

    def move_up(self, uid: str) -> EditResult | None:
        """上移 one place (across a chapter boundary when at its start)."""
        op = self.workspace.build(lambda d: move_up(d, uid))
        return self.run(op, "上移") if op is not None else None

    def move_down(self, uid: str) -> EditResult | None:
        """下移 one place."""
        op = self.workspace.build(lambda d: move_down(d, uid))
        return self.run(op, "下移") if op is not None else None

    def move_to(self, uid: str, parent_uid: str | None, index: int) -> EditResult | None:
        """Move a unit to child ``index`` of ``parent_uid`` (index counted after taking it out)."""
        return self.run(MoveUnit(uid, parent_uid, index), "移动")

    def split(self, paragraph_uid: str, offset: int) -> EditResult | None:
        """在光标处拆分条文: the words after ``offset`` start a new article."""

        def make(draft: Draft) -> Operation:
            ctx = self._context()
            unit = ctx.units.get(paragraph_uid)
            if unit is None or unit.kind is not UnitKind.PARAGRAPH:
                raise EditError("请把光标放在某一款的文字中再拆分")
            article = ctx.parent[paragraph_uid]
            assert article is not None
            return SplitArticle(article.uid, paragraph_uid, offset)

        op = self.workspace.build(make)
        return self.run(op, "拆分条文") if op is not None else None

    def split_unit(self, uid: str, offset: int) -> str | None:
        """Enter: the words after ``offset`` start a new 款/项/目 right after this one, as one
        undo step. Returns the new unit's uid, or None (refused)."""
        if not self.workspace.allowed():
            return None
        assert self.draft is not None
        try:
            ops = split_operations(self.draft, uid, offset, self._context())
        except EditError as exc:
            self.workspace.refused.emit(str(exc))
            return None
        self.end_typing()
        new_uid = ""
        self.stack.beginMacro(self.tr("分段"))
        try:
            for op in ops:
                result = self.run(op, self.tr("分段"))
                if result is None:
                    break
                if result.inserted:
                    new_uid = result.inserted[0]
        finally:
            self.stack.endMacro()
        return new_uid or None

    def paste_units(self, plan: PastePlan, uid: str | None) -> list[str]:
        """Insert the units of a paste one after the other after ``uid``, as one undo step.
        Returns the uids of the units inserted (fewer when one could not go there)."""
        if not self.workspace.allowed():
            return []
        self.end_typing()
        made: list[str] = []
        previous = uid
        name = self.tr("粘贴{0}").format(plan.kind.word)
        self.stack.beginMacro(name)
        try:
            for unit in plan.units:
                assert self.draft is not None
                try:
                    op = paste_insert(self.draft, unit, previous, self._context())
                except EditError as exc:
                    self.workspace.refused.emit(str(exc))
                    break
                if self.run(op, name) is None:
                    break
                made.append(unit.uid)
                previous = unit.uid
        finally:
            self.stack.endMacro()
        return made

    def merge(self, uid: str) -> EditResult | None:
        """与下一条合并: the article holding ``uid`` takes in the next one."""

        def make(draft: Draft) -> Operation:
            article = self._context().container(uid, UnitKind.ARTICLE)
            if article is None:
                raise EditError("请先选择一条")
            return MergeArticles(article.uid)

        op = self.workspace.build(make)
        return self.run(op, "与下一条合并") if op is not None else None

    def renumber(self, current_uid: str | None, *, whole: bool) -> Renumber | None:
        """重新编号: drop the printed labels (number locks) of the whole text, or (``whole``
        False) of the list holding ``current_uid`` (its siblings), as one undo step. Returns
        the operation (its ``report`` says what changed), None when refused."""

        def make(draft: Draft) -> Operation:
            if whole:
                return Renumber()
            if current_uid is None:
                raise EditError("请先把光标放在要重新编号的列表中的某一单位上")
            ctx = self._context()
            if current_uid not in ctx.units:
                raise EditError("找不到要编辑的单位，可能已被删除")
            parent = ctx.parent[current_uid]
            if ctx.units[current_uid].kind is UnitKind.PARAGRAPH and parent is not None:
                # A 款 carries no label: its list is the articles around its article.
                parent = ctx.parent[parent.uid]
            return Renumber(parent.uid if parent is not None else None, list_only=True)

        op = self.workspace.build(make)
        if op is None:
            return None
        assert isinstance(op, Renumber)
        name = self.tr("重新编号（全文）") if whole else self.tr("重新编号（本级列表）")
        return op if self.run(op, name) is not None else None

    def fix(self, finding: Finding) -> EditResult | None:
        """Apply the certain fix of one finding as an undoable text edit."""
        if not self.workspace.allowed():
            return None
        assert self.draft is not None
        try:
            value = fixed_text(self.draft, finding)
        except FixError as exc:
            self.workspace.refused.emit(str(exc))
            return None
        edit = EditText(finding.unit_uid or "", value, finding.field)
        return self.run(edit, "修正：" + finding.message)

    def fix_all(self, findings: Iterable[Finding]) -> int:
        """Apply every certain fix as one undo step; returns how many were made."""
        if not self.workspace.allowed():
            return 0
        draft = self.draft
        assert draft is not None
        by_unit: dict[tuple[str, str], list[Finding]] = {}
        for f in findings:
            if f.fix is not None and f.unit_uid is not None:
                by_unit.setdefault((f.unit_uid, f.field), []).append(f)
        if not by_unit:
            return 0
        made = 0
        self.stack.beginMacro("全部修正")
        try:
            for (uid, field), group in by_unit.items():
                unit = draft.find(uid)
                if unit is None:
                    continue
                text = original = getattr(unit, field)
                last = len(text) + 1
                # From the end backwards, so earlier offsets stay right; overlaps are skipped.
                for f in sorted(group, key=lambda f: f.start, reverse=True):
                    if f.end > last or text[f.start : f.end] != f.text:
                        continue
                    assert f.fix is not None
                    text = text[: f.start] + f.fix + text[f.end :]
                    last = f.start
                    made += 1
                if text != original:
                    self.run(EditText(uid, text, field), "修正")
        finally:
            self.stack.endMacro()
        return made

    def _context(self) -> Context:
        ctx = self.workspace.context()
        assert ctx is not None  # only called while a draft is open (inside ``build``)
        return ctx
