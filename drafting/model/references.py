"""Cross-references (援引): finding them in unit text, resolving them to uids, keeping them bound.

A reference is found once by a regex scan (``find_references``) and resolved to the uids of the
units it names. A ``ReferenceIndex`` keeps, per text unit, those bound references. After an edit,
``rewrite_references`` re-renders only the number words (第十二条 → 第十三条) from the targets'
new numbers, in the original style (本条例 prefix, item parentheses), and checks that relative
words (前款, 本条) still name the same units; when they do not, the reference becomes ``stale``.
A deleted target makes a reference ``broken``. The words of the part that no longer resolves
stay as they were; every other number in the reference keeps following its unit. References to
other laws are ``external`` and never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from drafting.model.numbering import Number
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.positions import Context
from drafting.model.units import Draft, ReferenceMark, Unit, UnitKind

VALID = "valid"
BROKEN = "broken"
AMBIGUOUS = "ambiguous"
EXTERNAL = "external"
STALE = "stale"

ABSOLUTE = "absolute"
RELATIVE = "relative"
EXTERNAL_KIND = "external"


@dataclass(frozen=True)
class Slot:
    """One number word inside a reference (第十二条, 第一款, 第（二）项) bound to a unit.

    ``start``/``end`` are offsets inside the reference text; ``parent`` is the uid the unit must
    still sit under for the words to stay right ("" when the number is global, as 条 are).
    """

    start: int
    end: int
    uid: str
    kind: UnitKind
    parent: str = ""
    style: str = ""  # items: "full" （二）, "half" (二), "bare" 二


@dataclass(frozen=True)
class Reference:
    """A reference found in the text of one unit, with what it names and whether it still does."""

    unit_uid: str
    start: int
    end: int
    text: str
    kind: str  # "absolute" | "relative" | "external"
    targets: tuple[str, ...]
    status: str  # valid | broken | ambiguous | external | stale
    detail: str
    form: str = ""  # how the words anchor: law, this_article, prev_paragraph … (see _ANCHORS)
    count: int = 1  # 前两款 → 2
    anchor: tuple[str, ...] = ()  # the uids the anchor words resolved to (前款 → that 款)
    slots: tuple[Slot, ...] = ()
    is_range: bool = False
    implicit: bool = False  # a bare 第二款: counted in the article holding the words
    #: Kept marked as broken from a stored mark (Draft.reference_marks): bound to nothing.
    marked: bool = False


@dataclass(frozen=True)
class Change:
    """A text change made to one unit: enough to undo it exactly."""

    unit_uid: str
    before: str
    after: str
    field: str = "text"  # or "heading"


# ---- the scan ---------------------------------------------------------------------------------

_NUM = "[零〇一二两三四五六七八九十百千]+"
_LIST = rf"第{_NUM}(?:、{_NUM})+(?:条|[款项章节编])"  # 第三、四条: one 第 and one 条 for all
_TOKEN = rf"(?:{_LIST}|第(?:{_NUM}(?:分编|条(?:之{_NUM})?|[款项章节编目])|[（(]{_NUM}[）)]项))"
_SEPS = "以及|或者|、|和|及|或|与|至|到"
_CHAIN = rf"(?:{_TOKEN})+(?:(?:{_SEPS})(?:{_TOKEN})+)*"
_LAW = "本条例|本法典|本法|本规定|本办法|本决定|本细则|本规则"
_LAW_WORDS = frozenset(_LAW.split("|"))
_LAW_NAME = "法|条例|规定|办法|决定|细则|规则|法典|解释|公约|协定|章程"
_EXT = rf"《[^《》\n]{{1,60}}?(?:{_LAW_NAME})》|该法|该条例|该规定|该办法|该决定"
_REL = (
    "本条(?![例款])|本款(?!项)|本项(?!目)|本章(?!程)|本节(?![能约])|本编"
    "|前[两二三四五六七八九十]?(?:款(?!项)|条(?!件)|项(?!目))"
)
_PHRASE = re.compile(
    rf"(?P<pre>{_LAW}|{_EXT}|{_REL})(?P<c1>{_CHAIN})?|(?P<c2>{_CHAIN})|(?P<gen>有关法律、(?:行政)?法规)"
)
_PART_RE = re.compile(
    rf"(?P<sep>{_SEPS})|第(?P<ln>{_NUM}(?:、{_NUM})+)(?P<lk>条|[款项章节编])"
    rf"|第(?:(?P<n>{_NUM})(?P<k>分编|条|[款项章节编目])(?:之(?P<ins>{_NUM}))?"
    rf"|(?P<open>[（(])(?P<pn>{_NUM})[）)]项)"
)

# Words between two phrases that make the second continue the first within one sentence:
# 第一款第一项至第三项规定的财产或者第五项 (第五项 is still in 第一款).
_CONTINUES = re.compile(r"^[^。；：，,;:\n]{0,20}(?:以及|或者|、|和|及|或)$")

_LEVEL = {"编": 0, "分编": 1, "章": 2, "节": 3, "条": 4, "款": 5, "项": 6, "目": 7}
_LEVEL_KIND = [
    UnitKind.PART,
    UnitKind.SUBPART,
    UnitKind.CHAPTER,
    UnitKind.SECTION,
    UnitKind.ARTICLE,
    UnitKind.PARAGRAPH,
    UnitKind.ITEM,
    UnitKind.SUBITEM,
]
_KIND_LEVEL = {kind: i for i, kind in enumerate(_LEVEL_KIND)}
_TEXT_KINDS = frozenset({UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM})

# Relative anchors: the words, the form name, and the kind of unit they name.
_REL_FORMS = {
    "本条": ("this_article", UnitKind.ARTICLE),
    "本款": ("this_paragraph", UnitKind.PARAGRAPH),
    "本项": ("this_item", UnitKind.ITEM),
    "本章": ("this_chapter", UnitKind.CHAPTER),
    "本节": ("this_section", UnitKind.SECTION),
    "本编": ("this_part", UnitKind.PART),
}
_PREV_FORMS = {
    "款": ("prev_paragraph", UnitKind.PARAGRAPH),
    "条": ("prev_article", UnitKind.ARTICLE),
    "项": ("prev_item", UnitKind.ITEM),
}
_ANCHOR_NAME = {
    UnitKind.PART: "编",
    UnitKind.CHAPTER: "章",
    UnitKind.SECTION: "节",
    UnitKind.ARTICLE: "条",
    UnitKind.PARAGRAPH: "款",
    UnitKind.ITEM: "项",
}


@dataclass
class _Token:
    level: int
    ordinal: int
    insert: int
    style: str
    start: int  # in the unit text
    end: int


# ---- resolution ----------------------------------------------------------------------------------


def _anchor_units(form: str, count: int, unit_uid: str, ctx: Context) -> tuple[str, ...] | None:
    """The uids a relative anchor names when written in this unit; None when it names nothing."""
    if form.startswith("this_"):
        kind = _FORM_KIND[form]
        found = ctx.container(unit_uid, kind)
        return (found.uid,) if found is not None else None
    if form == "prev_article":
        article = ctx.container(unit_uid, UnitKind.ARTICLE)
        if article is None:
            return None
        pos = ctx.article_pos[article.uid]
        if pos < count:
            return None
        return tuple(a.uid for a in ctx.articles[pos - count : pos])
    kind = UnitKind.PARAGRAPH if form == "prev_paragraph" else UnitKind.ITEM
    own = ctx.container(unit_uid, kind)
    if own is None:
        return None
    siblings = ctx.siblings(own.uid)
    pos = ctx.position[own.uid]
    if pos < count:
        return None
    return tuple(u.uid for u in siblings[pos - count : pos])


_FORM_KIND = {form: kind for form, kind in _REL_FORMS.values()}


def _index_of(units: list[Unit], unit: Unit) -> int:
    for i, u in enumerate(units):
        if u is unit:
            return i
    return -1


def _implicit_scope(level: int, unit_uid: str, ctx: Context) -> str | None:
    """Where a bare number at ``level`` is counted when written in this unit ("" = whole text)."""
    if level in (0, 4):
        return ""
    kind = {1: UnitKind.PART, 2: UnitKind.PART, 3: UnitKind.CHAPTER, 5: UnitKind.ARTICLE}.get(level)
    if kind is None:  # 项 and 目 are counted inside the article / item holding the words
        kind = UnitKind.ARTICLE if level == 6 else UnitKind.ITEM
    found = ctx.container(unit_uid, kind)
    if found is None:
        return "" if level == 2 else None
    return found.uid


def _child(ctx: Context, scope: str, level: int, ordinal: int, unit_uid: str) -> list[str]:
    """Children counted by position: 款 in an article, 项 in a 款 (or the article's 款 with items)."""
    holder = ctx.units.get(scope)
    if holder is None:
        return []
    kind = _LEVEL_KIND[level]
    if holder.kind is UnitKind.ARTICLE and kind is UnitKind.ITEM:
        with_items = [p for p in holder.children if p.children]
        if len(with_items) > 1:
            # Several 款 carry items: take the one holding the words, or the nearest before it.
            own = ctx.container(unit_uid, UnitKind.PARAGRAPH)
            if own is not None and ctx.parent.get(own.uid) is holder:
                before = holder.children[: _index_of(holder.children, own) + 1]
                with_items = [p for p in before if p.children][-1:] or with_items
        if len(with_items) != 1:
            return []
        holder = with_items[0]
    children = [c for c in holder.children if c.kind is kind]
    if kind in (UnitKind.ITEM, UnitKind.SUBITEM) and any(c.label for c in children):
        # A list printed from （二） (an excerpt, an item deleted without relabelling): 第（二）项
        # means the item printed （二）, not the second one.
        return [c.uid for c in children if ctx.number(c.uid).ordinal == ordinal][:1]
    if 0 < ordinal <= len(children):
        return [children[ordinal - 1].uid]
    return []


def _find(ctx: Context, level: int, scope: str, tok: _Token, unit_uid: str) -> list[str]:
    """The uids a number token names, counted under ``scope``."""
    if level == 4:
        return ctx.lookup(4, "", tok.ordinal, tok.insert)
    if level < 4:
        return ctx.lookup(level, scope, tok.ordinal, 0)
    return _child(ctx, scope, level, tok.ordinal, unit_uid)


def _ref(
    unit_uid: str,
    text: str,
    start: int,
    end: int,
    kind: str,
    status: str,
    detail: str,
    **extra: Any,
) -> Reference:
    """A reference over text[start:end] of one unit."""
    targets = extra.pop("targets", ())
    return Reference(unit_uid, start, end, text[start:end], kind, targets, status, detail, **extra)


def _scan_text(unit_uid: str, text: str, ctx: Context) -> list[Reference]:
    """Every reference in one text, resolved in the position of ``unit_uid``."""
    refs: list[Reference] = []
    carry: dict[int, str] = {}  # what the last phrase resolved, for words continuing it
    carry_end = 0
    for m in _PHRASE.finditer(text):
        if m.group("gen"):
            refs.append(_ref(unit_uid, text, m.start(), m.end(), EXTERNAL_KIND, EXTERNAL,
                             "援引其他法律、法规", form="external"))  # fmt: skip
            carry = {}
            continue
        pre = m.group("pre") or ""
        chain = m.group("c1") or m.group("c2") or ""
        chain_start = m.start("c1") if m.group("c1") else m.start("c2") if chain else m.end()
        if pre and not chain and (pre in _LAW_WORDS or pre.startswith("该")):
            continue  # 本条例 alone names the whole text, 该法 alone a law named before
        external = pre.startswith(("《", "该"))
        if not pre and chain:
            before = text[max(0, m.start() - 3) : m.start()]
            # 刑法第二十条, 城乡规划法第四十条, 某某条例第五条: another text's articles.
            if (before.endswith("法") and not before.endswith("本法")) or (
                before.endswith("条例") and before != "本条例"
            ):
                external = True
        if external:
            name = pre if pre.startswith("《") else "其他法律"
            refs.append(_ref(unit_uid, text, m.start(), m.end(), EXTERNAL_KIND, EXTERNAL,
                             f"援引{name}，不随本文编号变化", form="external"))  # fmt: skip
            carry = {}
            continue
        gap = text[carry_end : m.start()]
        continues = not pre and bool(carry) and _CONTINUES.search(gap) is not None
        found, carry = _resolve_phrase(unit_uid, text, m.start(), pre, chain, chain_start, ctx,
                                       carry if continues else None)  # fmt: skip
        carry_end = m.end()
        refs.extend(found)
    return refs


def _tokenize(chain: str, offset: int) -> list[tuple[str, list[_Token]]]:
    """Split a chain into elements: (separator before it, tokens)."""
    elements: list[tuple[str, list[_Token]]] = []
    sep = ""
    current: list[_Token] = []
    for m in _PART_RE.finditer(chain):
        if m.group("sep"):
            if current:
                elements.append((sep, current))
            sep, current = m.group("sep"), []
            continue
        if m.group("ln"):
            # 第三、四、五条: one element per number, as if written 第三条、第四条、第五条.
            for j, tok in enumerate(_list_tokens(m, offset)):
                if j == 0 and (not current or tok.level > current[-1].level):
                    current.append(tok)
                    continue
                if current:
                    elements.append((sep, current))
                sep, current = ("、" if j else ""), [tok]
            continue
        if m.group("k"):
            level = _LEVEL[m.group("k")]
            ordinal = from_chinese(m.group("n"))
            insert = from_chinese(m.group("ins")) if m.group("ins") else 0
            style = "bare" if level == 6 else ""
        else:
            level, ordinal, insert = 6, from_chinese(m.group("pn")), 0
            style = "full" if m.group("open") == "（" else "half"
        tok = _Token(level, ordinal, insert, style, offset + m.start(), offset + m.end())
        if current and level <= current[-1].level:
            elements.append((sep, current))  # 第十条第十一条: a new element without separator
            sep, current = "", []
        current.append(tok)
    if current:
        elements.append((sep, current))
    return elements


def _list_tokens(m: re.Match[str], offset: int) -> list[_Token]:
    """The numbers of 第三、四、五条: 第三 (style list_first), 四 (list_mid), 五条 (list_last)."""
    level = _LEVEL[m.group("lk")]
    tokens: list[_Token] = []
    pos = m.start("ln")
    numbers = m.group("ln").split("、")
    for j, n in enumerate(numbers):
        start, end = pos, pos + len(n)
        style = "list_mid"
        if j == 0:
            start, style = m.start(), "list_first"  # 第三
        elif j == len(numbers) - 1:
            end, style = m.end(), "list_last"  # 五条
        tokens.append(_Token(level, from_chinese(n), 0, style, offset + start, offset + end))
        pos += len(n) + 1
    return tokens


def _resolve_phrase(
    unit_uid: str,
    text: str,
    start: int,
    pre: str,
    chain: str,
    chain_start: int,
    ctx: Context,
    carried: Mapping[int, str] | None = None,
) -> tuple[list[Reference], dict[int, str]]:
    """One phrase (anchor words and a chain of numbers) as one reference per list element.

    ``carried`` is what the phrase before resolved (level → uid), when these words continue it
    (第三百九十五条第一款第一项至第三项规定的财产或者第五项): a bare 第五项 is then counted
    there. Returns the references and what the last element resolved, for the next phrase.
    """
    form, count, anchor_kind = "law", 1, None
    if pre in _REL_FORMS:
        form, anchor_kind = _REL_FORMS[pre]
    elif pre.startswith("前"):
        form, anchor_kind = _PREV_FORMS[pre[-1]]
        count = from_chinese(pre[1:-1]) if len(pre) > 2 else 1
    kind = RELATIVE if anchor_kind is not None else ABSOLUTE
    anchor: tuple[str, ...] = ()
    if anchor_kind is not None:
        found = _anchor_units(form, count, unit_uid, ctx)
        if found is None:
            detail = f"“{pre}”在此处没有所指的{_ANCHOR_NAME.get(anchor_kind, '')}"
            return [_ref(unit_uid, text, start, chain_start, RELATIVE, BROKEN, detail,
                         form=form, count=count)], {}  # fmt: skip
        anchor = found
    elements = _tokenize(chain, chain_start) if chain else []
    if not elements:
        detail = "指向" + "、".join(ctx.full_label(u) for u in anchor)
        return [_ref(unit_uid, text, start, chain_start, RELATIVE, VALID, detail, targets=anchor,
                     form=form, count=count, anchor=anchor)], {}  # fmt: skip
    out: list[Reference] = []
    # level → uid resolved by the previous element (or the phrase these words continue)
    previous: dict[int, str] = dict(carried or {}) if not anchor else {}
    can_join = False  # the previous element may start a range (第十条至第十五条)
    for i, (sep, tokens) in enumerate(elements):
        el_start = start if i == 0 else tokens[0].start
        el_end = tokens[-1].end
        first = tokens[0].level
        inherited = any(lv < first for lv in previous)
        # Where the first number is counted: the element before (第十条第一款、第二款), the
        # anchor (本条第二款), or the place of the words (第二款 alone: this article).
        scope: str | None
        if inherited:
            scope = previous[max(lv for lv in previous if lv < first)]
        elif anchor:
            scope = anchor[0] if len(anchor) == 1 else None
        else:
            scope = _implicit_scope(first, unit_uid, ctx)
        if scope is None:
            detail = (
                f"“{pre}”指向多个单位，其后的编号无法确定"
                if anchor
                else "此处不能使用不带条号的编号"
            )
            status = AMBIGUOUS if anchor else BROKEN
            out.append(_ref(unit_uid, text, el_start, el_end, kind, status, detail,
                            form=form, count=count, anchor=anchor))  # fmt: skip
            previous, can_join = {}, False
            continue
        implicit = bool(scope) and not anchor and not inherited
        slots: list[Slot] = []
        resolved = {lv: u for lv, u in previous.items() if lv < first}
        status, detail = VALID, ""
        parent = scope
        for tok in tokens:
            hits = _find(ctx, tok.level, parent, tok, unit_uid)
            words = text[tok.start : tok.end]
            if len(hits) != 1:
                status = BROKEN if not hits else AMBIGUOUS
                detail = (
                    (f"所指的{words}不存在" if parent else f"本文没有{words}")
                    if not hits
                    else f"本文有{len(hits)}个{words}，无法确定指向哪一个"
                )
                break
            kind_of = _LEVEL_KIND[tok.level]
            slots.append(Slot(tok.start - el_start, tok.end - el_start, hits[0], kind_of,
                              parent, tok.style))  # fmt: skip
            resolved[tok.level] = parent = hits[0]
        if status == BROKEN and implicit and ctx.units[unit_uid].kind is not UnitKind.PARAGRAPH:
            # 违反第五项规定的, written inside an item of a penalty article: it most likely means
            # the items of the article cited in the lead-in, which the words do not say.
            status = AMBIGUOUS
            detail = f"未写明条号的“{text[tokens[0].start : el_end]}”无法确定所指，建议写明条号"
        if status != VALID:
            out.append(_ref(unit_uid, text, el_start, el_end, kind, status, detail,
                            form=form, count=count, anchor=anchor))  # fmt: skip
            previous, can_join = {}, False
            continue
        if sep in ("至", "到") and can_join:
            # Join with the previous element into one range reference.
            begin = out.pop()
            offset = el_start - begin.start
            joined = begin.slots + tuple(
                replace(s, start=s.start + offset, end=s.end + offset) for s in slots
            )
            ref = _ref(unit_uid, text, begin.start, el_end, kind, VALID, "", form=form,
                       count=count, anchor=anchor, slots=joined, is_range=True,
                       implicit=begin.implicit)  # fmt: skip
            can_join = False
        else:
            ref = _ref(unit_uid, text, el_start, el_end, kind, VALID, "", targets=(slots[-1].uid,),
                       form=form, count=count, anchor=anchor, slots=tuple(slots),
                       implicit=implicit)  # fmt: skip
            can_join = True
        out.append(_with_targets(ref, ctx))
        previous = resolved
    return out, previous


def _range_targets(ctx: Context, first: str, last: str) -> tuple[str, ...] | None:
    a, b = ctx.units.get(first), ctx.units.get(last)
    if a is None or b is None:
        return None
    if a.kind is UnitKind.ARTICLE and b.kind is UnitKind.ARTICLE:
        i, j = ctx.article_pos[a.uid], ctx.article_pos[b.uid]
        return tuple(u.uid for u in ctx.articles[i : j + 1]) if i <= j else None
    siblings = ctx.siblings(a.uid)
    if ctx.parent.get(a.uid) is not ctx.parent.get(b.uid):
        return None
    i, j = ctx.position[a.uid], ctx.position[b.uid]
    if i > j:
        return None
    return tuple(u.uid for u in siblings[i : j + 1])


def _with_targets(ref: Reference, ctx: Context) -> Reference:
    """Fill targets (ranges expand) and the plain-words detail of a valid reference."""
    targets = ref.targets
    if ref.is_range:
        last = ref.slots[-1]
        first = next(s for s in ref.slots if s.kind is last.kind)
        found = _range_targets(ctx, first.uid, last.uid)
        if found is None:
            return replace(ref, targets=(), status=STALE, detail="范围的起止顺序已颠倒")
        targets = found
        detail = f"指向{ctx.full_label(first.uid)}至{ctx.full_label(last.uid)}"
    else:
        if not targets:
            # A reference that was broken lost its targets: bound again, it names its last slot.
            targets = (ref.slots[-1].uid,) if ref.slots else ref.anchor
        if not targets:
            return ref
        detail = "指向" + ctx.full_label(targets[-1])
    return replace(ref, targets=targets, status=VALID, detail=detail)


# ---- keeping references bound -------------------------------------------------------------------


def _render_slot(slot: Slot, number: Number) -> str | None:
    if number.ordinal <= 0:
        return None
    kind = slot.kind
    if slot.style.startswith("list_"):
        if number.insert:
            return None  # 第三、四条 cannot say 第四条之一: the list needs rewording
        n = to_chinese(number.ordinal)
        if slot.style == "list_first":
            return f"第{n}"
        return n + kind.word if slot.style == "list_last" else n
    if kind is UnitKind.ITEM:
        n = to_chinese(number.ordinal)
        if slot.style == "half":
            return f"第({n})项"
        if slot.style == "bare":
            return f"第{n}项"
        return f"第（{n}）项"
    if kind is UnitKind.SUBITEM:
        return f"第{to_chinese(number.ordinal)}目"
    words = f"第{to_chinese(number.ordinal)}{kind.word}"
    if number.insert:
        words += f"之{to_chinese(number.insert)}"
    return words


def _recheck(ref: Reference, ctx: Context) -> tuple[Reference, str | None]:
    """The reference in the current state of the draft, and its new words (None: unchanged).

    Every number whose unit is still where it was bound is written again from its new number,
    even when another part of the reference is broken or stale: a range whose end was deleted
    still follows its start, so the words never silently name other units. The words of a part
    that no longer resolves are kept, and the reference keeps its broken/stale status.
    """
    units = ctx.units
    problem: tuple[str, str] | None = None  # the worst (status, detail) found

    def note(status: str, detail: str) -> None:
        nonlocal problem
        if problem is None or (status == BROKEN and problem[0] != BROKEN):
            problem = (status, detail)

    # The anchor (前款, 本条) must still name the same units from where the words stand.
    if ref.anchor:
        now = _anchor_units(ref.form, ref.count, ref.unit_uid, ctx)
        if now != ref.anchor:
            if any(u not in units for u in ref.anchor):
                note(BROKEN, "所指的" + _words_of(ref) + "已删除")
            else:
                note(STALE, f"“{ref.text}”已不再指向原来的位置，请核对")
    elif not ref.slots:
        return ref, None
    text = ref.text
    pieces: list[str] = []
    pos = 0
    for slot in ref.slots:
        old_words = text[slot.start : slot.end]
        words: str | None = None
        holder = None
        if slot.uid in units and slot.parent in units:
            holder = ctx.container(slot.uid, units[slot.parent].kind)
        if slot.uid not in units:
            note(BROKEN, f"{old_words}已删除，援引无所指")
        elif slot.parent and slot.parent not in units:
            note(BROKEN, "所指的上级单位已删除")
        elif slot.parent and (holder is None or holder.uid != slot.parent):
            note(STALE, f"{old_words}已移到别处，援引需核对")
        else:
            words = _render_slot(slot, ctx.number(slot.uid))
            if words is None:
                note(STALE, f"{old_words}现在没有编号")
        pieces.append(text[pos : slot.start])
        pieces.append(old_words if words is None else words)
        pos = slot.end
    if ref.implicit:
        # A bare 第二款 is counted in the article holding the words: it must still be there.
        level = _KIND_LEVEL[ref.slots[0].kind]
        if _implicit_scope(level, ref.unit_uid, ctx) != ref.slots[0].parent:
            note(STALE, f"“{ref.text}”已不在原来的条文中，请核对")
    pieces.append(text[pos:])
    new_text = "".join(pieces)
    updated = ref
    if new_text != text:
        slots: list[Slot] = []
        shift = 0
        for slot, words in zip(ref.slots, pieces[1::2], strict=True):
            new_start = slot.start + shift
            slots.append(replace(slot, start=new_start, end=new_start + len(words)))
            shift += len(words) - (slot.end - slot.start)
        updated = replace(ref, text=new_text, end=ref.start + len(new_text), slots=tuple(slots))
    changed = new_text if new_text != text else None
    if problem is not None:
        targets = tuple(t for t in updated.targets if t in units)
        if targets != updated.targets:
            updated = replace(updated, targets=targets)
        return _mark(updated, *problem), changed
    if changed is None and ref.status == VALID and not ref.is_range:
        return ref, None
    return _with_targets(updated, ctx), changed


def _words_of(ref: Reference) -> str:
    return ref.text or "单位"


def _mark(ref: Reference, status: str, detail: str) -> Reference:
    if ref.status == status and ref.detail == detail:
        return ref
    return replace(ref, status=status, detail=detail)


class ReferenceIndex:
    """The bound references of one draft, per text unit: built once, kept across edits."""

    def __init__(self, by_unit: dict[str, tuple[Reference, ...]] | None = None) -> None:
        self.by_unit: dict[str, tuple[Reference, ...]] = by_unit or {}

    @classmethod
    def build(
        cls,
        draft: Draft,
        *,
        source_labels: Sequence[str] | None = None,
        ctx: Context | None = None,
    ) -> ReferenceIndex:
        """Scan every text unit once. ``source_labels`` (the article labels as found in an
        imported file, one per article in order) make 第X条 resolve against those labels."""
        ctx = ctx or Context(draft, source_labels=source_labels)
        index = cls()
        for unit in ctx.units.values():
            if unit.kind in _TEXT_KINDS and unit.text and "第" in unit.text or _has_rel(unit):
                refs = _scan_text(unit.uid, unit.text, ctx)
                if refs:
                    index.by_unit[unit.uid] = tuple(refs)
        index.apply_marks(draft.reference_marks)
        return index

    def apply_marks(self, marks: Iterable[ReferenceMark]) -> int:
        """Mark broken again the references the drafter kept marked when their target was
        deleted (stored with the text): the same words at the same place in the same unit
        lose their targets and bindings, so no later renumbering rewrites them and they never
        silently name the unit that took the deleted one's number. Returns how many matched
        (a mark whose words are no longer there is dropped)."""
        matched = 0
        for mark in marks:
            refs = self.by_unit.get(mark.unit_uid)
            if not refs:
                continue
            for i, ref in enumerate(refs):
                if ref.start == mark.start and ref.text == mark.text:
                    kept = replace(
                        ref,
                        status=BROKEN,
                        detail=mark.detail or f"{mark.text}所指的单位已删除",
                        targets=(),
                        slots=(),
                        anchor=(),
                        marked=True,
                    )
                    self.by_unit[mark.unit_uid] = (*refs[:i], kept, *refs[i + 1 :])
                    matched += 1
                    break
        return matched

    def marks(self, draft: Draft) -> tuple[ReferenceMark, ...]:
        """The references broken by a deletion (bound to a unit no longer there, or marked
        so before) as marks to store with the text, in text order. A reference that never
        resolved (本文没有第九十条) needs none: it is found broken again."""
        broken = {
            uid: [r for r in refs if r.status == BROKEN and (r.marked or r.slots or r.anchor)]
            for uid, refs in self.by_unit.items()
            if any(r.status == BROKEN for r in refs)
        }
        if not any(broken.values()):
            return ()  # the usual case, without a walk of the text
        return tuple(
            ReferenceMark(r.unit_uid, r.start, r.text, r.detail)
            for u in draft.walk()
            for r in broken.get(u.uid, ())
        )

    def references(self, draft: Draft | None = None) -> list[Reference]:
        """All references; in text order when the draft is given."""
        if draft is None:
            return [r for refs in self.by_unit.values() for r in refs]
        return [r for u in draft.walk() for r in self.by_unit.get(u.uid, ())]

    def in_unit(self, uid: str) -> tuple[Reference, ...]:
        """The references found in one unit's text."""
        return self.by_unit.get(uid, ())

    def citing(self, uid: str) -> list[Reference]:
        """The references that name this unit (for "who cites this article")."""
        return [r for refs in self.by_unit.values() for r in refs if uid in r.targets]

    def snapshot(self) -> dict[str, tuple[Reference, ...]]:
        """A cheap copy to restore on undo (the tuples inside are immutable)."""
        return dict(self.by_unit)

    def restore(self, snapshot: Mapping[str, tuple[Reference, ...]]) -> None:
        """Put back a snapshot taken with ``snapshot``."""
        self.by_unit = dict(snapshot)

    def rescan(self, unit: Unit, ctx: Context, old_text: str) -> None:
        """After the words of ``unit`` were edited: keep the bindings of references outside the
        edited stretch, resolve the others afresh."""
        new_text = unit.text
        old = self.by_unit.get(unit.uid, ())
        a = 0
        limit = min(len(old_text), len(new_text))
        while a < limit and old_text[a] == new_text[a]:
            a += 1
        b = 0
        while b < limit - a and old_text[-1 - b] == new_text[-1 - b]:
            b += 1
        delta = len(new_text) - len(old_text)
        kept: dict[tuple[int, int, str], Reference] = {}
        for ref in old:
            if ref.end < a:
                kept[(ref.start, ref.end, ref.text)] = ref
            elif ref.start > len(old_text) - b:
                moved = replace(ref, start=ref.start + delta, end=ref.end + delta)
                kept[(moved.start, moved.end, moved.text)] = moved
        fresh = _scan_text(unit.uid, new_text, ctx)
        refs = tuple(kept.get((r.start, r.end, r.text), r) for r in fresh)
        if refs:
            self.by_unit[unit.uid] = refs
        else:
            self.by_unit.pop(unit.uid, None)

    def carry(self, unit: Unit, ctx: Context, carried: Iterable[Reference]) -> None:
        """Words moved into ``unit`` keep their bindings (``carried``, offsets already in the
        new text); any other reference in it is resolved where it now stands."""
        kept = {(r.start, r.end, r.text): r for r in carried}
        fresh = _scan_text(unit.uid, unit.text, ctx)
        refs = tuple(kept.get((r.start, r.end, r.text), r) for r in fresh)
        if refs:
            self.by_unit[unit.uid] = refs
        else:
            self.by_unit.pop(unit.uid, None)


def _has_rel(unit: Unit) -> bool:
    return unit.kind in _TEXT_KINDS and (
        "本" in unit.text or "前" in unit.text or "《" in unit.text or "有关法律" in unit.text
    )


def rewrite_references(
    draft: Draft, index: ReferenceIndex, ctx: Context | None = None
) -> list[Change]:
    """Re-render the number words of every bound reference from the current numbers.

    Returns the text changes made (for undo). Statuses are updated in the index: broken when a
    target is gone, stale when relative words no longer name the same units; the words of that
    part are left as they are, the numbers still bound are written again.
    """
    ctx = ctx or Context(draft)
    units = ctx.units
    changes: list[Change] = []
    by_unit = index.by_unit
    for unit_uid, refs in list(by_unit.items()):
        unit = units.get(unit_uid)
        if unit is None:
            continue  # the unit is deleted: its references wait for an undo
        new_refs: list[Reference] = []
        changed_refs = False
        pieces: list[str] = []
        text = unit.text
        pos = 0
        shift = 0
        for ref in refs:
            if (
                ref.kind == EXTERNAL_KIND
                or ref.status == AMBIGUOUS
                or (not ref.slots and not ref.anchor)
            ):
                if shift:
                    ref = replace(ref, start=ref.start + shift, end=ref.end + shift)
                    changed_refs = True
                new_refs.append(ref)
                continue
            checked, words = _recheck(ref, ctx)
            if words is not None:
                pieces.append(text[pos : ref.start])
                pieces.append(words)
                pos = ref.end
                new_shift = shift + len(words) - (ref.end - ref.start)
                checked = replace(
                    checked, start=ref.start + shift, end=ref.start + shift + len(words)
                )
                shift = new_shift
            elif shift:
                checked = replace(checked, start=checked.start + shift, end=checked.end + shift)
            if checked is not ref:
                changed_refs = True
            new_refs.append(checked)
        if pieces:
            pieces.append(text[pos:])
            new_text = "".join(pieces)
            if new_text != text:
                changes.append(Change(unit_uid, text, new_text))
                unit.text = new_text
        if changed_refs:
            by_unit[unit_uid] = tuple(new_refs)
    return changes


def find_references(draft: Draft) -> list[Reference]:
    """Every reference in the draft's text units, resolved, in text order."""
    return ReferenceIndex.build(draft).references(draft)


def resolve(draft: Draft, unit_uid: str, text: str | None = None) -> list[Reference]:
    """The references in ``text`` (default: the unit's own text) as if written in that unit."""
    ctx = Context(draft)
    unit = ctx.units.get(unit_uid)
    if unit is None:
        raise KeyError(unit_uid)
    return _scan_text(unit_uid, unit.text if text is None else text, ctx)
