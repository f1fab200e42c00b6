"""The editing of one working draft: its EditSession, its QUndoStack and the named edits.

Every edit goes through ``run``: the drafting operation is applied first (an ``EditError`` is
reported in Chinese and nothing is recorded), then pushed as an undo step. Whatever changes the
draft — an edit, an undo, a redo — ends in one ``draft_changed(EditResult)`` signal that the
views refresh from (CONVENTIONS 3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
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
    SplitArticle,
    insert_amendment_article,
    insert_child,
    insert_near,
    move_down,
    move_up,
    new_unit,
)
from drafting.model.numbering import article_line_units
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind
from ui.text.edit_commands import OperationCommand, TypingCommand

#: Words a new unit starts with, selected in the editor so typing replaces them.
PLACEHOLDER = "（新条文）"
HEADING_PLACEHOLDER = {
    UnitKind.PART: "（新编）",
    UnitKind.SUBPART: "（新分编）",
    UnitKind.CHAPTER: "（新章）",
    UnitKind.SECTION: "（新节）",
}
_TEXT_KINDS = (UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM)
FROZEN_MESSAGE = "此稿次已冻结（只读），不能修改；要继续修改，请从此稿次新建工作稿。"


def text_units(article: Unit) -> list[Unit]:
    """The units of an article that hold its words, one per line of the reading pane."""
    return [unit for unit, _ in article_line_units(article)]


def editable_field(unit: Unit) -> str:
    """Which field the editor changes: the heading of 章/节, else the text."""
    return "heading" if unit.kind.is_heading else "text"


def unit_title(draft: Draft, uid: str, ctx: Context | None = None) -> str:
    """How the editor names a unit: 第十二条第二款, 第十二条, 第三章标题, 第十二条第（二）项."""
    ctx = ctx if ctx is not None else Context(draft)
    unit = ctx.units.get(uid)
    if unit is None:
        return ""
    if unit.kind.is_heading:
        label = ctx.number(uid).label or unit.heading
        return f"{label}标题"
    if unit.kind is UnitKind.PARAGRAPH:
        article = ctx.parent[uid]
        if article is not None and len(article.children) == 1:
            return ctx.full_label(article.uid)
    label = ctx.full_label(uid)
    article = ctx.container(uid, UnitKind.ARTICLE)
    if article is not None and len(article.children) == 1:
        # An article of one 款 names its items without it: 第六条第（三）项.
        head = ctx.full_label(article.uid)
        if label.startswith(head + "第一款"):
            label = head + label[len(head) + 3 :]
    return label


class EditController(QObject):
    """Holds the working draft being edited and runs every edit as an undoable command."""

    #: Something in the draft changed (edit, undo or redo): an EditResult.
    draft_changed = Signal(object)
    #: An edit was refused: one Chinese line for the status bar or a message box.
    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.session: EditSession = EditSession(Draft(title=""))
        self._draft: Draft | None = None
        self._read_only = True
        #: Grows with every change; autosave compares it with the revision it saved.
        self.revision = 0

    # ---- state ------------------------------------------------------------------------------

    @property
    def draft(self) -> Draft | None:
        """The draft being edited (None when nothing is open)."""
        return self._draft

    @property
    def read_only(self) -> bool:
        """True for a frozen version or when nothing is open."""
        return self._read_only or self._draft is None

    def set_draft(self, draft: Draft | None, *, read_only: bool = False) -> None:
        """Edit another draft (the undo history starts afresh)."""
        self.stack.clear()
        self._draft = draft
        self._read_only = read_only
        self.session = EditSession(draft if draft is not None else Draft(title=""))
        self.revision = 0

    def set_read_only(self, read_only: bool) -> None:
        """The version was frozen (or not) while shown."""
        self._read_only = read_only

    def announce(self, result: EditResult) -> None:
        """Tell the views (called by the commands after each apply and revert)."""
        self.revision += 1
        self.draft_changed.emit(result)

    # ---- running edits ----------------------------------------------------------------------

    def run(self, op: Operation, text: str = "") -> EditResult | None:
        """Apply an operation and record it as one undo step; None (and ``error``) if refused."""
        if not self._allowed():
            return None
        try:
            result = op.apply(self.session)
        except EditError as exc:
            self.error.emit(str(exc))
            return None
        command: OperationCommand
        if isinstance(op, EditText) and not text:
            command = TypingCommand(self, op, "输入文字")
        else:
            command = OperationCommand(self, op, text or op.description)
        self.stack.push(command)
        self.announce(result)
        return result

    def _allowed(self) -> bool:
        if self._draft is None:
            return False
        if self._read_only:
            self.error.emit(FROZEN_MESSAGE)
            return False
        return True

    def _build(self, make: Callable[[Draft], Operation]) -> Operation | None:
        if not self._allowed():
            return None
        assert self._draft is not None
        try:
            return make(self._draft)
        except EditError as exc:
            self.error.emit(str(exc))
            return None

    def undo(self) -> None:
        """Undo the last step."""
        self.end_typing()
        self.stack.undo()

    def redo(self) -> None:
        """Redo the last undone step."""
        self.stack.redo()

    def end_typing(self) -> None:
        """Close the open typing burst: the next keystroke starts a new undo step."""
        top = self.stack.command(self.stack.index() - 1) if self.stack.index() > 0 else None
        if isinstance(top, TypingCommand):
            top.open = False

    # ---- the edits --------------------------------------------------------------------------

    def edit_text(self, uid: str, value: str, field: str = "text") -> EditResult | None:
        """Typing: replace a unit's text (or a heading); merges with the typing just before."""
        if self._draft is None:
            return None
        return self.run(EditText(uid, value, field))

    def insert(self, kind: UnitKind, current_uid: str | None, *, after: bool = True) -> str | None:
        """Insert a new unit of ``kind`` before/after the current one (or inside it, where that is
        the only place it fits: a 项 in a 款). Returns the uid whose words to type, or None."""
        unit = new_unit(
            kind, "" if kind.is_heading else PLACEHOLDER, HEADING_PLACEHOLDER.get(kind, "")
        )

        def make(draft: Draft) -> Operation:
            return _insert_op(draft, unit, current_uid, after)

        op = self._build(make)
        if op is None or self.run(op, _INSERT_TEXT[kind]) is None:
            return None
        return unit.children[0].uid if kind is UnitKind.ARTICLE else unit.uid

    def insert_amendment(self, article_uid: str | None) -> str | None:
        """插入条（保留原有编号）: a new 第X条之一 after the current article."""
        holder: list[Unit] = []

        def make(draft: Draft) -> Operation:
            if article_uid is None:
                raise EditError("请先选择一条")
            article = Context(draft).container(article_uid, UnitKind.ARTICLE)
            if article is None:
                raise EditError("修正式插入只能放在某一条之后")
            op = insert_amendment_article(draft, article.uid, PLACEHOLDER)
            holder.append(op.unit)
            return op

        op = self._build(make)
        if op is None or self.run(op, "插入条（之一）") is None:
            return None
        return holder[0].children[0].uid

    def delete(self, uid: str) -> EditResult | None:
        """Delete a unit and everything under it."""
        return self.run(DeleteUnit(uid), "删除")

    def move_up(self, uid: str) -> EditResult | None:
        """上移 one place (across a chapter boundary when at its start)."""
        op = self._build(lambda d: move_up(d, uid))
        return self.run(op, "上移") if op is not None else None

    def move_down(self, uid: str) -> EditResult | None:
        """下移 one place."""
        op = self._build(lambda d: move_down(d, uid))
        return self.run(op, "下移") if op is not None else None

    def move_to(self, uid: str, parent_uid: str | None, index: int) -> EditResult | None:
        """Move a unit to child ``index`` of ``parent_uid`` (index counted after taking it out)."""
        return self.run(MoveUnit(uid, parent_uid, index), "移动")

    def split(self, paragraph_uid: str, offset: int) -> EditResult | None:
        """在光标处拆分条文: the words after ``offset`` start a new article."""

        def make(draft: Draft) -> Operation:
            ctx = Context(draft)
            unit = ctx.units.get(paragraph_uid)
            if unit is None or unit.kind is not UnitKind.PARAGRAPH:
                raise EditError("请把光标放在某一款的文字中再拆分")
            article = ctx.parent[paragraph_uid]
            assert article is not None
            return SplitArticle(article.uid, paragraph_uid, offset)

        op = self._build(make)
        return self.run(op, "拆分条文") if op is not None else None

    def merge(self, uid: str) -> EditResult | None:
        """与下一条合并: the article holding ``uid`` takes in the next one."""

        def make(draft: Draft) -> Operation:
            article = Context(draft).container(uid, UnitKind.ARTICLE)
            if article is None:
                raise EditError("请先选择一条")
            return MergeArticles(article.uid)

        op = self._build(make)
        return self.run(op, "与下一条合并") if op is not None else None

    def fix(self, finding: Finding) -> EditResult | None:
        """Apply the certain fix of one finding as an undoable text edit."""
        if not self._allowed():
            return None
        assert self._draft is not None
        try:
            value = fixed_text(self._draft, finding)
        except FixError as exc:
            self.error.emit(str(exc))
            return None
        edit = EditText(finding.unit_uid or "", value, finding.field)
        return self.run(edit, "修正：" + finding.message)

    def fix_all(self, findings: Iterable[Finding]) -> int:
        """Apply every certain fix as one undo step; returns how many were made."""
        if not self._allowed():
            return 0
        assert self._draft is not None
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
                unit = self._draft.find(uid)
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


_INSERT_TEXT = {
    UnitKind.PART: "插入编",
    UnitKind.SUBPART: "插入分编",
    UnitKind.CHAPTER: "插入章",
    UnitKind.SECTION: "插入节",
    UnitKind.ARTICLE: "插入条",
    UnitKind.PARAGRAPH: "插入款",
    UnitKind.ITEM: "插入项",
    UnitKind.SUBITEM: "插入目",
}


def _insert_op(draft: Draft, unit: Unit, current_uid: str | None, after: bool) -> Operation:
    """Where a new unit goes, from the unit the drafter is at."""
    if current_uid is None or draft.find(current_uid) is None:
        if unit.kind in (UnitKind.ARTICLE, UnitKind.CHAPTER, UnitKind.PART) and not draft.units:
            return insert_child(draft, None, unit)
        raise EditError("请先选择插入位置")
    ctx = Context(draft)
    current = ctx.units[current_uid]
    kind = unit.kind
    # A 项 asked for in a 款 (or a 目 in a 项) goes inside it, as the first or last child.
    inner = {UnitKind.ITEM: UnitKind.PARAGRAPH, UnitKind.SUBITEM: UnitKind.ITEM}.get(kind)
    if inner is not None and current.kind is inner:
        return insert_child(draft, current.uid, unit, None if after else 0)
    if kind is UnitKind.ITEM and current.kind is UnitKind.ARTICLE:
        last = current.children[-1] if after else current.children[0]
        return insert_child(draft, last.uid, unit, None if after else 0)
    # An article asked for on a heading goes first (or last) under it.
    if kind is UnitKind.ARTICLE and current.kind.is_heading:
        return insert_child(draft, current.uid, unit, None if after else 0)
    # A 款 asked for on an article goes after its last 款 (before its first).
    if kind is UnitKind.PARAGRAPH and current.kind is UnitKind.ARTICLE:
        return insert_child(draft, current.uid, unit, None if after else 0)
    if kind in (UnitKind.ITEM, UnitKind.SUBITEM) and ctx.container(current_uid, kind) is None:
        raise EditError(
            "请把光标放在款（或项）中再插入" + ("项" if kind is UnitKind.ITEM else "目")
        )
    return insert_near(draft, current_uid, unit, after=after)
