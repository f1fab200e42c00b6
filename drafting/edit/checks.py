"""Drafting checks (立法技术规范检查): numbering, references, words, punctuation, penalties.

``run_checks`` walks a draft and returns findings, each with its place (unit uid, article label,
span in the unit's text), a severity and a Chinese message; where the correction is certain the
finding carries the replacement text (``fix``) and ``apply_fix`` makes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from drafting.model.numbering import Number, article_body, compute_numbers, read_label
from drafting.model.numerals import to_chinese
from drafting.model.positions import Context, parse_article_label
from drafting.model.references import (
    AMBIGUOUS,
    BROKEN,
    STALE,
    ReferenceIndex,
)
from drafting.model.units import Draft, Unit, UnitKind

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One thing a drafting check found."""

    rule: str
    severity: str  # error | warning | info
    unit_uid: str | None
    article: str | None  # 第十二条, or None for the whole text
    start: int
    end: int
    message: str
    fix: str | None = None  # replacement for text[start:end] when the fix is certain
    text: str = ""  # the words found at start:end
    field: str = "text"  # the unit's field the span is in: text, or label (a kept label)


@dataclass(frozen=True)
class Rule:
    """A check's id, severity and what it is about (shown in the checks panel)."""

    id: str
    severity: str
    explanation: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("numbering.gap", ERROR, "条文编号应当连续，不得跳号"),
        Rule("numbering.duplicate", ERROR, "条文编号不得重复"),
        Rule("ref.broken", ERROR, "援引的条、款、项应当存在"),
        Rule("ref.ambiguous", WARNING, "援引应当指向明确，不得有歧义"),
        Rule("ref.stale", WARNING, "条文调整后，“前款”“本条”等相对援引应当核对"),
        Rule("word.yinggai", WARNING, "法律用语用“应当”，不用“应该”"),
        Rule("word.zuochu", WARNING, "“作出决定”等用“作出”，不用“做出”"),
        Rule("word.dengdeng", WARNING, "法规文本不用“等等”，列举未尽时用“等”"),
        Rule("word.bounds", INFO, "“以上”“以下”“以内”包括本数，“不满”“超过”不包括本数，注意区分"),
        Rule("punct.halfwidth", WARNING, "中文文本使用全角标点"),
        Rule("label.form", INFO, "编号宜用规范写法：第X条、（一）、1."),
        Rule("items.leadin", WARNING, "列项前的引语以冒号“：”结尾"),
        Rule("items.ending", WARNING, "各项以分号“；”结尾，最后一项以句号“。”结尾"),
        Rule("final.entry_into_force", WARNING, "最后一条应当规定施行日期（本条例自…起施行）"),
        Rule("penalty.range", ERROR, "罚款幅度“处X元以上Y元以下罚款”中下限不得高于上限"),
        Rule("penalty.form", INFO, "罚款幅度宜写作“处X元以上Y元以下罚款”"),
        Rule("article.duplicate", WARNING, "不同条文的文字不应完全相同"),
    )
}


def _finding(rule: str, unit: Unit | None, article: str | None, start: int, end: int,
             message: str, fix: str | None = None, text: str = "") -> Finding:  # fmt: skip
    return Finding(rule, RULES[rule].severity, unit.uid if unit else None, article, start, end,
                   message, fix, text)  # fmt: skip


# ---- the walk ------------------------------------------------------------------------------------


def _text_units(ctx: Context) -> Iterator[tuple[Unit, str]]:
    """Every text unit with the label of its article, in text order."""
    for article in ctx.articles:
        label = ctx.number(article.uid).label
        for unit in article.walk():
            if unit.kind is not UnitKind.ARTICLE:
                yield unit, label


def run_checks(
    draft: Draft,
    *,
    source_numbers: Sequence[str] | None = None,
    index: ReferenceIndex | None = None,
    ctx: Context | None = None,
) -> list[Finding]:
    """Run every rule over the draft.

    ``source_numbers``: the article labels as found in an imported file (one per article, in
    order); numbering gaps and duplicates are found by comparing them with the derived numbers.
    ``ctx``: positions of ``draft`` as it is, when the caller has them (not with
    ``source_numbers``, which number differently).
    """
    if ctx is None or ctx.draft is not draft or source_numbers is not None:
        ctx = Context(draft, source_labels=source_numbers)
    findings: list[Finding] = []
    if source_numbers is not None:
        findings.extend(_numbering(ctx, source_numbers))
    index = index if index is not None else ReferenceIndex.build(draft, ctx=ctx)
    findings.extend(_references(ctx, index))
    for unit, label in _text_units(ctx):
        if unit.text:
            for check in _TEXT_CHECKS:
                findings.extend(check(unit, label))
    findings.extend(_items(ctx))
    findings.extend(_label_forms(ctx))
    findings.extend(_final_article(ctx))
    findings.extend(_duplicates(ctx))
    order = {uid: i for i, uid in enumerate(ctx.units)}
    findings.sort(key=lambda f: (order.get(f.unit_uid or "", -1), f.start))
    return findings


def _numbering(ctx: Context, labels: Sequence[str]) -> Iterator[Finding]:
    previous: tuple[int, int] | None = None
    seen: set[tuple[int, int]] = set()
    # "按顺序应为…" names the positional number, not a kept printed label (number lock).
    positional = compute_numbers(ctx.draft, locks=False) if ctx.printed else None
    for article, label in zip(ctx.articles, labels, strict=False):
        number = positional[article.uid] if positional else ctx.number(article.uid)
        derived = number.positional_label
        parsed = parse_article_label(label)
        first = article.children[0] if article.children else None
        if parsed is None:
            continue
        if parsed in seen:
            yield _finding("numbering.duplicate", first, derived, 0, 0,
                           f"原文条文编号“{label}”重复，按顺序应为{derived}")  # fmt: skip
        elif previous is None and parsed != (1, 0):
            yield _finding("numbering.gap", first, derived, 0, 0,
                           f"原文条文编号从“{label}”开始，应从第一条开始")  # fmt: skip
        elif previous is not None:
            n, ins = parsed
            pn, pins = previous
            expected = (n == pn + 1 and ins == 0) or (n == pn and ins == pins + 1)
            if not expected:
                before = f"第{to_chinese(pn)}条" + (f"之{to_chinese(pins)}" if pins else "")
                yield _finding("numbering.gap", first, derived, 0, 0,
                               f"原文“{before}”之后为“{label}”，编号不连续；按顺序应为{derived}")  # fmt: skip
        seen.add(parsed)
        previous = parsed


def _label_forms(ctx: Context) -> Iterator[Finding]:
    """Labels kept as printed ((一), 1、, １．) in a form other than the house style: the fix
    writes the same number in the house style (（一）, 1.), one undoable edit of the label."""
    for uid, label in ctx.printed.items():
        unit = ctx.units[uid]
        parsed = read_label(unit.kind, label)
        if parsed is None:
            continue
        house = Number(unit.kind, *parsed).positional_label
        if house and house != label:
            article = ctx.container(uid, UnitKind.ARTICLE)
            where = ctx.number(article.uid).label if article else None
            yield Finding("label.form", RULES["label.form"].severity, uid, where, 0, len(label),
                          f"编号“{label}”宜写作“{house}”", house, label, "label")  # fmt: skip


def _references(ctx: Context, index: ReferenceIndex) -> Iterator[Finding]:
    rule_of = {BROKEN: "ref.broken", AMBIGUOUS: "ref.ambiguous", STALE: "ref.stale"}
    for unit in ctx.units.values():
        for ref in index.in_unit(unit.uid):
            rule = rule_of.get(ref.status)
            if rule is None:
                continue
            article = ctx.container(unit.uid, UnitKind.ARTICLE)
            label = ctx.number(article.uid).label if article else None
            yield _finding(rule, unit, label, ref.start, ref.end,
                           f"援引“{ref.text}”：{ref.detail}", text=ref.text)  # fmt: skip


# ---- word and punctuation rules (per text unit) ----------------------------------------------------

_CJK = "\u4e00-\u9fff"
_WORD_FIXES = (
    ("word.yinggai", re.compile("应该"), "应当", "用“应当”，不用“应该”"),
    ("word.zuochu", re.compile("做出"), "作出", "用“作出”，不用“做出”"),
)
_DENGDENG = re.compile("等等")
_INCLUSIVE = re.compile(r"[\d零〇一二两三四五六七八九十百千万]+[^，。；\d]{0,3}?(以上|以下|以内)")
_EXCLUSIVE = re.compile(r"(不满|超过)[\d零〇一二两三四五六七八九十百千万]+")
_HALF_PUNCT = re.compile(
    rf"(?<=[{_CJK}，。、；：“”）])([,;:?!])(?=[{_CJK}“（])|(?<=[{_CJK}])([,;:?!])"
)
_HALF_PARENS = re.compile(rf"\(([^()\n]{{0,30}}[{_CJK}][^()\n]{{0,30}})\)")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _words(unit: Unit, label: str) -> Iterator[Finding]:
    text = unit.text
    for rule, pattern, fix, message in _WORD_FIXES:
        for m in pattern.finditer(text):
            yield _finding(rule, unit, label, m.start(), m.end(), message, fix, m.group())
    for m in _DENGDENG.finditer(text):
        yield _finding("word.dengdeng", unit, label, m.start(), m.end(),
                       "不用“等等”，列举未尽时用“等”", text=m.group())  # fmt: skip
    inclusive = _INCLUSIVE.search(text)
    exclusive = _EXCLUSIVE.search(text)
    if inclusive and exclusive:
        yield _finding("word.bounds", unit, label, exclusive.start(), exclusive.end(),
                       f"同时使用“{inclusive.group(1)}”（含本数）和“{exclusive.group(1)}”（不含本数），"
                       "请核对界限是否衔接", text=exclusive.group())  # fmt: skip


def _punctuation(unit: Unit, label: str) -> Iterator[Finding]:
    text = unit.text
    for m in _HALF_PUNCT.finditer(text):
        mark = m.group(1) or m.group(2)
        # "12:30", "1,000" sit between digits and never match: the lookbehind wants CJK.
        if mark == ":" and text[m.end() : m.end() + 2].isdigit():
            continue
        start = m.start(1) if m.group(1) else m.start(2)
        yield _finding("punct.halfwidth", unit, label, start, start + 1,
                       f"半角“{mark}”应为全角“{_FULL[mark]}”", _FULL[mark], mark)  # fmt: skip
    for m in _HALF_PARENS.finditer(text):
        fix = f"（{m.group(1)}）"
        yield _finding("punct.halfwidth", unit, label, m.start(), m.end(),
                       "半角括号应为全角括号“（）”", fix, m.group())  # fmt: skip


_AMOUNT = r"([\d,.]+|[零〇一二两三四五六七八九十百千万]+)(万|千|百)?"
_PENALTY = re.compile(rf"{_AMOUNT}(元|倍)以上{_AMOUNT}(元|倍)以下")
_PENALTY_TO = re.compile(rf"处{_AMOUNT}(元)?(?:至|到|－|-|—|~|～){_AMOUNT}元(?:的)?罚款")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def amount(number: str, unit: str | None = None) -> float | None:
    """An amount as written in a penalty: 5000, 1,000, 1.5, 五千, 二十万, 一万五千 (+ 万/千/百)."""
    number = number.replace(",", "")
    value: float
    if re.fullmatch(r"\d+(\.\d+)?", number):
        value = float(number)
    else:
        total, section, digit = 0, 0, 0
        for ch in number:
            if ch in _CN_DIGIT:
                digit = _CN_DIGIT[ch]
            elif ch in _CN_UNIT:
                section += (digit or 1) * _CN_UNIT[ch]
                digit = 0
            elif ch == "万":
                total += (section + digit) * 10000
                section, digit = 0, 0
            else:
                return None
        value = total + section + digit
    return value * {"万": 10000, "千": 1000, "百": 100}.get(unit or "", 1)


def _penalties(unit: Unit, label: str) -> Iterator[Finding]:
    text = unit.text
    for m in _PENALTY.finditer(text):
        low, high = amount(m.group(1), m.group(2)), amount(m.group(4), m.group(5))
        if low is None or high is None or m.group(3) != m.group(6):
            continue
        if low > high:
            yield _finding("penalty.range", unit, label, m.start(), m.end(),
                           f"罚款幅度下限（{m.group(1)}{m.group(2) or ''}{m.group(3)}）"
                           f"高于上限（{m.group(4)}{m.group(5) or ''}{m.group(6)}）",
                           text=m.group())  # fmt: skip
    for m in _PENALTY_TO.finditer(text):
        yield _finding("penalty.form", unit, label, m.start(), m.end(),
                       "罚款幅度宜写作“处X元以上Y元以下罚款”", text=m.group())  # fmt: skip


_TEXT_CHECKS: tuple[Callable[[Unit, str], Iterator[Finding]], ...] = (
    _words,
    _punctuation,
    _penalties,
)


# ---- structure rules ---------------------------------------------------------------------------

_END_PUNCT = "。；;，,：:.、"


def _ending_fix(text: str, wanted: str) -> tuple[int, str | None]:
    """Where the ending mark sits and its certain replacement (None: add nothing by guess)."""
    stripped = text.rstrip()
    if stripped and stripped[-1] in _END_PUNCT:
        return len(stripped) - 1, wanted
    return len(stripped), None


def _list_punctuation(lead: Unit, items: list[Unit], label: str) -> Iterator[Finding]:
    text = lead.text.rstrip()
    if text and not text.endswith("："):
        at, fix = _ending_fix(text, "：")
        yield _finding("items.leadin", lead, label, at, len(text),
                       "列项前的引语应以“：”结尾", fix, text[at:])  # fmt: skip
    if len(items) > 1 and all(i.text.rstrip().endswith("。") for i in items):
        return  # every item a full sentence: a consistent style of its own
    for n, item in enumerate(items, 1):
        wanted = "。" if n == len(items) else "；"
        body = item.text.rstrip()
        if item.children:
            yield from _list_punctuation(item, item.children, label)
            continue
        if body and not body.endswith(wanted):
            if n == len(items) and body.endswith("；") is False and body[-1:] not in _END_PUNCT:
                # An unpunctuated last item may run on into the 款 text; do not guess.
                fix = None
                at = len(body)
            else:
                at, fix = _ending_fix(body, wanted)
            yield _finding("items.ending", item, label, at, len(body),
                           f"{'最后一项' if n == len(items) else '各项'}应以“{wanted}”结尾",
                           fix, body[at:])  # fmt: skip


def _items(ctx: Context) -> Iterator[Finding]:
    for article in ctx.articles:
        label = ctx.number(article.uid).label
        for paragraph in article.children:
            if paragraph.children and paragraph.text:
                yield from _list_punctuation(paragraph, paragraph.children, label)


_IN_FORCE = re.compile(r"(?:自|于).{0,40}?(?:起)?(?:施行|生效)|施行日期")


def _final_article(ctx: Context) -> Iterator[Finding]:
    if not ctx.articles:
        return
    last = ctx.articles[-1]
    body = article_body(last)
    if not _IN_FORCE.search(body):
        first = last.children[0] if last.children else None
        yield _finding("final.entry_into_force", first, ctx.number(last.uid).label, 0, 0,
                       "最后一条没有规定施行日期（如：本条例自X年X月X日起施行）")  # fmt: skip


def _duplicates(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for article in ctx.articles:
        body = re.sub(r"\s+", "", article_body(article))
        label = ctx.number(article.uid).label
        if len(body) < 10:
            continue
        if body in seen:
            first = article.children[0] if article.children else None
            yield _finding("article.duplicate", first, label, 0, 0,
                           f"{label}与{seen[body]}文字完全相同")  # fmt: skip
        else:
            seen[body] = label


# ---- fixing -----------------------------------------------------------------------------------


class FixError(ValueError):
    """A finding cannot be fixed automatically (no certain fix, or the text changed since)."""


def fixed_text(draft: Draft, finding: Finding) -> str:
    """The unit's text with the fix applied (for an undoable EditText in the GUI)."""
    if finding.fix is None or finding.unit_uid is None:
        raise FixError("这一问题没有确定的自动修改，请手工处理")
    unit = draft.find(finding.unit_uid)
    if unit is None:
        raise FixError("该条文已不存在")
    value = getattr(unit, finding.field)
    if value[finding.start : finding.end] != finding.text:
        raise FixError("文字已经改动，请重新检查")
    return value[: finding.start] + finding.fix + value[finding.end :]


def apply_fix(draft: Draft, finding: Finding) -> None:
    """Make the certain fix of a finding in place (in ``finding.field``: text or label)."""
    text = fixed_text(draft, finding)
    unit = draft.find(finding.unit_uid or "")
    assert unit is not None
    setattr(unit, finding.field, text)
