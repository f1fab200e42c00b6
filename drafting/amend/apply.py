"""Apply the instructions of a 修改决定 to a text, through the undoable edit operations.

Old numbers are resolved once, on the text as it was (the decision amends the old text), so
every instruction finds its article whatever was done before it. Then, in three phases:

1. structure: deletions, moves, splits, merges, new 款 and 项 (still empty);
2. new articles, empty, in the order of their new numbers (作为第九条: placed so that it is the
   ninth article, inside the 章/节 named when one is);
3. words: rewritten articles and 款, the texts of new units, and the phrase edits
   (中的“A”修改为“B”: every occurrence in the place named).

Structure comes first so that the references of the whole text are renumbered by the
operations (the decision's closing 对条文顺序作相应调整) before any new words are written: the
new words already carry the new numbers and must not be renumbered again. Every instruction
that cannot be applied is reported with its reason in Chinese; the others still apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from drafting.amend.instructions import (
    ADD_ARTICLES,
    ADD_ITEM,
    ADD_PARAGRAPH,
    DELETE,
    DELETE_WORDS,
    INSERT_AFTER,
    INSERT_BEFORE,
    MERGE,
    MOVE,
    PHRASE_ACTIONS,
    REPLACE,
    REWRITE,
    SPLIT,
    Instruction,
    Place,
    render,
)
from drafting.edit.operations import (
    DeleteUnit,
    EditError,
    EditSession,
    EditText,
    InsertUnit,
    MergeArticles,
    MoveUnit,
    new_unit,
)
from drafting.model.numbering import compute_numbers
from drafting.model.numerals import from_chinese
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind

_ITEM_LABEL = re.compile(r"^[（(]([零〇一二两三四五六七八九十百千]+)[）)]")
_SUBITEM_LABEL = re.compile(r"^(\d+)[.．]")


class AmendError(ValueError):
    """An instruction that cannot be applied; the message is Chinese."""


@dataclass
class AmendResult:
    """The amended draft and, per instruction, whether it applied (with the reason if not)."""

    draft: Draft
    applied: list[Instruction] = field(default_factory=list)
    failed: list[tuple[Instruction, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``applied``: the clauses as words; ``failed``: {instruction, reason}."""
        return {
            "applied": [render(i) for i in self.applied],
            "failed": [{"instruction": render(i), "reason": r} for i, r in self.failed],
        }


@dataclass
class _Pending:
    """Words to write in phase 3: an article (or 款, 项) and its new lines."""

    unit: Unit
    text: str


class Amender:
    """Applies instructions to one draft (changed in place) through an EditSession."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.session = EditSession(draft)
        numbers = compute_numbers(draft)
        self.articles: dict[str, Unit] = {}
        for article in draft.articles():
            label = numbers[article.uid].label
            if label:
                self.articles.setdefault(label, article)
        self.pending: list[_Pending] = []
        self.result = AmendResult(draft)
        self.last_part: dict[str, Unit] = {}  # a split article's uid → its last part

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
                    raise AmendError(f"{place.article}没有第{place.paragraph}款")
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

    # ---- the three phases

    def apply(self, instructions: list[Instruction], *, words: bool = True) -> AmendResult:
        """Apply every instruction (``words=False``: only the structure, no words written —
        what a decision is drafted against)."""
        resolved: list[tuple[Instruction, list[Unit]]] = []
        for ins in instructions:
            try:
                resolved.append((ins, self._resolve(ins)))
            except AmendError as error:
                self.result.failed.append((ins, str(error)))
        ok: list[Instruction] = []
        phases = [self._structure, self._additions] + ([self._words] if words else [])
        for phase in phases:
            for ins, units in resolved:
                if any(ins is f for f, _ in self.result.failed):
                    continue
                try:
                    phase(ins, units)
                except (AmendError, EditError) as error:
                    self.result.failed.append((ins, str(error)))
        if words:
            self._write_pending()
        for ins, _ in resolved:
            if not any(ins is f for f, _ in self.result.failed):
                ok.append(ins)
        self.result.applied = ok
        return self.result

    def _resolve(self, ins: Instruction) -> list[Unit]:
        if ins.action == ADD_ARTICLES:
            return []
        units = [self.unit(p) for p in ins.places]
        if ins.action == MOVE:
            units.append(self.article(ins.anchor))
        return units

    def _structure(self, ins: Instruction, units: list[Unit]) -> None:
        s = self.session
        a = ins.action
        if a == DELETE:
            for unit in units:
                s.apply(DeleteUnit(unit.uid))
        elif a == MOVE:
            unit, anchor = units
            if not ins.before:
                # After an article split by this decision means after its last part.
                anchor = self.last_part.get(anchor.uid, anchor)
            ctx = Context(self.draft)
            if ctx.units.get(anchor.uid) is not anchor:
                raise AmendError(f"{ins.anchor}已被删去，无法确定移动位置")
            parent = ctx.parent[anchor.uid]
            index = ctx.position[anchor.uid] + (0 if ins.before else 1)
            if ctx.parent[unit.uid] is parent and ctx.position[unit.uid] < ctx.position[anchor.uid]:
                index -= 1
            s.apply(MoveUnit(unit.uid, parent.uid if parent is not None else None, index))
            if ins.texts:
                self.pending.append(_Pending(unit, ins.texts[0]))
        elif a == SPLIT:
            article = units[0]
            self.pending.append(_Pending(article, ins.texts[0]))
            previous = article
            for text in ins.texts[1:]:
                part = new_unit(UnitKind.ARTICLE)
                # 第二十条之一 splits into 之一 and 之二; a regular article pushes the next ones.
                part.numbering = article.numbering
                ctx = Context(self.draft)
                parent = ctx.parent[previous.uid]
                s.apply(
                    InsertUnit(part, parent.uid if parent else None, ctx.position[previous.uid] + 1)
                )
                self.pending.append(_Pending(part, text))
                previous = part
            self.last_part[article.uid] = previous
        elif a == MERGE:
            first, *rest = units
            for other in rest:
                ctx = Context(self.draft)
                siblings = ctx.siblings(first.uid)
                k = ctx.position[first.uid] + 1
                if k < len(siblings) and siblings[k] is other:
                    s.apply(MergeArticles(first.uid))
                else:
                    s.apply(DeleteUnit(other.uid))
            self.pending.append(_Pending(first, ins.texts[0]))
        elif a == ADD_PARAGRAPH:
            article = units[0]
            if article.kind is not UnitKind.ARTICLE:
                raise AmendError("增加一款须指明所在的条")
            k = ins.position - 1
            if not 0 <= k <= len(article.children):
                raise AmendError(f"{ins.places[0].words()}不能增加第{ins.position}款")
            paragraph = Unit(UnitKind.PARAGRAPH)
            s.apply(InsertUnit(paragraph, article.uid, k))
            self.pending.append(_Pending(paragraph, ins.texts[0]))
        elif a == ADD_ITEM:
            holder = units[0]
            if holder.kind is UnitKind.ARTICLE:
                with_items = [p for p in holder.children if p.children]
                if len(with_items) != 1 and len(holder.children) != 1:
                    raise AmendError(f"{ins.places[0].words()}有多款，未写明在哪一款增加项")
                holder = with_items[0] if with_items else holder.children[0]
            k = ins.position - 1
            if not 0 <= k <= len(holder.children):
                raise AmendError(f"{ins.places[0].words()}不能增加第{ins.position}项")
            item = Unit(UnitKind.ITEM)
            s.apply(InsertUnit(item, holder.uid, k))
            self.pending.append(_Pending(item, ins.texts[0]))
            # The items of a 款 end with ；and the last with 。: the one that was last changes.
            if k == len(holder.children) - 1 and k > 0:
                before = holder.children[k - 1]
                if before.text.endswith("。") and not ins.texts[0].rstrip().endswith("；"):
                    s.apply(EditText(before.uid, before.text[:-1] + "；"))
        elif a == REWRITE:
            unit = units[0]
            self.pending.append(_Pending(unit, ins.texts[0]))

    def _additions(self, ins: Instruction, units: list[Unit]) -> None:
        if ins.action != ADD_ARTICLES:
            return
        for label, text in zip(ins.new_labels, ins.texts, strict=True):
            m = re.fullmatch(r"第([零〇一二两三四五六七八九十百千]+)条", label)
            if m is None:
                raise AmendError(f"无法识别新增条文的序号“{label}”")
            number = from_chinese(m.group(1))
            article = new_unit(UnitKind.ARTICLE)
            self._place_article(article, number, ins.container)
            self.pending.append(_Pending(article, text))

    def _place_article(self, article: Unit, number: int, container: str) -> None:
        ctx = Context(self.draft)
        regular = [a for a in ctx.articles if ctx.number(a.uid).insert == 0]
        holder: Unit | None = None
        if container:
            holder = next(
                (
                    u
                    for u in ctx.units.values()
                    if u.kind.is_heading and ctx.full_label(u.uid) == container
                ),
                None,
            )
            if holder is None:
                raise AmendError(f"找不到{container}")
        if number - 2 >= len(regular):
            raise AmendError(f"新增第{number}条之前的条文不足")
        before = regular[number - 2] if number >= 2 else None
        if before is not None and (
            holder is None or ctx.container(before.uid, holder.kind) is holder
        ):
            # After the article now numbered one less (and after its 之一 articles).
            siblings = ctx.siblings(before.uid)
            k = ctx.position[before.uid] + 1
            while (
                k < len(siblings)
                and siblings[k].kind is UnitKind.ARTICLE
                and ctx.number(siblings[k].uid).insert
            ):
                k += 1
            parent = ctx.parent[before.uid]
            self.session.apply(InsertUnit(article, parent.uid if parent else None, k))
            return
        if holder is not None:
            # The first article of the 章/节 named.
            target: Unit = holder
            while target.children and target.children[0].kind.is_heading:
                target = target.children[0]
            self.session.apply(InsertUnit(article, target.uid, 0))
            return
        first = regular[0] if regular else None
        if first is None:
            self.session.apply(InsertUnit(article, None, len(self.draft.units)))
            return
        parent = ctx.parent[first.uid]
        self.session.apply(
            InsertUnit(article, parent.uid if parent else None, ctx.position[first.uid])
        )

    def _words(self, ins: Instruction, units: list[Unit]) -> None:
        if ins.action not in PHRASE_ACTIONS:
            return
        targets = [u for unit in units for u in unit.walk() if u.kind in _TEXT_KINDS]
        hits = 0
        for unit in targets:
            text = unit.text
            new = apply_phrase(text, ins)
            if new != text:
                hits += 1
                self.session.apply(EditText(unit.uid, new))
        if not hits:
            where = "、".join(p.words() for p in ins.places)
            raise AmendError(f"{where}中没有“{ins.old}”")

    def _write_pending(self) -> None:
        for pending in self.pending:
            try:
                set_lines(self.session, pending.unit, pending.text)
            except (AmendError, EditError) as error:
                self.result.failed.append((Instruction(REWRITE, texts=(pending.text,)), str(error)))
        self.pending = []


_TEXT_KINDS = frozenset({UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM})


def apply_phrase(text: str, ins: Instruction) -> str:
    """One phrase edit on one text: every occurrence of “A” (unchanged text when none)."""
    if not ins.old:
        return text
    if ins.action == REPLACE:
        return text.replace(ins.old, ins.new)
    if ins.action == INSERT_AFTER:
        return text.replace(ins.old, ins.old + ins.new)
    if ins.action == INSERT_BEFORE:
        return text.replace(ins.old, ins.new + ins.old)
    if ins.action == DELETE_WORDS:
        return text.replace(ins.old, "")
    raise ValueError(ins.action)


def read_lines(text: str) -> list[tuple[UnitKind, str]]:
    """The lines of a quoted text as (kind, words without label): 款, （一）项, 1.目."""
    out: list[tuple[UnitKind, str]] = []
    for line in text.split("\n"):
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


def set_lines(session: EditSession, unit: Unit, text: str) -> None:
    """Give an article, 款 or 项 the words and structure of ``text`` (its lines), keeping the
    uids of the 款, 项 and 目 that stay (by position)."""
    lines = read_lines(text)
    if unit.kind is UnitKind.ARTICLE:
        tree: list[tuple[str, list[tuple[str, list[str]]]]] = []
        for kind, words in lines:
            if kind is UnitKind.PARAGRAPH or not tree:
                tree.append((words if kind is UnitKind.PARAGRAPH else "", []))
                if kind is UnitKind.PARAGRAPH:
                    continue
            if kind is UnitKind.ITEM:
                tree[-1][1].append((words, []))
            elif kind is UnitKind.SUBITEM:
                if not tree[-1][1]:
                    tree[-1][1].append(("", []))
                tree[-1][1][-1][1].append(words)
        _set_children(session, unit, UnitKind.PARAGRAPH, tree)
        return
    if unit.kind is UnitKind.PARAGRAPH:
        words = lines[0][1] if lines and lines[0][0] is UnitKind.PARAGRAPH else ""
        rest = lines[1:] if lines and lines[0][0] is UnitKind.PARAGRAPH else lines
        items: list[tuple[str, list[str]]] = []
        for kind, w in rest:
            if kind is UnitKind.SUBITEM and items:
                items[-1][1].append(w)
            else:
                items.append((w, []))
        _set_text(session, unit, words)
        _set_children(
            session, unit, UnitKind.ITEM, [(w, [(s, []) for s in subs]) for w, subs in items]
        )
        return
    words = lines[0][1] if lines else ""
    _set_text(session, unit, words)
    subs = [w for _, w in lines[1:]]
    _set_children(session, unit, UnitKind.SUBITEM, [(w, []) for w in subs])


def _set_text(session: EditSession, unit: Unit, words: str) -> None:
    if unit.text != words:
        session.apply(EditText(unit.uid, words))


def _set_children(session: EditSession, unit: Unit, kind: UnitKind, tree: list) -> None:  # type: ignore[type-arg]
    """Make ``unit``'s children match ``tree``: [(words, subtree)] per child, in order."""
    children = unit.children
    for k, (words, sub) in enumerate(tree):
        if k < len(children):
            child = children[k]
        else:
            child = Unit(kind)
            session.apply(InsertUnit(child, unit.uid, k))
        _set_text(session, child, words)
        if kind is UnitKind.PARAGRAPH:
            _set_children(
                session, child, UnitKind.ITEM, [(w, [(s, []) for s in subs]) for w, subs in sub]
            )
        elif kind is UnitKind.ITEM:
            _set_children(session, child, UnitKind.SUBITEM, sub)
    while len(unit.children) > len(tree):
        extra = unit.children[len(tree)]
        if kind is UnitKind.PARAGRAPH and len(unit.children) == 1:
            break
        session.apply(DeleteUnit(extra.uid))


def apply_instructions(draft: Draft, instructions: list[Instruction]) -> AmendResult:
    """Apply the instructions to a copy of ``draft`` (uids kept); the original is untouched."""
    return Amender(draft.clone()).apply(instructions)
