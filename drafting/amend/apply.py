"""Apply the instructions of a 修改决定 to a text, as one undoable edit operation.

Old numbers are resolved once, on the text as it was (the decision amends the old text), so
every instruction finds its article whatever was done before it. Then, in three phases:

1. structure: deletions, moves, splits, merges, new 款 and 项 (still empty);
2. new articles, empty, in the order of their new numbers (作为第九条: placed so that it is the
   ninth article, inside the 章/节 named when one is);
3. words: rewritten articles and 款, the texts of new units, and the phrase edits
   (中的“A”修改为“B”: every occurrence in the place named).

The whole decision is one ``AmendDecision`` operation on an ``EditSession`` (the frame of
``drafting.edit.operations``): the tree is changed with uids kept, new words are read in the
final positions, and then every reference is renumbered once from the final numbers (the
decision's closing 对条文顺序作相应调整) — the new words already carry the new numbers. One
undo puts the text back as it was. Every instruction that cannot be applied is reported with
its reason in Chinese; the others still apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from drafting.amend.headings_named import heading_kind, heading_label, titled
from drafting.amend.instructions import (
    ADD_ARTICLES,
    ADD_HEADING,
    ADD_ITEM,
    ADD_PARAGRAPH,
    APPENDIX,
    APPENDIX_WORDS,
    DELETE,
    DELETE_HEADING,
    DELETE_WORDS,
    HEADING_MOVE,
    INSERT_AFTER,
    INSERT_BEFORE,
    MERGE,
    MOVE,
    PHRASE_ACTIONS,
    PREAMBLE,
    PROMOTE,
    RENAME,
    RENUMBER,
    REPLACE,
    REWRITE,
    SPLIT,
    TABLE_ACTIONS,
    Instruction,
    Place,
    appendix_name,
    render,
)
from drafting.amend.notes import NOTE, note_problem, noted
from drafting.amend.orphans import old_ranges, orphaned_citations, place_words, range_warnings
from drafting.amend.read import DecisionText
from drafting.amend.tables import TableEdits, TableError, table_key, take_tables
from drafting.edit.operations import EditResult, EditSession, Operation
from drafting.model.matter import Appendix, Cell, Preamble, Table, appendix_from_lines
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.positions import Context
from drafting.model.references import ReferenceIndex, rewrite_references
from drafting.model.units import Draft, Numbering, Unit, UnitKind

_ITEM_LABEL = re.compile(r"^[（(]([零〇一二两三四五六七八九十百千]+)[）)]")
_SUBITEM_LABEL = re.compile(r"^(\d+)[.．]")


#: Clauses that may say the article's new number (将第五条改为第六条，修改为：/ 删去第二款 /
#: 增加一款 / 表格…): checked once the decision is applied (``Amender.check_new_numbers``).
_NUMBER_SAID = frozenset({REWRITE, DELETE, ADD_PARAGRAPH, ADD_ITEM}) | TABLE_ACTIONS


class AmendError(ValueError):
    """An instruction that cannot be applied; the message is Chinese."""


def failure_reason(error: Exception) -> str:
    """The reason listed for an item that failed: an ``AmendError``'s own words; for any other
    error (a label the reader let through but apply cannot use, say) a Chinese sentence —
    the item is listed as failed and the rest of the decision still applies."""
    if isinstance(error, AmendError):
        return str(error)
    return f"本项无法执行（{type(error).__name__}: {error}），请核对本项的写法"


@dataclass
class AmendResult:
    """The amended draft and, per instruction, whether it applied (with the reason if not)."""

    draft: Draft
    applied: list[Instruction] = field(default_factory=list)
    failed: list[tuple[Instruction, str]] = field(default_factory=list)
    #: Chinese warnings: no instruction found, none applied, the text unchanged.
    warnings: list[str] = field(default_factory=list)
    #: True when the decision changed nothing in the text (see ``warnings``).
    nothing_applied: bool = False
    #: True when the decision looks applied to this text already (``looks_applied``, G14):
    #: the first warning says so; a version is not stored without the drafter's word.
    looks_applied: bool = False

    def to_json(self) -> dict[str, Any]:
        """``applied``: the clauses as words; ``failed``: {instruction, reason};
        ``warnings``: Chinese lines (empty when all is well)."""
        return {
            "applied": [render(i) for i in self.applied],
            "failed": [{"instruction": render(i), "reason": r} for i, r in self.failed],
            "warnings": list(self.warnings),
        }


Phase = Callable[[Instruction, list[Unit]], None]


class AmendDecision(Operation):
    """The whole decision as one undoable operation on an EditSession: the structure and the
    words are changed in the tree (uids kept), then, once, every reference is renumbered from
    the final positions (as each operation does after its own change). ``revert`` puts back
    the very same tree, texts and reference index."""

    description = "按修改决定修改"

    def __init__(self, amender: Amender, words: bool) -> None:
        super().__init__()
        self.amender = amender
        self.words = words

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        draft = session.draft
        amender = self.amender
        if self.words:  # the citing places, named as the decision does (for the warnings)
            amender.old_places = place_words(draft)
            # Range citations as they read before (G5): their interior is checked after.
            start_refs = dict(session.index.by_unit)
            ranges = old_ranges(draft, start_refs)
        if amender.keep_numbers:
            # A 修正案: every article keeps the number it has (a lock), so a deletion leaves
            # its number vacant and nothing after it moves, nor any reference.
            self.amender._op = self
            for article in draft.articles():
                label = amender.labels.get(article.uid, "")
                if label and not article.label:
                    self.set_label(article, label)
        # Headings before additions: an added article's 章/节 is named by its new label.
        amender.run(self, (amender.structure, amender.heading_phase))
        amender.renumber_appendices()
        amender.regroup()
        amender.run(self, (amender.additions,))
        # Phrase edits quote the OLD words (将第十条中的“依照第五条”修改为“按照第六条”): they
        # apply before the references are renumbered. A reference inside the words replaced is
        # dropped from the index (the new words carry final numbers); the others shift.
        if self.words:
            amender.run(self, (amender.words,))
            # Table clauses: all those of one table together, on its rows as they were.
            amender.result.failed.extend(amender.tables.finish(amender.result.failed))
        # Then every reference still standing is renumbered once (the closing 对条文顺序作相应
        # 调整), and the rewritten and new units get their words, which carry final numbers.
        ctx = Context(draft)
        before_refs = dict(session.index.by_unit)
        changes = rewrite_references(draft, session.index, ctx)
        # Citations whose provision this decision took away (F15), checked once the words
        # are written: a citing unit the decision rewrote itself is the drafter's word.
        orphan_refs = dict(session.index.by_unit)
        for change in changes:
            unit = ctx.units[change.unit_uid]
            unit.text = change.before
            self._set_text(unit, change.after)
            amender.pre_renumber[unit.uid] = change.before
            amender.renumbered[unit.uid] = _renumber_spans(
                change.before,
                change.after,
                before_refs.get(unit.uid, ()),
                session.index.by_unit.get(unit.uid, ()),
            )
        amender.check_new_numbers()
        if self.words:
            amender.write_pending()
            if amender.normalise_punctuation:
                amender.full_width()
        amender.check_renumbered()
        ctx = Context(draft)
        if self.words:
            written = {u.uid for _, unit, _ in amender._pending for u in unit.walk()}
            alive = {u for u in orphan_refs if u in ctx.units and u not in written}
            amender.result.warnings.extend(
                orphaned_citations(before_refs, orphan_refs, alive, amender.old_places, draft)
            )
            amender.result.warnings.extend(
                range_warnings(ranges, start_refs, orphan_refs, alive, amender.old_places, draft)
            )
        for unit, before in self.amender.edited.items():
            if ctx.units.get(unit.uid) is unit:
                session.index.rescan(unit, ctx, before)
        return ctx, EditResult(
            inserted=tuple(self.amender.inserted), removed=tuple(self.amender.removed)
        )

    def _undo(self, session: EditSession) -> None:
        self.amender.tables.undo()
        if self.amender.old_title is not None:
            session.draft.title = self.amender.old_title
        if self.amender.old_appendices is not None:
            session.draft.appendices = self.amender.old_appendices
        if self.amender.old_preamble is not _UNSET:
            session.draft.preamble = self.amender.old_preamble  # type: ignore[assignment]
        if self.amender.old_notes is not None:
            session.draft.notes = self.amender.old_notes
        for owner, children in self.amender.kept.values():
            if owner is None:
                session.draft.units[:] = children
            else:
                owner.children = children

    def set_text(self, unit: Unit, value: str) -> None:
        """Change a unit's words, recorded for revert."""
        self._set_text(unit, value)

    def set_heading(self, unit: Unit, value: str) -> None:
        """Change a heading's title, recorded for revert."""
        self._set_text(unit, value, "heading")

    def set_label(self, unit: Unit, value: str) -> None:
        """Change a unit's printed label, recorded for revert."""
        self._set_text(unit, value, "label")


class Amender:
    """Applies instructions to one draft (changed in place) as one ``AmendDecision``."""

    def __init__(self, draft: Draft, index: ReferenceIndex | None = None) -> None:
        """``index``: the draft's references when already found (a clone's, by uid)."""
        self.draft = draft
        self.session = EditSession(draft, index)
        numbers = compute_numbers(draft)
        self.articles: dict[str, Unit] = {}
        self.labels: dict[str, str] = {}  # article uid → its old label
        for article in draft.articles():
            label = numbers[article.uid].label
            if label:
                self.articles.setdefault(label, article)
                self.labels[article.uid] = label
        #: A 修正案: numbers are kept, never renumbered (``DecisionText.keep_numbers``).
        self.keep_numbers = False
        self.result = AmendResult(draft)
        self._headings: dict[str, Unit] | None = None  # old full label → heading (lazily)
        self._ambiguous: set[str] = set()  # labels of headings without a number named twice
        self._item_numbers: list[int] = []  # the quoted items' numbers (``_set_lines``)
        self.old_title: str | None = None  # the title before a RENAME of it (for undo)
        self.old_preamble: object = _UNSET  # the 序言 before a PREAMBLE clause (for undo)
        self.old_appendices: list[Appendix] | None = None  # before an APPENDIX clause (undo)
        self.old_notes: list[str] | None = None  # the notes before a NOTE clause (for undo)
        self._held: dict[str, list[Unit]] = {}  # heading uid → its old articles (HEADING_MOVE)
        self._appendix_named: dict[str, Appendix] = {}  # old name → appendix (unique names)
        self._appendix_shifted = False  # an appendix added or deleted: the others renumber
        self._appendix_fixed: set[int] = set()  # ids of appendices given their label
        # Heading changes: (instruction, the new heading or the one renamed/deleted, where).
        self._heading_ops: list[tuple[Instruction, Unit | None, Unit | None]] = []
        self.last_part: dict[str, Unit] = {}  # a split article's uid → its last part
        self.parent: dict[str, Unit | None] = {}
        self.edited: dict[Unit, str] = {}  # unit → its words before (for the reference index)
        self.inserted: list[str] = []
        self.removed: list[str] = []
        self._op: AmendDecision | None = None
        # uid → (old start, old end, new start, new end) of each reference whose words the
        # renumbering changed, and the unit's words before it (what a decision quotes).
        self.renumbered: dict[str, list[tuple[int, int, int, int]]] = {}
        self.pre_renumber: dict[str, str] = {}
        # The decision says 将半角标点符号修改为全角 (see ``read.DecisionText``).
        self.normalise_punctuation = False
        self._resolved: list[tuple[Instruction, list[Unit]]] = []
        self._pending: list[tuple[Instruction, Unit, str]] = []
        self._regular: list[Unit] | None = None  # regular articles in order (additions)
        # Each child list as it was before its first change (owner None: the top), for undo.
        self.kept: dict[int, tuple[Unit | None, list[Unit]]] = {}
        #: The tables of 款: clauses gathered on the old tables, tables set (for undo).
        self.tables = TableEdits()
        #: uid → its place in the old text (第七条第二款), for the orphaned citations (F15).
        self.old_places: dict[str, str] = {}
        # Per instruction (by id): its rank in the decision, its item number as printed (一)
        # and the clause it was read from (``apply``), for the same-decision checks (G2, G9).
        self._rank: dict[int, int] = {}
        self._item: dict[int, str] = {}
        self._clause: dict[int, object] = {}
        #: uid → (the 删去 instruction that took it away, the place that instruction named).
        self.deleted_by: dict[str, tuple[Instruction, str]] = {}
        self._current: Instruction | None = None  # the instruction whose phase runs
        self._old_bodies: dict[str, str] | None = None  # an article's words → its old label

    def _keep(self, owner: Unit | None) -> None:
        key = id(owner) if owner is not None else 0
        if key not in self.kept:
            self.kept[key] = (
                owner,
                list(owner.children if owner is not None else self.draft.units),
            )

    # ---- resolving old numbers

    def article(self, label: str) -> Unit:
        unit = self.articles.get(label)
        if unit is None:
            raise AmendError(f"原文没有{label}")
        return unit

    def unit(self, place: Place) -> Unit:
        unit = self.article(place.article)
        if place.paragraph or place.item:
            paragraphs = unit.children
            if place.paragraph:
                if place.paragraph > len(paragraphs):
                    raise AmendError(f"{place.article}没有第{to_chinese(place.paragraph)}款")
                unit = paragraphs[place.paragraph - 1]
            elif len(paragraphs) == 1 or sum(1 for p in paragraphs if p.children) == 1:
                unit = (
                    next(p for p in paragraphs if p.children)
                    if len(paragraphs) > 1
                    else paragraphs[0]
                )
            else:
                raise AmendError(f"{place.words()}未写明是哪一款")
            if place.item:
                if place.item > len(unit.children):
                    raise AmendError(f"{place.words()}不存在")
                unit = unit.children[place.item - 1]
        return unit

    # ---- the tree, changed directly inside the operation

    def _siblings(self, unit: Unit) -> list[Unit]:
        up = self.parent.get(unit.uid)
        return up.children if up is not None else self.draft.units

    def _alive(self, unit: Unit) -> bool:
        return unit.uid in self.parent and _index_of(self._siblings(unit), unit) >= 0

    def _insert(self, unit: Unit, parent: Unit | None, index: int) -> None:
        self._keep(parent)
        siblings = parent.children if parent is not None else self.draft.units
        siblings.insert(index, unit)
        for u, p in _with_parents(unit, parent):
            self.parent[u.uid] = p
        self.inserted.extend(u.uid for u in unit.walk())

    def _remove(self, unit: Unit) -> None:
        self._keep(self.parent.get(unit.uid))
        siblings = self._siblings(unit)
        k = _index_of(siblings, unit)
        if k < 0:
            raise AmendError("要删去的条文已不存在")
        del siblings[k]
        self.removed.extend(u.uid for u in unit.walk())
        current = self._current
        if current is not None and current.action in (DELETE, DELETE_HEADING):
            named = self.old_places.get(unit.uid) or (
                current.places[0].words() if current.places else current.anchor
            )
            for u in unit.walk():
                self.deleted_by.setdefault(u.uid, (current, named))
        for u in unit.walk():
            self.parent.pop(u.uid, None)

    def _move_after(self, unit: Unit, anchor: Unit, before: bool) -> None:
        self._keep(self.parent.get(unit.uid))
        self._keep(self.parent.get(anchor.uid))
        siblings = self._siblings(unit)
        del siblings[_index_of(siblings, unit)]
        parent = self.parent[anchor.uid]
        target = self._siblings(anchor)
        target.insert(_index_of(target, anchor) + (0 if before else 1), unit)
        self.parent[unit.uid] = parent

    def _text(self, unit: Unit, value: str) -> None:
        if unit.text != value:
            self.edited.setdefault(unit, unit.text)
            assert self._op is not None
            self._op.set_text(unit, value)

    # ---- the phases

    def apply(
        self,
        instructions: list[Instruction],
        *,
        words: bool = True,
        items: list[str] | None = None,
        clauses: list[object] | None = None,
    ) -> AmendResult:
        """Apply every instruction (``words=False``: only the structure, no words written —
        what a decision is drafted against). The instructions that cannot apply are listed in
        ``failed`` with their reason; the others apply. ``items``/``clauses``: per instruction,
        its item number as printed (一) and the clause it was read from (``DecisionText.
        item_numbers``/``sources``): instructions of one clause are one item for the checks."""
        for k, ins in enumerate(instructions):
            self._rank[id(ins)] = k
            if items is not None and k < len(items):
                self._item[id(ins)] = items[k]
            if clauses is not None and k < len(clauses):
                self._clause[id(ins)] = (self._item.get(id(ins), ""), clauses[k])
        for ins in instructions:
            try:
                self._resolved.append((ins, self._resolve(ins)))
            except Exception as error:  # noqa: BLE001 — one item fails, never the decision
                self.result.failed.append((ins, failure_reason(error)))
        self.session.apply(AmendDecision(self, words))
        failed = {id(i) for i, _ in self.result.failed}
        self.result.applied = [i for i, _ in self._resolved if id(i) not in failed]
        return self.result

    def run(self, op: AmendDecision, phases: tuple[Phase, ...]) -> None:
        """Run phases over every instruction still standing, inside the operation."""
        self._op = op
        if not self.parent:
            self.parent = {u.uid: p for u, p in self.draft.walk_with_parents()}
        for phase in phases:
            for ins, units in self._resolved:
                if any(ins is f for f, _ in self.result.failed):
                    continue
                self._current = ins
                try:
                    self._check_deleted(ins, units)
                    phase(ins, units)
                except Exception as error:  # noqa: BLE001 — one item fails, never the decision
                    self.result.failed.append((ins, failure_reason(error)))
                finally:
                    self._current = None

    def _check_deleted(self, ins: Instruction, units: list[Unit]) -> None:
        """G9: items name units by their OLD numbers, so an item naming a unit that an EARLIER
        item of the same decision deleted (删去第十三条第二款 … 将第十三条第二款中的…) has no
        target left: it fails ("第十三条第二款已由本决定第一项删去") rather than editing a unit
        that is gone (or, read with new numbers, another one) without a word."""
        rank = self._rank.get(id(ins), -1)
        for place, unit in zip(ins.places, units, strict=False):
            got = self.deleted_by.get(unit.uid)
            if got is None or got[0] is ins or self._rank.get(id(got[0]), rank) >= rank:
                continue
            by, named = got
            item = self._item.get(id(by), "")
            which = f"本决定第{item}项" if item else "本决定前面的一项"
            here = place.words()
            if here == named or not named:
                raise AmendError(f"{here}已由{which}删去，本项未执行")
            raise AmendError(f"{here}已随{named}由{which}删去，本项未执行")

    def write_pending(self) -> None:
        """Write the words of rewritten and new units."""
        for ins, unit, text in self._pending:
            if any(ins is f for f, _ in self.result.failed):
                continue
            if ins.action == REWRITE and _already(unit, text):
                self.result.warnings.append(
                    f"{ins.places[0].words()}的文字已与本项修改后的文字相同，原文似已按本条修改"
                )
            try:
                self._set_lines(unit, text)
            except Exception as error:  # noqa: BLE001 — one item fails, never the decision
                self.result.failed.append((ins, failure_reason(error)))

    def heading(self, label: str) -> Unit:
        if self._headings is None:
            ctx = Context(self.draft)
            named = [(heading_label(ctx, u.uid), u) for u in self.draft.walk() if u.kind.is_heading]
            names = [n for n, _ in named]
            # A heading printed without a number is named by its title (“生态治理”一章): two
            # of the same level and title cannot be told apart, and neither is picked.
            self._headings = {n: u for n, u in named if names.count(n) == 1}
            self._ambiguous = {n for n in names if names.count(n) > 1}
        unit = self._headings.get(label)
        if unit is None:
            if label in self._ambiguous:
                raise AmendError(f"原文有多个{label}，无法确定修改哪一个")
            raise AmendError(f"原文没有{label}")
        return unit

    def _resolve(self, ins: Instruction) -> list[Unit]:
        if ins.action in TABLE_ACTIONS:
            try:
                return [self.tables.resolve(ins, self.unit(ins.places[0]))]
            except TableError as error:
                raise AmendError(str(error)) from error
        if ins.action == ADD_ARTICLES:
            if (
                ins.anchor
                and ins.anchor not in self.articles
                and not any(ins.anchor in done.new_labels for done, _ in self._resolved)
            ):
                # 在第五十条后增加一条 where there is no 第五十条, old or added before.
                raise AmendError(f"原文没有{ins.anchor}")
            return []
        if ins.action in PHRASE_ACTIONS and not ins.places and ins.anchor:
            if self.draft.preamble is None or not self.draft.preamble.paragraphs:
                raise AmendError(f"原文没有{ins.anchor}")
            return []
        if ins.action == PREAMBLE:
            has = self.draft.preamble is not None and bool(self.draft.preamble.paragraphs)
            if ins.position == 1 and has:
                raise AmendError("原文已有序言")
            if ins.position != 1 and not has:
                raise AmendError(f"原文没有{ins.anchor}")
            return []
        if ins.action == NOTE:
            problem = note_problem(self.draft.notes, ins)
            if problem:
                raise AmendError(problem)
            return []
        if ins.action in (APPENDIX, APPENDIX_WORDS):
            if ins.position != 1 or ins.action == APPENDIX_WORDS:
                appendix_at(self.draft.appendices, ins.anchor)  # it must be there
            return []
        if ins.action == HEADING_MOVE:
            heading = self.heading(ins.anchor)
            # The articles it holds now, in the old text: it goes with them.
            self._held[heading.uid] = [u for u in heading.walk() if u.kind is UnitKind.ARTICLE]
            return [heading]
        if ins.action in (RENAME, DELETE_HEADING):
            return [self.heading(ins.anchor)] if ins.anchor else []
        if ins.action == ADD_HEADING:
            if re.search(r"[编章节]$", ins.anchor):
                return [self.heading(ins.anchor)]
            return [self.article(ins.anchor)]
        units = [self.unit(p) for p in ins.places]
        if ins.action == MOVE:
            units.append(self.article(ins.anchor))
            if ins.container and units[-1].uid not in {u.uid for u in self.heading(ins.container).walk()}:
                # 将第七条移至第一章第六条后 names the 章 it goes to: 第六条 must be in it (G8).
                raise AmendError(f"{ins.anchor}不在{ins.container}中，无法确定移动位置")
        return units

    def structure(self, ins: Instruction, units: list[Unit]) -> None:
        a = ins.action
        if a == DELETE:
            # Whole or not at all: a 款 that cannot go stops the item before anything goes.
            for unit in units:
                if not self._alive(unit):
                    raise AmendError("要删去的条文已不存在")
                if unit.kind is UnitKind.PARAGRAPH and len(self._siblings(unit)) == 1:
                    raise AmendError("每条至少保留一款；如需删除请删去整条")
            for unit in units:
                if unit.kind is UnitKind.ARTICLE and _printed_deleted(unit):
                    self.result.warnings.append(
                        f"{ins.places[0].words()}原文已为“（删去）”，本项无须再删"
                    )
                if unit.kind is UnitKind.PARAGRAPH and len(self._siblings(unit)) == 1:
                    raise AmendError("每条至少保留一款；如需删除请删去整条")
                siblings = self._siblings(unit)
                k = _index_of(siblings, unit)
                if (
                    unit.kind is UnitKind.ITEM
                    and k == len(siblings) - 1
                    and k > 0
                    and unit.text.endswith("。")
                    and siblings[k - 1].text.endswith(("；", ";"))
                ):
                    # The last item went: the one before it now ends the 款 with 。, as the
                    # reprinted text does.
                    before = siblings[k - 1]
                    self._text(before, before.text[:-1] + "。")
                self._remove(unit)
                if unit.kind is UnitKind.ITEM:
                    self._relabel_items(siblings, k, ins)
        elif a == PROMOTE:
            paragraph = units[0]
            if paragraph.kind is not UnitKind.PARAGRAPH:
                raise AmendError(f"{ins.places[0].words()}不是一款")
            article = self.parent[paragraph.uid]
            assert article is not None
            if len(article.children) == 1:
                raise AmendError(f"{ins.places[0].article}只有一款，无须改为一条")
            self._remove(paragraph)
            self.removed = [u for u in self.removed if u not in {x.uid for x in paragraph.walk()}]
            promoted = Unit(UnitKind.ARTICLE)
            up = self.parent[article.uid]
            self._insert(promoted, up, _index_of(self._siblings(article), article) + 1)
            self._insert(paragraph, promoted, 0)
            self.inserted = [u for u in self.inserted if u not in {x.uid for x in paragraph.walk()}]
        elif a == MOVE:
            unit, anchor = units
            if not ins.before:
                # After an article split by this decision means after its last part.
                anchor = self.last_part.get(anchor.uid, anchor)
            if not self._alive(anchor):
                raise AmendError(f"{ins.anchor}已被删去，无法确定移动位置")
            if not self._alive(unit):
                raise AmendError(f"{ins.places[0].words()}已被删去")
            self._move_after(unit, anchor, ins.before)
            if ins.texts:
                self._pending.append((ins, unit, ins.texts[0]))
        elif a == SPLIT:
            article = units[0]
            self._pending.append((ins, article, ins.texts[0]))
            previous = article
            for text in ins.texts[1:]:
                part = Unit(UnitKind.ARTICLE)
                # 第二十条之一 splits into 之一 and 之二; a regular article pushes the next ones.
                part.numbering = article.numbering
                up = self.parent[previous.uid]
                self._insert(part, up, _index_of(self._siblings(previous), previous) + 1)
                self._pending.append((ins, part, text))
                previous = part
            self.last_part[article.uid] = previous
        elif a == MERGE and not ins.new_labels:
            self._merge_paragraphs(ins, units)
        elif a == MERGE:
            first, *rest = units
            for other in rest:
                moved = list(other.children)
                self._remove(other)
                self._keep(first)
                first.children = first.children + moved
                for u, p in _with_parents_list(moved, first):
                    self.parent[u.uid] = p
            self._pending.append((ins, first, ins.texts[0]))
        elif a == ADD_PARAGRAPH:
            article = units[0]
            if article.kind is not UnitKind.ARTICLE:
                raise AmendError("增加一款须指明所在的条")
            k = ins.position - 1
            if not 0 <= k <= len(article.children):
                raise AmendError(f"{ins.places[0].words()}不能增加第{to_chinese(ins.position)}款")
            paragraph = Unit(UnitKind.PARAGRAPH)
            self._insert(paragraph, article, k)
            self._pending.append((ins, paragraph, ins.texts[0]))
        elif a == ADD_ITEM:
            holder = units[0]
            if holder.kind is UnitKind.ARTICLE:
                with_items = [p for p in holder.children if p.children]
                if len(with_items) != 1 and len(holder.children) != 1:
                    raise AmendError(f"{ins.places[0].words()}有多款，未写明在哪一款增加项")
                holder = with_items[0] if with_items else holder.children[0]
            k = ins.position - 1
            if not 0 <= k <= len(holder.children):
                raise AmendError(f"{ins.places[0].words()}不能增加第{to_chinese(ins.position)}项")
            item = Unit(UnitKind.ITEM)
            self._insert(item, holder, k)
            self._relabel_items(holder.children, k + 1, ins)
            self._pending.append((ins, item, ins.texts[0]))
            # The items of a 款 end with ；and the last with 。: the one that was last changes.
            if k == len(holder.children) - 1 and k > 0:
                before = holder.children[k - 1]
                if before.text.endswith("。") and not ins.texts[0].rstrip().endswith("；"):
                    self._text(before, before.text[:-1] + "；")
        elif a == REWRITE:
            self._pending.append((ins, units[0], ins.texts[0]))
        elif a == DELETE_HEADING and ins.position == 1:
            # 删去第二章: its articles go now (the numbers follow); the heading and the 节
            # inside it go with the headings (``regroup``).
            for article in [u for u in units[0].walk() if u.kind is UnitKind.ARTICLE]:
                if self._alive(article):
                    self._remove(article)
        elif a == RENUMBER and self.keep_numbers:
            # Numbers are kept: the new one is the article's printed label from now on.
            assert self._op is not None
            self._op.set_label(units[0], ins.new_labels[0])

    def _merge_paragraphs(self, ins: Instruction, units: list[Unit]) -> None:
        """将第二十二条第一款与第二款合并为一款: the later 款 join the first (their words
        after its words, their 项 after its 项); new words when the clause gives them."""
        first, *rest = units
        if any(u.kind is not UnitKind.PARAGRAPH for u in units):
            raise AmendError("合并为一款的应是同一条中的款")
        if any(self.parent.get(u.uid) is not self.parent.get(first.uid) for u in rest):
            raise AmendError("合并为一款的款应在同一条中")
        for other in rest:
            moved = list(other.children)
            self._text(first, first.text + other.text)
            self._remove(other)
            self._keep(first)
            first.children = first.children + moved
            for u, p in _with_parents_list(moved, first):
                self.parent[u.uid] = p
        if ins.texts:
            self._pending.append((ins, first, ins.texts[0]))

    def _preamble_words(self, ins: Instruction) -> None:
        """A phrase clause on the 序言 (将序言中的“A”修改为“B”): every occurrence in its
        paragraphs, as in an article; failure when A is not there."""
        preamble = self.draft.preamble
        assert preamble is not None
        paragraphs = [apply_phrase(p, ins) for p in preamble.paragraphs]
        if paragraphs == preamble.paragraphs:
            raise AmendError(f"{ins.anchor}中没有“{ins.old}”")
        if self.old_preamble is _UNSET:
            self.old_preamble = preamble
        self.draft.preamble = Preamble(preamble.heading, paragraphs)

    def check_new_numbers(self) -> None:
        """将第三条改为第四条，修改为：“……” where the text is renumbered: the article must
        have the number the clause gives once the decision is applied, as for 将第三条改为
        第四条 (``check_renumbered``); a clause that says otherwise fails, its words unwritten."""
        checks = [
            (ins, units)
            for ins, units in self._resolved
            if ins.action in _NUMBER_SAID
            and len(ins.places) == 1
            and ins.new_labels
            and ins.new_labels[0] != ins.places[0].article
            and not any(ins is f for f, _ in self.result.failed)
        ]
        if not checks or self.keep_numbers:
            return
        numbers = compute_numbers(self.draft)
        for ins, _units in checks:
            unit = self.article(ins.places[0].article)
            got = numbers[unit.uid].label if unit.uid in numbers else ""
            if got != ins.new_labels[0]:
                where = f"为{got}" if got else "已不存在"
                reason = (
                    f"按本决定调整条文顺序后，原{ins.places[0].article}{where}，不是{ins.new_labels[0]}"
                )
                if ins.action == REWRITE:
                    self.result.failed.append((ins, reason))
                else:
                    # 将第五条改为第六条，删去第二款: the 款 is already gone; the number is
                    # only said, so the drafter is told and the change stays.
                    self.result.warnings.append(f"“{render(ins)}”：{reason}（已按原{ins.places[0].article}执行）")

    def check_renumbered(self) -> None:
        """将第十六条改为第十七条 where the text is renumbered: only a check that the article
        has that number once the decision is applied (a failure says which it has). The same
        for 将第三十条改为第二十八条，修改为：“……” (a whole article rewritten): an article that
        does not end up under the number the decision gives it is out of place, and the
        item is listed rather than the text silently misordered."""
        checks = [
            (ins, units[0])
            for ins, units in self._resolved
            if (ins.action == RENUMBER or _renumbered_rewrite(ins))
            and not any(ins is f for f, _ in self.result.failed)
        ]
        if not checks or self.keep_numbers:
            return
        numbers = compute_numbers(self.draft)
        for ins, unit in checks:
            got = numbers[unit.uid].label if unit.uid in numbers else ""
            if got != ins.new_labels[0]:
                where = f"为{got}" if got else "已不存在"
                self.result.failed.append(
                    (
                        ins,
                        f"按本决定调整条文顺序后，原{ins.places[0].article}{where}，不是{ins.new_labels[0]}",
                    )
                )

    def _relabel_items(self, items: list[Unit], start: int, ins: Instruction) -> None:
        """Items printed with their own labels ((一) half-width: a lock) are numbered again
        from ``start`` after one was deleted or added, in the style printed, with a warning
        (the house-style （一） ones renumber by position)."""
        changed: list[str] = []
        assert self._op is not None
        for j in range(start, len(items)):
            label = items[j].label
            if not label or _ITEM_LABEL.fullmatch(label) is None:
                continue
            want = f"{label[0]}{to_chinese(j + 1)}{label[-1]}"
            if want != label:
                changed.append(f"{label}→{want}")
                self._op.set_label(items[j], want)
        if changed:
            where = ins.places[0].words() if ins.places else ""
            self.result.warnings.append(
                f"{where}的项按原文印出的标号重新编号：{'、'.join(changed)}"
            )

    def additions(self, ins: Instruction, units: list[Unit]) -> None:
        if ins.action != ADD_ARTICLES:
            return
        for label, text in zip(ins.new_labels, ins.texts, strict=True):
            m = re.fullmatch(
                r"第([零〇一二两三四五六七八九十百千]+)条(?:之([零〇一二两三四五六七八九十百千]+))?",
                label,
            )
            if m is None:
                raise AmendError(f"无法识别新增条文的序号“{label}”")
            article = Unit(UnitKind.ARTICLE)
            if m.group(2):
                # 作为第一百六十五条之一: after 第一百六十五条 and its 之 articles numbered
                # lower; nothing else moves.
                self._place_inserted(article, label, m.group(0).split("之")[0],
                                     from_chinese(m.group(2)))  # fmt: skip
                self._check_after(ins, article, label)
            elif self.keep_numbers:
                self._place_kept(article, label, from_chinese(m.group(1)))
            else:
                self._place_article(article, from_chinese(m.group(1)), ins.container)
            self._note_added_already(label, text)
            self._pending.append((ins, article, text))

    def _note_added_already(self, label: str, text: str) -> None:
        """G14: an added article whose words are those of an article of the text already (the
        decision applied a second time) is told (``ALREADY``); it is still added as asked."""
        if self._old_bodies is None:
            self._old_bodies = {}
            for old_label, article in self.articles.items():
                self._old_bodies.setdefault(_plain(article_body(article)), old_label)
        same = self._old_bodies.get(_plain(text))
        if same:
            self.result.warnings.append(f"新增的{label}与原文{same}文字相同，{ALREADY}")

    def _place_inserted(self, article: Unit, label: str, base: str, insert: int) -> None:
        anchor = self.article(base)
        if not self._alive(anchor):
            raise AmendError(f"{base}已被删去，无法确定{label}的位置")
        siblings = self._siblings(anchor)
        k = _index_of(siblings, anchor) + 1
        numbers = compute_numbers(self.draft)
        while k < len(siblings) and siblings[k].kind is UnitKind.ARTICLE:
            got = numbers.get(siblings[k].uid)
            if got is None or siblings[k].numbering is not Numbering.INSERTED:
                break
            if got.insert >= insert:
                break
            k += 1
        article.numbering = Numbering.INSERTED
        self._insert(article, self.parent[anchor.uid], k)
        if self.keep_numbers:
            article.label = label  # a new unit: no undo record needed

    def _check_after(self, ins: Instruction, article: Unit, label: str) -> None:
        """在第一百二十条之一后增加一条，作为第一百二十条之七 where 之二…之六 stand between:
        the number decides the place (after 之六); the anchor that says otherwise is a slip
        to be told (F13)."""
        if not ins.anchor or ins.before:
            return
        siblings = self._siblings(article)
        k = _index_of(siblings, article)
        previous = siblings[k - 1] if k > 0 else None
        got = self.labels.get(previous.uid, "") if previous is not None else ""
        if got and got != ins.anchor:
            self.result.warnings.append(
                f"“在{ins.anchor}后增加一条，作为{label}”与原文不符：原文{ins.anchor}之后还有"
                f"其他条文，{label}已按其序号置于{got}之后，请核对"
            )

    def _place_kept(self, article: Unit, label: str, number: int) -> None:
        """A regular article added where numbers are kept (a vacant number): after the
        nearest article numbered lower."""
        numbers = compute_numbers(self.draft)
        before = [
            a for a in self.draft.articles()
            if a.uid in numbers and 0 < numbers[a.uid].ordinal < number
        ]  # fmt: skip
        if not before:
            raise AmendError(f"找不到{label}之前的条文")
        anchor = before[-1]
        self._insert(
            article, self.parent[anchor.uid], _index_of(self._siblings(anchor), anchor) + 1
        )
        article.label = label

    # ---- headings: changed on the sequence of headings and articles, then nested again

    def heading_phase(self, ins: Instruction, units: list[Unit]) -> None:
        a = ins.action
        if a == PREAMBLE:
            if self.old_preamble is _UNSET:
                self.old_preamble = self.draft.preamble
            named = "序言" if ins.anchor == "序言" else ""
            self.draft.preamble = Preamble(named, ins.texts[0].split("\n")) if ins.texts else None
            return
        if a == NOTE:
            if self.old_notes is None:
                self.old_notes = list(self.draft.notes)
            self.draft.notes = noted(self.draft.notes, ins)
            return
        if a in (APPENDIX, APPENDIX_WORDS):
            self._appendix(ins)
            return
        if a == RENAME:
            if not ins.anchor:
                if self.old_title is None:
                    self.old_title = self.draft.title
                self.draft.title = ins.new
                return
            self._heading_ops.append((ins, units[0], None))
        elif a in (DELETE_HEADING, HEADING_MOVE):
            self._heading_ops.append((ins, units[0], None))
        elif a == ADD_HEADING:
            kind = _label_kind(ins.new_labels[0])
            heading = Unit(kind, heading=ins.new)
            if titled(ins.new_labels[0]) is not None:
                heading.numbering = Numbering.NONE  # printed without a number, as its label says
            self._heading_ops.append((ins, heading, units[0]))

    def _appendix(self, ins: Instruction) -> None:
        """One appendix clause, the appendix named by its OLD label (see ``apply_appendix``);
        what it adds or relabels keeps its label when the others are numbered again."""
        if self.old_appendices is None:
            self.old_appendices = [x.clone() for x in self.draft.appendices]
            names = [appendix_name(x.label) for x in self.draft.appendices]
            self._appendix_named = {
                n: x for n, x in zip(names, self.draft.appendices, strict=True) if names.count(n) == 1
            }
        before = list(self.draft.appendices)
        apply_appendix(self.draft.appendices, ins, self._appendix_named)
        if ins.action == APPENDIX and (ins.position == 1 or not ins.texts):
            self._appendix_shifted = True
        if ins.action == APPENDIX and ins.new_labels:
            self._appendix_fixed |= {
                id(x) for x in self.draft.appendices if all(x is not y for y in before)
            }
            if ins.position != 1:
                self._appendix_fixed.add(id(self._appendix_named.get(ins.anchor)))

    def renumber_appendices(self) -> None:
        """After an appendix was added or deleted: the others numbered again, as the closing
        对条文顺序作相应调整 says (no warning: the decision said so)."""
        if not self._appendix_shifted or self.old_appendices is None:
            return
        renumber_appendices(
            self.draft.appendices,
            [x.label for x in self.old_appendices],
            frozenset(self._appendix_fixed),
        )

    def regroup(self) -> None:
        """Apply the heading changes on the flat sequence of headings and articles, then nest
        it again by level (a heading closes every open heading of its level or below)."""
        if not self._heading_ops:
            return
        tokens: list[Unit] = [
            u for u in self.draft.walk() if u.kind.is_heading or u.kind is UnitKind.ARTICLE
        ]
        for ins, unit, where in self._heading_ops:
            if ins.action == RENAME:
                assert unit is not None and self._op is not None
                self._op.set_heading(unit, ins.new)
                continue
            if ins.action == DELETE_HEADING and ins.position == 1 and unit is not None:
                inner = [u for u in unit.walk() if u.kind.is_heading]
                tokens = [t for t in tokens if all(t is not u for u in inner)]
                self.removed.extend(u.uid for u in inner)
                continue
            if ins.action == DELETE_HEADING:
                tokens = [t for t in tokens if t is not unit]
                if unit is not None:
                    self.removed.append(unit.uid)
                continue
            if ins.action == HEADING_MOVE:
                assert unit is not None
                try:
                    tokens = self._move_heading(tokens, ins, unit)
                except AmendError as error:
                    self.result.failed.append((ins, str(error)))
                continue
            assert unit is not None and where is not None
            k = _index_of(tokens, where)
            if k < 0:
                self.result.failed.append((ins, f"{ins.anchor}已不存在，无法确定增加的位置"))
                continue
            if ins.before:
                # Before an article: before the deeper headings that open it too (a new 章
                # goes before the 第一节 that starts at the same article).
                while (
                    k > 0
                    and tokens[k - 1].kind.is_heading
                    and _RANK[tokens[k - 1].kind] > _RANK[unit.kind]
                ):
                    k -= 1
                tokens.insert(k, unit)
            elif where.kind.is_heading:
                end = k + 1
                later = self._later_unnamed(where)
                while end < len(tokens) and not (
                    tokens[end].kind.is_heading and _RANK[tokens[end].kind] <= _RANK[where.kind]
                ):
                    if id(tokens[end]) in later:
                        break
                    end += 1
                tokens.insert(end, unit)
            else:
                # After an article: after the headings this decision already put there too
                # (a new 章 and its first 节 both follow the same article, in that order).
                end = k + 1
                while (
                    end < len(tokens)
                    and tokens[end].kind.is_heading
                    and (
                        tokens[end].uid in self.inserted
                        or _RANK[tokens[end].kind] < _RANK[unit.kind]
                    )
                ):
                    end += 1
                tokens.insert(end, unit)
            self.inserted.append(unit.uid)
        top: list[Unit] = []
        stack: list[Unit] = []
        children: dict[int, list[Unit]] = {}
        for t in tokens:
            if t.kind.is_heading:
                while stack and _RANK[stack[-1].kind] >= _RANK[t.kind]:
                    stack.pop()
            (children[id(stack[-1])] if stack else top).append(t)
            if t.kind.is_heading:
                children[id(t)] = []
                stack.append(t)
        for t in tokens:
            if t.kind.is_heading:
                self._keep(t)
                t.children = children[id(t)]
        self._keep(None)
        self.draft.units[:] = top
        self.parent = {u.uid: p for u, p in self.draft.walk_with_parents()}
        self._regular = None

    def _later_unnamed(self, where: Unit) -> set[int]:
        """ids of the articles under a heading after ``where`` (same level or higher) whose
        name this decision deletes (删去第三章章名): 在第二章后增加一章 names the old text, where
        第二章 ended before them, so the new heading goes before them, not after them (they
        join 第二章 only because the heading after it lost its name)."""
        order = {u.uid: n for n, u in enumerate(self.draft.walk()) if u.kind.is_heading}
        out: set[int] = set()
        for ins, unit, _ in self._heading_ops:
            if (
                ins.action != DELETE_HEADING
                or ins.position == 1
                or unit is None
                or _RANK.get(unit.kind, 9) > _RANK.get(where.kind, 9)
                or order.get(unit.uid, -1) <= order.get(where.uid, -1)
            ):
                continue
            out |= {id(u) for u in unit.walk() if u.kind is UnitKind.ARTICLE}
        return out

    def _move_heading(self, tokens: list[Unit], ins: Instruction, unit: Unit) -> list[Unit]:
        """将第四章改为第六章 on the sequence of headings and articles: the heading leaves its
        place and opens the first of the articles it held in the old text (wherever the
        decision moved them), before the deeper headings that open that article too; at the
        level its new label names (a 节 may become a 章), with its new title if one is given.
        Its number is then the one its place gives (a printed label is dropped).
        Failure (AmendError kept in ``failed``): none of its articles is left."""
        held = self._held.get(unit.uid, [])
        rest = [t for t in tokens if t is not unit]
        first = next((k for k, t in enumerate(rest) if any(t is h for h in held)), -1)
        if first < 0:
            self.result.failed.append((ins, f"{ins.anchor}的条文均已删去，无法确定其位置"))
            return tokens
        label = ins.new_labels[0]
        kind = _label_kind(label)
        assert self._op is not None
        moved = unit
        if kind is not unit.kind:
            # Another level: a new unit of that kind with the same uid (the tree keeps it).
            moved = Unit(kind, heading=unit.heading, uid=unit.uid)
        elif unit.label:
            self._op.set_label(unit, "")
        if ins.new:
            if moved is unit:
                self._op.set_heading(unit, ins.new)
            else:
                moved.heading = ins.new
        k = first
        while k > 0 and rest[k - 1].kind.is_heading and _RANK[rest[k - 1].kind] > _RANK[kind]:
            k -= 1
        rest.insert(k, moved)
        return rest

    def _place_article(self, article: Unit, number: int, container: str) -> None:
        self._put_article(article, number, container)
        assert self._regular is not None
        self._regular.insert(number - 1, article)  # additions come in ascending order

    def _put_article(self, article: Unit, number: int, container: str) -> None:
        if self._regular is None:
            self._regular = [a for a in self.draft.articles() if a.numbering is Numbering.REGULAR]
        regular = self._regular
        holder: Unit | None = None
        if container:
            ctx = Context(self.draft)
            holder = next(
                (
                    u
                    for u in ctx.units.values()
                    if u.kind.is_heading and heading_label(ctx, u.uid) == container
                ),
                None,
            )
            if holder is None:
                raise AmendError(f"找不到{container}")
        if number - 2 >= len(regular):
            raise AmendError(f"新增第{to_chinese(number)}条之前的条文不足")
        before = regular[number - 2] if number >= 2 else None
        if before is not None and (holder is None or self._holds(holder, before)):
            # After the article now numbered one less (and after its 之一 articles).
            siblings = self._siblings(before)
            k = _index_of(siblings, before) + 1
            while (
                k < len(siblings)
                and siblings[k].kind is UnitKind.ARTICLE
                and siblings[k].numbering is Numbering.INSERTED
            ):
                k += 1
            self._insert(article, self.parent[before.uid], k)
            return
        if holder is not None:
            # The first article of the 章/节 named.
            target: Unit = holder
            while target.children and target.children[0].kind.is_heading:
                target = target.children[0]
            self._insert(article, target, 0)
            return
        first = regular[0] if regular else None
        if first is None:
            self._insert(article, None, len(self.draft.units))
            return
        self._insert(article, self.parent[first.uid], _index_of(self._siblings(first), first))

    def _holds(self, holder: Unit, unit: Unit) -> bool:
        up = self.parent.get(unit.uid)
        while up is not None:
            if up is holder:
                return True
            up = self.parent.get(up.uid)
        return False

    def words(self, ins: Instruction, units: list[Unit]) -> None:
        """A phrase edit on the old words of every text unit under its places; the index
        keeps the references outside the words replaced (shifted), drops those inside.

        Grouped items, one rule (F25, G2): every quoted word must stand in at least one place
        named and every place named must hold at least one quoted word — with one word, every
        place must hold it; with 分别修改为, each word is replaced where it stands. Otherwise
        the whole item fails (all instructions read from it) and nothing of it is applied. A
        place named twice, or inside another named place, is edited once (G10)."""
        if ins.action not in PHRASE_ACTIONS:
            return
        if not ins.places and ins.anchor:
            self._preamble_words(ins)
            return
        hits = 0
        index = self.session.index.by_unit
        pairs = self._distinct_places(ins, units)
        group = self._word_group(ins)
        if len(group) > 1:
            # 分别修改为: the item's words are checked together, once, before any is changed.
            if ins is group[0]:
                self._check_group(group, pairs)
        else:
            # An item is applied whole or not at all: every place it names must hold “A”.
            lacking = [
                p.words()
                for p, unit in pairs
                if not any(u.kind in _TEXT_KINDS and ins.old in u.text for u in unit.walk())
            ]
            if lacking and len(lacking) < len(pairs):
                raise AmendError(f"{'、'.join(lacking)}中没有“{ins.old}”，本项未执行")
        self._note_inserted_already(ins, pairs)
        for place, unit in pairs:
            self._note_repeats(ins, place, unit)
            for u in unit.walk():
                if u.kind in _TEXT_KINDS:
                    new, edits = phrase_edits(u.text, ins)
                    if new != u.text:
                        hits += 1
                        refs = index.get(u.uid)
                        if refs:
                            index[u.uid] = tuple(
                                replace(r, start=s, end=e)
                                for r in refs
                                for s, e in [shift_span(r.start, r.end, edits)]
                                if s >= 0
                            )
                        self._text(u, new)
        if not hits:
            where = "、".join(p.words() for p in ins.places)
            already = (
                ins.action == REPLACE
                and ins.new
                and all(
                    any(u.kind in _TEXT_KINDS and ins.new in u.text for u in unit.walk())
                    for unit in units
                )
            )
            raise AmendError(
                f"{where}中没有“{ins.old}”" + ("（原文似已按本条修改）" if already else "")
            )

    def _note_inserted_already(self, ins: Instruction, pairs: list[tuple[Place, Unit]]) -> None:
        """G14: 在…中的“A”后增加“B” where every “A” is already followed by “B” (before: preceded)
        — what a second application meets. Applied as asked, but told (``ALREADY``), so that
        ``looks_applied`` counts it."""
        if ins.action not in (INSERT_AFTER, INSERT_BEFORE) or not ins.old or not ins.new:
            return
        a, b = ins.old, ins.new
        seen = done = 0
        for _, unit in pairs:
            for u in unit.walk():
                if u.kind not in _TEXT_KINDS:
                    continue
                k = u.text.find(a)
                while k >= 0:
                    seen += 1
                    if ins.action == INSERT_AFTER:
                        done += u.text.startswith(b, k + len(a))
                    else:
                        done += u.text[:k].endswith(b)
                    k = u.text.find(a, k + len(a))
        if seen and done == seen:
            where = "、".join(p.words() for p, _ in pairs)
            side = "后" if ins.action == INSERT_AFTER else "前"
            self.result.warnings.append(f"{where}中的“{a}”{side}已有“{b}”，{ALREADY}")

    def _distinct_places(self, ins: Instruction, units: list[Unit]) -> list[tuple[Place, Unit]]:
        """G10: the places of a grouped phrase item, each text edited once. A place named
        twice (将第二十三条、第二十三条中的…) or inside another place named (第八条、第八条第二款)
        is dropped with a warning: the edit it asks for is made by the other mention, and
        applying it again would change the new words ("城市城市公园"). Dropped rather than
        failing the item: the words meant for that place are not in doubt, only the slip."""
        kept: list[tuple[Place, Unit]] = []
        for place, unit in zip(ins.places, units, strict=False):
            same = next((p for p, u in kept if u is unit), None)
            if same is not None:
                self.result.warnings.append(
                    f"{self._which(ins)}两次列出{place.words()}，只修改一次，请核对是否误写"
                )
                continue
            holder = next((p for p, u in kept if self._holds(u, unit)), None)
            if holder is not None:
                self.result.warnings.append(
                    f"{self._which(ins)}所列{place.words()}已含在{holder.words()}中，只修改一次"
                )
                continue
            inner = [k for k, (_, u) in enumerate(kept) if self._holds(unit, u)]
            for k in reversed(inner):
                self.result.warnings.append(
                    f"{self._which(ins)}所列{kept[k][0].words()}已含在{place.words()}中，只修改一次"
                )
                del kept[k]
            kept.append((place, unit))
        return kept

    def _which(self, ins: Instruction) -> str:
        """The item as a warning names it: 第五项 (its number as printed), else its words."""
        item = self._item.get(id(ins), "")
        return f"第{item}项" if item else f"“{render(ins)}”"

    def _word_group(self, ins: Instruction) -> list[Instruction]:
        """The phrase instructions read from the same clause as ``ins`` over the same places
        (将第五条第一款、第二款中的“A”、“B”分别修改为“C”、“D”: one per word), in order."""
        key = self._clause.get(id(ins))
        if key is None or ins.action not in PHRASE_ACTIONS:
            return [ins]
        return [
            i
            for i, _ in self._resolved
            if self._clause.get(id(i)) == key
            and i.action in PHRASE_ACTIONS
            and i.places == ins.places
        ]

    def _check_group(self, group: list[Instruction], pairs: list[tuple[Place, Unit]]) -> None:
        """One rule for grouped phrase items (F25, G2), checked before any word is changed:
        every quoted word must stand in at least one of the places named, and every place
        named must hold at least one of the quoted words; each word is then replaced where it
        stands. Otherwise the whole item fails — every instruction read from it — and nothing
        of it is applied. (With one word this is F25's rule: every place must hold it.)"""
        texts = [[u.text for u in unit.walk() if u.kind in _TEXT_KINDS] for _, unit in pairs]
        words = [i.old for i in group]
        where = "、".join(p.words() for p, _ in pairs)
        reason = ""
        missing = [w for w in words if not any(w in t for ts in texts for t in ts)]
        if missing:
            reason = f"{where}中没有{'、'.join(f'“{w}”' for w in missing)}"
        else:
            empty = [
                p.words()
                for (p, _), ts in zip(pairs, texts, strict=True)
                if not any(w in t for w in words for t in ts)
            ]
            if empty:
                said = "、".join(f"“{w}”" for w in words)
                reason = f"{'、'.join(empty)}中没有{said}中的任何一个"
        if reason:
            reason += "，本项各处均未修改"
            for other in group[1:]:
                self.result.failed.append((other, reason))
            raise AmendError(reason)

    def _note_repeats(self, ins: Instruction, place: Place, unit: Unit) -> None:
        """Warn when the quoted “A” stands more than once in the place named: every one is
        changed (the committee's reading), but a slip in the quotation is caught so."""
        count = sum(len(phrase_edits(u.text, ins)[1]) for u in unit.walk() if u.kind in _TEXT_KINDS)
        if count > 1:
            done = _REPEAT_DONE.get(ins.action, "均已修改")
            self.result.warnings.append(f"{place.words()}中的“{ins.old}”出现{count}处，{done}")

    def full_width(self) -> None:
        """Half-width punctuation (: ; , ( ) ? !) in every 款, 项 and 目 and in the printed
        item labels becomes full-width (the decision's 将半角标点符号修改为全角)."""
        for u in self.draft.walk():
            if u.kind in _TEXT_KINDS:
                self._text(u, u.text.translate(FULL_WIDTH))
                if u.label and u.label != u.label.translate(FULL_WIDTH):
                    assert self._op is not None
                    self._op.set_label(u, u.label.translate(FULL_WIDTH))

    def _set_lines(self, unit: Unit, text: str) -> None:
        """Give an article, 款 or 项 the words and structure of ``text`` (its lines), keeping
        the uids of the 款, 项 and 目 that stay (by position)."""
        # Table rows (| a | b |) are the 款's table, not 款 of their own.
        lines, tables = take_tables(read_lines(text), unit.kind)
        # The numbers the quoted items print, in order (see ``_list_line``).
        self._item_numbers = [
            from_chinese(m.group(1)) for line in text.split("\n") if (m := _ITEM_LABEL.match(line))
        ]
        try:
            self._set_structure(unit, lines)
        finally:
            self._set_item_labels(unit, text)
        if unit.kind is UnitKind.PARAGRAPH:
            self.tables.set(unit, tables.get(0))
        elif unit.kind is UnitKind.ARTICLE:
            for k, paragraph in enumerate(unit.children):
                self.tables.set(paragraph, tables.get(k))

    def _set_item_labels(self, unit: Unit, text: str) -> None:
        """The items keep the labels the quoted text prints: （一） (the house style, no
        lock) or (一) as printed (a lock), so the amended text reads as the quotation."""
        # A 项 printed without a label ("", G12) keeps none (``unlabelled_items``).
        bare = unlabelled_items(text.split("\n"))
        printed: list[str] = []
        for k, line in enumerate(text.split("\n")):
            if k in bare:
                printed.append("")
            elif m := _ITEM_LABEL.match(line):
                printed.append(m.group(0))
        # The 目 labels as quoted (1. or 1．), read as ``read_lines`` reads them.
        subs: list[str] = []
        in_item = False
        for line in text.split("\n"):
            if _ITEM_LABEL.match(line):
                in_item = True
            elif (m := _SUBITEM_LABEL.match(line)) and in_item:
                subs.append(m.group(0))
            else:
                in_item = False
        assert self._op is not None
        for kind, labels, house in (
            (UnitKind.ITEM, printed, lambda k: f"（{to_chinese(k)}）"),
            (UnitKind.SUBITEM, subs, lambda k: f"{k}."),
        ):
            units = [u for u in unit.walk() if u.kind is kind]
            if len(labels) != len(units):
                continue
            for item, label in zip(units, labels, strict=True):
                up = self.parent.get(item.uid)
                k = _index_of(up.children, item) + 1 if up is not None else 1
                want = "" if label == house(k) else label
                if item.label != want:
                    self._op.set_label(item, want)
                numbering = Numbering.UNLABELLED if kind is UnitKind.ITEM and not label else None
                if numbering is None and item.numbering is Numbering.UNLABELLED:
                    numbering = Numbering.REGULAR  # a number printed again
                if numbering is not None and item.numbering is not numbering:
                    self._op._set_text(item, numbering, "numbering")

    def _set_structure(self, unit: Unit, lines: list[tuple[UnitKind, str]]) -> None:
        if unit.kind is UnitKind.ARTICLE:
            tree: list[tuple[str, list[tuple[str, list[tuple[str, list]]]]]] = []  # type: ignore[type-arg]
            for k, (kind, words) in enumerate(lines):
                if _list_line(lines, k, self._item_numbers) and tree and tree[-1][1]:
                    tree[-1][1].append(_Unnumbered(words))
                    continue
                if kind is UnitKind.PARAGRAPH or not tree:
                    tree.append((words if kind is UnitKind.PARAGRAPH else "", []))
                    if kind is UnitKind.PARAGRAPH:
                        continue
                if kind is UnitKind.ITEM:
                    tree[-1][1].append((words, []))
                elif kind is UnitKind.SUBITEM:
                    if not tree[-1][1]:
                        tree[-1][1].append(("", []))
                    tree[-1][1][-1][1].append((words, []))
            self._set_children(unit, UnitKind.PARAGRAPH, tree)
            return
        if unit.kind is UnitKind.PARAGRAPH:
            own = bool(lines) and lines[0][0] is UnitKind.PARAGRAPH
            self._text(unit, lines[0][1] if own else "")
            items: list[tuple[str, list]] = []  # type: ignore[type-arg]
            rest = lines[1:] if own else lines
            for k, (kind, w) in enumerate(rest):
                if kind is UnitKind.SUBITEM and items:
                    items[-1][1].append((w, []))
                elif items and _list_line(rest, k, self._item_numbers):
                    items.append(_Unnumbered(w))
                else:
                    items.append((w, []))
            self._set_children(unit, UnitKind.ITEM, items)
            return
        self._text(unit, lines[0][1] if lines else "")
        self._set_children(unit, UnitKind.SUBITEM, [(w, []) for _, w in lines[1:]])

    def _set_children(self, unit: Unit, kind: UnitKind, tree: list) -> None:  # type: ignore[type-arg]
        """Make ``unit``'s children match ``tree``: [(words, subtree)] per child, in order."""
        children = unit.children
        for k, (words, sub) in enumerate(tree):
            if k < len(children):
                child = children[k]
            else:
                child = Unit(kind)
                self._insert(child, unit, k)
            if kind is UnitKind.ITEM:
                want = Numbering.NONE if isinstance(tree[k], _Unnumbered) else Numbering.REGULAR
                if child.numbering is not want and child.numbering is not Numbering.INSERTED:
                    child.numbering = want  # (a unit of this decision's own operation)
            self._text(child, words)
            below = {UnitKind.PARAGRAPH: UnitKind.ITEM, UnitKind.ITEM: UnitKind.SUBITEM}
            if kind in below:
                self._set_children(child, below[kind], sub)
        while len(unit.children) > max(len(tree), 1 if kind is UnitKind.PARAGRAPH else 0):
            self._remove(unit.children[len(tree)])


class _Unnumbered(tuple):  # type: ignore[type-arg]
    """(words, []) of a line of a list printed without a number (``_list_line``)."""

    def __new__(cls, words: str) -> _Unnumbered:
        return super().__new__(cls, (words, []))


def _list_line(lines: list[tuple[UnitKind, str]], k: int, numbers: list[int]) -> bool:
    """An unlabelled line between （一） and （二） of a quoted text: a line of the list printed
    without a number that does not restart the count (as ``read.parse`` reads it: an item of
    ``Numbering.NONE``), not a 款 of its own — the 济南 条例 第二十九条 prints one.
    ``numbers``: the printed numbers of the ITEM lines of ``lines``, in order."""
    if lines[k][0] is not UnitKind.PARAGRAPH or k == 0:
        return False
    kinds = [kind for kind, _ in lines]
    before = next((x for x in reversed(kinds[:k]) if x is not UnitKind.SUBITEM), None)
    if before is not UnitKind.ITEM:
        return False
    nxt = next((j for j in range(k + 1, len(kinds)) if kinds[j] is not UnitKind.PARAGRAPH), None)
    if nxt is None or kinds[nxt] is not UnitKind.ITEM:
        return False
    index = kinds[:nxt].count(UnitKind.ITEM)  # the next item's place among the ITEM lines
    return index < len(numbers) and numbers[index] > 1  # （二）…: the count goes on


_CN = "零〇一二两三四五六七八九十百千"


def _plain(text: str) -> str:
    """Words compared without spaces, line breaks and a leading article label."""
    text = re.sub(rf"^第[{_CN}]+条(?:之[{_CN}]+)?\s*", "", text.strip())
    return re.sub(r"\s+", "", text)


def _printed_deleted(article: Unit) -> bool:
    """An article printed as （删去） (a 修正案 deleted it, its number kept vacant)."""
    words = "".join(u.text for u in article.walk() if u.kind in _TEXT_KINDS).strip()
    return words in ("（删去）", "(删去)")


def _already(unit: Unit, text: str) -> bool:
    """The unit already reads as the quoted text (its lines, labels and tables aside)."""
    lines, _ = take_tables(read_lines(text), unit.kind)
    want = [re.sub(r"\s+", "", w) for _, w in lines]
    have = [re.sub(r"\s+", "", u.text) for u in unit.walk() if u.kind in _TEXT_KINDS and u.text]
    return bool(have) and [w for w in want if w] == have


def _index_of(units: list[Unit], unit: Unit) -> int:
    for i, u in enumerate(units):
        if u is unit:
            return i
    return -1


def _with_parents(unit: Unit, parent: Unit | None) -> list[tuple[Unit, Unit | None]]:
    out: list[tuple[Unit, Unit | None]] = [(unit, parent)]
    out.extend(_with_parents_list(unit.children, unit))
    return out


def _with_parents_list(units: list[Unit], parent: Unit) -> list[tuple[Unit, Unit | None]]:
    out: list[tuple[Unit, Unit | None]] = []
    for u in units:
        out.extend(_with_parents(u, parent))
    return out


_TEXT_KINDS = frozenset({UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM})
#: What a repeated “A” warning says was done to every occurrence (see ``_note_repeats``).
_REPEAT_DONE = {
    REPLACE: "均已修改",
    DELETE_WORDS: "均已删去",
    INSERT_AFTER: "均已在其后增加",
    INSERT_BEFORE: "均已在其前增加",
}
_UNSET = object()
_HEADING_KIND = {"编": UnitKind.PART, "章": UnitKind.CHAPTER, "节": UnitKind.SECTION}


def _renumbered_rewrite(ins: Instruction) -> bool:
    """将第三十条改为第二十八条，修改为：“……”: a whole article rewritten under a new number."""
    return (
        ins.action == REWRITE
        and bool(ins.new_labels)
        and len(ins.places) == 1
        and not (ins.places[0].paragraph or ins.places[0].item)
        and ins.new_labels[0] != ins.places[0].article
    )


def _label_kind(label: str) -> UnitKind:
    """The level a heading label names (第三章, “生态治理”一章, 第二分编); AmendError for a
    label that names none (a decision drafted or typed with a bare title)."""
    try:
        return heading_kind(label)
    except ValueError as error:
        raise AmendError(str(error)) from error


_RANK = {UnitKind.PART: 0, UnitKind.SUBPART: 1, UnitKind.CHAPTER: 2, UnitKind.SECTION: 3}
#: Half-width punctuation and its full-width form (as ``compare.articles.normalise`` uses).
FULL_WIDTH = str.maketrans(
    {":": "：", "(": "（", ")": "）", ",": "，", ";": "；", "?": "？", "!": "！"}
)


def apply_phrase(text: str, ins: Instruction) -> str:
    """One phrase edit on one text: every occurrence of “A” (unchanged text when none)."""
    return phrase_edits(text, ins)[0]


#: One edit of a text: (start, end) of the words replaced in the text before, and the length
#: of the words put there.
Edit = tuple[int, int, int]


def phrase_edits(text: str, ins: Instruction) -> tuple[str, list[Edit]]:
    """One phrase edit on one text (every occurrence of “A”, left to right, not overlapping):
    the new text and the stretches replaced. Inserting after (before) “A” replaces only the
    empty stretch after (before) it, so a cited number inside “A” stays bound."""
    if not ins.old:
        return text, []
    a = ins.old
    edits: list[Edit] = []
    pieces: list[str] = []
    pos = 0
    k = text.find(a)
    while k >= 0:
        if ins.action == REPLACE:
            start, end, words = k, k + len(a), ins.new
        elif ins.action == INSERT_AFTER:
            start, end, words = k + len(a), k + len(a), ins.new
        elif ins.action == INSERT_BEFORE:
            start, end, words = k, k, ins.new
        elif ins.action == DELETE_WORDS:
            start, end, words = k, k + len(a), ""
        else:
            raise ValueError(ins.action)
        pieces.append(text[pos:start])
        pieces.append(words)
        edits.append((start, end, len(words)))
        pos = end
        k = text.find(a, k + len(a))
    pieces.append(text[pos:])
    return "".join(pieces), edits


def shift_span(start: int, end: int, edits: list[Edit]) -> tuple[int, int]:
    """Where the words at [start, end) stand after ``edits`` (ascending, not overlapping);
    (-1, -1) when an edit touched them. An insertion exactly at either end does not."""
    delta = 0
    for s, e, n in edits:
        if e <= start:
            delta += n - (e - s)
        elif s >= end:
            break
        else:
            return -1, -1
    return start + delta, end + delta


def _renumber_spans(
    before: str, after: str, old_refs: tuple[Any, ...], new_refs: tuple[Any, ...]
) -> list[tuple[int, int, int, int]]:
    """The references whose words the renumbering changed, as (old start, old end, new start,
    new end) in the text before and after (``rewrite_references`` keeps one per reference)."""
    out: list[tuple[int, int, int, int]] = []
    for r, n in zip(old_refs, new_refs, strict=False):
        if before[r.start : r.end] != after[n.start : n.end]:
            out.append((r.start, r.end, n.start, n.end))
    return out


def unlabelled_items(lines: list[str]) -> set[int]:
    """Indexes of lines printed without a label between two 项 (the source lost its （五）,
    G12): they end like an item (；) and the labelled 项 around them leave exactly their
    number free (（四）, the line, （六）; or the 款's lead-in, the line, （二）) — the rule of
    ``read.parse`` (``_repair_unlabelled_item``). The 项 they are keeps no label
    (Numbering.UNLABELLED). A line between （一） and （二） frees no number: it is a line of
    the list printed without one (``_list_line``), not a lost label."""
    out: set[int] = set()
    for k in range(1, len(lines) - 1):
        line = lines[k]
        after = _ITEM_LABEL.match(lines[k + 1])
        if _ITEM_LABEL.match(line) or not line.endswith(("；", ";")) or after is None:
            continue
        before = _ITEM_LABEL.match(lines[k - 1])
        if before is not None:
            fits = from_chinese(before.group(1)) == from_chinese(after.group(1)) - 2
        else:
            # the first 项 lost its （一）: the 款 opens the list, （二） follows
            fits = lines[k - 1].endswith(("：", ":")) and from_chinese(after.group(1)) == 2
        if fits:
            out.add(k)
    return out


def read_lines(text: str) -> list[tuple[UnitKind, str]]:
    """The lines of a quoted text as (kind, words without label): 款, （一）项, 1.目."""
    out: list[tuple[UnitKind, str]] = []
    bare = unlabelled_items(text.split("\n"))
    for k, line in enumerate(text.split("\n")):
        if k in bare:
            out.append((UnitKind.ITEM, line))
            continue
        m = _ITEM_LABEL.match(line)
        if m:
            out.append((UnitKind.ITEM, line[m.end() :]))
            continue
        m = _SUBITEM_LABEL.match(line)
        if m and out and out[-1][0] in (UnitKind.ITEM, UnitKind.SUBITEM):
            out.append((UnitKind.SUBITEM, line[m.end() :]))
            continue
        out.append((UnitKind.PARAGRAPH, line))
    return out


def apply_instructions(
    draft: Draft,
    instructions: list[Instruction],
    *,
    full_width: bool = False,
    keep_numbers: bool = False,
    items: list[str] | None = None,
    clauses: list[object] | None = None,
) -> AmendResult:
    """Apply the instructions to a copy of ``draft`` (uids kept); the original is untouched.
    The copy's EditSession (``Amender.session``) can undo the whole decision at once.
    ``full_width``: the decision also makes half-width punctuation full-width.
    ``keep_numbers``: a 修正案 — no article is renumbered (a deleted one leaves its number
    vacant, 之一 articles are added after theirs).
    ``items``/``clauses``: per instruction, its item number and source clause (see
    ``Amender.apply``)."""
    amender = Amender(draft.clone())
    amender.normalise_punctuation = full_width
    amender.keep_numbers = keep_numbers
    return amender.apply(instructions, items=items, clauses=clauses)


def apply_decision(draft: Draft, decision: DecisionText) -> AmendResult:
    """Apply a decision as read (its instructions and its closing full-width sentence) to a
    copy of ``draft``; see ``apply_instructions``.

    Warns (``AmendResult.warnings``, Chinese) and sets ``nothing_applied`` when the decision
    holds no instruction that could be read, when none of them could be applied, or when
    applying them left the text exactly as it was."""
    result = apply_instructions(
        draft,
        decision.instructions,
        full_width=decision.full_width,
        keep_numbers=decision.keep_numbers,
        items=decision.item_numbers,
        clauses=list(decision.sources),
    )
    if not decision.instructions and not decision.full_width:
        unread = f"（{len(decision.unread)} 处无法识别）" if decision.unread else ""
        result.warnings.append(f"修改决定中没有找到可执行的修改条款{unread}，原文未作修改")
        result.nothing_applied = True
    elif not result.applied and not decision.full_width:
        result.warnings.append(f"修改决定的 {len(result.failed)} 项修改均未能执行，原文未作修改")
        result.nothing_applied = True
    elif _snapshot(result.draft) == _snapshot(draft):
        result.warnings.append("按修改决定修改后，文本与原文完全相同：修改决定没有改变任何内容")
        result.nothing_applied = True
    if not result.nothing_applied:
        said = looks_applied(result)
        if said:
            result.looks_applied = True
            result.warnings.insert(0, said)
    result.warnings.extend(decision.warnings)  # what the reader took by a guess
    return result


#: The words by which an item says its text already reads as amended (failure or warning).
ALREADY = "原文似已按本条修改"


def looks_applied(result: AmendResult) -> str:
    """G14: the warning when the decision looks applied to this text already, else "".

    Counted: items whose failure or warning says the text already reads as amended
    (``ALREADY``). The threshold: at least two such items, or one when more than half of the
    items failed. One item alone is an ordinary slip (a change already made by hand, a
    修正案 partly folded in); two independent items each finding their new words in place,
    or one with most of the decision not fitting, is what a second application gives — and
    applying again the items that still "fit" (增加一条, 改为两条, 删去第N款) duplicates or
    deletes the wrong units."""
    already = sum(1 for _, r in result.failed if ALREADY in r)
    already += sum(1 for w in result.warnings if ALREADY in w)
    total = len(result.applied) + len({id(i) for i, _ in result.failed})
    failed = len({id(i) for i, _ in result.failed})
    if already >= 2 or (already >= 1 and failed * 2 > total):
        return (
            f"本决定似已执行过：{already} 项的原文似已按该项修改，{failed} 项未能执行。"
            "再次执行会重复增加或删去条文，请核对所选稿次"
        )
    return ""


def appendix_at(appendices: list[Appendix], anchor: str) -> int:
    """The index of the appendix a decision names (附件1; 附件 for one printed without a
    label); AmendError when there is none or more than one by that name."""
    found = [k for k, a in enumerate(appendices) if appendix_name(a.label) == anchor]
    if not found:
        raise AmendError(f"原文没有{anchor}")
    if len(found) > 1:
        raise AmendError(f"原文有{len(found)}个{anchor}，无法确定修改哪一个")
    return found[0]


def replace_in_appendix(appendix: Appendix, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` wherever it stands in the appendix's title, paragraphs and
    table cells (spans kept); how many texts changed."""
    hits = 0

    def swap(text: str) -> str:
        nonlocal hits
        if old and old in text:
            hits += 1
            return text.replace(old, new)
        return text

    appendix.title = swap(appendix.title)
    blocks: list[str | Table] = []
    for block in appendix.blocks:
        if isinstance(block, str):
            blocks.append(swap(block))
        else:
            blocks.append(
                Table(
                    [
                        [Cell(swap(c.text), c.col_span, c.row_span) for c in row]
                        for row in block.rows
                    ]
                )
            )
    appendix.blocks = blocks
    return hits


def apply_appendix(
    appendices: list[Appendix], ins: Instruction, named: dict[str, Appendix] | None = None
) -> None:
    """Apply an APPENDIX or APPENDIX_WORDS clause to the list of appendices (in place).

    ``named``: the appendices by the names the OLD text gave them (附件2), so that a clause
    finds its appendix whatever was added or deleted before it (附件2 is the old 附件2 even
    after 增加一个附件，作为附件2); by default they are looked up by their labels now.
    An added appendix goes where its label puts it among those of its word (作为附件2: after
    the first 附件; 附表 after the 附件), last when there is no such place. AmendError when the
    appendix named is not there (or twice), or the words to replace are not in it."""
    if ins.action == APPENDIX_WORDS:
        k = _appendix_index(appendices, ins.anchor, named)
        new = ins.new
        if ins.position == 1:
            new = ins.old + ins.new  # 在附件1中的“A”后增加“B”
        elif ins.position == -1:
            new = ins.new + ins.old  # 在附件1中的“A”前增加“B”
        if not replace_in_appendix(appendices[k], ins.old, new):
            raise AmendError(f"{ins.anchor}中没有“{ins.old}”")
        return
    if ins.position == 1:
        label = ins.new_labels[0]
        if named is None and any(appendix_name(a.label) == label for a in appendices):
            raise AmendError(f"原文已有{label}")
        appendices.insert(
            _appendix_slot(appendices, label), appendix_from_lines(label, ins.texts[0].split("\n"))
        )
        return
    k = _appendix_index(appendices, ins.anchor, named)
    if not ins.texts:
        del appendices[k]
        return
    label = ins.new_labels[0] if ins.new_labels else appendices[k].label
    changed = appendix_from_lines(label, ins.texts[0].split("\n"))
    if named is not None:
        # Keep the object (its old name still finds it): change it in place.
        appendices[k].label, appendices[k].title = changed.label, changed.title
        appendices[k].blocks = changed.blocks
    else:
        appendices[k] = changed


def _appendix_index(
    appendices: list[Appendix], anchor: str, named: dict[str, Appendix] | None
) -> int:
    if named is None:
        return appendix_at(appendices, anchor)
    target = named.get(anchor)
    if target is None:
        return appendix_at(appendices, anchor)  # says why: none, or printed twice
    k = next((k for k, a in enumerate(appendices) if a is target), -1)
    if k < 0:
        raise AmendError(f"{anchor}已被删去")
    return k


_APPENDIX_LABEL = re.compile(r"^(附[件表录])([0-9]+|[０-９]+|[零〇一二两三四五六七八九十百]+)$")


def _appendix_number(label: str) -> tuple[str, int] | None:
    """附件2 → ("附件", 2); 附件二 → ("附件", 2); None for a label without a number."""
    m = _APPENDIX_LABEL.match(label)
    if m is None:
        return None
    digits = m.group(2).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return m.group(1), int(digits) if digits.isdigit() else from_chinese(digits)


def _appendix_slot(appendices: list[Appendix], label: str) -> int:
    """Where an appendix labelled ``label`` (附件2) goes: after the last appendix of its word
    numbered lower (the first of them when it is 附件1), else after the last of its word,
    else last."""
    want = _appendix_number(label)
    if want is None:
        return len(appendices)
    word, n = want
    same = [(k, _appendix_number(a.label)) for k, a in enumerate(appendices)]
    lower = [k for k, got in same if got is not None and got[0] == word and got[1] < n]
    if lower:
        return lower[-1] + 1
    higher = [k for k, got in same if got is not None and got[0] == word]
    return higher[0] if higher else len(appendices)


def renumber_appendices(
    appendices: list[Appendix], old_labels: list[str], fixed: frozenset[int] = frozenset()
) -> list[str]:
    """Number the appendices again after one was added or deleted (the closing 对条文顺序作
    相应调整): for each word (附件, 附表, 附录) whose appendices the old text numbered 1, 2, 3 …
    in order, they are numbered so again in their new order, in the same figures (附件2,
    附件二, 附件２). A text that numbered them otherwise (附件2, 附件5) is left as it is.
    Returns the labels changed (附件2→附件3)."""
    changed: list[str] = []
    by_word: dict[str, list[tuple[str, int]]] = {}
    for label in old_labels:
        got = _appendix_number(label)
        if got is not None:
            by_word.setdefault(got[0], []).append((label, got[1]))
    for word, numbered in by_word.items():
        if [n for _, n in numbered] != list(range(1, len(numbered) + 1)):
            continue
        style = numbered[0][0][len(word) :]
        n = 0
        for appendix in appendices:
            got = _appendix_number(appendix.label)
            if got is None or got[0] != word:
                continue
            n += 1
            if id(appendix) in fixed:
                continue
            if style.isascii():
                figure = str(n)
            elif style[0] in "０１２３４５６７８９":
                figure = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            else:
                figure = to_chinese(n)
            want = f"{word}{figure}"
            if appendix.label != want:
                changed.append(f"{appendix.label}→{want}")
                appendix.label = want
    return changed


def _snapshot(draft: Draft) -> tuple[object, ...]:
    """Everything a decision can change, for telling whether it changed anything."""
    preamble = draft.preamble
    return (
        draft.title,
        repr(draft.appendices),
        tuple(draft.notes),
        (preamble.heading, tuple(preamble.paragraphs)) if preamble is not None else None,
        tuple((u.kind, u.text, u.heading, u.label, table_key(u.table)) for u in draft.walk()),
    )
