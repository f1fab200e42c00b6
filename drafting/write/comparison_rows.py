"""What the 修改对照表 lists, row by row: which pairs, which 章/节 heading rows, which 修改说明.

The table writer (``comparison_docx``) lays these rows out; this module decides their content:

- ``table_rows``: the article pairs to list (changes by default; renumbered and unchanged ones
  on request) in reading order, each preceded, when ``headings``, by the 编/章/节 heading rows
  it stands under that were not shown yet (a heading whose words changed, or that was added or
  deleted, is a row like any other change);
- ``row_key``: the key of a pair's row (第二条→第三条), by which a caller overrides its 修改说明
  (the window lets the drafter edit them before export); ``matter_key`` the same for a 序言 or
  附件 row (its part: 序言, 附件1);
- ``row_note`` / ``matter_note``: the drafted 修改说明 of a row, specific to what changed
  (条文序号调整（原第三条）, 援引条文序号调整, 标点调整, 新增, 删除, 由原第X条移来, 由原第X条、
  第Y条合并, 由原第X条拆分为第X条、第Y条, 文字修改：“A”改为“B”, 增加一款 …), as the 对照表 and
  the window show it;
- ``words_unchanged``: whether a pair's new column may read 同左 (its words did not change).

The 序言 (before the articles), the notes after the last article (落款, 注：…, part 注记) and
each 附件 (after them) that changed are rows of their own (``compare.matter.MatterChange``), in
the order the text prints them, unless ``table_rows(matter=False)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.compare.articles import (
    ADDED,
    CITATIONS,
    DELETED,
    LABEL,
    MERGED,
    MODIFIED,
    MOVED,
    NONE,
    PUNCTUATION,
    RENUMBERED,
    SPLIT,
    UNCHANGED,
    WORDING,
    ArticlePair,
    Comparison,
    normalise,
    unspaced,
)
from drafting.compare.matter import NOTES, MatterChange, compare_matter, compare_notes, notes_parts
from drafting.compare.tables import cells_line_up, describe_table_change
from drafting.compare.wording import (
    DELETE,
    EQUAL,
    INSERT,
    NUMERAL_CHARS,
    has_changes,
    new_text,
    old_text,
    word_diff,
)
from drafting.model.matter import Table, table_row_line
from drafting.model.notes import text_notes
from drafting.model.numbering import article_line_units
from drafting.model.numerals import to_chinese
from drafting.model.units import Unit
from drafting.write import house_style as spec
from drafting.write.line_changes import line_diff, line_pairs

__all__ = [
    "SAME_AS_LEFT",
    "HeadingRow",
    "article_change_notes",
    "cell_diff",
    "diff_summary",
    "matter_key",
    "matter_note",
    "row_key",
    "row_note",
    "span_changes",
    "untracked_changes",
    "table_note",
    "table_rows",
    "words_unchanged",
]

#: What the new column says where the text did not change.
SAME_AS_LEFT = "同左"


@dataclass(frozen=True, eq=False)
class HeadingRow:
    """A 编/章/节 heading row: its line in the old text and in the new one ("" when the
    heading is not in that text), and its depth (0 编 … 3 节)."""

    old: str
    new: str
    level: int
    #: The note as the 修改决定 says it (``decision_headings``); None: drafted from the lines.
    said: str | None = None

    @property
    def note(self) -> str:
        """The 修改说明 of the row: 新增, 删除, 章名修改：“保护”改为“保护和管理”, 章序号调整
        (节, 编 alike), "" when unchanged; ``said`` when the decision gave it."""
        if self.said is not None:
            return self.said
        if not self.old:
            return "新增"
        if not self.new:
            return "删除"
        if self.old == self.new:
            return ""
        old_label, old_words = _heading_parts(self.old)
        new_label, new_words = _heading_parts(self.new)
        level = (new_label or old_label)[-1:] if (new_label or old_label) else "标题"
        notes = []
        if old_label != new_label:
            notes.append(f"{level}序号调整")
        if unspaced(old_words) != unspaced(new_words):
            notes.append(f"{level}名修改：{_full_quote(old_words)}改为{_full_quote(new_words)}")
        elif old_words != new_words:
            notes.append(f"{level}名空格调整")
        return "；".join(notes)


_HEADING_LABEL = re.compile(r"^(第[^\s\u3000]+?[编章节])[\s\u3000]*")


def _heading_parts(line: str) -> tuple[str, str]:
    """(第二章, 保护) of a heading line; ("", line) when it has no number."""
    match = _HEADING_LABEL.match(line)
    if match is None:
        return "", line
    return match.group(1), line[match.end() :]


def row_key(pair: ArticlePair) -> str:
    """The key of a pair's row: its old numbers, →, its new numbers (第二条→第三条,
    第五条→第五条、第六条, →第四条 for an added article). Unique within a comparison."""
    return f"{'、'.join(pair.old_numbers)}→{'、'.join(pair.new_numbers)}"


def matter_key(change: MatterChange) -> str:
    """The key of a 序言 or 附件 row: its part (序言, 附件1)."""
    return change.part


#: A quoted phrase in a 修改说明 is cut after this many characters (…).
_PHRASE = 14
#: At most this many changes are named; the rest are counted (等N处).
_NAMED = 2


def _quoted(text: str) -> str:
    """“text”, shortened, its own double quotes turned single (GB/T 15834)."""
    text = text.replace("“", "‘").replace("”", "’").replace("\n", "")
    if len(text) > _PHRASE:
        text = text[:_PHRASE] + "…"
    return f"“{text}”"


def _count(n: int) -> str:
    """一, 两, 三 … (两款, not 二款)."""
    return "两" if n == 2 else to_chinese(n)


def diff_summary(diff: list[tuple[int, str]], line: str = "款") -> str:
    """The wording changes of a diff in a few words: “A”改为“B”, 增加“B”, 删去“A”, 增加一款,
    删去一款 (``line``: what a line is called, 款 in an article, 段 in a 序言 or 附件); at
    most two named, 等N处 after; changes of punctuation width alone left out; "" when nothing
    is left."""
    changes: list[tuple[str, str]] = []
    gone = added = ""
    for op, text in [*diff, (EQUAL, "")]:
        if op == DELETE:
            gone += text
        elif op == INSERT:
            added += text
        else:
            if (gone or added) and normalise(gone) != normalise(added):
                changes.append((gone, added))
            gone = added = ""
    phrases: list[str] = []
    # Whole lines added (or deleted) anywhere are counted together: 增加两款, not 增加一款；增加一款.
    whole: dict[str, list[int]] = {}  # 增加 / 删去 → [line count, index of its phrase]
    for gone, added in changes:
        for verb, text, other in (("增加", added, gone), ("删去", gone, added)):
            if not other and text.strip("\n") and "\n" in text:
                count = text.strip("\n").count("\n") + 1
                if verb in whole:
                    whole[verb][0] += count
                else:
                    whole[verb] = [count, len(phrases)]
                    phrases.append("")
                break
        else:
            if gone and added:
                phrases.append(f"{_quoted(gone)}改为{_quoted(added)}")
            elif added:
                phrases.append(f"增加{_quoted(added)}")
            else:
                phrases.append(f"删去{_quoted(gone)}")
    for verb, (count, at) in whole.items():
        phrases[at] = f"{verb}{_count(count)}{line}"
    if not phrases:
        return ""
    named = "；".join(phrases[:_NAMED])
    rest = len(phrases) - _NAMED
    return named + (f"等{len(phrases)}处" if rest > 0 else "")


def row_note(pair: ArticlePair) -> str:
    """The drafted 修改说明 of an article row, naming what changed (see the module docstring).
    Several notes are joined by ；."""
    old = "、".join(pair.old_numbers)
    new = "、".join(pair.new_numbers)
    renumbered = bool(
        pair.old_numbers and pair.new_numbers and pair.old_numbers != pair.new_numbers
    )
    tables = table_note(pair)
    wording = diff_summary(_words_diff(pair) if tables else cell_diff(pair))
    notes: list[str] = []
    if pair.status == ADDED:
        return "新增"
    if pair.status == DELETED:
        return "删除"
    if pair.status == MOVED:
        notes.append(f"由原{old}移来" if renumbered else "调整条文位置")
    elif pair.status == MERGED:
        notes.append(f"由原{old}合并")
    elif pair.status == SPLIT:
        notes.append(f"由原{old}拆分为{new}")
    elif renumbered:
        notes.append(f"条文序号调整（原{old}）")
    if pair.status in (MODIFIED, MOVED) and len(pair.old) == len(pair.new) == 1:
        # Line by line, whole phrases and 项/款 by name (article_change_notes).
        phrases, structure = article_change_notes(pair)
        if phrases:
            notes.append(_wording_said(phrases))
        notes.extend(structure)
        if not phrases and not structure and pair.status == MODIFIED and not tables:
            if pair.kind == WORDING:
                notes.append("文字修改")
    elif pair.status in (MODIFIED, MOVED, MERGED, SPLIT) and wording:
        notes.append(f"文字修改：{wording}")
    elif pair.status == MODIFIED and not tables:
        notes.append("文字修改")
    if tables:
        notes.append(tables)
    if pair.kind == CITATIONS:
        notes.append("援引条文序号调整")
    elif pair.kind == PUNCTUATION:
        notes.append("标点调整")
    return "；".join(notes)


def _pair_tables(units: tuple[Unit, ...] | list[Unit]) -> list[Table]:
    return [p.table for u in units for p in u.children if p.table is not None]


def table_note(pair: ArticlePair) -> str:
    """The table part of a pair's 修改说明: 表格修改：第二行“标准”由“100元”改为“120元”
    (``compare.tables.describe_table_change``, the articles' tables compared by position);
    "" when the tables are the same (spans included) or there are none."""
    old, new = _pair_tables(pair.old), _pair_tables(pair.new)
    if old == new:
        return ""
    phrases: list[str] = []
    for k in range(max(len(old), len(new))):
        phrases.extend(
            describe_table_change(
                old[k] if k < len(old) else None, new[k] if k < len(new) else None
            )
        )
    spans = [
        phrase for k in range(min(len(old), len(new))) for phrase in span_changes(old[k], new[k])
    ]
    if spans:
        phrases.append("合并单元格：" + "，".join(spans))
    return "表格修改：" + "；".join(phrases) if phrases else ""


def _span_words(col_span: int, row_span: int) -> str:
    """跨两列, 跨三行, 跨两列两行, 不合并."""
    parts = []
    if col_span > 1:
        parts.append(f"{_count(col_span)}列")
    if row_span > 1:
        parts.append(f"{_count(row_span)}行")
    return "跨" + "".join(parts) if parts else "不合并"


def span_changes(old: Table, new: Table) -> list[str]:
    """The cells whose merging changed while their words stayed, row by row (cells at the
    same place with the same words): 第二行“每年”由跨两行改为不合并. [] when none did."""
    out: list[str] = []
    for r, (before, after) in enumerate(zip(old.rows, new.rows, strict=False), 1):
        for x, y in zip(before, after, strict=False):
            if x.text == y.text and (x.col_span, x.row_span) != (y.col_span, y.row_span):
                was, now = _span_words(x.col_span, x.row_span), _span_words(y.col_span, y.row_span)
                out.append(f"第{to_chinese(r)}行{_full_quote(x.text)}由{was}改为{now}")
    return out


def _words_diff(pair: ArticlePair) -> list[tuple[int, str]]:
    """The word diff of a pair's lines other than table rows (those ``table_note`` names)."""

    def words(units: tuple[Unit, ...] | list[Unit]) -> str:
        return "\n".join(
            line
            for unit in units
            for owner, line in article_line_units(unit)
            if owner.table is None or line not in {table_row_line(r) for r in owner.table.texts()}
        )

    return word_diff(words(pair.old), words(pair.new))


def matter_note(change: MatterChange) -> str:
    """The drafted 修改说明 of a 序言 or 附件 row: 新增附件2, 删除附件1, 附件1文字修改：…,
    序言标点调整; of the notes row, ``notes_note``."""
    if change.part == NOTES:
        return notes_note(change)
    if change.status == "added":
        return f"新增{change.part}"
    if change.status == "deleted":
        return f"删除{change.part}"
    if change.kind == PUNCTUATION:
        return f"{change.part}标点调整"
    by_line = _matter_lines_note(change)
    if by_line:
        return f"{change.part}{by_line}"
    summary = diff_summary(change.diff, "段")
    return f"{change.part}文字修改" + (f"：{summary}" if summary else "")


def _matter_lines_note(change: MatterChange) -> str:
    """A 序言/附件 change line by line, as the article rows say theirs (G13): a new table row
    is 增加一行, not glued to a cell change (“0.2”改为“0.4专类公园…”): 文字修改：“0.2”改为“0.4”；
    增加一行. "" when a line is rewritten at length (the caller's summary says it)."""
    old, new = change.old.split("\n"), change.new.split("\n")
    wording: list[str] = []
    added = deleted = 0
    for i, j in line_pairs(old, new):
        if i is not None and j is not None:
            if old[i] == new[j]:
                continue
            a, b = old[i].split("\u3000"), new[j].split("\u3000")
            # A table row (cells apart by U+3000): cell by cell, so a changed figure reads
            # “0.2”改为“0.4”, not with the cell before it.
            cells = zip(a, b, strict=True) if len(a) == len(b) else [(old[i], new[j])]
            for x, y in cells:
                if x == y:
                    continue
                phrases = line_wording(x, y) if any(c in x + y for c in "，。；：、") else [
                    f"“{x}”改为“{y}”" if x and y else ""
                ]
                if phrases == [""]:
                    return ""
                wording.extend(phrases)
        elif i is not None:
            deleted += 1
        else:
            added += 1
    if not wording or not (added or deleted):
        # Lines only added or deleted, or only reworded: the summary says it (增加两段,
        # “管理”改为“公园管理…”); only a mix glues a new line to a change.
        return ""
    unit = "段" if change.part == "序言" else "行"
    parts = [_wording_said(wording)]
    if deleted:
        parts.append(f"删去{_count(deleted)}{unit}")
    if added:
        parts.append(f"增加{_count(added)}{unit}")
    return "；".join(parts)


def notes_note(change: MatterChange) -> str:
    """The 修改说明 of the notes row (part 注记): the 注 (the law's words) as 新增注, 删除注,
    注文字修改：“A”改为“B”; the other lines (落款, dates, editor's marks) as 落款等注记修改（不属于条文）,
    since the decision does not amend them."""
    old, new = (
        change.old.split("\n") if change.old else [],
        change.new.split("\n") if change.new else [],
    )
    text_changed, other_changed = notes_parts(old, new)
    notes: list[str] = []
    if text_changed:
        before, after = "\n".join(text_notes(old)), "\n".join(text_notes(new))
        if not before:
            notes.append("新增注")
        elif not after:
            notes.append("删除注")
        else:
            summary = diff_summary(word_diff(before, after), "段")
            notes.append("注文字修改" + (f"：{summary}" if summary else ""))
    if other_changed:
        notes.append("落款等注记修改（不属于条文）")
    return "；".join(notes) or "注记调整"


def words_unchanged(pair: ArticlePair) -> bool:
    """True when the pair's words did not change (its number may have): its new column may
    read 同左."""
    return len(pair.old) == len(pair.new) == 1 and pair.kind in (NONE, LABEL)


def _included(pair: ArticlePair, include_renumbered: bool, include_unchanged: bool) -> bool:
    return (
        pair.is_change
        or (include_renumbered and pair.status == RENUMBERED)
        or (include_unchanged and pair.status == UNCHANGED)
    )


def _heading_contexts(comparison: Comparison) -> dict[int, tuple[HeadingRow, ...]]:
    """For each pair (by id), the heading rows it stands under, outermost first."""
    # Imported here: ``row_key`` is used by the window, which need not load python-docx.
    from drafting.write.tracked_docx import ARTICLE, HEADING, document_entries, document_rows

    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return {}
    old_entries, new_entries = document_entries(old), document_entries(new)
    pair_of: dict[str, ArticlePair] = {}
    for pair in comparison.pairs:
        for unit in (*pair.old, *pair.new):
            pair_of.setdefault(unit.uid, pair)
    # Per level, the headings over what follows (several when one at that level went and
    # another came at the same place: both are rows, the last one holds the articles).
    context: list[list[HeadingRow] | None] = [None] * (max(spec.OUTLINE_LEVEL.values()) + 1)
    contexts: dict[int, tuple[HeadingRow, ...]] = {}
    by_old, by_new = decision_headings(comparison)
    for row in document_rows(comparison, old_entries, new_entries):
        first = old_entries[row.old[0]] if row.old else new_entries[row.new[0]]
        if first.kind == HEADING:
            # The heading rows as the 修改决定 pairs them (one source): a row with a new side
            # stands where its new heading does, an old heading gone where it stood.
            here: list[HeadingRow] = []
            for i in row.old:
                gone = by_old.get(old_entries[i].uid or "")
                if gone is not None and not gone.new and gone not in here:
                    here.append(gone)
            for j in row.new:
                came = by_new.get(new_entries[j].uid or "")
                if came is not None and came not in here:
                    here.append(came)
            # Outer levels first; at one level a heading gone before the one that stays.
            here.sort(key=lambda h: (h.level, bool(h.new)))
            set_here: set[int] = set()
            for heading in here:
                held = context[heading.level]
                if heading.level in set_here and held is not None:
                    held.append(heading)
                else:
                    context[heading.level] = [heading]
                    set_here.add(heading.level)
                for deeper in range(heading.level + 1, len(context)):
                    context[deeper] = None
        elif first.kind == ARTICLE:
            if row.moved and not row.new:
                continue  # the old half of a move: the pair stands at its new place
            uid = new_entries[row.new[0]].uid if row.new else first.uid
            found = pair_of.get(uid or "")
            if found is not None and id(found) not in contexts:
                contexts[id(found)] = tuple(h for hs in context if hs for h in hs)
    return contexts


Row = ArticlePair | HeadingRow | MatterChange


def table_rows(
    comparison: Comparison,
    *,
    include_renumbered: bool = False,
    include_unchanged: bool = False,
    headings: bool = False,
    matter: bool = True,
) -> list[Row]:
    """The rows of the 对照表 in reading order (see the module docstring). ``matter``: the
    changed 序言 first, the changed notes after the last article (落款, 注：…) next and the
    changed 附件 last (punctuation width too, as for articles), as the text prints them."""
    before: list[Row] = []
    after: list[Row] = []
    if matter and comparison.old_draft is not None and comparison.new_draft is not None:
        for change in compare_matter(comparison.old_draft, comparison.new_draft, punctuation=True):
            (before if change.part == "序言" else after).append(change)
        notes = compare_notes(comparison.old_draft, comparison.new_draft)
        if notes is not None:
            after.insert(0, notes)
    return [
        *before,
        *_article_rows(comparison, include_renumbered, include_unchanged, headings),
        *after,
    ]


def _article_rows(
    comparison: Comparison, include_renumbered: bool, include_unchanged: bool, headings: bool
) -> list[Row]:
    if not headings:
        return [p for p in comparison.pairs if _included(p, include_renumbered, include_unchanged)]
    contexts = _heading_contexts(comparison)
    shown: list[HeadingRow | None] = [None] * (max(spec.OUTLINE_LEVEL.values()) + 1)
    rows: list[Row] = []
    emitted: set[int] = set()
    # Changed headings over articles that are not listed still make a row: before the next
    # listed pair (or at the end).
    carried: list[HeadingRow] = []

    def emit(heading: HeadingRow) -> None:
        rows.append(heading)
        emitted.add(id(heading))
        shown[heading.level] = heading
        for deeper in range(heading.level + 1, len(shown)):
            shown[deeper] = None

    for pair in comparison.pairs:
        context = contexts.get(id(pair), ())
        if not _included(pair, include_renumbered, include_unchanged):
            carried.extend(h for h in context if h.note and h not in carried)
            continue
        for heading in carried:
            if id(heading) not in emitted and heading not in context:
                emit(heading)
        carried = []
        for heading in context:
            if shown[heading.level] is not heading and id(heading) not in emitted:
                emit(heading)
            shown[heading.level] = heading
        rows.append(pair)
    for heading in carried:
        if id(heading) not in emitted:
            emit(heading)
    return rows


# ---- the 修改说明 of an article changed in place, in the committee's words -----------------------

#: A changed phrase quoted in full up to this many characters (old and new together); a longer
#: change of one line is said as 第X款文字修改 (never a quotation cut at an arbitrary point).
_WHOLE_PHRASE = 60
#: At most this many phrase changes are quoted; the rest are counted (等N处).
_QUOTED = 3
#: Punctuation that ends a phrase (a quotation grows to it on both sides).
_PHRASE_ENDS = frozenset("，。；：、？！,.;:?!\n")
#: The marks that close a 款 or 项 (；→。 when the items after it are deleted).
_CLOSING = frozenset("。；;.")


@dataclass(frozen=True)
class _Line:
    """A line of an article (a 款's words, a 项, a 目) with its name (第二款, 第四项,
    第一款第四项) and its level word (款, 项, 目)."""

    name: str
    level: str
    text: str
    group: str  # what a run of its like is named under (第一款 for its 项), "" for a 款


def _named_lines(article: Unit) -> list[_Line]:
    """The article's lines as ``article_line_units`` gives them, table rows left out (the
    table part of the note names those), each named by its place: 第二款; 第四项 in an
    article of one 款, 第一款第四项 in one of several; 第一款第四项第二目."""
    many = len(article.children) > 1
    place: dict[str, tuple[int, int, int]] = {}
    for p, paragraph in enumerate(article.children, 1):
        place[paragraph.uid] = (p, 0, 0)
        for k, child in enumerate(paragraph.children, 1):
            place[child.uid] = (p, k, 0)
            for m, sub in enumerate(child.children, 1):
                place[sub.uid] = (p, k, m)
    lines: list[_Line] = []
    for owner, text in article_line_units(article):
        if owner.table is not None and text in {table_row_line(r) for r in owner.table.texts()}:
            continue
        p, k, m = place.get(owner.uid, (0, 0, 0))
        para = f"第{to_chinese(p)}款"
        if not k:
            lines.append(_Line(para if many else "", "款", text, ""))
            continue
        head = para if many else ""
        item = f"第{to_chinese(k)}项"
        if not m:
            lines.append(_Line(head + item, "项", text, head))
        else:
            lines.append(_Line(head + item + f"第{to_chinese(m)}目", "目", text, head + item))
    return lines


def _phrase_span(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] grown to whole phrases: back to just after the punctuation before it,
    on to just before the punctuation after it."""
    if start == end or text[start] not in _PHRASE_ENDS:
        while start > 0 and text[start - 1] not in _PHRASE_ENDS:
            start -= 1
    if start == end or text[end - 1] not in _PHRASE_ENDS:
        while end < len(text) and text[end] not in _PHRASE_ENDS:
            end += 1
    return start, end


#: A change of a word or two is quoted with its term: this many characters of the old words.
_TERM = 4


#: A phrase this short is quoted whole even for a change of one word.
_SHORT_PHRASE = 16
_CITED = frozenset("第条款项章节编之")


def _citation_span(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] grown over the cited number it cuts (七十[八]条 → 第七十八条)."""
    if not any(c in NUMERAL_CHARS for c in text[max(start - 1, 0) : end + 1]):
        return start, end
    while start > 0 and (text[start - 1] in NUMERAL_CHARS or text[start - 1] == "第"):
        start -= 1
    while end < len(text) and (text[end] in NUMERAL_CHARS or text[end] in _CITED):
        end += 1
    return start, end


def _term_span(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] grown to ``_TERM`` characters, right first, then left, never past
    punctuation."""
    while end - start < _TERM and end < len(text) and text[end] not in _PHRASE_ENDS:
        end += 1
    while end - start < _TERM and start > 0 and text[start - 1] not in _PHRASE_ENDS:
        start -= 1
    return start, end


def line_wording(old: str, new: str) -> list[str]:
    """The wording changes of one line as whole phrases: “A”改为“B”, 删去“A”, 增加“B” (A and B
    from punctuation to punctuation); changes of punctuation width alone, and a line's last
    mark alone (；→。 when the items after it go), are left out. [] when nothing is left; a
    phrase longer than ``_WHOLE_PHRASE`` is returned as "" (the caller names the line)."""
    regions: list[list[int]] = []  # [old start, old end, new start, new end]
    i = j = 0
    for op, text in word_diff(old, new):
        if op == EQUAL:
            i, j = i + len(text), j + len(text)
            continue
        if regions and regions[-1][1] == i and regions[-1][3] == j:
            region = regions[-1]
        else:
            region = [i, i, j, j]
            regions.append(region)
        if op == DELETE:
            i += len(text)
            region[1] = i
        else:
            j += len(text)
            region[3] = j
    spans: list[list[int]] = []
    for a0, a1, b0, b1 in regions:
        gone, added = old[a0:a1], new[b0:b1]
        if normalise(gone) == normalise(added):
            continue  # punctuation width
        if (
            a1 == len(old)
            and b1 == len(new)
            and gone[-1:] in _CLOSING
            and added[-1:] in _CLOSING
            and normalise(gone[:-1]) == normalise(added[:-1])
        ):
            continue  # the line's closing mark (；→。 when the items after it go)
        c0, c1 = _citation_span(old, a0, a1)  # a cited number whole: 第七十八条
        b0, b1, a0, a1 = b0 - (a0 - c0), b1 + (c1 - a1), c0, c1
        gone, added = old[a0:a1], new[b0:b1]
        if not gone or not added:
            text = gone or added
            if text[0] in _PHRASE_ENDS or text[-1] in _PHRASE_ENDS:
                # Whole phrases added or dropped (“、随地吐痰”): said as they are.
                if spans and a0 <= spans[-1][1]:
                    spans[-1][1], spans[-1][3] = max(spans[-1][1], a1), max(spans[-1][3], b1)
                else:
                    spans.append([a0, a1, b0, b1])
                continue
        p0, p1 = _phrase_span(old, a0, a1)
        if len(gone) <= 2 and len(added) <= 2 and p1 - p0 > _SHORT_PHRASE:
            # A word or two in a long phrase: the term they belong to (行政处分 → 处分).
            s0, s1 = _term_span(old, a0, a1)
        else:
            s0, s1 = p0, p1
        # The same stretch in the new line: the equal words around the change are shared.
        t0, t1 = b0 - (a0 - s0), b1 + (s1 - a1)
        if spans and s0 <= spans[-1][1]:
            spans[-1][1], spans[-1][3] = max(spans[-1][1], s1), max(spans[-1][3], t1)
        else:
            spans.append([s0, s1, t0, t1])
    phrases: list[str] = []
    for s0, s1, t0, t1 in spans:
        gone, added = old[s0:s1], new[t0:t1]
        if len(gone) + len(added) > _WHOLE_PHRASE:
            return [""]
        if gone and added:
            phrases.append(f"{_full_quote(gone)}改为{_full_quote(added)}")
        elif added:
            phrases.append(f"增加{_full_quote(added)}")
        elif gone:
            phrases.append(f"删去{_full_quote(gone)}")
    return phrases


def _full_quote(text: str) -> str:
    """“text” whole, its own double quotes turned single (GB/T 15834)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _names(lines: list[_Line]) -> str:
    """第四项、第五项 (one group named once: 第一款第四项、第五项)."""
    out: list[str] = []
    group = None
    for line in lines:
        out.append(line.name if line.group != group or not out else line.name[len(group or "") :])
        group = line.group
    return "、".join(out)


def article_change_notes(pair: ArticlePair) -> tuple[list[str], list[str]]:
    """What changed in an article kept in place (one old, one new), in the committee's words,
    line by line as the 修改稿 pairs its lines (``line_changes.line_pairs``): (wording phrases
    for 文字修改：…, structure notes: 删去第四项、第五项, 删去第二款, 增加一款，作为第三款,
    第一款文字修改 for a line rewritten at length)."""
    old, new = _named_lines(pair.old[0]), _named_lines(pair.new[0])
    wording: list[str] = []
    structure: list[str] = []
    gone: list[_Line] = []
    added: list[_Line] = []

    def flush() -> None:
        # Each run of lines out (or in) of one level is one note.
        for run, verb in ((gone, "删去"), (added, "增加")):
            while run:
                k = 1
                while k < len(run) and run[k].level == run[0].level:
                    k += 1
                group, run[:] = run[:k], run[k:]
                if verb == "删去":
                    structure.append(f"删去{_names(group)}")
                else:
                    as_ = "作为" if len(group) == 1 else "分别作为"
                    count = _count(len(group))
                    structure.append(f"增加{count}{group[0].level}，{as_}{_names(group)}")

    for i, j in line_pairs([x.text for x in old], [x.text for x in new]):
        if i is not None and j is not None:
            flush()
            if old[i].text == new[j].text:
                continue
            phrases = line_wording(old[i].text, new[j].text)
            if phrases == [""]:
                structure.append(f"{old[i].name}文字修改" if old[i].name else "文字修改")
            else:
                wording.extend(phrases)
        elif i is not None:
            if added:
                flush()
            gone.append(old[i])
        elif j is not None:
            added.append(new[j])
    flush()
    return wording, structure


def _wording_said(wording: list[str]) -> str:
    """文字修改：“A”改为“B”；… (at most ``_QUOTED`` named, 等N处 after)."""
    named = "；".join(wording[:_QUOTED])
    more = f"等{len(wording)}处" if len(wording) > _QUOTED else ""
    return f"文字修改：{named}{more}"


def cell_diff(pair: ArticlePair) -> list[tuple[int, str]]:
    """The diff the 对照表 marks a pair's columns with: line by line as the 修改稿 pairs the
    lines (``line_changes.line_diff``), so an item whose only change is "(一)"→"（一）" shows
    only its bracket changed; the pair's own diff when one side is empty."""
    if not pair.old or not pair.new or not has_changes(pair.diff):
        return pair.diff
    return line_diff(old_text(pair.diff), new_text(pair.diff))


# ---- 章/节 rows as the 修改决定 pairs the headings ------------------------------------------------


def decision_headings(
    comparison: Comparison,
) -> tuple[dict[str, HeadingRow], dict[str, HeadingRow]]:
    """Every 编/章/节 of both texts as a heading row, paired and said as the drafted 修改决定
    says it (``compare.decision.amendment_items``, the one source of the heading pairing):
    (old heading uid → row, new heading uid → row).

    将第三章第二节改为第五章 → 原第三章第二节改为第五章; 将第四章改为第六章 → 原第四章改为第六章
    (one row, not 删除 and 新增); 将第三章章名修改为“……” → 章名修改：“A”改为“B”; 删去第三章第一节
    节名 → 删去第三章第一节节名; 删去第二章 → 删除; 增加一章 → 新增. A heading no item names is
    paired with the new heading of the same level and title, in order (章序号调整（原第五章）
    when only its number followed the others); one with no like is 删除 or 新增."""
    from drafting.amend.instructions import ADD_HEADING, DELETE_HEADING, HEADING_MOVE, RENAME
    from drafting.compare.decision import amendment_items
    from drafting.model.positions import Context
    from drafting.write.tracked_docx import HEADING, document_entries

    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return {}, {}
    old_ctx, new_ctx = Context(old), Context(new)
    old_heads = [u for u in old.walk() if u.kind.is_heading]
    new_heads = [u for u in new.walk() if u.kind.is_heading]
    if not old_heads and not new_heads:
        return {}, {}
    old_lines, new_lines = (
        {e.uid: e.printed()[0] for e in document_entries(d) if e.kind == HEADING and e.uid}
        for d in (old, new)
    )
    old_by_label = {old_ctx.full_label(u.uid): u for u in old_heads}
    new_by_label = {new_ctx.full_label(u.uid): u for u in new_heads}
    level = spec.OUTLINE_LEVEL
    by_old: dict[str, HeadingRow] = {}
    by_new: dict[str, HeadingRow] = {}

    def pair(ou: Unit | None, nu: Unit | None, said: str | None) -> None:
        unit = nu or ou
        assert unit is not None
        row = HeadingRow(
            old_lines.get(ou.uid, "") if ou else "",
            new_lines.get(nu.uid, "") if nu else "",
            level[unit.kind],
            said,
        )
        if ou is not None:
            by_old[ou.uid] = row
        if nu is not None:
            by_new[nu.uid] = row

    renamed: list[tuple[Unit, str]] = []
    for item in amendment_items(comparison):
        for clause in item:
            if clause.action == HEADING_MOVE:
                ou = old_by_label.get(clause.anchor)
                nu = new_by_label.get(clause.new_labels[0]) if clause.new_labels else None
                if ou is None or nu is None:
                    continue
                said = f"原{clause.anchor}改为{clause.new_labels[0]}"
                if clause.new:
                    said += f"，{nu.kind.word}名修改为{_full_quote(clause.new)}"
                pair(ou, nu, said)
            elif clause.action == RENAME and clause.anchor in old_by_label:
                renamed.append((old_by_label[clause.anchor], clause.new))
            elif clause.action == DELETE_HEADING and clause.anchor in old_by_label:
                ou = old_by_label[clause.anchor]
                whole = clause.position == 1
                pair(ou, None, "删除" if whole else f"删去{clause.anchor}{ou.kind.word}名")
            elif clause.action == ADD_HEADING and clause.new_labels:
                nu = new_by_label.get(clause.new_labels[0])
                if nu is not None and nu.uid not in by_new:
                    pair(None, nu, "新增")
    free = [u for u in new_heads if u.uid not in by_new]
    for ou, title in renamed:
        if ou.uid in by_old:
            continue
        nu = next(
            (u for u in free if u.kind is ou.kind and unspaced(u.heading) == unspaced(title)), None
        )
        if nu is not None:
            free.remove(nu)
        # The note from the two lines: 章名修改：“A”改为“B”, 章名空格调整, 章序号调整.
        pair(ou, nu, None)
    for ou in old_heads:
        if ou.uid in by_old:
            continue
        nu = next(
            (u for u in free if u.kind is ou.kind and unspaced(u.heading) == unspaced(ou.heading)),
            None,
        )
        if nu is None:
            pair(ou, None, "删除")
            continue
        free.remove(nu)
        before, after = old_ctx.full_label(ou.uid), new_ctx.full_label(nu.uid)
        pair(ou, nu, f"{ou.kind.word}序号调整（原{before}）" if before != after else None)
    for nu in free:
        pair(None, nu, "新增")
    return by_old, by_new


def untracked_changes(comparison: Comparison) -> list[str]:
    """What the 修改稿 cannot show as revisions in place, for the caller to warn about: a
    table whose merged cells do not line up (``compare.tables.cells_line_up``: cells merged or
    unmerged, a row added or deleted inside a merged group, columns changed), which Word
    cannot track cell by cell, so the 修改稿 shows the old table deleted whole and the new one
    inserted whole — 第五条的表格合并单元格有调整（第二行“每年”由跨两行改为不合并），Word
    无法以修订标示单元格合并，修改稿中该表格以整表删除原表格、插入新表格标示."""
    out: list[str] = []
    for pair in comparison.pairs:
        if not pair.old or not pair.new:
            continue
        olds = [p.table for u in pair.old for p in u.children if p.table is not None]
        news = [p.table for u in pair.new for p in u.children if p.table is not None]
        whole = [(x, y) for x, y in zip(olds, news, strict=False) if not cells_line_up(x, y)]
        if not whole:
            continue
        said = [c for x, y in whole for c in span_changes(x, y)]
        what = f"合并单元格有调整（{'，'.join(said)}）" if said else "合并单元格或列有调整"
        where = "、".join(pair.new_numbers)
        out.append(
            f"{where}的表格{what}，Word 无法以修订标示单元格合并，"
            "修改稿中该表格以整表删除原表格、插入新表格标示"
        )
    old_draft, new_draft = comparison.old_draft, comparison.new_draft
    if old_draft is not None and new_draft is not None:
        # The appendices face each other by position in the 修改稿 (附件1 with 附件1).
        for a, b in zip(old_draft.appendices, new_draft.appendices, strict=False):
            whole = [
                (x, y) for x, y in zip(a.tables, b.tables, strict=False) if not cells_line_up(x, y)
            ]
            if whole:
                said = [c for x, y in whole for c in span_changes(x, y)]
                what = f"合并单元格有调整（{'，'.join(said)}）" if said else "合并单元格或列有调整"
                out.append(
                    f"{b.label or '附件'}的表格{what}，Word 无法以修订标示单元格合并，"
                    "修改稿中该表格以整表删除原表格、插入新表格标示"
                )
    return out
