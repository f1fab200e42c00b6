"""Editing operations on a working draft: each one small, exact to undo, and reference-aware.

Every operation is an object with ``apply(session)`` and ``revert(session)``; the GUI wraps one in
a QUndoCommand. ``apply`` changes the tree, renumbers (numbers follow from position) and rewrites
the words of every bound reference whose target changed number; ``revert`` puts back the very
same tree: the same unit objects and uids, the same texts (rewritten references included) and
the same reference index. ``redo`` is ``apply`` again, with the same new uids.

A split or merge also records lineage in ``Draft.lineage`` (new or surviving uid → the uids it
came from), so comments on the old units follow; ``revert`` takes back exactly what ``apply``
recorded. The library saves the lineage with the version (storage revision 0003).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from drafting.edit.renumber import RenumberReport, label_changes
from drafting.model.numbering import compute_numbers
from drafting.model.positions import Context
from drafting.model.references import (
    BROKEN,
    STALE,
    Change,
    Reference,
    ReferenceIndex,
    rewrite_references,
)
from drafting.model.units import ALLOWED_CHILDREN, Draft, Numbering, Unit, UnitKind


def _place_name(kind: UnitKind | None) -> str:
    return kind.word if kind else "正文顶层"


class EditError(ValueError):
    """An edit the structure does not allow; the message is Chinese and one line."""


@dataclass(frozen=True)
class EditResult:
    """What one apply or revert changed, for views to refresh and for the drafter to see."""

    changes: tuple[Change, ...] = ()  # text changes, rewritten references included
    inserted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    problems: tuple[Reference, ...] = ()  # references this edit left broken or stale

    @property
    def touched(self) -> frozenset[str]:
        """Every uid this change named: texts changed, units inserted, removed or moved.

        What a save of only the changes starts from (``Library.save_draft(changed=…)``).
        """
        return frozenset(
            (*(c.unit_uid for c in self.changes), *self.inserted, *self.removed, *self.moved)
        )


class EditSession:
    """A working draft with its reference index and an undo/redo history (headless)."""

    def __init__(self, draft: Draft, index: ReferenceIndex | None = None) -> None:
        self.draft = draft
        self.index = index if index is not None else ReferenceIndex.build(draft)
        self.undo_stack: list[Operation] = []
        self.redo_stack: list[Operation] = []
        self._positions: Context | None = None

    def positions(self) -> Context:
        """Positions and numbers of the draft as it is now.

        Built in one walk after each change of structure and kept while only words change
        (typing), so a keystroke on the 民法典 does not walk 3,500 units again.
        """
        if self._positions is None or self._positions.draft is not self.draft:
            self._positions = Context(self.draft)
        return self._positions

    def forget_positions(self) -> None:
        """The tree changed (insert, delete, move …): the next ``positions`` walks it again."""
        self._positions = None

    def apply(self, op: Operation) -> EditResult:
        """Run an operation and record it for undo."""
        result = op.apply(self)
        self.undo_stack.append(op)
        self.redo_stack.clear()
        return result

    def undo(self) -> EditResult | None:
        """Revert the last operation (None when there is nothing to undo)."""
        if not self.undo_stack:
            return None
        op = self.undo_stack.pop()
        result = op.revert(self)
        self.redo_stack.append(op)
        return result

    def redo(self) -> EditResult | None:
        """Apply again the last undone operation."""
        if not self.redo_stack:
            return None
        op = self.redo_stack.pop()
        result = op.apply(self)
        self.undo_stack.append(op)
        return result


# ---- locating units ---------------------------------------------------------------------------


@dataclass
class _Place:
    parent: Unit | None
    siblings: list[Unit]
    index: int
    unit: Unit


def _locate(where: Draft | Context, uid: str) -> _Place:
    ctx = where if isinstance(where, Context) else Context(where)
    unit = ctx.units.get(uid)
    if unit is None:
        raise EditError("找不到要编辑的单位，可能已被删除")
    parent = ctx.parent[uid]
    siblings = parent.children if parent is not None else ctx.draft.units
    return _Place(parent, siblings, ctx.position[uid], unit)


def _index_of(units: list[Unit], unit: Unit) -> int:
    for i, u in enumerate(units):
        if u is unit:
            return i
    return -1


def _check_allowed(parent: Unit | None, kind: UnitKind) -> None:
    parent_kind = parent.kind if parent is not None else None
    if kind not in ALLOWED_CHILDREN[parent_kind]:
        raise EditError(f"{kind.word}不能放在{_place_name(parent_kind)}之下")


def new_unit(kind: UnitKind, text: str = "", heading: str = "") -> Unit:
    """A fresh unit; an article comes with one empty 款 to type into."""
    unit = Unit(kind, text=text if not kind.is_heading else "", heading=heading)
    if kind is UnitKind.ARTICLE:
        unit.children.append(Unit(UnitKind.PARAGRAPH, text=text))
        unit.text = ""
    return unit


# ---- the operation frame -------------------------------------------------------------------


@dataclass
class _TextEdit:
    unit: Unit
    field: str
    before: str
    after: str


class Operation:
    """Base of every edit: structure change, then renumber and rewrite references."""

    description = "编辑"
    #: True for edits of words only: positions and numbers stay as they were.
    keeps_structure = False

    def __init__(self) -> None:
        self._snapshot: dict[str, tuple[Reference, ...]] | None = None
        self._edits: list[_TextEdit] = []
        self._lineage: list[tuple[str, tuple[str, ...] | None]] = []  # (uid, value before)
        self._base = EditResult()

    # Subclasses implement these two; _do may record direct text edits with _set_text.
    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        raise NotImplementedError

    def _undo(self, session: EditSession) -> None:
        raise NotImplementedError

    def _set_text(self, unit: Unit, value: str, field: str = "text") -> None:
        before = getattr(unit, field)
        if before != value:
            self._edits.append(_TextEdit(unit, field, before, value))
            setattr(unit, field, value)

    def _add_lineage(self, session: EditSession, uid: str, origins: tuple[str, ...]) -> None:
        """Record that ``uid`` came from ``origins`` (kept with what was there, for revert)."""
        lineage = session.draft.lineage
        before = lineage.get(uid)
        value = tuple(sorted(set(before or ()) | set(origins)))
        if value != before:
            self._lineage.append((uid, before))
            lineage[uid] = value

    def apply(self, session: EditSession) -> EditResult:
        """Make the change, renumber, rewrite the references; return what changed."""
        self._snapshot = session.index.snapshot()
        self._edits = []
        self._lineage = []
        ctx, base = self._do(session)
        if not self.keeps_structure:
            session.forget_positions()
        # ``ctx`` from _do describes the draft after the change: keep it for the next edit.
        if ctx is not None:
            session._positions = ctx
        ctx = session.positions()
        ref_changes = self._rewrite(session, ctx)
        for change in ref_changes:
            self._edits.append(
                _TextEdit(ctx.units[change.unit_uid], "text", change.before, change.after)
            )
        changes = tuple(Change(e.unit.uid, e.before, e.after, e.field) for e in self._edits)
        self._base = base
        return EditResult(
            changes=changes,
            inserted=base.inserted,
            removed=base.removed,
            moved=base.moved,
            problems=self._problems(session),
        )

    def _rewrite(self, session: EditSession, ctx: Context) -> list[Change]:
        """Write the references' number words again from the numbers now (all of them: any
        number may have changed)."""
        return rewrite_references(session.draft, session.index, ctx)

    def revert(self, session: EditSession) -> EditResult:
        """Put back the tree, the texts and the reference index exactly as before ``apply``."""
        for edit in reversed(self._edits):
            setattr(edit.unit, edit.field, edit.before)
        lineage = session.draft.lineage
        for uid, before in reversed(self._lineage):
            if before is None:
                lineage.pop(uid, None)
            else:
                lineage[uid] = before
        self._lineage = []
        self._undo(session)
        if not self.keeps_structure:
            session.forget_positions()
        if self._snapshot is not None:
            session.index.restore(self._snapshot)
        changes = tuple(
            Change(e.unit.uid, e.after, e.before, e.field) for e in reversed(self._edits)
        )
        base = self._base
        # The inverse: what apply inserted is now removed and the other way round.
        return EditResult(
            changes=changes, inserted=base.removed, removed=base.inserted, moved=base.moved
        )

    def _problems(self, session: EditSession) -> tuple[Reference, ...]:
        before = self._snapshot or {}
        out: list[Reference] = []
        for uid, refs in session.index.by_unit.items():
            if refs is before.get(uid):
                continue
            old = {(r.start, r.text): r.status for r in before.get(uid, ())}
            for r in refs:
                if r.status in (BROKEN, STALE) and old.get((r.start, r.text)) != r.status:
                    out.append(r)
        return tuple(out)


# ---- the operations ---------------------------------------------------------------------------


class InsertUnit(Operation):
    """Insert a unit (with its children) as child ``index`` of ``parent_uid`` (None: top)."""

    description = "插入"

    def __init__(self, unit: Unit, parent_uid: str | None, index: int) -> None:
        super().__init__()
        self.unit = unit
        self.parent_uid = parent_uid
        self.index = index

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        draft = session.draft
        parent = _locate(session.positions(), self.parent_uid).unit if self.parent_uid else None
        _check_allowed(parent, self.unit.kind)
        siblings = parent.children if parent is not None else draft.units
        if not 0 <= self.index <= len(siblings):
            raise EditError("插入位置超出范围")
        siblings.insert(self.index, self.unit)
        self._siblings = siblings
        ctx = Context(draft)
        # Text in the new unit is read where it now stands.
        for unit in self.unit.walk():
            if unit.text:
                session.index.rescan(unit, ctx, "")
        return ctx, EditResult(inserted=tuple(u.uid for u in self.unit.walk()))

    def _undo(self, session: EditSession) -> None:
        del self._siblings[_index_of(self._siblings, self.unit)]


def insert_before(draft: Draft, uid: str, unit: Unit) -> InsertUnit:
    """Insert ``unit`` just before the unit ``uid`` (same parent)."""
    place = _locate(draft, uid)
    return InsertUnit(unit, place.parent.uid if place.parent else None, place.index)


def insert_after(draft: Draft, uid: str, unit: Unit) -> InsertUnit:
    """Insert ``unit`` just after the unit ``uid`` (same parent)."""
    place = _locate(draft, uid)
    return InsertUnit(unit, place.parent.uid if place.parent else None, place.index + 1)


def insert_child(
    draft: Draft, parent_uid: str | None, unit: Unit, index: int | None = None
) -> InsertUnit:
    """Insert ``unit`` as a child of ``parent_uid`` (last by default)."""
    if parent_uid is None:
        count = len(draft.units)
    else:
        count = len(_locate(draft, parent_uid).unit.children)
    return InsertUnit(unit, parent_uid, count if index is None else index)


def insert_near(
    draft: Draft, current_uid: str, unit: Unit, *, after: bool = True, ctx: Context | None = None
) -> InsertUnit:
    """Insert before/after the current unit, or after the nearest enclosing unit that may have
    ``unit`` as a sibling (a new 章 asked for while the cursor is in an article). ``ctx``:
    positions of ``draft`` as it is, when the caller has them."""
    ctx = ctx if ctx is not None and ctx.draft is draft else Context(draft)
    uid: str | None = current_uid
    while uid is not None:
        place = _locate(ctx, uid)
        parent_kind = place.parent.kind if place.parent else None
        if unit.kind in ALLOWED_CHILDREN[parent_kind]:
            parent_uid = place.parent.uid if place.parent else None
            return InsertUnit(unit, parent_uid, place.index + (1 if after else 0))
        uid = place.parent.uid if place.parent else None
    raise EditError(f"此处不能插入{unit.kind.word}")


def insert_amendment_article(draft: Draft, after_uid: str, text: str = "") -> InsertUnit:
    """A new article after 第二十条 that keeps the numbers around it: 第二十条之一.

    When 第二十条之一 already exists the new one goes after the last inserted article that
    follows 第二十条 and becomes 第二十条之二: existing numbers are kept (保留原有编号).
    """
    place = _locate(draft, after_uid)
    if place.unit.kind is not UnitKind.ARTICLE:
        raise EditError("修正式插入只能放在某一条之后")
    index = place.index + 1
    if place.unit.numbering is not Numbering.INSERTED:
        while (
            index < len(place.siblings)
            and place.siblings[index].kind is UnitKind.ARTICLE
            and place.siblings[index].numbering is Numbering.INSERTED
        ):
            index += 1
    unit = new_unit(UnitKind.ARTICLE, text)
    unit.numbering = Numbering.INSERTED
    return InsertUnit(unit, place.parent.uid if place.parent else None, index)


class DeleteUnit(Operation):
    """Delete a unit with everything under it; references to it become broken."""

    description = "删除"

    def __init__(self, uid: str) -> None:
        super().__init__()
        self.uid = uid

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        place = _locate(session.positions(), self.uid)
        if (
            place.unit.kind is UnitKind.PARAGRAPH
            and place.parent is not None
            and len(place.siblings) == 1
        ):
            raise EditError("每条至少保留一款；如需删除请删除整条")
        self._place = place
        del place.siblings[place.index]
        return None, EditResult(removed=tuple(u.uid for u in place.unit.walk()))

    def _undo(self, session: EditSession) -> None:
        self._place.siblings.insert(self._place.index, self._place.unit)


class MoveUnit(Operation):
    """Move a unit to child ``index`` of ``parent_uid`` (index counted after taking it out)."""

    description = "移动"

    def __init__(self, uid: str, parent_uid: str | None, index: int) -> None:
        super().__init__()
        self.uid = uid
        self.parent_uid = parent_uid
        self.index = index

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        draft = session.draft
        before = session.positions()
        place = _locate(before, self.uid)
        parent = _locate(before, self.parent_uid).unit if self.parent_uid else None
        if parent is not None and any(u is parent for u in place.unit.walk()):
            raise EditError("不能把单位移到它自己之下")
        _check_allowed(parent, place.unit.kind)
        target = parent.children if parent is not None else draft.units
        del place.siblings[place.index]
        if not 0 <= self.index <= len(target):
            place.siblings.insert(place.index, place.unit)
            raise EditError("移动位置超出范围")
        target.insert(self.index, place.unit)
        self._from = place
        self._target = target
        # A moved unit takes its number from its new place: its printed label (lock) goes.
        self._label, place.unit.label = place.unit.label, ""
        return None, EditResult(moved=(self.uid,))

    def _undo(self, session: EditSession) -> None:
        unit = self._from.unit
        del self._target[_index_of(self._target, unit)]
        self._from.siblings.insert(self._from.index, unit)
        unit.label = self._label


class MoveChildren(Operation):
    """Hand every child of ``source_uid`` (a lead-in's 项, a 项's 目) to the end of
    ``target_uid``, in order and with their printed labels: Enter in a lead-in keeps the items
    with the words that stand right above them on screen."""

    description = "分段"

    def __init__(self, source_uid: str, target_uid: str) -> None:
        super().__init__()
        self.source_uid = source_uid
        self.target_uid = target_uid

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        ctx = session.positions()
        source = _locate(ctx, self.source_uid).unit
        target = _locate(ctx, self.target_uid).unit
        for child in source.children:
            _check_allowed(target, child.kind)
        self._moved = list(source.children)
        del source.children[:]
        target.children.extend(self._moved)
        self._source, self._target = source, target
        return None, EditResult(moved=tuple(u.uid for u in self._moved))

    def _undo(self, session: EditSession) -> None:
        ids = {id(u) for u in self._moved}
        self._target.children[:] = [u for u in self._target.children if id(u) not in ids]
        self._source.children.extend(self._moved)


def move_up(draft: Draft, uid: str) -> MoveUnit:
    """Move one place up; the first article of a chapter goes to the end of the previous one."""
    return _move_step(draft, uid, -1)


def move_down(draft: Draft, uid: str) -> MoveUnit:
    """Move one place down; the last article of a chapter goes to the start of the next one."""
    return _move_step(draft, uid, +1)


def _move_step(draft: Draft, uid: str, step: int) -> MoveUnit:
    ctx = Context(draft)
    place = _locate(ctx, uid)
    parent_uid = place.parent.uid if place.parent else None
    new_index = place.index + step
    if 0 <= new_index < len(place.siblings):
        return MoveUnit(uid, parent_uid, new_index)
    # Cross into the neighbouring container: the first article of 第二章 moving up becomes the
    # last of 第一章 (placed just after the previous unit of its kind, in text order).
    same = [u for u in ctx.units.values() if u.kind is place.unit.kind]
    j = _index_of(same, place.unit) + step
    if 0 <= j < len(same):
        neighbour = _locate(ctx, same[j].uid)
        holder_kind = neighbour.parent.kind if neighbour.parent else None
        if place.unit.kind in ALLOWED_CHILDREN[holder_kind]:
            holder = neighbour.parent.uid if neighbour.parent else None
            return MoveUnit(uid, holder, neighbour.index + (1 if step < 0 else 0))
    raise EditError("已是第一个，无法上移" if step < 0 else "已是最后一个，无法下移")


class EditText(Operation):
    """Replace the words of a unit (``text``), the title of a heading (``heading``) or its
    kept printed label (``label``, a number lock; "" numbers it by position)."""

    description = "修改文字"

    def __init__(self, uid: str, value: str, field: str = "text") -> None:
        super().__init__()
        if field not in ("text", "heading", "label"):
            raise EditError("只能修改文字、标题或编号写法")
        self.uid = uid
        self.value = value
        self.field = field
        # Words and titles leave every number as it was; a printed label locks a number.
        self.keeps_structure = field != "label"

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        ctx = session.positions()  # words change, positions do not
        unit = _locate(ctx, self.uid).unit
        old = getattr(unit, self.field)
        self._set_text(unit, self.value, self.field)
        if self.field == "text":
            session.index.rescan(unit, ctx, old)
        # A label edit may renumber: Operation.apply walks the draft again.
        return (ctx if self.keeps_structure else None), EditResult()

    def _rewrite(self, session: EditSession, ctx: Context) -> list[Change]:
        """Only the edited unit: no number changed, so every other reference reads as it did
        after the last rewrite (a keystroke on 4× the 民法典 would recheck 800 references).
        A printed label may change numbers: then every reference, as for any other edit."""
        if self.field == "label":
            return super()._rewrite(session, ctx)
        if self.field != "text":
            return []
        index = session.index
        part = ReferenceIndex(
            {self.uid: index.by_unit[self.uid]} if self.uid in index.by_unit else {}
        )
        changes = rewrite_references(session.draft, part, ctx)
        if self.uid in part.by_unit:
            index.by_unit[self.uid] = part.by_unit[self.uid]
        return changes

    def _undo(self, session: EditSession) -> None:
        pass  # the text itself is put back by Operation.revert

    def text_change(self) -> tuple[str, str] | None:
        """(before, after) of the words this edit changed when applied; None before that."""
        for edit in self._edits:
            if edit.field == self.field and edit.unit.uid == self.uid:
                return edit.before, edit.after
        return None


class SplitArticle(Operation):
    """Split an article at ``offset`` in the text of one of its 款: the words after the offset,
    that 款's items and the following 款 make a new article right after it.

    Lineage: the new article → the article; the new 款 holding the second half of a split 款 →
    that 款. 款 and 项 that move keep their uids (comments on them need no lineage)."""

    description = "拆分条文"

    def __init__(self, article_uid: str, paragraph_uid: str, offset: int) -> None:
        super().__init__()
        self.article_uid = article_uid
        self.paragraph_uid = paragraph_uid
        self.offset = offset
        self.new_article: Unit | None = None
        self.new_paragraph: Unit | None = None

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        draft = session.draft
        place = _locate(draft, self.article_uid)
        article = place.unit
        if article.kind is not UnitKind.ARTICLE:
            raise EditError("只能拆分条文")
        pi = next((i for i, p in enumerate(article.children) if p.uid == self.paragraph_uid), -1)
        if pi < 0:
            raise EditError("拆分位置不在该条之中")
        paragraph = article.children[pi]
        text = paragraph.text
        if not 0 <= self.offset <= len(text):
            raise EditError("拆分位置超出文字范围")
        self._old_children = list(article.children)
        self._old_items = list(paragraph.children)
        self._place = place
        if self.offset == 0:
            keep, move = article.children[:pi], article.children[pi:]
            split_text = False
        elif self.offset == len(text) and not paragraph.children:
            keep, move = article.children[: pi + 1], article.children[pi + 1 :]
            split_text = False
        else:
            keep, move, split_text = article.children[: pi + 1], article.children[pi + 1 :], True
        if not keep or (not move and not split_text):
            raise EditError("拆分后两条都须有文字")
        if self.new_article is None:
            self.new_article = Unit(UnitKind.ARTICLE, numbering=article.numbering)
            self.new_paragraph = Unit(UnitKind.PARAGRAPH)
        new_article = self.new_article
        # 第二十条之一 splits into 之一 and 之二; a regular article pushes the next ones down.
        new_article.numbering = article.numbering
        moved_paragraphs = list(move)
        carried: list[Reference] = []
        assert self.new_paragraph is not None
        new_paragraph = self.new_paragraph
        if split_text:
            new_paragraph.children = list(paragraph.children)
            paragraph.children = []
            self._set_text(paragraph, text[: self.offset])
            self._set_text(new_paragraph, text[self.offset :])
            for ref in session.index.in_unit(paragraph.uid):
                if ref.start >= self.offset:
                    carried.append(_shift(ref, new_paragraph.uid, -self.offset))
            moved_paragraphs.insert(0, new_paragraph)
        new_article.children = moved_paragraphs
        article.children = list(keep)
        place.siblings.insert(place.index + 1, new_article)
        ctx = Context(draft)
        if split_text:
            session.index.rescan(paragraph, ctx, text)
            session.index.carry(new_paragraph, ctx, carried)
        # Comments on the article (or on the split 款's words) follow into the new part.
        self._add_lineage(session, new_article.uid, (article.uid,))
        if split_text:
            self._add_lineage(session, new_paragraph.uid, (paragraph.uid,))
        return ctx, EditResult(
            inserted=(new_article.uid, new_paragraph.uid) if split_text else (new_article.uid,),
            moved=tuple(p.uid for p in move),
        )

    def _undo(self, session: EditSession) -> None:
        siblings = self._place.siblings
        assert self.new_article is not None
        del siblings[_index_of(siblings, self.new_article)]
        article = self._place.unit
        article.children = list(self._old_children)
        paragraph = next(p for p in article.children if p.uid == self.paragraph_uid)
        paragraph.children = list(self._old_items)


def _shift(ref: Reference, unit_uid: str, delta: int) -> Reference:
    return replace(ref, unit_uid=unit_uid, start=ref.start + delta, end=ref.end + delta)


class MergeArticles(Operation):
    """Merge an article with the next one: its 款 are appended; the next article goes away.

    Lineage: the surviving article's origins become itself (or what it came from) and the
    removed article."""

    description = "合并条文"

    def __init__(self, article_uid: str) -> None:
        super().__init__()
        self.article_uid = article_uid

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        place = _locate(session.draft, self.article_uid)
        article = place.unit
        if article.kind is not UnitKind.ARTICLE:
            raise EditError("只能合并条文")
        j = place.index + 1
        if j >= len(place.siblings) or place.siblings[j].kind is not UnitKind.ARTICLE:
            raise EditError("下一条不在同一章节中，无法合并")
        following = place.siblings[j]
        self._place = place
        self._following = following
        self._old_children = list(article.children)
        article.children = article.children + following.children
        del place.siblings[j]
        # The surviving article now stands for both: comments on the removed one follow it.
        # Itself among its origins makes two or more, which anchors read as a merge.
        origins = session.draft.lineage.get(article.uid) or (article.uid,)
        self._add_lineage(session, article.uid, (*origins, following.uid))
        return None, EditResult(
            removed=(following.uid,), moved=tuple(p.uid for p in following.children)
        )

    def _undo(self, session: EditSession) -> None:
        article = self._place.unit
        article.children = list(self._old_children)
        self._place.siblings.insert(self._place.index + 1, self._following)


__all__ = [
    "DeleteUnit",
    "EditError",
    "EditResult",
    "EditSession",
    "EditText",
    "InsertUnit",
    "MergeArticles",
    "MoveUnit",
    "Operation",
    "SplitArticle",
    "insert_after",
    "insert_amendment_article",
    "insert_before",
    "insert_child",
    "insert_near",
    "move_down",
    "move_up",
    "new_unit",
]


class Renumber(Operation):
    """Number by position again: drop the printed labels kept as number locks (Unit.label) of
    the whole text (``parent_uid`` None) or of one list (the children of ``parent_uid``; with
    ``list_only`` and ``parent_uid`` None, the top-level units); the references follow the new
    numbers, as after any edit. Undoable like every operation. After ``apply``, ``report``
    says how many labels changed (``changes``, any kind) and how many references were
    rewritten."""

    description = "重新编号"

    def __init__(self, parent_uid: str | None = None, *, list_only: bool = False) -> None:
        super().__init__()
        self.parent_uid = parent_uid
        self.list_only = list_only or parent_uid is not None
        self.report = RenumberReport()

    def apply(self, session: EditSession) -> EditResult:
        """Clear the locks, renumber, rewrite the references; fill ``report``."""
        shown = compute_numbers(session.draft)
        result = super().apply(session)
        after = compute_numbers(session.draft)
        changes = label_changes(session.draft, shown, after)
        articles = session.draft.articles()
        self.report = RenumberReport(
            articles=len(articles),
            renumbered=sum(1 for a in articles if shown[a.uid].label != after[a.uid].label),
            references_rewritten=sum(1 for c in result.changes if c.field == "text"),
            changes=changes,
        )
        return result

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        draft = session.draft
        if not self.list_only:
            units = list(draft.walk())
        elif self.parent_uid is None:
            units = draft.units
        else:
            units = _locate(draft, self.parent_uid).unit.children
        for unit in units:
            if unit.label:
                self._set_text(unit, "", "label")
            if unit.numbering is Numbering.UNLABELLED:
                # A 项 printed without a number takes its number when the drafter renumbers.
                self._set_text(unit, Numbering.REGULAR, "numbering")
        return None, EditResult()

    def _undo(self, session: EditSession) -> None:
        pass  # the labels are put back by Operation.revert
