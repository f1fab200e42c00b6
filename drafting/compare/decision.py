"""The text of a 修改决定 drafted from a comparison, in the committee's own forms.

    对《某市公园条例》作如下修改：
    一、将条例名称修改为“某市公园和广场条例”。
    二、将第二章章名修改为“公园管理”。
    三、将第二十四条、第二十九条第三款、第四款中的“法律委员会”修改为“宪法和法律委员会”。
    四、在第七条中的“公园管理机构”后增加“、广场管理机构”。
    五、将第四条改为第五条，修改为：“……。”
    六、将第三条改为两条，作为第三条、第四条，修改为：
    “第三条　……”
    “第四条　……”
    七、增加一条，作为第九条：“……。”
    八、在第七条中增加一项，作为第六项：“（六）……。”
    九、在第二章后增加一章，作为第三章：“第三章　法律责任”
    “第十条　……”
    十、删去第十二条。
    本决定自　　年　　月　　日起施行。
    《某市公园条例》根据本决定作相应修改并对条文顺序和标点符号作相应调整，重新公布。

Changes are named by the OLD text's numbers; additions, splits and merges by their NEW numbers,
and a rewritten article whose number changed says 改为 (as the published 2023 立法法 decision
does). Articles whose only change is a cited number following renumbering or their own number
are not listed: the closing sentence covers them.

A phrase edit quotes the OLD words (将第十条中的“违反本条例第三条规定的”修改为“依照本条例第二条
规定的”): the edits are found by comparing the new words with the old ones as the decision's
structure leaves them with every citation renumbered (so a citation that only follows
renumbering is no edit), then each quotation is taken from the words as printed before the
renumbering. Quotations are whole phrases (they grow to the punctuation around, never by single
characters), unique in the place unless a term is changed wherever it stands there; identical
replacements are grouped across articles and 款. Every article's edits are replayed as
``amend`` applies them (phrase edits on the old words, then the renumbering, then the closing
full-width sentence) and must give the new words exactly; otherwise the 款 or the article is
rewritten whole. Punctuation width: see ``wants_full_width``.

The title and the headings (编/章/节) are compared once the articles are in place (see
``_with_headings`` and ``compare.headings``); their items stand where their 章 starts, and a
章 moved or renumbered with its articles is 将第四章改为第六章 (，章名修改为“……”).

The closing sentence says 并对条文顺序作相应调整 whenever ``amend`` renumbers anything
(``renumbers``), and 标点符号 when half-width punctuation is made full-width
(``wants_full_width``): that is no amendment of the words, so it is no item either.

Appendices (附件/附表/附录) come last, paired by position (see ``appendix_items``): a few
changed words → 将附件1中的“A”修改为“B”; a changed table row or any other change of layout →
the appendix rewritten whole (将附件1修改为：“税目税额表 … | 原油 | 原矿 | 6% |”), as the
committee reprints a changed schedule rather than amending its rows; 增加一个附件，作为附件2：
and 删去附件3 at the end. Of the notes after the last article (``Draft.notes``) only the 注 is
the law's words: 将注修改为：“注：……” / 增加注 / 删去注 before the appendices' items
(``decision_notes``); a changed 落款 or date is left to the drafter with a warning.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, replace

from drafting.amend.apply import (
    FULL_WIDTH,
    Amender,
    AmendError,
    apply_appendix,
    phrase_edits,
    shift_span,
)
from drafting.amend.headings_named import heading_label
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
    PREAMBLE,
    RENAME,
    REPLACE,
    REWRITE,
    SPLIT,
    Instruction,
    Place,
    appendix_name,
    quote,
    render_item,
)
from drafting.compare.articles import (
    ADDED,
    CITATIONS,
    DELETED,
    MERGED,
    MODIFIED,
    MOVED,
    PUNCTUATION,
    WORDING,
    ArticlePair,
    Comparison,
    is_amendment,
    normalise,
)
from drafting.compare.articles import (
    SPLIT as SPLIT_STATUS,
)
from drafting.compare.decision_notes import note_items
from drafting.compare.decision_tables import quoted_body as article_body  # spans marked
from drafting.compare.decision_tables import with_table_clauses
from drafting.compare.headings import Token, heading_changes, heading_opcodes, tokens
from drafting.compare.wording import BOUNDARY_CHARS, EQUAL, NUMERAL_CHARS, shared_ends, word_diff
from drafting.compare.wording import DELETE as OP_DELETE
from drafting.model.matter import Appendix, appendix_lines
from drafting.model.numbering import body_numbers, compute_numbers, read_label
from drafting.model.numerals import to_chinese
from drafting.model.positions import Context
from drafting.model.references import ReferenceIndex
from drafting.model.units import Draft, Unit, UnitKind

__all__ = ["DecisionStyle", "LOCAL", "NATIONAL", "amendment_decision", "amendment_items", "quote"]

NATIONAL = "national"
LOCAL = "local"
#: Blanks for a date the drafter fills in.
BLANK_DATE = "　　年　　月　　日"
#: Above this many phrase edits in one article, the 款 or the article is rewritten whole.
MAX_PHRASES = 3
#: Above this share of a line's words deleted or inserted, it is rewritten whole.
MAX_CHANGED_SHARE = 0.4
#: An equality this short (no punctuation) between two edits joins them into one.
JOIN_GAP = 3


@dataclass(frozen=True)
class DecisionStyle:
    """The frame of the decision: national (全国人大常委会) or local (市人大常委会) wording.

    ``body``: the meeting that decides (第十四届全国人民代表大会常务委员会第二次会议); when
    given, the opening reads 〈body〉决定对《…》作如下修改：. ``effective``: the 施行 date in
    words (2024年1月1日); default blanks, or 公布之日 for a local decision, which is in force on
    publication after the province approves it.
    """

    level: str = NATIONAL
    body: str = ""
    effective: str = ""

    def opening(self, title: str) -> str:
        head = f"{self.body}决定" if self.body else ""
        return f"{head}对《{title}》作如下修改：" if title else f"{head}作如下修改："

    def closing(self, title: str, renumbered: bool, punctuation: bool = False) -> list[str]:
        """本决定自…起施行。and 《…》根据本决定作相应修改（并对条文顺序作相应调整），重新公布。
        ``punctuation``: half-width punctuation is made full-width, which is no amendment of
        the words (issue 11: reported, not counted): said in the same sentence, 并对条文顺序和
        标点符号作相应调整, as a reprint adjusts what the decision does not list."""
        effective = self.effective or ("公布之日" if self.level == LOCAL else BLANK_DATE)
        order = _adjusted(renumbered, punctuation)
        name = f"《{title}》" if title else "原文"
        return [f"本决定自{effective}起施行。", f"{name}根据本决定作相应修改{order}，重新公布。"]


def amendment_decision(
    comparison: Comparison, *, title: str | None = None, style: DecisionStyle | None = None
) -> str:
    """The 修改决定 for the changes of ``comparison``: the opening line, the numbered items,
    and the closing clause (施行 and 重新公布). Only the opening line when nothing changed.

    ``title`` (default: the old text's title) names the regulation.
    """
    style = style or DecisionStyle()
    title = (title if title is not None else comparison.old_title).strip("《》")
    full_width = wants_full_width(comparison)
    items = amendment_items(comparison, full_width=full_width)
    lines = [style.opening(title)]
    for n, clauses in enumerate(items, 1):
        lines.append(f"{to_chinese(n)}、{render_item(clauses)}")
    if items or full_width:
        # Punctuation width alone: the closing sentence says it (amend applies it), but it is
        # no decision to publish (``drafts_nothing``: the CLI and the window draft none).
        lines.extend(style.closing(title, renumbers(comparison), full_width))
    return "\n".join(lines) + "\n"


#: Why no decision is drafted (``no_decision_reason``).
SAME_TEXTS = "两文本相同，无须修改决定"
ONLY_PUNCTUATION = "只有标点符号调整（半角改为全角等），无须修改决定"
NO_ITEM = "两文本有差异，但没有可以写成修改条款的修改，未起草修改决定"


def only_punctuation(comparison: Comparison) -> bool:
    """True when no article is an amendment and some differ only in punctuation width (the
    same text printed by two publishers): nothing for a 修改决定 to say."""
    pairs = comparison.pairs
    return not any(p.is_change for p in pairs) and any(p.kind == PUNCTUATION for p in pairs)


def drafts_nothing(decision: str) -> bool:
    """True when a drafted decision has no numbered item (only the opening line, or the
    closing sentence for punctuation width alone, F17): nothing to publish."""
    return not any(line.startswith("一、") for line in decision.splitlines())


def no_decision_reason(comparison: Comparison, matter_changed: bool = False) -> str:
    """Why a comparison whose decision has no item drafts none: the texts are the same,
    they differ only in punctuation width (F17), or they differ in something no item can
    say (``matter_changed``: 序言/附件/注 reported by ``compare.matter``)."""
    if not matter_changed and only_punctuation(comparison):
        return ONLY_PUNCTUATION
    if not any(p.is_change for p in comparison.pairs) and not matter_changed:
        return SAME_TEXTS
    return NO_ITEM


def punctuation_warnings(comparison: Comparison) -> list[str]:
    """Why articles that differ only in punctuation width are in no item (G11): the new text
    prints half-width marks the committee would not publish (新文本第六条、第十条使用半角标点，
    未写入修改决定). [] when there is none."""
    half: list[str] = []
    for p in comparison.pairs:
        if p.kind != PUNCTUATION or not p.old or not p.new:
            continue
        if not HALF_WIDTH.isdisjoint(article_body(p.new[0])):
            half.append(p.new_numbers[0] if p.new_numbers else (p.old_numbers or ("",))[0])
    return [f"新文本{'、'.join(half)}使用半角标点，未写入修改决定"] if half else []


#: A 编/章/节 named by its numbers only (第二章, 第三编第一章第二节).
_NUMBERED_HEADING = re.compile(r"(?:第[零〇一二两三四五六七八九十百千]+(?:编|分编|章|节))+")


def _name_move_containers(comparison: Comparison, items: list[list[Instruction]]) -> None:
    """Name the 章/节 a moved article goes to when it leaves its own (G8): the first article
    of 第二章 moved to the end of 第一章 is 将第七条移至第一章第六条后 — 将第七条移至第六条后
    reads as no move at all. The 章/节 is the anchor's, by its old label (the decision's
    numbering); ``amend`` checks that the anchor is in it. Items are changed in place."""
    old = comparison.old_draft
    if old is None or not any(c.action == MOVE for item in items for c in item):
        return
    by_label: dict[str, Unit] = {}
    for pair in comparison.pairs:
        for unit, label in zip(pair.old, pair.old_numbers, strict=False):
            by_label.setdefault(label, unit)
    ctx = Context(old)

    def holder(unit: Unit) -> Unit | None:
        up = ctx.parent.get(unit.uid)
        while up is not None and not up.kind.is_heading:
            up = ctx.parent.get(up.uid)
        return up

    for item in items:
        for k, clause in enumerate(item):
            if clause.action != MOVE or clause.container or not clause.places:
                continue
            moved, anchor = by_label.get(clause.places[0].article), by_label.get(clause.anchor)
            if moved is None or anchor is None:
                continue
            there = holder(anchor)
            if there is None or there is holder(moved):
                continue
            label = ctx.full_label(there.uid)
            if not _NUMBERED_HEADING.fullmatch(label):
                continue  # an unnumbered heading (民法典 附则) cannot be named by number
            item[k] = replace(clause, container=label)


# ---- planning ----------------------------------------------------------------------------------


@dataclass
class _Entry:
    """One item: its clauses, or (for a modified article) the pair whose words are diffed once
    the structure has been applied."""

    clauses: list[Instruction]
    pair: ArticlePair | None = None
    check: bool = False  # not an amendment: listed only if the structure leaves other words
    moved: ArticlePair | None = None  # a move without new words: checked the same way
    # An addition that opens a 章/节 other articles follow in (在第二章中增加一条): the OLD
    # label of the heading that holds the next of them, where the copy puts it (see
    # ``_opening_homes``).
    home: str = ""


def amendment_items(
    comparison: Comparison, *, full_width: bool | None = None
) -> list[list[Instruction]]:
    """The decision's items, each a list of clauses, in the order of the new text.

    ``full_width``: half-width punctuation is made full-width by the closing sentence, not
    by the items (default: ``wants_full_width``)."""
    old_draft, new_draft = comparison.old_draft, comparison.new_draft
    new_ctx = Context(new_draft) if new_draft is not None else None
    entries = _plan(comparison, new_ctx)
    _opening_homes(comparison, entries)
    copy: _Copy | None = None
    relaxed: list[tuple[_Entry, ArticlePair]] = []
    if any(e.pair is not None for e in entries) or _has_headings(comparison):
        copy = _structured_copy(old_draft, entries, comparison.old_references)
        copy = _with_heading_structure(comparison, copy, entries)
        copy.full_width = full_width if full_width is not None else wants_full_width(comparison)
        adjusted = copy.articles
        kept = new_draft is not None and _kept_numbers(new_draft)
        # An article that is no amendment must read as the new one once the structure is
        # applied; when it does not (a reference renumbered before its target was merged
        # away, or punctuation that the closing sentence does not cover), its words are
        # listed like any other change.
        for entry in entries:
            if (
                entry.check
                and entry.pair is not None
                and entry.pair.kind == PUNCTUATION
                and not HALF_WIDTH.isdisjoint(article_body(entry.pair.new[0]))
            ):
                # Punctuation width alone, the new article printing half-width marks: no
                # decision a committee publishes makes full-width marks half-width (G11), so
                # no item (``punctuation_warnings`` names the articles). Half-width made
                # full-width is the closing sentence's, or — when the new text keeps some
                # half-width elsewhere — quoted (将第一条中的“事项:”修改为“事项：”).
                entry.pair = None
                continue
            if entry.check and entry.pair is not None:
                old = adjusted.get(entry.pair.old[0].uid, entry.pair.old[0])
                new_body = article_body(entry.pair.new[0])
                if entry.pair.kind == CITATIONS and not copy.same(
                    article_body(old), new_body
                ) and copy.same(_part_numbers(article_body(old)), _part_numbers(new_body)):
                    # Only a cited 款/项 number differs: amend renumbers it when it adds the
                    # 款/项 before it, unless that 款/article is rewritten whole (checked by
                    # replaying the decision, ``_replay_relaxed``).
                    relaxed.append((entry, entry.pair))
                    entry.pair = None
                elif copy.same(article_body(old), new_body) or (
                    kept and copy.same(article_body(entry.pair.old[0]), new_body)
                ):
                    # Never an item whose new words are the old ones in a draft that kept its
                    # printed numbers (第十条 deleted, 第十一条 still so labelled): it cites
                    # them as they were, and the amended text renumbers its references with
                    # the articles.
                    entry.pair = None
            elif entry.moved is not None:
                old = adjusted.get(entry.moved.old[0].uid, entry.moved.old[0])
                body = article_body(entry.moved.new[0])
                if not copy.same(article_body(old), body):
                    entry.clauses = [replace(entry.clauses[0], texts=(body,))]
        terms = _shared_terms(entries, adjusted)
        for entry in entries:
            if entry.pair is not None:
                _word_clauses(entry, copy, terms)
        if relaxed and old_draft is not None:
            for entry, pair in _replay_relaxed(comparison, old_draft, copy, entries, relaxed):
                entry.pair = pair
                _word_clauses(entry, copy, terms)
    items = _group_replacements([e.clauses for e in entries if e.clauses])
    items = _with_headings(comparison, copy, items)
    _name_move_containers(comparison, items)
    if old_draft is not None and new_draft is not None:
        items += note_items(old_draft, new_draft)  # the 注: printed before the 附件
        items += appendix_items(old_draft.appendices, new_draft.appendices)
    return items


def _word_clauses(entry: _Entry, copy: _Copy, terms: dict[str, int]) -> None:
    """The clauses of a changed article's words, then of its tables (cell by cell, row by
    row, or whole), in the same item."""
    pair = entry.pair
    assert pair is not None
    entry.clauses = _text_changes(pair, copy, terms)
    entry.clauses = with_table_clauses(
        copy.articles.get(pair.old[0].uid, pair.old[0]),
        pair.new[0],
        pair.old_numbers[0],
        pair.new_numbers[0],
        entry.clauses,
    )


def _replay_relaxed(
    comparison: Comparison,
    old: Draft,
    copy: _Copy,
    entries: list[_Entry],
    relaxed: list[tuple[_Entry, ArticlePair]],
) -> list[tuple[_Entry, ArticlePair]]:
    """Of the articles left out because only a cited 款/项 number differs, those the
    decision's clauses, applied as ``amend`` applies them, do not turn into the new words
    (the cited 款/项 was rewritten whole, so its citations are not renumbered): they are
    listed after all. Only run when there are such articles (rare: a 款 or 项 added before
    a cited one)."""
    clauses = [c for e in entries for c in e.clauses]
    index = comparison.old_references
    amender = Amender(old.clone(), ReferenceIndex(dict(index.by_unit)) if index else None)
    try:
        amender.apply(clauses)
    except AmendError:
        return relaxed
    done = {a.uid: a for a in amender.draft.articles()}
    return [
        (entry, pair)
        for entry, pair in relaxed
        if pair.old[0].uid not in done
        or not copy.same(article_body(done[pair.old[0].uid]), article_body(pair.new[0]))
    ]


# ---- appendices --------------------------------------------------------------------------------

#: A text of an appendix longer than this is quoted by the phrase around its change, not whole.
APPENDIX_PHRASE = 30
_STOPS = "，。；、：！？,.;:"


def _appendix_shape(appendix: Appendix) -> list[object]:
    """The layout of an appendix without its words: block kinds, table sizes and spans."""
    return [
        "p" if isinstance(b, str) else [[(c.col_span, c.row_span) for c in row] for row in b.rows]
        for b in appendix.blocks
    ]


def _appendix_texts(appendix: Appendix) -> list[str]:
    """Title, paragraphs and cells in order (same shape: the same positions)."""
    out = [appendix.title]
    for b in appendix.blocks:
        out.extend([b] if isinstance(b, str) else [c.text for row in b.rows for c in row])
    return out


def _phrase(a: str, b: str) -> tuple[str, str]:
    """The words of ``a`` that changed into ``b``: the whole text when short, else the phrase
    between the punctuation around the change."""
    if len(a) <= APPENDIX_PHRASE:
        return a, b
    p, s = shared_ends(a, b)
    start = max((a.rfind(ch, 0, p) for ch in _STOPS), default=-1) + 1
    tail = [k for k in (a.find(ch, len(a) - s) for ch in _STOPS) if k >= 0]
    end = min(tail) if tail else len(a)
    return a[start:end], b[start : len(b) - (len(a) - end)]


def _appendix_phrases(old: Appendix, new: Appendix) -> list[Instruction] | None:
    """将附件1中的“A”修改为“B” clauses that turn ``old`` into ``new`` exactly (checked by
    applying them as ``amend`` does), or None when the appendix is better rewritten whole:
    its layout changed (a table row added or deleted, a paragraph added), more than
    MAX_PHRASES texts changed, or a phrase is not unique enough to replace safely."""
    if _appendix_shape(old) != _appendix_shape(new):
        return None  # (a label that only follows renumbering: ``amend`` gives it)
    pairs = [
        (a, b) for a, b in zip(_appendix_texts(old), _appendix_texts(new), strict=True) if a != b
    ]
    if not pairs or len(pairs) > MAX_PHRASES:
        return None
    name = appendix_name(old.label)
    clauses: list[Instruction] = []
    for a, b in pairs:
        x, y = _phrase(a, b)
        if not x or "\n" in x + y:
            return None
        ins = _appendix_words(name, x, y)
        if ins not in clauses:
            clauses.append(ins)
    trial = [old.clone()]
    try:
        for ins in clauses:
            apply_appendix(trial, ins)
    except AmendError:
        return None
    return clauses if _content(trial[0]) == _content(new) else None


def _appendix_words(name: str, x: str, y: str) -> Instruction:
    """删去附件1中的“A” (nothing in its place), 在附件1中的“A”后增加“B” (A kept, words
    after it), or 将附件1中的“A”修改为“B”."""
    if y.startswith(x) and len(y) > len(x) and not x[-1:].isdigit():
        return Instruction(APPENDIX_WORDS, anchor=name, old=x, new=y[len(x) :], position=1)
    return Instruction(APPENDIX_WORDS, anchor=name, old=x, new=y)


def appendix_items(old: list[Appendix], new: list[Appendix]) -> list[list[Instruction]]:
    """The decision's items for the appendices, paired by content (``appendix_pairs``: an
    appendix added between 附件1 and 附件2 is the new 附件2, and the old 附件2 is the new
    附件3): a few changed words → 将附件1中的“A”修改为“B” (删去附件1中的“A”, 在附件1中的“A”后
    增加“B”); any other change (a table row added, deleted or rewritten, a paragraph added, a
    new title) → the appendix rewritten whole, 将附件1修改为：“……” with its title, paragraphs
    and | a | b | table rows, as the committee reprints a changed schedule (税目税额表) whole
    rather than amending its rows; an appendix added → 增加一个附件，作为附件2：“……” where it
    stands; one dropped → 删去附件3. The appendices after one added or deleted are numbered
    again by ``amend`` as the closing 对条文顺序作相应调整 says, so a label that only follows
    is not listed; a label that does not (附件3 printed 附件5) is said: 将附件2改为附件3，修改为：.
    Items come in the order of the new appendices, a deletion where the appendix stood.
    Punctuation width counts: the closing 全角 sentence covers the articles only.

    An appendix whose label is printed twice (two bare 附件) cannot be named: it is left out
    (the round trip then differs, and the comparison still shows it)."""
    names = [appendix_name(a.label) for a in old]
    pairs = appendix_pairs(old, new)
    items: list[list[Instruction]] = []
    for i, j in pairs:
        if j is None:
            assert i is not None
            if names.count(names[i]) == 1:
                items.append([Instruction(APPENDIX, anchor=names[i])])
        elif i is None:
            b = new[j]
            label = appendix_name(b.label)
            items.append(
                [Instruction(APPENDIX, new_labels=(label,), texts=(_appendix_text(b),), position=1)]
            )
        elif _content(old[i]) != _content(new[j]) and names.count(names[i]) == 1:
            phrases = _appendix_phrases(old[i], new[j])
            if phrases is not None:
                items.append(phrases)
                continue
            renamed = appendix_name(new[j].label)
            relabel = (renamed,) if renamed != names[i] else ()
            items.append(
                [Instruction(APPENDIX, anchor=names[i], new_labels=relabel,
                             texts=(_appendix_text(new[j]),))]  # fmt: skip
            )
    return _appendix_labels_said(old, new, pairs, items)


def _content(appendix: Appendix) -> tuple[str, str]:
    """An appendix without its label: what stays when it is only numbered again."""
    return appendix.title, repr(appendix.blocks)


def appendix_pairs(old: list[Appendix], new: list[Appendix]) -> list[tuple[int | None, int | None]]:
    """The old and new appendices paired, in the new order (a deleted one where it stood):
    (old index, new index), None on the side where there is none. Appendices with the same
    title and words pair first (whatever their labels), then those with the same title,
    then, within what is left between two such pairs, by position."""
    out: list[tuple[int | None, int | None]] = []
    same = difflib.SequenceMatcher(
        None, [_content(a) for a in old], [_content(b) for b in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in same.get_opcodes():
        if op == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        titled = difflib.SequenceMatcher(
            None, [a.title for a in old[i1:i2]], [b.title for b in new[j1:j2]], autojunk=False
        )
        for _op, x1, x2, y1, y2 in titled.get_opcodes():
            a, b = list(range(i1 + x1, i1 + x2)), list(range(j1 + y1, j1 + y2))
            both = min(len(a), len(b))
            out.extend(zip(a[:both], b[:both], strict=True))
            out.extend((i, None) for i in a[both:])
            out.extend((None, j) for j in b[both:])
    return out


def _appendix_relabels(old: list[Appendix], new: list[Appendix]) -> list[tuple[str, str]]:
    """(old label, new label) of every paired appendix."""
    return [
        (old[i].label, new[j].label)
        for i, j in appendix_pairs(old, new)
        if i is not None and j is not None
    ]


def _appendix_labels_said(
    old: list[Appendix],
    new: list[Appendix],
    pairs: list[tuple[int | None, int | None]],
    items: list[list[Instruction]],
) -> list[list[Instruction]]:
    """The items, with 将附件2改为附件3，修改为： for every paired appendix whose new label is
    not the one ``amend`` gives it (the items applied as ``amend`` applies them)."""
    if not items:
        return items
    # The items applied as ``amend`` applies them, on the appendices alone.
    amender = Amender(Draft(title="", units=[], appendices=[a.clone() for a in old]))
    named = dict(zip((appendix_name(a.label) for a in old), amender.draft.appendices, strict=True))
    if amender.apply([c for clauses in items for c in clauses]).failed:
        return items
    trial = amender.draft.appendices
    by_id = {id(t): k for k, t in enumerate(trial)}
    extra: list[list[Instruction]] = []
    for i, j in pairs:
        if i is None or j is None:
            continue
        k = by_id.get(id(named.get(appendix_name(old[i].label))), -1)
        if k >= 0 and trial[k].label == new[j].label:
            continue
        name = appendix_name(old[i].label)
        clause = Instruction(
            APPENDIX,
            anchor=name,
            new_labels=(appendix_name(new[j].label),),
            texts=(_appendix_text(new[j]),),
        )
        # The rewrite says it all: any phrase item of that appendix goes.
        items = [
            [c for c in clauses if not (c.action == APPENDIX_WORDS and c.anchor == name)]
            for clauses in items
        ]
        items = [
            [clause if c.action == APPENDIX and c.anchor == name else c for c in clauses]
            for clauses in items
            if clauses
        ]
        if not any(c is clause for clauses in items for c in clauses):
            extra.append([clause])
    return items + extra


def _appendix_text(appendix: Appendix) -> str:
    return "\n".join(appendix_lines(appendix))


def _kept_numbers(draft: Draft) -> bool:
    """The draft prints article numbers that its positions would not give (第十一条 right
    after 第九条): its numbers were kept when an article went, not renumbered."""
    printed, counted = compute_numbers(draft), compute_numbers(draft, locks=False)
    return any(
        a.uid in printed and a.uid in counted and printed[a.uid].label != counted[a.uid].label
        for a in draft.articles()
    )


def _preamble_change(old: Draft, new: Draft) -> Instruction | None:
    """将序言修改为：“……” (增加序言, 删去序言; 第一条前的文字 for introductory words without
    the heading 序言) when the preamble's words differ."""
    before = old.preamble.paragraphs if old.preamble is not None else []
    after = new.preamble.paragraphs if new.preamble is not None else []
    if before == after:
        return None
    named = new.preamble if after else old.preamble
    anchor = (
        "序言"
        if named is not None and named.heading.replace("\u3000", "") == "序言"
        else ("第一条前的文字")
    )
    if not after:
        return Instruction(PREAMBLE, anchor=anchor)
    return Instruction(
        PREAMBLE, anchor=anchor, texts=("\n".join(after),), position=0 if before else 1
    )


def _has_headings(comparison: Comparison) -> bool:
    return any(
        d is not None and any(u.kind.is_heading for u in d.units)
        for d in (comparison.old_draft, comparison.new_draft)
    )


def _title_word(title: str) -> str:
    """What the regulation is called in 将条例名称修改为: 条例, 法律, or its last word."""
    for word in ("条例", "规定", "办法", "细则", "规则", "决定"):
        if title.endswith(word):
            return word
    return "法律" if title.endswith("法") else ""


def _with_headings(
    comparison: Comparison, copy: _Copy | None, items: list[list[Instruction]]
) -> list[list[Instruction]]:
    """The items with the changes of the title and the headings: 将条例名称修改为“……”
    first; 将第三章章名修改为“……”, 删去第三章第一节节名, 在第十六条后增加一章，作为第三章：
    “第三章　……” and 将第四章改为第六章 among the article items, where that 章 starts (as the
    committee lists them, in the order of the text: ``_in_text_order``); a new 章 that opens
    with new articles takes them into its item (在第二章后增加一章，作为第三章：“第三章　……”
    “第十七条　……”).

    The headings are compared on the old text with the decision's articles in place (the
    structure applied to a copy) and the new text: both have the same articles in the same
    order, so a heading is where it stands among them; headings at the same place and level
    are the same heading (renamed when the title differs)."""
    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return items
    head: list[list[Instruction]] = []
    if old.title.strip() != new.title.strip() and new.title.strip():
        head.append(
            [Instruction(RENAME, new=new.title.strip(), container=_title_word(old.title.strip()))]
        )
    preamble = _preamble_change(old, new)
    if preamble is not None:
        head.append([preamble])
    sim_draft = copy.draft if copy is not None else None
    if sim_draft is None:
        return head + items
    a, b = tokens(sim_draft), tokens(new)
    a, displaced = _displaced(old, sim_draft, a, b)
    if not displaced and [(k, p, u.heading) for k, p, u in a] == [
        (k, p, u.heading) for k, p, u in b
    ]:
        return head + items  # the same headings over the same articles
    sim_articles = sim_draft.articles()
    if len(sim_articles) != len(new.articles()):
        return head + items  # the articles do not line up: headings cannot be placed
    old_heads = [u for u in old.walk() if u.kind.is_heading]
    old_ctx, new_ctx = Context(old), Context(new)
    old_labels = {u.uid: heading_label(old_ctx, u.uid) for u in old.walk() if u.kind.is_heading}
    old_article = {u.uid: old_ctx.full_label(u.uid) for u in old.articles()}
    first_new_label = {
        k: ins.new_labels[0]
        for k, clauses in enumerate(items)
        for ins in clauses[:1]
        if ins.action == ADD_ARTICLES
    }
    renames: list[list[Instruction]] = []
    deletes: list[list[Instruction]] = []
    adds: list[list[Instruction]] = []
    # Where each heading item stands: the (new) article its heading opens (see
    # ``_in_text_order``); and the headings deleted and added, paired below when one is the
    # other moved (``_heading_moves``).
    at: dict[int, int] = {}
    from_old: dict[int, str] = {}  # or: the old heading, placed where it stood
    gone: list[tuple[Unit, list[Instruction]]] = []
    came: list[tuple[Unit, int, list[Instruction]]] = []
    for op, i1, i2, j1, j2 in heading_opcodes(a, b):
        if op == "equal":
            for (_, pos, ou), (_, _, nu) in zip(a[i1:i2], b[j1:j2], strict=True):
                if ou.uid in displaced and ou.uid in old_labels:
                    # Its articles went elsewhere and it goes with them: 将第一章改为第二章.
                    title = nu.heading if nu.heading != ou.heading else ""
                    label = heading_label(new_ctx, nu.uid)
                    renames.append(
                        [Instruction(HEADING_MOVE, anchor=old_labels[ou.uid],
                                     new_labels=(label,), new=title)]  # fmt: skip
                    )
                    at[id(renames[-1])] = pos
                    continue
                if ou.heading != nu.heading and ou.uid in old_labels:
                    renames.append([Instruction(RENAME, anchor=old_labels[ou.uid], new=nu.heading)])
                    from_old[id(renames[-1])] = ou.uid
            continue
        for _, _, ou in a[i1:i2]:
            if ou.uid in old_labels:
                deletes.append([Instruction(DELETE_HEADING, anchor=old_labels[ou.uid])])
                from_old[id(deletes[-1])] = ou.uid
                gone.append((ou, deletes[-1]))
        for _, pos, nu in b[j1:j2]:
            label = heading_label(new_ctx, nu.uid)
            here = sim_articles[pos] if pos < len(sim_articles) else None
            prev = sim_articles[pos - 1] if pos > 0 else None
            add = Instruction(ADD_HEADING, new_labels=(label,), new=nu.heading)
            if here is not None and here.uid not in old_article:
                # Opens new articles: one item with them, where they were added.
                want = new_ctx.full_label(new.articles()[pos].uid)
                k = next((k for k, w in first_new_label.items() if w == want), None)
                anchor, before = "", False
                if prev is not None and prev.uid in old_article:
                    anchor = old_article[prev.uid]
                    holder = old_ctx.container(prev.uid, nu.kind)
                    if holder is not None and _last_article(holder) is old_ctx.units.get(prev.uid):
                        anchor = old_labels.get(holder.uid, anchor)  # 在第二章后
                elif prev is None and old_heads:
                    anchor, before = old_labels[old_heads[0].uid], True
                if k is not None and anchor:
                    items[k] = [
                        replace(add, anchor=anchor, before=before, position=1),
                        replace(items[k][0], container=label),
                    ]
                    del first_new_label[k]
                    continue
            if prev is not None and prev.uid in old_article:
                adds.append([replace(add, anchor=old_article[prev.uid])])
            elif here is not None and here.uid in old_article:
                adds.append([replace(add, anchor=old_article[here.uid], before=True)])
            else:
                continue  # between two new articles with none to open: not expressible
            at[id(adds[-1])] = pos
            came.append((nu, pos, adds[-1]))
    _heading_moves(old, sim_articles, old_labels, new_ctx, gone, came)
    moved = {p.article for c in items for ins in c if ins.action == MOVE for p in ins.places}
    adds += _boundary_moves(old, sim_articles, old_article, gone, came, at, moved)
    _whole_deletions(comparison, old_article, gone, items)
    items = [x for x in items if x]
    headed = [x for x in renames + deletes + adds if x]
    return head + _in_text_order(comparison, headed, at, from_old, items)


def _whole_deletions(
    comparison: Comparison,
    old_article: dict[str, str],
    gone: list[tuple[Unit, list[Instruction]]],
    items: list[list[Instruction]],
) -> None:
    """A 章/节 deleted with every article in it is 删去第二章 (the committee deletes a whole
    chapter in one item), not 删去第二章章名 and 删去第五条、第六条: the heading's item says it
    all and its articles leave the 删去 items (an item left empty is emptied; the 节 of a
    章 deleted whole go with it)."""
    deleted = {n for p in comparison.pairs if p.status == DELETED for n in p.old_numbers}
    if not deleted or not gone:
        return
    old = comparison.old_draft
    assert old is not None
    old_units = {u.uid: u for u in old.walk() if u.kind.is_heading}
    whole: set[str] = set()  # old article labels covered by a 删去第二章
    inside: set[str] = set()  # headings inside one deleted whole
    for ou, item in gone:
        own = old_units.get(ou.uid)
        if own is None or not item or ou.uid in inside:
            continue
        labels = [old_article.get(u.uid, "") for u in own.walk() if u.kind is UnitKind.ARTICLE]
        if not labels or not all(n in deleted for n in labels):
            continue
        item[:] = [replace(item[0], position=1)]
        whole.update(labels)
        inside.update(u.uid for u in own.walk() if u.kind.is_heading and u is not own)
    for ou, item in gone:
        if ou.uid in inside:
            item.clear()
    if not whole:
        return
    for k, clauses in enumerate(items):
        kept: list[Instruction] = []
        for c in clauses:
            if c.action == DELETE and all(not p.paragraph and not p.item for p in c.places):
                places = tuple(p for p in c.places if p.article not in whole)
                if not places:
                    continue
                c = replace(c, places=places)
            kept.append(c)
        items[k] = kept


def _displaced(
    old: Draft, sim: Draft, a: list[Token], b: list[Token]
) -> tuple[list[Token], set[str]]:
    """The copy's headings placed by the articles they held in the OLD text: a heading whose
    articles the decision moved elsewhere (a 章 moved: its articles moved one by one, the
    heading left behind, opening another's articles or none) stands where the first of
    them now is. Returns the tokens (in order of place, stable) and the uids of the headings
    so displaced; the others keep their place."""
    sim_articles = sim.articles()
    sim_pos = {u.uid: k for k, u in enumerate(sim_articles)}
    old_units = {u.uid: u for u in old.walk() if u.kind.is_heading}
    old_articles = {u.uid for u in old.articles()}
    out: list[Token] = []
    displaced: set[str] = set()
    new_places = {(k, p) for k, p, _ in b}  # (level, position) of the new text's headings
    for kind, pos, unit in a:
        own = old_units.get(unit.uid)
        held = (
            {u.uid for u in own.walk() if u.kind is UnitKind.ARTICLE and u.uid in sim_pos}
            if own is not None
            else set()
        )
        # The first old article it opens (articles the decision adds there do not count).
        opens = next(
            (u.uid for u in sim_articles[pos:] if u.uid in old_articles), None
        )
        if held and opens not in held:
            first = min(sim_pos[uid] for uid in held)
            # It goes with its articles only where the new text has a heading of its level
            # opening them; else it stays where it was (a 章 whose articles were deleted but
            # one moved elsewhere is left empty, not moved with that one).
            if first != pos and (kind, first) in new_places:
                displaced.add(unit.uid)
                pos = first
        out.append((kind, pos, unit))
    order = sorted(range(len(out)), key=lambda k: out[k][1])
    return [out[k] for k in order], displaced


def _heading_moves(
    old: Draft,
    sim_articles: list[Unit],
    old_labels: dict[str, str],
    new_ctx: Context,
    gone: list[tuple[Unit, list[Instruction]]],
    came: list[tuple[Unit, int, list[Instruction]]],
) -> None:
    """A heading deleted and one added that opens the first of the deleted one's old
    articles (where the decision put them) are one heading moved or renumbered: 将第四章改为
    第六章 (，章名修改为“……” when its title changed too; 将第三章第二节改为第五章 when a 节
    becomes a 章). The committee names a 章 by its new number where it now stands rather
    than deleting its name and adding it again; ``amend`` puts the heading before the first
    of its old articles. The two items become one (in place of the addition; the deletion's
    item is emptied)."""
    if not gone or not came:
        return
    sim_pos = {u.uid: k for k, u in enumerate(sim_articles)}
    # What each heading held in the OLD text (the copy's headings hold what the structure
    # left them), as ``amend`` reads it.
    old_units = {u.uid: u for u in old.walk() if u.kind.is_heading}
    opens: dict[int, tuple[Unit, list[Instruction]]] = {}
    for ou, item in gone:
        own = old_units.get(ou.uid, ou)
        held = [
            sim_pos[u.uid] for u in own.walk() if u.kind is UnitKind.ARTICLE and u.uid in sim_pos
        ]
        if held:
            opens.setdefault(min(held), (ou, item))
    for nu, pos, item in came:
        found = opens.pop(pos, None)
        if found is None:
            continue
        ou, deleted = found
        title = nu.heading if nu.heading != ou.heading else ""
        item[:] = [
            Instruction(
                HEADING_MOVE,
                anchor=old_labels[ou.uid],
                new_labels=(heading_label(new_ctx, nu.uid),),
                new=title,
            )
        ]
        deleted.clear()


def _boundary_moves(
    old: Draft,
    sim_articles: list[Unit],
    old_article: dict[str, str],
    gone: list[tuple[Unit, list[Instruction]]],
    came: list[tuple[Unit, int, list[Instruction]]],
    at: dict[int, int],
    moved: frozenset[str] | set[str] = frozenset(),
) -> list[list[Instruction]]:
    """A heading deleted and the same one (level and title) added a few old articles
    later or earlier: the 章/节 did not change, its boundary did — those articles went to
    the 章 before (将第七条移至第六条后) or came from it (将第六条移至第七条前). The two
    heading items give way to one move item per article (the first in place of the
    addition; the rest returned, placed at the same rank)."""
    if not gone or not came:
        return []
    sim_pos = {u.uid: k for k, u in enumerate(sim_articles)}
    old_units = {u.uid: u for u in old.walk() if u.kind.is_heading}
    extra: list[list[Instruction]] = []
    for ou, deleted in gone:
        if not deleted or deleted[0].action != DELETE_HEADING or deleted[0].position:
            continue
        own = old_units.get(ou.uid, ou)
        held = [sim_pos[u.uid] for u in own.walk()
                if u.kind is UnitKind.ARTICLE and u.uid in sim_pos]  # fmt: skip
        if not held:
            continue
        start = min(held)
        for nu, pos, added in came:
            if (
                not added
                or added[0].action != ADD_HEADING
                or nu.kind is not ou.kind
                or nu.heading != ou.heading
                or pos == start
                or not 0 < min(pos, start)
            ):
                continue
            lo, hi = min(pos, start), max(pos, start)
            crossing = sim_articles[lo:hi]
            if not all(u.uid in old_article for u in crossing) or hi >= len(sim_articles):
                continue
            if any(old_article[u.uid] in moved for u in crossing):
                # An article the decision already moves (``moved``: old labels) is not one
                # the boundary passed over: a second 将第X条移至… for it would contradict the
                # first, and the articles around it are not a boundary shift either.
                continue
            if pos > start:  # its first articles went to the 章 before
                anchor, before = sim_articles[start - 1], False
                order = crossing
            else:  # the last articles of the 章 before came into it
                anchor, before = sim_articles[start], True
                order = crossing
            if anchor.uid not in old_article:
                continue
            moves: list[list[Instruction]] = []
            previous = anchor
            for u in order:
                moves.append([Instruction(MOVE, (Place(old_article[u.uid]),),
                                          anchor=old_article[(previous if not before else anchor).uid],
                                          before=before)])  # fmt: skip
                previous = u
            added[:] = moves[0]
            for m in moves[1:]:
                at[id(m)] = at.get(id(added), pos)
                extra.append(m)
            deleted.clear()
            came = [c for c in came if c[2] is not added]
            break
    return extra


def _in_text_order(
    comparison: Comparison,
    headed: list[list[Instruction]],
    at: dict[int, int],
    from_old: dict[int, str],
    items: list[list[Instruction]],
) -> list[list[Instruction]]:
    """The heading items among the article items, in the order of the text, as the committee
    lists them: a 章 renamed, deleted, added or moved comes where that 章 starts, before the
    items of its first articles. Places are ranks in the comparison's pairs (the new order,
    a deleted article where it stood): a heading added or moved stands before the new article
    it opens (``at``: its new index); one renamed or deleted, before the first article it
    held in the old text (``from_old``: its uid); an article item at the first article it
    names (old numbers, or new ones for what it adds); an item naming none, where the item
    before it stands."""
    if not headed:
        return items
    old, new = comparison.old_draft, comparison.new_draft
    new_index: dict[str, int] = {}
    if new is not None:
        new_index = {u.uid: k for k, u in enumerate(new.articles())}
    end = len(comparison.pairs)
    by_old: dict[str, int] = {}
    by_new: dict[str, int] = {}
    old_rank: dict[str, int] = {}
    new_rank: dict[int, int] = {}
    for r, pair in enumerate(comparison.pairs):
        for label in pair.old_numbers:
            by_old.setdefault(label, r)
        for label in pair.new_numbers:
            by_new.setdefault(label, r)
        for u in pair.old:
            old_rank.setdefault(u.uid, r)
        for u in pair.new:
            if u.uid in new_index:
                new_rank.setdefault(new_index[u.uid], r)
    held: dict[str, int] = {}
    if old is not None:
        wanted = set(from_old.values())
        for u in old.walk():
            if u.uid in wanted:
                ranks = [old_rank[a.uid] for a in u.walk()
                         if a.kind is UnitKind.ARTICLE and a.uid in old_rank]  # fmt: skip
                held[u.uid] = min(ranks) if ranks else end

    def key(item: list[Instruction]) -> int:
        if id(item) in from_old:
            return held.get(from_old[id(item)], end)
        return new_rank.get(at.get(id(item), -1), end)

    def place(clauses: list[Instruction]) -> int | None:
        found = [by_old[p.article] for c in clauses for p in c.places if p.article in by_old]
        found += [
            by_new[n]
            for c in clauses
            if c.action in (ADD_ARTICLES, SPLIT, MERGE)
            for n in c.new_labels
            if n in by_new
        ]
        return min(found) if found else None

    out: list[list[Instruction]] = []
    pending = sorted(headed, key=key)  # stable: renames, then deletions, then additions
    last = 0
    for item in items:
        here = place(item)
        last = here if here is not None else last
        while pending and key(pending[0]) <= last:
            out.append(pending.pop(0))
        out.append(item)
    return out + pending


def _last_article(heading: Unit) -> Unit | None:
    last = None
    for u in heading.walk():
        if u.kind is UnitKind.ARTICLE:
            last = u
    return last


#: Half-width punctuation a decision may turn full-width in one closing sentence.
HALF_WIDTH = frozenset(":(),;?!")
#: The sentence decisions drafted before stop 10 ended with to make half-width punctuation
#: full-width; ``amend`` still reads it (``drafting.amend.read``). A decision drafted now says
#: it in the 重新公布 sentence (``PUNCTUATION_ADJUSTED``).
FULL_WIDTH_SENTENCE = "此外，将条文中的半角标点符号修改为全角标点符号。"
#: What the 重新公布 sentence says of punctuation made full-width.
PUNCTUATION_ADJUSTED = "标点符号"


def _adjusted(renumbered: bool, punctuation: bool) -> str:
    """并对条文顺序作相应调整 / 并对条文顺序和标点符号作相应调整 / 并对标点符号作相应调整 / ""."""
    what = [w for w, on in (("条文顺序", renumbered), (PUNCTUATION_ADJUSTED, punctuation)) if on]
    return f"并对{'和'.join(what)}作相应调整" if what else ""


def renumbers(comparison: Comparison) -> bool:
    """True when applying the decision renumbers anything the closing sentence must name
    (对条文顺序作相应调整): an article whose number changed (an article deleted or added
    before it), a 编/章/节 whose number changed (a heading deleted, added or moved before
    it), an appendix whose label moved (one added or deleted before it). A text that kept
    its printed numbers (第十条 deleted, 第十一条 still so printed) is renumbered all the same
    by ``amend`` (a 修改决定 renumbers; only a 修正案 keeps numbers, and a 修正案 is never
    drafted here): the articles are counted by position, not by their printed labels. An
    article added as 第五条之一 renumbers nothing."""
    if any(
        p.old_numbers and p.new_numbers and p.old_numbers[0] != p.new_numbers[0]
        for p in comparison.pairs
    ):
        return True
    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return False
    counted_old = compute_numbers(old, locks=False)
    counted_new = compute_numbers(new, locks=False)
    for p in comparison.pairs:
        if len(p.old) == 1 and len(p.new) == 1:
            a, b = counted_old.get(p.old[0].uid), counted_new.get(p.new[0].uid)
            if a is not None and b is not None and a.label != b.label:
                return True
    if any(
        r["kind"] != "title" and r["old"] and r["new"] and r["old"] != r["new"]
        for r in heading_changes(comparison)
    ):
        return True
    return any(a != b for a, b in _appendix_relabels(old.appendices, new.appendices))


def wants_full_width(comparison: Comparison) -> bool:
    """True when the punctuation changes are a normalisation: the old articles print some
    half-width punctuation (: ; , ( ) ? !, in words or item labels) and the new ones none.
    Then one closing sentence (FULL_WIDTH_SENTENCE) covers every such change and ``amend``
    makes them all; otherwise each is quoted like any other word change (将第八条中的
    “规定:”修改为“规定：”), so that applying the decision always gives the new text exactly."""
    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return False

    def half(draft: Draft) -> bool:
        return any(
            not HALF_WIDTH.isdisjoint(u.text) or not HALF_WIDTH.isdisjoint(u.label)
            for a in draft.articles()
            for u in a.walk()
            if u.kind is not UnitKind.ARTICLE
        )

    return half(old) and not half(new)


class _Words:
    """Where a quotation may begin and end without cutting a word, learnt from the text itself
    (there is no dictionary): two characters that stand together in a good share of the
    places where either of them occurs (变更, 保护) make a word, and a quotation does not end
    between them (“更。” becomes “变更。”); two that meet often only because one of them is
    everywhere (依法|给予, 第一款|规定, 由|法律委员会) do not."""

    #: Share of each character's occurrences that must be in the pair.
    BOND = 0.3
    #: Occurrences of the pair needed before it counts as a word.
    SEEN = 3
    #: Characters a quotation grows by at most, on each side.
    REACH = 3

    def __init__(self, draft: Draft) -> None:
        chars: dict[str, int] = {}
        pairs: dict[str, int] = {}
        for u in draft.walk():
            text = u.text
            for ch in text:
                chars[ch] = chars.get(ch, 0) + 1
            for k in range(len(text) - 1):
                pair = text[k : k + 2]
                pairs[pair] = pairs.get(pair, 0) + 1
        self.chars, self.pairs = chars, pairs

    def joined(self, a: str, p: int) -> bool:
        """True when a cut at ``p`` would split a word."""
        if p <= 0 or p >= len(a):
            return False
        x, y = a[p - 1], a[p]
        if x in BOUNDARY_CHARS or y in BOUNDARY_CHARS:
            return False
        if x in "本该前" and y in "法条章节款项编":
            return True  # 本章, 该条, 前款: one citation
        if x == "第" or (x in NUMERAL_CHARS and y in NUMERAL_CHARS | set("条章节款项编")):
            return True  # inside 第十二条
        if x + y in FUNCTION_WORDS:
            return True  # 应当, 或者, 为了: too short and common for the counts to tell
        together = self.pairs.get(x + y, 0)
        commoner = max(self.chars.get(x, 0), self.chars.get(y, 0))
        return together >= self.SEEN and together >= self.BOND * commoner

    def whole(
        self,
        found: tuple[Instruction, int, int],
        a: str,
        scope: list[str] | None = None,
        lenient: bool = False,
    ) -> tuple[Instruction, int, int]:
        """The clause with its quotation grown to whole words on each side (an insertion
        point stays where it is: only the words before it grow). A side still inside a word
        after ``REACH`` characters is left where it was (“有期徒” is worse than “五年以下”).
        The NEW words are cut whole too: where the replacement would begin or end inside a
        word (为|了, 应|当报, 或|者), the quotation takes the word's old part along, then ends
        at the nearest whole-word end that keeps it unique in ``scope`` (“应报”修改为“应当报”,
        try11 F2) — or, ``lenient``, that changes it wherever it stands there (the replay
        checks that every occurrence was meant)."""
        clause, left, right = found
        l2, r2 = self._grow_left(a, left), right
        if clause.action in (REPLACE, DELETE_WORDS):
            r2 = self._grow_right(a, right)
        if clause.action == REPLACE and clause.new:
            # The replacement's first and last characters against the words around it.
            new = a[l2:left] + clause.new + a[right:r2]
            k = l2
            while k > 0 and l2 - k < self.REACH and self.joined(a[k - 1] + new, 1):
                new = a[k - 1] + new
                k -= 1
            if k != l2 and not self.joined(a, k):
                shrunk = self._shrink(a, k, r2, a[k:left], new, scope, lenient)
                if shrunk is not None:
                    old_words, new_words, r = shrunk
                    return replace(clause, old=old_words, new=new_words), k, r
                l2 = k
        if (l2, r2) == (left, right):
            return found
        head, tail = a[l2:left], a[right:r2]
        if not (_balanced(a[l2:r2]) and _balanced(head + tail)):
            return found
        if clause.action == REPLACE:
            clause = replace(clause, old=a[l2:r2], new=head + clause.new + tail)
        elif clause.action == DELETE_WORDS:
            clause = replace(clause, action=REPLACE, old=a[l2:r2], new=head + tail)
        elif clause.action == INSERT_AFTER:
            clause = replace(clause, old=a[l2:r2])
        else:
            return found
        return clause, l2, r2

    def _grow_left(self, a: str, left: int) -> int:
        k = left
        while self.joined(a, k) and left - k < self.REACH:
            k -= 1
        return left if self.joined(a, k) else k

    def _grow_right(self, a: str, right: int) -> int:
        k = right
        while self.joined(a, k) and k - right < self.REACH:
            k += 1
        return right if self.joined(a, k) else k

    def _shrink(
        self,
        a: str,
        left: int,
        right: int,
        head: str,
        new: str,
        scope: list[str] | None,
        lenient: bool = False,
    ) -> tuple[str, str, int] | None:
        """The shortest quotation a[left:r] (r ≤ ``right``) whose change is the same — the
        old and new words share the tail a[r:right] — that is unique in ``scope``, balanced
        and ends at a whole word on both sides; None when there is none shorter."""
        if scope is None:
            return None
        old = a[left:right]
        same = 0  # the tail old and new share
        while same < min(len(old), len(new)) - len(head) and old[-1 - same] == new[-1 - same]:
            same += 1
        for cut in range(same, 0, -1):
            r = right - cut
            o, n = a[left:r], new[: len(new) - cut]
            if (
                r > left + len(head)
                and o != n
                and not self.joined(a, r)
                and not (n and self.joined(n[-1] + a[r], 1))
                and _balanced(o)
                and _balanced(n)
                and (lenient or _count(scope, o) == 1)
            ):
                return o, n, r
        return None


#: Two-character words of legal Chinese too common for ``_Words``'s counts to see as words
#: in a short text, where an edit often changes their form (应报 → 应当报, 或 → 或者,
#: 为适应 → 为了): a quotation never begins or ends inside one.
FUNCTION_WORDS = frozenset(
    "应当 或者 为了 以及 并且 可以 依照 按照 依法 根据 有关 其他 以上 以下 以内 不得 必须 "
    "应该 并处 处以 给予 予以 对于 关于 由于 参照 违反 规定 负责 及其 其中 以外 之前 之后 "
    "之日 是指 包括 属于 造成 情节 严重 有期 徒刑 拘役 罚金 罚款 没收 责令 改正".split()
)


@dataclass
class _Copy:
    """The old text with the decision's structure applied, as the phrase edits see it:
    ``articles`` uid → article with every reference renumbered (what is compared with the
    new words), ``pre`` uid → the words before the renumbering (what a decision quotes),
    ``spans`` uid → (old start, old end, new start, new end) of each renumbered reference."""

    articles: dict[str, Unit]
    pre: dict[str, str]
    spans: dict[str, list[tuple[int, int, int, int]]]
    full_width: bool = False
    draft: Draft | None = None
    words: _Words | None = None

    def same(self, old: str, new: str) -> bool:
        """The old words (structure applied) read as the new ones once amended."""
        if self.full_width:
            old = old.translate(FULL_WIDTH)
        return old == new


def _structured_copy(
    old: Draft | None,
    entries: list[_Entry],
    references: ReferenceIndex | None = None,
    headings: list[Instruction] | None = None,
) -> _Copy:
    """The old text with the decision's structural clauses applied (every reference
    renumbered); see ``_Copy``. ``headings``: the decision's heading clauses, applied too
    (then added articles go into the 章/节 they name, as ``amend`` puts them)."""
    if old is None:
        return _Copy({}, {}, {})
    # Added articles go after the one numbered before them, whatever 章/节 is named: the
    # copy's articles stand in the new order (the headings' own clauses are found from it).
    structural = [
        replace(c, container=e.home) if c.action == ADD_ARTICLES and headings is None else c
        for e in entries
        if e.pair is None
        for c in e.clauses
    ] + list(headings or ())
    # The copy keeps every uid, so the references found for the comparison serve it too.
    index = ReferenceIndex(dict(references.by_unit)) if references is not None else None
    amender = Amender(old.clone(), index)
    amender.apply(structural, words=False)
    return _Copy(
        {a.uid: a for a in amender.draft.articles()},
        amender.pre_renumber,
        amender.renumbered,
        draft=amender.draft,
        words=_Words(old),
    )


def _with_heading_structure(comparison: Comparison, copy: _Copy, entries: list[_Entry]) -> _Copy:
    """The copy the words are compared on, with the decision's heading clauses applied too
    when there are any that move a heading (删去…章名, 增加一章, 将第四章改为第六章): a
    citation of a 章/节 (本法第二章第三节) that only follows them is then renumbered in the
    copy as ``amend`` renumbers it, and is no word change to quote. The headings themselves
    are still placed on the copy without them (``draft`` is the first copy's)."""
    old = comparison.old_draft
    if old is None or copy.draft is None:
        return copy
    trial = [list(e.clauses) for e in entries if e.pair is None and e.clauses]
    heads = [
        replace(c, position=0) if c.action == DELETE_HEADING else c  # articles: by DELETE
        for item in _with_headings(comparison, copy, trial)
        for c in item
        if c.action in (DELETE_HEADING, ADD_HEADING, HEADING_MOVE)
    ]
    if not heads:
        return copy
    again = _structured_copy(old, entries, comparison.old_references, heads)
    again.draft = copy.draft
    return again


def _plan(comparison: Comparison, new_ctx: Context | None) -> list[_Entry]:
    pairs = comparison.pairs
    entries: list[_Entry] = []
    k = 0
    while k < len(pairs):
        pair = pairs[k]
        if pair.status in (ADDED, DELETED):
            run = [pair]
            while k + 1 < len(pairs) and pairs[k + 1].status in (ADDED, DELETED):
                k += 1
                run.append(pairs[k])
            entries.extend(_run(run, pairs, k, new_ctx))
        elif is_amendment(pair):
            entries.append(_changed(pair, pairs, k, new_ctx))
        elif len(pair.old) == 1 and len(pair.new) == 1:
            entries.append(_Entry([], pair, check=True))
        k += 1
    return entries


#: A cited 款/项/目 number (第一款, 第五项, 第（五）项).
_PART_NUMBER = re.compile(r"第[（(]?[一二三四五六七八九十百零〇]+[）)]?(?=[款项目])")


def _part_numbers(text: str) -> str:
    """The words with every cited 款/项/目 number masked. An article whose only change is a
    cited number (its kind CITATIONS: the cited 项 is the same one, moved down a place by
    one added before it) and whose copy differs from the new words only there is no item:
    ``amend`` renumbers the citation when it adds the 项 (F19)."""
    return _PART_NUMBER.sub("第#", text)


def _opening_homes(comparison: Comparison, entries: list[_Entry]) -> None:
    """Sets ``home`` of each addition that opens a 章/节 (``container`` set) and is followed
    in that 章/节 by an old article: the old label of the heading of that level holding the
    old article, so the copy puts the new article first in it (as ``amend`` does for
    在第二章中增加一条) rather than last in the 章 before, which would read as the heading
    moved (F24: 删去第二章章名 + 在第一章后增加一章)."""
    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return
    wanted = [e for e in entries if e.clauses and e.clauses[0].action == ADD_ARTICLES
              and e.clauses[0].container]  # fmt: skip
    if not wanted:
        return
    new_ctx, old_ctx = Context(new), Context(old)
    to_old = {p.new[0].uid: p.old[0].uid for p in comparison.pairs if p.old and len(p.new) == 1}
    by_label = {u.uid: u for u in new.articles()}
    labels = {new_ctx.full_label(u.uid): u for u in new.articles()}
    for e in wanted:
        ins = e.clauses[0]
        last = labels.get(ins.new_labels[-1])
        if last is None or last.uid not in by_label:
            continue
        pos = new_ctx.article_pos[last.uid] + 1
        if pos >= len(new_ctx.articles):
            continue
        following = new_ctx.articles[pos]
        holder = new_ctx.parent.get(following.uid)
        if holder is None or heading_label(new_ctx, holder.uid) != ins.container:
            continue
        old_uid = to_old.get(following.uid)
        if old_uid is None:
            continue
        old_holder = old_ctx.container(old_uid, holder.kind)
        if old_holder is not None:
            e.home = heading_label(old_ctx, old_holder.uid)


def _body(units: list[Unit]) -> str:
    return "\n".join(article_body(u) for u in units)


def _run(
    run: list[ArticlePair], pairs: list[ArticlePair], end: int, new_ctx: Context | None
) -> list[_Entry]:
    """A run of deletions and additions at one place: an article replaced by another is
    rewritten (将第X条修改为); the rest are 删去 and 增加."""
    deleted = [p for p in run if p.status == DELETED]
    added = [p for p in run if p.status == ADDED]
    replaced = min(len(deleted), len(added))
    out: list[_Entry] = []
    for d, a in zip(deleted[:replaced], added[:replaced], strict=True):
        out.append(
            _Entry(
                [
                    Instruction(
                        REWRITE,
                        (Place(d.old_numbers[0]),),
                        texts=(_body(a.new),),
                        new_labels=(a.new_numbers[0],),
                    )
                ]
            )
        )
    if deleted[replaced:]:
        places = tuple(Place(p.old_numbers[0]) for p in deleted[replaced:])
        out.append(_Entry([Instruction(DELETE, places)]))
    rest = added[replaced:]
    # Consecutive additions in one 章/节 read as one item (增加两条，分别作为…).
    group: list[ArticlePair] = []
    for p in rest:
        if group and _container(group[-1].new[0], new_ctx) != _container(p.new[0], new_ctx):
            out.append(_addition(group, new_ctx))
            group = []
        group.append(p)
    if group:
        out.append(_addition(group, new_ctx))
    return out


def _container(unit: Unit, ctx: Context | None) -> str:
    """The full label of the 章/节 holding an article in the new text ("" at the top)."""
    if ctx is None:
        return ""
    parent = ctx.parent.get(unit.uid)
    return heading_label(ctx, parent.uid) if parent is not None else ""


def _addition(group: list[ArticlePair], ctx: Context | None) -> _Entry:
    first = group[0].new[0]
    container = ""
    if ctx is not None:
        pos = ctx.article_pos[first.uid]
        before = ctx.articles[pos - 1] if pos > 0 else None
        if before is None or ctx.parent.get(before.uid) is not ctx.parent.get(first.uid):
            container = _container(first, ctx)
    return _Entry(
        [
            Instruction(
                ADD_ARTICLES,
                new_labels=tuple(p.new_numbers[0] for p in group),
                texts=tuple(_body(p.new) for p in group),
                container=container,
            )
        ]
    )


def _changed(pair: ArticlePair, pairs: list[ArticlePair], k: int, ctx: Context | None) -> _Entry:
    old = "、".join(pair.old_numbers)
    if pair.status == MODIFIED:
        return _Entry([], pair)
    if pair.status == SPLIT_STATUS:
        texts = tuple(article_body(u) for u in pair.new)
        return _Entry(
            [Instruction(SPLIT, (Place(old),), texts=texts, new_labels=tuple(pair.new_numbers))]
        )
    if pair.status == MERGED:
        places = tuple(Place(n) for n in pair.old_numbers)
        return _Entry(
            [
                Instruction(
                    MERGE, places, texts=(_body(pair.new),), new_labels=(pair.new_numbers[0],)
                )
            ]
        )
    if pair.status == MOVED:
        anchor, before = _move_anchor(pair, pairs, k, ctx)
        texts = (_body(pair.new),) if pair.kind == WORDING else ()
        if not anchor:
            return _Entry(
                [
                    Instruction(
                        REWRITE,
                        (Place(pair.old_numbers[0]),),
                        texts=(_body(pair.new),),
                        new_labels=(pair.new_numbers[0],),
                    )
                ]  # fmt: skip
            )
        move = Instruction(
            MOVE, (Place(pair.old_numbers[0]),), anchor=anchor, before=before, texts=texts
        )
        return _Entry([move], moved=None if texts else pair)
    raise ValueError(pair.status)


def _move_anchor(
    pair: ArticlePair, pairs: list[ArticlePair], k: int, ctx: Context | None
) -> tuple[str, bool]:
    """The old article a moved one goes after (or before): its nearest neighbour in the new
    text that was in the old text too and sits in the same 章/节."""
    home = _container(pair.new[0], ctx)

    # A moved article before it is already in its place (moves apply in the new order); one
    # after it is not yet.
    # An added article that ``_run`` writes as the rewrite of a deleted one (将第三十条改为
    # 第二十八条，修改为) stands where that old article stands: a neighbour too, named by
    # its old number — skipping it would put the moved article on the wrong side of it.
    rewritten = _rewritten_additions(pairs)

    def old_of(p: ArticlePair) -> str:
        return p.old_numbers[0] if p.old else rewritten.get(id(p), "")

    previous = next((p for p in reversed(pairs[:k]) if p.new and old_of(p)), None)
    following = next(
        (p for p in pairs[k + 1 :] if p.new and old_of(p) and p.status != MOVED), None
    )
    if previous is not None and _container(previous.new[-1], ctx) == home:
        return old_of(previous), False
    if following is not None and _container(following.new[0], ctx) == home:
        return old_of(following), True
    if previous is not None:
        return old_of(previous), False
    if following is not None:
        return old_of(following), True
    return "", False


def _rewritten_additions(pairs: list[ArticlePair]) -> dict[int, str]:
    """id of each ADDED pair that ``_run`` words as the rewrite of a deleted article (a run
    of deletions and additions, paired in order) → that deleted article's old number."""
    out: dict[int, str] = {}
    k = 0
    while k < len(pairs):
        if pairs[k].status not in (ADDED, DELETED):
            k += 1
            continue
        end = k
        while end < len(pairs) and pairs[end].status in (ADDED, DELETED):
            end += 1
        run = pairs[k:end]
        deleted = [p for p in run if p.status == DELETED]
        added = [p for p in run if p.status == ADDED]
        for d, a in zip(deleted, added, strict=False):
            out[id(a)] = d.old_numbers[0]
        k = end
    return out


# ---- words ---------------------------------------------------------------------------------------


def _lines(article: Unit) -> list[tuple[Unit, str, tuple[int, int, int]]]:
    """(unit, its words, (款, 项, 目) positions, 1-based, 0 where none) per line."""
    out: list[tuple[Unit, str, tuple[int, int, int]]] = []
    for p, paragraph in enumerate(article.children, 1):
        if paragraph.text or not paragraph.children:
            out.append((paragraph, paragraph.text, (p, 0, 0)))
        for i, item in enumerate(paragraph.children, 1):
            out.append((item, item.text, (p, i, 0)))
            for s, sub in enumerate(item.children, 1):
                out.append((sub, sub.text, (p, i, s)))
    return out


def _paragraph_text(article: Unit, p: int) -> str:
    """The lines of one 款 (its items labelled), as quoted in a decision."""
    only = Unit(UnitKind.ARTICLE, children=[article.children[p - 1]])
    return article_body(only)


def _shared_terms(entries: list[_Entry], adjusted: dict[str, Unit]) -> dict[str, int]:
    """For words inserted before the same term in several places (“宪法和” before
    法律委员会审议 and 法律委员会研究): the length of the term they share, so that every place
    reads 将…中的“法律委员会”修改为“宪法和法律委员会” and the items group."""
    following: dict[str, list[str]] = {}
    for entry in entries:
        if entry.pair is None:
            continue
        old = adjusted.get(entry.pair.old[0].uid, entry.pair.old[0])
        old_lines, new_lines = _lines(old), _lines(entry.pair.new[0])
        if [p for *_, p in old_lines] != [p for *_, p in new_lines]:
            continue
        for (_, a, _), (_, b, _) in zip(old_lines, new_lines, strict=True):
            if a == b:
                continue
            for start, end, inserted in _regions(a, b):
                if start == end and inserted and not inserted.startswith(_JOINERS):
                    following.setdefault(inserted, []).append(_term(a, start, 12))
    terms: dict[str, int] = {}
    for inserted, texts in following.items():
        if len(texts) > 1:
            common = os.path.commonprefix(texts)
            if len(common) >= 2:
                terms[inserted] = len(common)
    return terms


def _term(a: str, start: int, cap: int) -> str:
    """The words from ``start`` up to the next punctuation, at most ``cap`` characters."""
    end = start
    while end < len(a) and end - start < cap and a[end] not in BOUNDARY_CHARS:
        end += 1
    return a[start:end]


def _text_changes(
    pair: ArticlePair, copy: _Copy, terms: dict[str, int] | None = None
) -> list[Instruction]:
    """The clauses for an article whose words changed in place."""
    old_label, new_label = pair.old_numbers[0], pair.new_numbers[0]
    new = pair.new[0]
    old = copy.articles.get(pair.old[0].uid, pair.old[0])
    whole = Instruction(
        REWRITE, (Place(old_label),), texts=(article_body(new),), new_labels=(new_label,)
    )
    old_lines, new_lines = _lines(old), _lines(new)
    many = len(old.children) > 1
    if [pos for *_, pos in old_lines] == [pos for *_, pos in new_lines]:
        clauses = _phrases(old, new, old_label, many, terms or {}, copy, lenient=True)
        if clauses is None:
            clauses = _phrases(old, new, old_label, many, terms or {}, copy)
        if clauses is not None:
            return _same_words_together(clauses)
        old_labels, new_labels = body_numbers(old), body_numbers(new)
        differ = {
            pos[0]
            for (ou, a, pos), (nu, b, _) in zip(old_lines, new_lines, strict=True)
            if a != b or old_labels[ou.uid].label != new_labels[nu.uid].label
        }
        if len(differ) == 1 and many:
            p = differ.pop()
            return [
                Instruction(
                    REWRITE,
                    (Place(old_label, p),),
                    texts=(_paragraph_text(new, p),),
                    new_labels=(new_label,),
                )  # fmt: skip
            ]
        return [whole]
    structural = _structure_change(old, new, old_label, many)
    if structural is not None and old_label != new_label:
        # 将第五条改为第六条，增加一款，作为第一款：the old number, and the new one.
        structural = replace(structural, new_labels=(new_label,))
    return [structural] if structural is not None else [whole]


def _same_words_together(clauses: list[Instruction]) -> list[Instruction]:
    """One replacement made in several 款 or 项 of one article is one clause naming them all
    (将第二十九条第三款、第四款中的“A”修改为“B”), where the first of them stood."""
    out: list[Instruction] = []
    for clause in clauses:
        twin = next(
            (
                k
                for k, c in enumerate(out)
                if c.action == clause.action == REPLACE
                and (c.old, c.new) == (clause.old, clause.new)
                and not set(c.places) & set(clause.places)
            ),
            None,
        )
        if twin is None:
            out.append(clause)
        else:
            out[twin] = replace(out[twin], places=out[twin].places + clause.places)
    return out


def _structure_change(old: Unit, new: Unit, label: str, many: bool) -> Instruction | None:
    """One 款 or 项 added or dropped, everything else the same."""
    olds = [_paragraph_text(old, p) for p in range(1, len(old.children) + 1)]
    news = [_paragraph_text(new, p) for p in range(1, len(new.children) + 1)]
    if len(news) == len(olds) + 1:
        for k in range(len(news)):
            if news[:k] + news[k + 1 :] == olds:
                return Instruction(ADD_PARAGRAPH, (Place(label),), position=k + 1, texts=(news[k],))
    if len(olds) == len(news) + 1:
        for k in range(len(olds)):
            if olds[:k] + olds[k + 1 :] == news:
                return Instruction(DELETE, (Place(label, k + 1),))
    if len(olds) != len(news):
        return None
    differ = [k for k in range(len(olds)) if olds[k] != news[k]]
    if len(differ) != 1:
        return None
    p = differ[0]
    a, b = old.children[p], new.children[p]
    if a.text != b.text:
        return None
    # Items compared by their words: printed labels ((一) half-width, a lock each) shift
    # after an item added or dropped, and amend numbers them again in the style printed.
    old_items = [_item_words(i) for i in a.children]
    new_items = [_item_words(i) for i in b.children]
    place = Place(label, p + 1 if many else 0)
    if len(new_items) == len(old_items) + 1:
        for k in range(len(new_items)):
            expected = list(old_items)
            if k == len(old_items) and k > 0 and expected[-1].endswith("。"):
                expected[-1] = expected[-1][:-1] + "；"
            if new_items[:k] + new_items[k + 1 :] == expected:
                text = _item_text(b.children[k], k + 1)
                return Instruction(ADD_ITEM, (place,), position=k + 1, texts=(text,))
    if len(old_items) == len(new_items) + 1:
        for k in range(len(old_items)):
            expected = old_items[:k] + old_items[k + 1 :]
            if k == len(old_items) - 1 and k > 0 and expected[-1].endswith("；"):
                # The last item goes: the one before it now ends with 。 (amend does so too).
                expected[-1] = expected[-1][:-1] + "。"
            if expected == new_items:
                return Instruction(DELETE, (Place(label, p + 1 if many else 0, k + 1),))
    return None


def _item_words(item: Unit) -> str:
    """An item's words and its 目's, without the labels."""
    return "\n".join([item.text, *(sub.text for sub in item.children)])


def _item_text(item: Unit, n: int) -> str:
    """The item as quoted: its label as printed ((四) stays half-width), its 目 lines."""
    own = item.label if read_label(UnitKind.ITEM, item.label) else f"（{to_chinese(n)}）"
    lines = [f"{own}{item.text}"]
    lines += [f"{s}.{sub.text}" for s, sub in enumerate(item.children, 1)]
    return "\n".join(lines)


def _phrases(
    old: Unit,
    new: Unit,
    label: str,
    many: bool,
    terms: dict[str, int],
    copy: _Copy,
    lenient: bool = False,
) -> list[Instruction] | None:
    """Phrase edits line by line, quoting the OLD words, replayed to check them; None when
    they would not give the new words exactly or are too many.

    The edits are found by comparing the words with every reference renumbered (``a``) with
    the new words (``b``), so a citation that only follows renumbering is no edit (the
    closing 对条文顺序作相应调整 covers it). Each quotation is then taken from the words as
    printed before the renumbering (what the decision amends): an edit that touches a
    renumbered citation quotes it whole, old number in “A”, new number in “B”. The replay does
    what ``amend`` does: phrase edits on the old words, then the renumbering of every
    citation they left standing, then (``copy.full_width``) the closing full-width sentence.
    Punctuation-width changes are edits like any other unless that sentence covers them.
    """
    clauses: list[Instruction] = []
    lines = _lines(old)
    adjusted = {u.uid: t for u, t, _ in lines}
    # uid → (words as the decision quotes them, pending renumbering (start, end, words)).
    state: dict[str, tuple[str, list[tuple[int, int, str]]]] = {}
    for u, t, _ in lines:
        spans = copy.spans.get(u.uid, [])
        state[u.uid] = (copy.pre.get(u.uid, t), [(os_, oe, t[ns:ne]) for os_, oe, ns, ne in spans])
    old_labels, new_labels = body_numbers(old), body_numbers(new)
    for (unit, a, pos), (new_unit, b, _) in zip(lines, _lines(new), strict=True):
        if old_labels[unit.uid].label != new_labels[new_unit.uid].label:
            return None  # an item's label printed otherwise ((一) → （一）): rewrite the 款
        if a == b:
            continue
        if pos[2]:
            return None  # a 目 is not named in a decision's phrase edits: rewrite the 款
        place = Place(label, pos[0] if many else 0, pos[1])
        scope = [u.uid for u in unit.walk() if u.uid in adjusted]
        regions = _regions(a, b)
        if copy.full_width:
            # Punctuation width alone (: → ：) is left to the closing sentence.
            regions = [r for r in regions if normalise(a[r[0] : r[1]]) != normalise(r[2])]
        changed = sum(end - start + len(ins) for start, end, ins in regions)
        if changed > MAX_CHANGED_SHARE * max(len(a), len(b)):
            return None
        for region in regions:
            found = _clause(a, region, place, [adjusted[u] for u in scope], terms, lenient)
            if found is None:
                return None
            if copy.words is not None:
                found = copy.words.whole(found, a, [adjusted[u] for u in scope], lenient)
            clause, left, right = found
            quoted = _quote_old(
                clause, left, right, a, copy.pre.get(unit.uid, a), copy.spans.get(unit.uid, [])
            )
            if quoted.old == quoted.new:
                # A citation kept as printed while its target moved (the old words already
                # read as the new ones): no phrase can say it; the 款 is rewritten.
                return None
            if quoted in clauses:
                continue  # the same term again: the clause already changed every occurrence
            if not lenient and _count([state[uid][0] for uid in scope], quoted.old) != 1:
                return None
            clauses.append(quoted)
            if len(clauses) > MAX_PHRASES:
                return None
            # Replay: each clause acts on every text under its place.
            for uid in scope:
                adjusted[uid] = phrase_edits(adjusted[uid], clause)[0]
                text, pending = state[uid]
                text, edits = phrase_edits(text, quoted)
                state[uid] = (
                    text,
                    [(s2, e2, w) for s1, e1, w in pending for s2, e2 in [shift_span(s1, e1, edits)]
                     if s2 >= 0],
                )  # fmt: skip
    for unit, _, _ in lines:
        text, pending = state[unit.uid]
        for start, end, words in sorted(pending, reverse=True):
            text = text[:start] + words + text[end:]
        state[unit.uid] = (text, [])
    for (unit, _, _), (_, b, _) in zip(lines, _lines(new), strict=True):
        if not copy.same(state[unit.uid][0], b):
            return None
    return clauses


def _quote_old(
    clause: Instruction,
    left: int,
    right: int,
    a: str,
    o: str,
    spans: list[tuple[int, int, int, int]],
) -> Instruction:
    """``clause`` (quoting a[left:right] of the renumbered words) as it quotes the words
    before the renumbering: a quotation that cuts a renumbered citation takes it whole; the
    citation's old number goes in “A” and, where the clause replaces it, its new number in
    “B”. An insertion that would fall inside a citation becomes a replacement of it."""
    l2, r2 = left, right
    for _os, _oe, ns, ne in spans:
        if ns < l2 < ne:
            l2 = ns
        if ns < r2 < ne:
            r2 = ne
    action, new = clause.action, clause.new
    if (l2, r2) != (left, right):
        head, tail = a[l2:left], a[right:r2]
        if action == REPLACE:
            new = head + clause.new + tail
        elif action == DELETE_WORDS:
            action, new = REPLACE, head + tail
        elif action == INSERT_AFTER:
            if tail:
                action, new = REPLACE, head + a[left:right] + clause.new + tail
        elif action == INSERT_BEFORE and head:
            action, new = REPLACE, head + clause.new + a[left:right] + tail

    def to_old(p: int) -> int:
        return p - sum((ne - ns) - (oe - os_) for os_, oe, ns, ne in spans if ne <= p)

    return replace(clause, action=action, old=o[to_old(l2) : to_old(r2)], new=new)


def _regions(a: str, b: str) -> list[tuple[int, int, str]]:
    """The edits from ``a`` to ``b`` as (start, end in a, inserted words), joined across short
    equalities."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for op, text in word_diff(a, b):
        if op == EQUAL:
            pos += len(text)
            continue
        start, end, ins = (pos, pos, "")
        if out and out[-1][1] == pos:
            start, end, ins = out.pop()
        elif (
            out
            and pos - out[-1][1] <= JOIN_GAP
            and not any(c in BOUNDARY_CHARS for c in a[out[-1][1] : pos])
        ):
            prev = out.pop()
            start, end, ins = prev[0], pos, prev[2] + a[prev[1] : pos]
        if op == OP_DELETE:
            end = pos + len(text)
            pos += len(text)
        else:
            ins += text
        out.append((start, end, ins))
    return out


def _count(texts: list[str], words: str) -> int:
    return sum(t.count(words) for t in texts)


_PAIRS = (("《", "》"), ("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("〈", "〉"))
#: Words that go with a number (元, 日, 以上 …): an edit of a number takes them along.
_UNIT_CHARS = frozenset("元角万亿日月年天时个次倍")
_UNIT_SUFFIXES = ("以上", "以下", "以内")
#: Words that join what follows to the term before them: inserted after that term.
_JOINERS = ("、", "，", "；", "和", "及", "与", "或", "并", "以及")
#: What a cited number is made of (第八十条第二款).
_CITATION_CHARS = NUMERAL_CHARS | frozenset("第条款项章节编之")
#: How far a term reaches (characters) when no punctuation ends it sooner.
_TERM = 4


def _balanced(text: str) -> bool:
    return all(text.count(o) == text.count(c) for o, c in _PAIRS)


def _stops_left(a: str, p: int) -> list[int]:
    """Phrase starts at or before ``p`` (0, or just after punctuation), nearest first."""
    return [q for q in range(p, -1, -1) if q == 0 or a[q - 1] in BOUNDARY_CHARS]


def _stops_right(a: str, p: int) -> list[int]:
    """Phrase ends at or after ``p`` (the end, or just before punctuation), nearest first."""
    return [q for q in range(p, len(a) + 1) if q == len(a) or a[q] in BOUNDARY_CHARS]


def _widen(a: str, start: int, end: int, scope: list[str], inserted: str) -> tuple[int, int] | None:
    """The shortest span around a[start:end] that is unique in the place and keeps brackets
    and quotation marks whole on both sides of the edit; None when there is none.

    A span grows by whole phrases (to the punctuation before or after it), never by single
    characters: a quotation never ends inside a word (“面意见比较” is no quotation; “各方面
    意见比较一致” is)."""

    def fits(left: int, right: int) -> bool:
        quoted = a[left:right]
        replaced = a[left:start] + inserted + a[end:right]
        return (
            any(c not in BOUNDARY_CHARS for c in quoted)  # words, not a lone “，”
            and _count(scope, quoted) == 1
            and _balanced(quoted)
            and _balanced(replaced)
        )

    lefts = [start, *[q for q in _stops_left(a, start) if q < start]]
    rights = [end, *[q for q in _stops_right(a, end) if q > end]]
    spans = sorted(
        ((left, right) for left in lefts for right in rights),
        key=lambda lr: (lr[1] - lr[0], -lr[0]),
    )
    for left, right in spans:
        if fits(left, right):
            return left, right
    return None


def _clause(
    a: str,
    region: tuple[int, int, str],
    place: Place,
    scope: list[str],
    terms: dict[str, int] | None = None,
    lenient: bool = False,
) -> tuple[Instruction, int, int] | None:
    """The clause for one edit of text ``a`` and the stretch a[left:right] it quotes, quoting whole terms as the committee does:

    - words inserted before a term (宪法和 + 法律委员会) replace the term:
      将…中的“法律委员会”修改为“宪法和法律委员会”; words joined on (、国家监察委员会, 和…) are
      added after the term before them: 在…中的“有关部门”后增加“、国家监察委员会”;
    - a short replaced word takes the rest of its term (行政处分 → 政务处分), a number its
      unit (一千元以上 → 二千元以上);
    - the quotation is widened until it is unique in the place and its brackets are whole.
    """
    start, end, inserted = region
    deleted = a[start:end]
    if deleted and inserted and all(c in _CITATION_CHARS for c in deleted + inserted):
        # A cited number is quoted whole: “第五条” → “第四条”, not “五” → “四”.
        while start > 0 and a[start - 1] in NUMERAL_CHARS:
            start -= 1
            inserted = a[start] + inserted
        if start > 0 and a[start - 1] == "第":
            start -= 1
            inserted = "第" + inserted
        if a[start] == "第":
            while end < len(a) and a[end] in NUMERAL_CHARS:
                inserted += a[end]
                end += 1
            if end < len(a) and a[end] in "条款项章节编":
                inserted += a[end]
                end += 1
        deleted = a[start:end]
    if deleted and deleted[-1] in NUMERAL_CHARS:
        while end < len(a) and a[end] in _UNIT_CHARS:
            end += 1
            inserted += a[end - 1]
        if a[end : end + 2] in _UNIT_SUFFIXES:
            inserted += a[end : end + 2]
            end += 2
        deleted = a[start:end]
    elif deleted and inserted and len(deleted) <= 2 and len(inserted) <= 2:
        tail = _term(a, end, len(a))
        end += len(tail)
        deleted, inserted = deleted + tail, inserted + tail
    plain = _balanced(deleted) and _balanced(inserted)
    words = any(c not in BOUNDARY_CHARS for c in deleted)
    if deleted and not inserted and plain and words and _count(scope, deleted) == 1:
        return Instruction(DELETE_WORDS, (place,), old=deleted), start, end
    if not deleted and plain:
        attach_left = inserted.startswith(_JOINERS) or start == len(a) or a[start] in BOUNDARY_CHARS
        closer = a[start - 1] if start > 0 else ""
        opener = next((o for o, c in _PAIRS if c == closer and o != c), "")
        if opener and a.rfind(opener, 0, start - 1) >= 0:
            # Words added right after a title or a quotation (《浙江省河长制规定》等规定): after
            # the bracketed words, as one piece: 在“《浙江省河长制规定》”后增加“等规定”.
            o = a.rfind(opener, 0, start - 1)
            before = a[o:start]
            if _count(scope, before) == 1 and _balanced(before):
                return Instruction(INSERT_AFTER, (place,), old=before, new=inserted), o, start
        if attach_left and start > 0:
            for left in _stops_left(a, start):
                if left == start:
                    continue
                size = start - left
                before = a[left:start]
                if _count(scope, before) == 1 and _balanced(before):
                    return (
                        Instruction(INSERT_AFTER, (place,), old=before, new=inserted),
                        start - size,
                        start,
                    )
        elif start < len(a):
            shared = (terms or {}).get(inserted)
            size = shared or len(_term(a, start, len(a)))
            end = start + max(min(2, len(a) - start), size)
            deleted = a[start:end]
            inserted = inserted + deleted
            if shared and lenient:
                # A term changed wherever it stands (法律委员会 → 宪法和法律委员会): quoted
                # once for all its occurrences in the place; the replay checks that every
                # one of them was meant.
                return Instruction(REPLACE, (place,), old=deleted, new=inserted), start, end
    span = _widen(a, start, end, scope, inserted)
    if span is None:
        return None
    left, right = span
    return (
        Instruction(
            REPLACE, (place,), old=a[left:right], new=a[left:start] + inserted + a[end:right]
        ),
        left,
        right,
    )


def _term_before(a: str, end: int, cap: int) -> str:
    """The words before ``end`` back to the previous punctuation, at most ``cap``."""
    start = end
    while start > 0 and end - start < cap and a[start - 1] not in BOUNDARY_CHARS:
        start -= 1
    return a[start:end]


def _group_replacements(items: list[list[Instruction]]) -> list[list[Instruction]]:
    """One and the same replacement in several articles becomes one item (将第二十四条、
    第二十九条第三款中的“A”修改为“B”), where the first of them stood; it is taken out of
    items that hold other clauses too (将第二十条中的“A”修改为“B”，“C”修改为“D”: the first part
    joins the group, the rest stays)."""

    def key(c: Instruction) -> tuple[str, str] | None:
        return (c.old, c.new) if c.action == REPLACE else None

    articles: dict[tuple[str, str], set[str]] = {}
    for clauses in items:
        for c in clauses:
            k = key(c)
            if k is not None:
                articles.setdefault(k, set()).update(p.article for p in c.places)
    shared = {k for k, arts in articles.items() if len(arts) > 1}
    first: dict[tuple[str, str], int] = {}
    places: dict[tuple[str, str], list[Place]] = {}
    out: list[list[Instruction]] = []
    for clauses in items:
        rest: list[Instruction] = []
        for c in clauses:
            k = key(c)
            if k is None or k not in shared:
                rest.append(c)
                continue
            if k not in first:
                first[k] = len(out)
                out.append([])  # the group's item, filled below
                places[k] = []
            places[k].extend(p for p in c.places if p not in places[k])
        if rest:
            out.append(rest)
    for k, at in first.items():
        out[at] = [Instruction(REPLACE, tuple(places[k]), old=k[0], new=k[1])]
    return out
