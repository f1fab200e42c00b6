"""Reading a regulation text (plain text, Markdown, or .docx paragraphs) into a Draft.

The parser accepts the layouts real texts come in (see shared/corpus/README.md): official
flk.npc text, LawRefBook Markdown, hand-made Markdown with link 目录, "reader" Markdown with setext
headings, and our own canonical text (render.render_text). It works line by line:

1. each line is cleaned of Markdown decoration and classified (article, heading, item, …);
   articles run together on one line are split, a label typo is repaired from the gap;
2. the front matter before the first article gives the title (also over two lines), the 题注
   and the 目录 (skipped, with or without the word; its numbers restore body headings that
   lost theirs);
3. the body is read with a small state machine into 编/分编/章/节/条/款/项/目, the preamble
   (序言, or introductory text before 第一条), tables, and after the last article the
   appendices (附件/附表/附录, or a bare “附：”);
4. the law as printed is kept: every unit remembers the label the source printed, and where it
   differs from the position (a gap, an excerpt from 第五百零一条, (一) for （一）) the unit keeps
   it as a number lock; gaps and duplicates become ParseWarnings, the labels are not rewritten.

Source defects (a heading wrapped over two lines, a heading that lost its number, an item that
lost its label, a hard line break inside a sentence) are repaired where the repair is
unambiguous, always with a warning.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path

from drafting.errors import ParseError
from drafting.model.matter import Appendix, Cell, CellSpan, Preamble, Table
from drafting.model.numbering import compute_numbers, prune_locks, run_on_markers
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.units import ALLOWED_CHILDREN, Draft, Numbering, Unit, UnitKind
from drafting.read.textfile import check_file, decode_text, read_checked_bytes

__all__ = [
    "ParseResult",
    "ParseWarning",
    "decode_text",
    "parse_file",
    "parse_lines",
    "parse_text",
]

NO_ARTICLES = "未找到任何条文（第X条），不像是法规文本"


@dataclass(frozen=True)
class ParseWarning:
    """Something the parser noticed and repaired or skipped; line is 1-based (0 if none)."""

    line: int
    message: str


@dataclass
class ParseResult:
    """The parsed draft and what was odd about the source."""

    draft: Draft
    warnings: list[ParseWarning] = field(default_factory=list)
    #: The stage label printed under the title (征求意见稿, 草案…), without parentheses; "" if none.
    stage: str = ""
    #: The article labels as printed in the source, one per article of draft.articles() in order
    #: ("" where none was printed): what the source's own references mean by 第X条.
    source_labels: list[str] = field(default_factory=list)
    #: Lines after the last article that are not the law's words (a signature block, the
    #: footnotes of a copy): kept here, each named in a warning.
    notes: list[str] = field(default_factory=list)
    #: uid → the label as the source printed it, for units numbered otherwise: an item or an
    #: article that lost its label (""), a heading numbered from the 目录 (""), a typo (第三十－条).
    printed_labels: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Line classification

_NUM = "0-9一二三四五六七八九十百千万零〇两"
# 條/編/節: a copy in traditional characters (第九條) is read, its label kept as printed.
_ARTICLE_RE = re.compile(rf"第\s*([{_NUM}]+)\s*[条條](?:\s*之\s*([{_NUM}]+))?(.*)", re.S)
_HEADING_RE = re.compile(rf"第\s*([{_NUM}]+)\s*(分编|分編|编|編|章|节|節)(.*)", re.S)
# "第三条：下列场所…": a colon right after the label stands for the space.
_LABEL_COLON_RE = re.compile(r"[:：]\s*(?=\S)")
_ITEM_RE = re.compile(r"[（(]\s*([一二三四五六七八九十百]+)\s*[）)]\s*(.*)", re.S)
_SUBITEM_RE = re.compile(r"([0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*(.*)", re.S)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ITEM_CITATION_RE = re.compile(r"\s*(?:[至、和或及]\s*[（(]|项(?!目))")
_RUN_TOGETHER_RE = re.compile(rf"[。；;]\s*第([{_NUM}]+)条(?=[\s\u3000])")
# 第<numerals with one stray character>条 at the head of a line: 第十－条, 第－条, 第十 一条.
_TYPO_ARTICLE_RE = re.compile(
    rf"(第[{_NUM}]*(?:[^{_NUM}\s条章节编款项]|(?<=[{_NUM}])[ \u3000](?=[{_NUM}]))[{_NUM}]*条)"
    rf"[\s\u3000]+(\S.*)",
    re.S,
)
# A label that lost its 第 or its 条 ("十条　…", "第十　…"): read as the article only where its
# number is the one the gap between its neighbours leaves (第九条 … 第十一条).
_BROKEN_ARTICLE_RE = re.compile(rf"(第?\s*([{_NUM}]+)\s*条?)(?<=[条{_NUM}])[\s\u3000]+(\S.*)", re.S)
# Words that make a 款 belong to the article before it (前款, 本条): never a lost article.
_OWN_ARTICLE_RE = re.compile(r"前[一两二三四五六七八九十]?款|本条|前[一两二三四五六七八九十]?项")
_PAGE_NUMBER_RE = re.compile(
    r"[-—－–]{1,2}\s*\d{1,4}\s*[-—－–]{1,2}|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?"
)
_SENTENCE_END = frozenset("。；;：:！!？?…”’」』）)")
# Two sides around ＝, the right one ending in an operand (not an operator or an open bracket).
_WHOLE_FORMULA_RE = re.compile(r"[^＝=]+[＝=][^＝=]*[^＝=＋+\-－×÷/（(\s]")
_FORMULA_RE = re.compile(r"[＝=×÷＋+]|[0-9０-９]\s*[%％]")
_NOTE_FRAGMENT_RE = re.compile(r"(?:通过|批准|修正|修订|公布|施行|决定)[）)]?$")
_DATE_OR_MEETING_RE = re.compile(r"\d{4}\s*年|会议|常务委员会")
_LEAD_IN_ITEM_RE = re.compile(r"[：:]\s*([（(]\s*一\s*[）)])")
_OPEN_QUOTES = '“‘「『"'
_QUOTES_RE = re.compile(r"[“”‘’「」『』\"]")
_MD_HEADING_RE = re.compile(r"([#＃]{1,6})\s*(.*)", re.S)
_BULLET_RE = re.compile(r"(?:[*+\-]|>)[ \t\u3000]+(.*)", re.S)
_BOLD_RE = re.compile(r"\*{2,3}(.*?)\*{2,3}")
_LINK_LINE_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_RULE_RE = re.compile(r"(?:=){3,}|(?:-){3,}|(?:\*\s*){3,}|(?:_){3,}")
_COMMENT_RE = re.compile(r"<!--.*-->")
_URL_RE = re.compile(r"<?https?://", re.I)
_DATE_RE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# Two dated notes run together in LawRefBook: "…通过2021年7月30日…批准".
_NOTE_SPLIT_RE = re.compile(
    r"(?<=通过|批准|修正|修订|公布|施行)[\s\u3000]*(?=\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
)
_INNER_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_SPACES_RE = re.compile(r"\s+")
# After the last article: an appendix line, a circled footnote mark, or an editor's note
# (注：…, 注释：…, 注1：… as the 刑法 copies print them) — never the law's own words.
_TRAILING_RE = re.compile(r"(?:附件|附录|附表)\S{0,6}$|[①-⑳]|注(?:释)?\s*[0-9０-９一二三]?\s*[：:]")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SENTENCE_PUNCT = frozenset("。；;，,：:！!？?“”")
_HARD_PUNCT = frozenset("。；;！!？?")
# A "第十条" line without a separator is only an article if what follows does not read as a
# cross-reference: "第十条规定的…", "第十条、第十一条…".
_REFERENCE_STARTS = (*"、，,。；;：:和或及至中的第（(之款项所", "规定")

_HEADING_KIND = {
    "编": UnitKind.PART,
    "分编": UnitKind.SUBPART,
    "章": UnitKind.CHAPTER,
    "节": UnitKind.SECTION,
    "編": UnitKind.PART,
    "分編": UnitKind.SUBPART,
    "節": UnitKind.SECTION,
}
_RANK = {UnitKind.PART: 0, UnitKind.SUBPART: 1, UnitKind.CHAPTER: 2, UnitKind.SECTION: 3}
_OUTERMOST_WORDS = frozenset({"附则", "总则"})


class _K(Enum):
    BLANK = auto()
    COMMENT = auto()
    NOISE = auto()  # links with other text, URLs: decoration of web copies
    ARTICLE = auto()
    HEADING = auto()
    ITEM = auto()
    SUBITEM = auto()
    TEXT = auto()


@dataclass
class _Line:
    no: int
    text: str
    md: int = 0  # Markdown heading level (# = 1), 0 when none
    kind: _K = _K.TEXT
    num: int = 0
    insert: int = 0
    label_kind: UnitKind | None = None  # for headings
    rest: str = ""
    separated: bool = True  # a space or nothing else followed the 第X条 label
    info_end: bool = False
    label: str = ""  # the label as printed: 第十二条, 第二章, (一), 1、
    colon: str = ""  # the colon that stood for the space after the 第X条 label
    spaced: bool = False  # a heading title spread with spaces (总　　则)

    @property
    def key(self) -> str:
        """A layout-free key for comparing 目录 entries with body headings."""
        if self.kind is _K.HEADING and self.label_kind is not None:
            return f"{self.label_kind}{self.num}{_compact(self.rest)}"
        return _compact(self.text)


def _compact(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "*")


def _norm_heading(text: str) -> str:
    """总　　则 → 总则: spaces between CJK characters carry no meaning in a heading."""
    text = _INNER_SPACE_RE.sub("", text.strip())
    return _SPACES_RE.sub(" ", text)


def _headingish(text: str, max_len: int = 30) -> bool:
    """Short, no sentence punctuation, some CJK: reads as a heading rather than a sentence."""
    return (
        0 < len(text) <= max_len
        and not any(ch in _SENTENCE_PUNCT for ch in text)
        and any("\u4e00" <= ch <= "\u9fff" for ch in text)
    )


def _number(text: str) -> int:
    try:
        return from_chinese(text.replace(" ", ""))
    except ValueError:
        return 0


def _clean(raw: str) -> tuple[str, int]:
    """Strip indents, hard breaks and Markdown decoration; return text and heading level."""
    s = raw.translate(_ZERO_WIDTH).strip()
    md = 0
    m = _MD_HEADING_RE.fullmatch(s)
    if m:
        md = len(m.group(1))
        s = m.group(2).rstrip("#＃ ").strip()
    m = _BULLET_RE.fullmatch(s)
    if m and not _RULE_RE.fullmatch(s):
        s = m.group(1).strip()
    if s.startswith("**"):
        s = _BOLD_RE.sub(r"\1", s, count=1).strip()
    m = _LINK_LINE_RE.fullmatch(s)
    if m:
        s = m.group(1).strip()
    return s, md


def _classify(no: int, raw: str) -> _Line:
    stripped = raw.strip()
    if not stripped or not stripped.translate(_ZERO_WIDTH).strip():
        return _Line(no, "", kind=_K.BLANK)
    if _RULE_RE.fullmatch(stripped):
        # Setext underline or horizontal rule: resolved against the line above later.
        return _Line(no, stripped, kind=_K.BLANK, rest=stripped[0])
    if _COMMENT_RE.fullmatch(stripped):
        return _Line(no, stripped, kind=_K.COMMENT, info_end="INFO END" in stripped)
    text, md = _clean(raw)
    line = _Line(no, text, md)
    if not text:
        line.kind = _K.BLANK
        return line
    if "](" in text or _URL_RE.match(text) or text.startswith("!["):
        line.kind = _K.NOISE
        return line
    m = _ARTICLE_RE.fullmatch(text)
    if m:
        rest = m.group(3)
        body = rest.strip()
        separated = not rest or rest[0].isspace()
        colon = _LABEL_COLON_RE.match(rest)
        if colon and not separated:
            # The colon is layout of the label, like the space it stands for (warned in run).
            body, separated, line.colon = rest[colon.end() :].strip(), True, colon.group(0)[0]
        if separated or not body.startswith(_REFERENCE_STARTS):
            line.kind = _K.ARTICLE
            line.num = _number(m.group(1))
            line.insert = _number(m.group(2)) if m.group(2) else 0
            line.rest = body
            line.separated = separated
            # As printed, spaces included (第 一 条): a form the checks offer to unify.
            line.label = text[: m.start(3)].strip().replace("*", "")
            return line
    m = _HEADING_RE.fullmatch(text)
    if m:
        rest = m.group(3)
        body = rest.strip()
        separated = not rest or rest[0].isspace()
        ok = (
            len(body) <= 60 and not any(ch in _HARD_PUNCT for ch in body)
            if separated
            # 第五章“上海文化”品牌建设: quotes open a title as well as a separator does.
            else _headingish(_QUOTES_RE.sub("", body), 40)
            and (body[:1] in _OPEN_QUOTES or not body.startswith(_REFERENCE_STARTS))
        )
        if ok:
            line.kind = _K.HEADING
            line.num = _number(m.group(1))
            line.label_kind = _HEADING_KIND[m.group(2)]
            line.rest = _norm_heading(body)
            line.spaced = bool(_INNER_SPACE_RE.search(body.strip()))
            line.label = text[: m.start(3)].strip().replace("*", "")
            return line
    m = _ITEM_RE.fullmatch(text)
    # "（一）至（三）项所列人员…" cites items: a paragraph, not an item.
    if m and not _ITEM_CITATION_RE.match(m.group(2)):
        line.kind = _K.ITEM
        line.num = _number(m.group(1))
        line.rest = m.group(2).strip()
        line.label = text[: m.start(2)].strip()
        return line
    m = _SUBITEM_RE.fullmatch(text)
    if m:
        line.kind = _K.SUBITEM
        line.num = int(m.group(1).translate(_WIDE_DIGITS))
        line.rest = m.group(2).strip()
        line.label = text[: m.start(2)].strip()
        return line
    return line


def _classify_all(lines: list[str]) -> list[_Line]:
    out: list[_Line] = []
    for index, raw in enumerate(lines, 1):
        # A .docx paragraph may hold soft line breaks: each part is a line of the same number.
        for part in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            out.append(_classify(index, part))
    # Setext headings: "标题\n====" / "标题\n----"; a rule after a blank line is just a rule.
    for i, line in enumerate(out):
        if line.kind is _K.BLANK and line.rest in ("=", "-") and i > 0:
            above = out[i - 1]
            if above.kind not in (_K.BLANK, _K.COMMENT) and not above.md:
                above.md = 1 if line.rest == "=" else 2
        if line.kind is _K.BLANK:
            line.rest = ""
    return out


# ---------------------------------------------------------------------------------------------
# The parser


class _Parser:
    def __init__(
        self, raw_lines: list[str], name: str, spans: dict[int, list[CellSpan]] | None = None
    ) -> None:
        self.lines = _classify_all(raw_lines)
        # Merged table cells of a .docx, by line number (1-based): see ``_cells``.
        self.spans = {index + 1: row for index, row in (spans or {}).items()}
        self.name = name
        self.warnings: list[ParseWarning] = []
        self.draft = Draft(title="")
        self.stack: list[Unit] = []
        self.article: Unit | None = None
        self.last_item: Unit | None = None
        self.fillable = False  # the article's first paragraph is still empty
        self.prev_article = 0  # source number of the previous regular article
        self.md_kinds: dict[int, UnitKind] = {}
        self.kinds_seen: set[UnitKind] = set()
        # Source numbers, kept aside for the numbering checks: uid -> (number, insert, line).
        self.source: dict[str, tuple[int, int, int]] = {}
        self.skip: set[int] = set()
        self.article_count = 0
        # Headings of a skipped 目录 by title: a body heading that lost its number takes it back.
        self.toc_titles: dict[str, _Line] = {}
        self.has_sections = any(ln.label_kind is UnitKind.SECTION for ln in self.lines)
        self.last_text: Unit | None = None  # the 款/项/目 whose words the previous line gave
        self.last_text_at = -2  # index of that line
        self.preamble_at = -2  # index of the line that gave the 序言's last paragraph
        # (line, text) of notes that are not the law's words: after the last article, under a heading.
        self.notes: list[tuple[int, str]] = []
        self.printed_labels: dict[str, str] = {}  # see ParseResult.printed_labels
        self.typos: dict[int, str] = {}  # line index → the label typo as printed
        # uid → source line of each 款 after an article's first (for warnings that name it).
        self.paragraph_lines: dict[str, int] = {}
        # (line, title as printed, title read) of headings whose spreading spaces were taken out.
        self.spaced: list[tuple[int, str, str]] = []
        self._split_run_together()
        self._repair_label_typos()
        self.wrap_width = _wrap_width(self.lines)

    stage = ""
    pos = 0  # the index of the line being read
    run_on = False  # chapters numbered across 编 (set by the numbering checks)
    last_article: Unit | None = None  # the article before the one being checked

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(line, message))

    # -- repairs before reading -----------------------------------------------------------

    def _split_run_together(self) -> None:
        """“…制定本规则。 第二条 凡…”: articles run together on one line are split where the
        next article's number follows on."""
        out: list[_Line] = []
        for line in self.lines:
            out.append(line)
            count = 0
            while line.kind is _K.ARTICLE:
                m = next(
                    (
                        m
                        for m in _RUN_TOGETHER_RE.finditer(line.rest)
                        if _number(m.group(1)) == line.num + 1 and not line.insert
                    ),
                    None,
                )
                if m is None:
                    break
                tail = line.rest[m.start(1) - 1 :]
                line.rest = line.rest[: m.start()].rstrip() + m.group(0)[:1]
                line.text = line.label + "\u3000" + line.rest
                line = _classify(line.no, tail)
                out.append(line)
                count += 1
            if count:
                self.warn(line.no, f"一行中连写了 {count + 1} 条条文，已分开")
        self.lines = out

    def _repair_label_typos(self) -> None:
        """A label with one stray character (第三十－条, 第－条, 第十 一条) is an article: read
        with the number its position gives (one past the article before, 第一条 at the head),
        the label kept as printed, warned with its line — never a 款 or the 序言. A label that
        lost its 第 or 条 (十条, 第十) is read only where the gap leaves exactly that number."""
        lines = self.lines
        articles = [i for i, ln in enumerate(lines) if ln.kind is _K.ARTICLE and not ln.insert]
        prev = 0  # the number of the article before (repaired ones included)
        for i, line in enumerate(lines):
            if line.kind is _K.ARTICLE:
                if not line.insert:
                    prev = line.num
                continue
            if line.kind is not _K.TEXT:
                continue
            m = _TYPO_ARTICLE_RE.fullmatch(line.text)
            broken = None if m is not None else _BROKEN_ARTICLE_RE.fullmatch(line.text)
            if m is None and broken is None:
                continue
            after = [j for j in articles if j > i]
            nxt = lines[after[0]].num if after else 0
            if broken is not None:
                # "十条　…": only the very number the gap leaves, and not a 第X条 as printed.
                if not prev or nxt != prev + 2:
                    continue
                if _number(broken.group(2)) != prev + 1 or broken.group(1).startswith("第") == (
                    broken.group(1).endswith("条")
                ):
                    continue
                line.kind = _K.ARTICLE
                line.num = prev + 1
                line.rest = broken.group(3).strip()
                printed = _compact(broken.group(1))
                self.typos[line.no] = printed
                line.label = _article_label(prev + 1, 0)
                self.warn(
                    line.no,
                    f"第{line.no}行条文编号“{printed}”残缺，按前后条文读作{line.label}",
                )
                prev = line.num
                continue
            assert m is not None  # a typo, when not a broken label
            printed = line.text[: m.start(2)].rstrip()
            line.kind = _K.ARTICLE
            line.num = prev + 1
            line.rest = m.group(2).strip()
            self.typos[line.no] = printed
            line.label = _article_label(prev + 1, 0)
            how = "按前后条文" if after and nxt == prev + 2 else "按位置"
            self.warn(
                line.no,
                f"第{line.no}行条文编号“{printed}”有误，{how}读作{line.label}，请核对",
            )
            prev = line.num

    # -- front matter ---------------------------------------------------------------------

    def _is_first_article(self, line: _Line) -> bool:
        return line.kind is _K.ARTICLE and (line.separated or line.num == 1)

    def run(self) -> ParseResult:
        lines = self.lines
        first = next((i for i, ln in enumerate(lines) if self._is_first_article(ln)), None)
        if first is None:
            raise ParseError(NO_ARTICLES)
        colons = [ln for ln in lines if ln.kind is _K.ARTICLE and ln.colon]
        if colons:
            self.warn(
                colons[0].no,
                f"{len(colons)} 处条文编号后的冒号（如“{colons[0].label}{colons[0].colon}”）按分隔读作空格，"
                "未作为条文文字",
            )
        pos = self._front_matter(first)
        end = self._trailing_start(first)
        for i in range(pos, end):
            if i not in self.skip:
                self._body_line(i)
        if not self.draft.articles():
            raise ParseError(NO_ARTICLES)
        self._check_numbers()
        self._keep_printed_labels()
        if self.spaced:
            no, raw, heading = self.spaced[0]
            self.warn(
                no,
                f"{len(self.spaced)} 个标题中排版用的字间空格（如“{raw}”）已去掉，"
                f"标题按“{heading}”读入",
            )
        self.warnings.sort(key=lambda w: w.line)
        printed = (self.source.get(a.uid, (0, 0, 0)) for a in self.draft.articles())
        labels = [_article_label(num, insert) if num > 0 else "" for num, insert, _ in printed]
        notes = [text for _, text in sorted(self.notes, key=lambda n: n[0])]
        self.draft.notes = list(notes)  # kept with the text: stored, shown and exported
        return ParseResult(
            self.draft, self.warnings, self.stage, labels, notes, self.printed_labels
        )

    def _front_matter(self, first: int) -> int:
        """Read title, 题注 and 目录 before the first article; return where the body starts."""
        lines = self.lines
        pos = 0
        title_at: int | None = None
        for i in range(first):
            line = lines[i]
            if line.kind in (_K.BLANK, _K.COMMENT, _K.NOISE):
                continue
            if line.kind is _K.TEXT and not self._is_toc_marker(line):
                title_at = i
            break
        if title_at is None:
            self.draft.title = self.name
        else:
            title = lines[title_at].text.strip()
            if len(title) > 80:
                self.warn(lines[title_at].no, "第一行过长，不像是标题，已改用文件名作为标题")
                title = self.name
                title_at = None
            nxt = title_at + 1 if title_at is not None else len(lines)
            if title_at is not None and nxt < first and self._title_continues(title, lines[nxt]):
                # 中华人民共和国外国中央银行 / 财产司法强制措施豁免法: a title wrapped in two.
                title += lines[nxt].text.strip()
                self.warn(lines[nxt].no, f"标题跨两行，已合并为“{title}”")
                title_at = nxt
            # 江州市古城保护条例（征求意见稿） on one line: the stage is not part of the title.
            staged = _TITLE_STAGE_RE.match(title)
            if staged:
                title, self.stage = staged.group(1).strip(), staged.group(2)
            self.draft.title = title
            pos = (title_at or 0) + 1
        pos = self._title_note(pos, first)
        return self._skip_toc(pos, first)

    def _title_continues(self, title: str, line: _Line) -> bool:
        """The line right under the title (no blank between) carries on the title: only under a
        first line that is not a whole title yet (…外国中央银行, not …条例)."""
        text = line.text.strip()
        return (
            not _compact(title).endswith(_LAW_WORDS)
            and line.kind is _K.TEXT
            and _norm_heading(text) not in _OUTERMOST_WORDS
            and not line.md
            and _headingish(text, 40)
            and not text.startswith(("（", "("))
            and not _DATE_RE.search(text)
            and not self._is_toc_marker(line)
            and _compact(text) not in _PREAMBLE_WORDS
        )

    def _title_note(self, pos: int, first: int) -> int:
        lines = self.lines
        info_end = next((i for i in range(pos, first) if lines[i].info_end), None)
        notes: list[str] = []
        if info_end is not None:
            # LawRefBook: one dated line each before <!-- INFO END -->.
            raw: list[_Line] = []
            for i in range(pos, info_end):
                if lines[i].kind not in (_K.BLANK, _K.COMMENT, _K.NOISE):
                    parts = _note_lines(lines[i].text)
                    if (
                        notes
                        and parts
                        and not _DATE_RE.match(lines[i].text)
                        and not _NOTE_FRAGMENT_RE.search(notes[-1])
                    ):
                        # A note wrapped mid-title ("…《关于修改" / "废止…的决定》第二次修正"):
                        # one note, as the dated lines below are read.
                        notes[-1] += parts.pop(0)
                        self.warn(
                            lines[i].no, f"题注跨行，“{_short(lines[i].text)}”已接续上一行"
                        )
                    notes.extend(parts)
                    raw.append(lines[i])
            self._unbalanced_note(raw)
            self.draft.title_note = "\n".join(n for n in notes if n)
            self._keep_printed_note([line.text for line in raw])
            return info_end + 1
        i = pos
        dated: list[_Line] = []
        printed: list[str] = []  # the 题注's lines as the source printed them
        while i < first:
            line = lines[i]
            if line.kind in (_K.BLANK, _K.NOISE, _K.COMMENT):
                i += 1
                continue
            text = line.text
            stage = _STAGE_RE.fullmatch(_compact(text))
            if stage and not self.stage and not notes:
                # （征求意见稿） under the title is the stage label, not a 题注.
                self.stage = stage.group(1)
                i += 1
                pos = i
            elif text.startswith(("（", "(")):
                # One parenthesised block, possibly over several lines (flk, reader, ours).
                block = [text]
                depth = _paren_depth(text)
                j = i + 1
                while depth > 0 and j < first and lines[j].kind is not _K.BLANK:
                    block.append(lines[j].text)
                    depth += _paren_depth(lines[j].text)
                    j += 1
                notes.append(_strip_outer_parens("\n".join(block)))
                printed.extend(block)
                i = j
                pos = j
            elif _DATE_RE.match(text):
                dated.append(line)
                printed.append(text)
                parts = _note_lines(text) or [""]
                i += 1
                # A dated note wrapped over lines (a PDF copy at 28 characters a line): the
                # lines up to the word that ends a note (通过, 批准, 修正…) carry it on.
                while (
                    i < first
                    and not _NOTE_FRAGMENT_RE.search(parts[-1])
                    and lines[i].kind is _K.TEXT
                    and not _DATE_RE.match(lines[i].text)
                    and not lines[i].text.startswith(("（", "("))
                    and not self._is_toc_marker(lines[i])
                    and _compact(lines[i].text) not in _PREAMBLE_WORDS
                    and not any(ch in _HARD_PUNCT for ch in lines[i].text)
                ):
                    dated.append(lines[i])
                    printed.append(lines[i].text)
                    parts[-1] += "".join(_note_lines(lines[i].text))
                    self.warn(lines[i].no, f"题注跨行，“{_short(lines[i].text)}”已接续上一行")
                    i += 1
                notes.extend(parts)
                pos = i
            else:
                break
        self._unbalanced_note(dated)
        self.draft.title_note = "\n".join(n for n in notes if n)
        self._keep_printed_note(printed)
        return pos

    def _keep_printed_note(self, printed: list[str]) -> None:
        """Remember the 题注 as printed, when that differs from the house form (each line in
        （）): bare dated lines, one pair around several lines, half-width ( )."""
        note = self.draft.title_note
        house = "\n".join(f"（{line}）" for line in note.split("\n")) if note else ""
        text = "\n".join(printed)
        if note and text and text != house:
            self.draft.title_note_printed = (note, text)

    def _unbalanced_note(self, raw: list[_Line]) -> None:
        """The 题注's dated lines lose their outer parentheses; one without its pair (a stray
        “）” after the last date) is a defect of the copy, removed with a warning."""
        depth = _paren_depth("".join(line.text for line in raw))
        if depth < 0:
            self.warn(raw[-1].no, f"题注末尾多出 {-depth} 个“）”（没有对应的“（”），已略去")
        elif depth > 0:
            self.warn(raw[0].no, f"题注开头多出 {depth} 个“（”（没有对应的“）”），已略去")

    def _is_toc_marker(self, line: _Line) -> bool:
        return line.kind is _K.TEXT and _compact(line.text) in ("目录", "目次")

    def _skip_toc(self, pos: int, first: int) -> int:
        """Find the 目录 and skip it: after the word 目录, the run of heading lines that follows;
        without the word, a run of headings whose first title comes again before the first
        article (in the body, possibly without its number)."""
        lines = self.lines
        marker = next((i for i in range(pos, first) if self._is_toc_marker(lines[i])), None)
        start = marker + 1 if marker is not None else pos
        entries = [
            i
            for i in range(start, first)
            if lines[i].kind is _K.HEADING
            or (lines[i].kind is _K.TEXT and _headingish(lines[i].text))
        ]
        if marker is not None:
            run: list[int] = []
            for i in range(start, len(lines)):
                kind = lines[i].kind
                if kind in (_K.BLANK, _K.COMMENT, _K.NOISE):
                    continue
                if kind is _K.HEADING or (kind is _K.TEXT and _headingish(lines[i].text)):
                    key = _title_key(lines[i])
                    if run and key == _title_key(lines[run[0]]):
                        break  # the body starts: its first heading comes again
                    if (
                        run
                        and key in _PREAMBLE_WORDS
                        and all(_title_key(lines[r]) != key for r in run)
                    ):
                        break  # 序　　言 that the 目录 does not list: the body starts with it
                    run.append(i)
                    continue
                if run and _appendix_marker(lines[i]) is not None:
                    # 附件：日照市公园分类表 closing the 目录: its entry, not the 序言 (F8).
                    run.append(i)
                    continue
                break
            self.skip.add(marker)
            self.skip.update(run)
            self._remember_toc(run)
            self.warn(lines[marker].no, f"目录（{len(run) + 1} 行）未作为正文读入")
            return pos
        if entries:
            key = _title_key(lines[entries[0]])
            repeat = next((i for i in entries[1:] if _title_key(lines[i]) == key), None)
            if repeat is not None:
                skipped = [i for i in entries if i < repeat]
                self.skip.update(range(entries[0], repeat))
                self._remember_toc(skipped)
                self.warn(
                    lines[entries[0]].no,
                    f"开头的章节标题列表是目录（无“目录”二字，{len(skipped)} 行），未作为正文读入",
                )
        return pos

    def _remember_toc(self, entries: list[int]) -> None:
        for i in entries:
            line = self.lines[i]
            if line.kind is _K.HEADING:
                self.toc_titles.setdefault(_title_key(line), line)

    def _trailing_start(self, first: int) -> int:
        """Where matter after the last article begins: appendices (附件/附表/附录, a bare “附：”
        line) are read by ``_appendices``; other trailing lines (footnotes) are not read."""
        lines = self.lines
        last = max(i for i, ln in enumerate(lines) if ln.kind is _K.ARTICLE)
        appendix = next(
            (j for j in range(last + 1, len(lines)) if _appendix_marker(lines[j])), None
        )
        stop = appendix if appendix is not None else len(lines)
        end = stop
        for j in range(last + 1, stop):
            line = lines[j]
            if line.kind is _K.TEXT and (
                line.md or _TRAILING_RE.match(line.text) or self._signature_block(j, stop)
            ):
                # Footnotes, a signature block, notes after the law: not the law's words, but
                # kept as notes (parse --json "notes") and each line named in a warning.
                for rest in lines[j:stop]:
                    if rest.kind in (_K.TEXT, _K.HEADING, _K.ITEM, _K.SUBITEM):
                        self.notes.append((rest.no, rest.text))
                        self.warn(
                            rest.no,
                            f"最后一条之后的“{_short(rest.text)}”不属于条文，已作为注记保留",
                        )
                end = j
                break
        if appendix is not None:
            self._appendices(appendix)
        return end

    def _signature_block(self, j: int, stop: int) -> bool:
        """Lines ``j``..``stop`` after the last article, after a finished sentence, are a
        signature block: every line short and without sentence punctuation (the organ, the
        date, （此件公开发布）), one of them a date, an organ or a parenthesised note."""
        before = next(
            (self.lines[k] for k in range(j - 1, -1, -1) if self.lines[k].kind is not _K.BLANK),
            None,
        )
        if before is None or before.text[-1:] not in ("。", "！", "!", "？", "?"):
            return False
        texts = [ln.text for ln in self.lines[j:stop] if ln.kind not in (_K.BLANK, _K.COMMENT)]
        if not texts or any(
            not (_headingish(_strip_outer_parens(t), 40) or _DATE_RE.fullmatch(t)) for t in texts
        ):
            return False
        return any(
            _DATE_RE.fullmatch(t) or t.endswith(_ORGAN_ENDS) or (t[:1] in "（(" and t[-1:] in "）)")
            for t in texts
        )

    def _notes_after_table(self, j: int) -> bool:
        """Lines ``j``.. to the end, right after an appendix table, are notes: a 注：… line,
        or a signature block (short lines without sentence punctuation, one a date or an
        organ), with no further appendix."""
        texts = [ln for ln in self.lines[j:] if ln.kind not in (_K.BLANK, _K.COMMENT)]
        if not texts or any(
            _appendix_marker(ln) or _table_cells(ln.text.strip(), loose=True) is not None
            for ln in texts
        ):
            return False
        if re.match(r"注(?:释)?\s*[0-9０-９一二三]?\s*[：:]", texts[0].text):
            return True
        words = [ln.text.strip() for ln in texts]
        signature = list(
            itertools.takewhile(lambda t: not re.match(r"注(?:释)?\s*[：:]", t), words)
        )
        return (
            bool(signature)
            and all(
                _headingish(_strip_outer_parens(t), 40) or _DATE_RE.fullmatch(t) for t in signature
            )
            and any(_DATE_RE.fullmatch(t) or t.endswith(_ORGAN_ENDS) for t in signature)
        )

    def _appendices(self, start: int) -> None:
        """Read 附件/附表/附录 blocks from ``start`` to the end: title, paragraphs, tables."""
        lines = self.lines
        current: Appendix | None = None
        rows: list[list[Cell]] = []
        want_title = False

        def flush_table() -> None:
            if rows and current is not None:
                current.blocks.append(Table([list(r) for r in rows]))
            rows.clear()

        after_table = False
        for at in range(start, len(lines)):
            line = lines[at]
            if line.kind in (_K.BLANK, _K.COMMENT):
                continue
            if after_table and self._notes_after_table(at):
                # 落款 (organ, date) or 注：… after an appendix table: the law's notes, not the
                # 附件's words.
                for rest in lines[at:]:
                    if rest.kind not in (_K.BLANK, _K.COMMENT):
                        self.notes.append((rest.no, rest.text))
                        self.warn(
                            rest.no,
                            f"附件表格之后的“{_short(rest.text)}”不属于附件，已作为注记保留",
                        )
                break
            after_table = False
            marker = _appendix_marker(line)
            if marker is not None:
                flush_table()
                label, title = marker
                current = Appendix(label=label, title=title)
                self.draft.appendices.append(current)
                want_title = not title
                continue
            assert current is not None
            text = line.text.strip()
            cells = _table_cells(text, loose=True)
            if want_title and cells is None and _headingish(text, 40):
                current.title = text
                want_title = False
                continue
            want_title = False
            if cells is not None:
                if cells:  # [] is a Markdown separator row |---|---|
                    rows.append(self._cells(cells, line.no))
                after_table = True
                continue
            flush_table()
            current.blocks.append(text)
        flush_table()
        n = len(self.draft.appendices)
        self.warn(lines[start].no, f"最后一条之后的 {n} 个附件已作为附件读入（含标题、段落和表格）")

    # -- body -----------------------------------------------------------------------------

    def _next_content(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if j in self.skip:
                continue
            if self.lines[j].kind not in (_K.BLANK, _K.COMMENT):
                return j
        return None

    def _followed_by_structure(self, i: int) -> bool:
        j = self._next_content(i)
        return j is not None and self.lines[j].kind in (_K.ARTICLE, _K.HEADING)

    def _body_line(self, i: int) -> None:
        self.pos = i
        line = self.lines[i]
        kind = line.kind
        if kind is _K.HEADING and line.label_kind is not None:
            heading = line.rest
            j = self._next_content(i)
            section: _Line | None = None
            if (
                j is not None
                and self.lines[j].kind is _K.TEXT
                and not _is_paren_note(self.lines[j].text)
                and _headingish(self.lines[j].text)
                and self._followed_by_structure(j)
                and not self._stray(self.lines[j])
            ):
                if line.label_kind is UnitKind.CHAPTER and (
                    self.has_sections or self.lines[j].md > line.md > 0 or self._more_bare_titles(j)
                ):
                    # A text with 节 (or a ### under a ## 章, or more bare titles over articles
                    # in this 章): the line under a 章 title is a 节 title that lost its number.
                    section = self.lines[j]
                else:
                    # A heading wrapped over two lines (liaocheng, beijing 2017).
                    heading = _norm_heading(heading + self.lines[j].text)
                    self.warn(line.no, f"标题跨两行，已合并为“{heading}”")
                self.skip.add(j)
            self._open_heading(line, line.label_kind, heading, Numbering.REGULAR)
            if section is not None:
                title = _norm_heading(section.text)
                self.warn(section.no, f"章标题下的“{title}”像是缺少编号的节，已作为无编号的节读入")
                self._open_heading(section, UnitKind.SECTION, title, Numbering.NONE)
            return
        if kind is _K.ARTICLE and self._accept_article(line):
            self._open_article(line)
            return
        if kind is _K.ITEM and self.article is not None:
            self._add_item(line)
            self._wrote(self.last_item, i)
            return
        if kind is _K.SUBITEM and self.last_item is not None:
            sub = Unit(UnitKind.SUBITEM, text=line.rest, label=line.label)
            self.last_item.children.append(sub)
            self.source[sub.uid] = (line.num, 0, line.no)
            self._wrote(sub, i)
            return
        if kind in (_K.BLANK, _K.COMMENT, _K.NOISE):
            return
        text = line.text
        if _PAGE_NUMBER_RE.fullmatch(text):
            # "— 3 —" from a printed or PDF copy: layout, not law; a sentence broken by it
            # still joins across it.
            if self.last_text_at == i - 1:
                self.last_text_at = i
            self.warn(line.no, f"页码“{text}”已略去")
            return
        if self.article is not None:
            cells = _table_cells(text)
            if cells is not None:
                self._table_row(cells, i)
                return
        if self.article is None and self.stack and _is_paren_note(text):
            # （本章根据2024年5月1日决定修改） under a heading: a note, not its title or a 章.
            self.notes.append((line.no, text))
            self.warn(line.no, f"标题下的“{_short(text)}”是注释，已作为注记保留，不并入标题")
            return
        last = self.last_text
        broken = (
            self.article is not None
            and last is not None
            and self.last_text_at == i - 1
            and bool(last.text)
            and last.text[-1] not in _SENTENCE_END
            # 水费＝用水量×单价: a whole formula on its line ends there, with no full stop.
            and not _WHOLE_FORMULA_RE.fullmatch(self.lines[self.last_text_at].text.strip())
        )
        if broken and self._running_header(line):
            # A page header (the title repeated at the top of a page) inside a broken sentence:
            # set aside like a page number, so the sentence still joins across it.
            self.last_text_at = i
            self.warn(line.no, f"页眉“{_short(text)}”（重复的标题）在句中，已略去")
            return
        if broken:
            assert last is not None
            # A hard line break inside a sentence (text copied from a PDF): join the halves.
            last.text += text
            self.last_text_at = i
            self.warn(line.no, f"“{_short(text)}”接续上一行（句中断行），已合并为一段")
            return
        if self._wrapped_after_soft_stop(last, i):
            assert last is not None
            # 乡（镇）⏎人民政府, …的；⏎…: a PDF line filled to the margin that happens to end
            # in ）, ； or ： — the sentence goes on, it is no new 款.
            stop = last.text[-1]
            last.text += text
            self.last_text_at = i
            self.warn(
                line.no,
                f"第{line.no}行“{_short(text)}”接续上一行（上一行排满、断在“{stop}”之后），"
                "已合并为一段，请核对",
            )
            return
        candidate = _headingish(text) and (line.md or self._followed_by_structure(i))
        if (self.article is None or candidate) and self._stray(line, report=True):
            return
        if candidate and self.article is not None and self._not_a_heading(text, last):
            candidate = False
        before_all = not self.article_count and not self.stack
        if before_all and _compact(text) in _PREAMBLE_WORDS:
            self._preamble().heading = _compact(text)
            return
        if candidate and not (before_all and self.draft.preamble is not None):
            self._open_bare_heading(line)
            return
        if before_all:
            # 序言, or an introductory paragraph before 第一条 (为正确审理…，制定本解释。).
            preamble = self._preamble()
            if (
                preamble.paragraphs
                and self.preamble_at == i - 1
                and preamble.paragraphs[-1][-1:] not in _SENTENCE_END
            ):
                # A 序言 sentence wrapped over two lines: one paragraph, as in the article text.
                preamble.paragraphs[-1] += text
                self.preamble_at = i
                self.warn(line.no, f"序言“{_short(text)}”接续上一行（句中断行），已合并为一段")
                return
            self.preamble_at = i
            if not preamble.heading and not preamble.paragraphs:
                self.warn(line.no, f"第一条之前的“{_short(text)}”等文字已作为序言（前言）读入")
            preamble.paragraphs.append(text)
            return
        if self.article is None:
            if self._article_lost_its_label(i):
                return
            self.warn(line.no, f"“{_short(text)}”不在任何条文之内，未读入")
            return
        if self._filled_line_before(last, i):
            # The line before ends a sentence at the very margin: a new 款 or a wrap, the
            # text cannot tell; read as printed (a new 款) and say so.
            self.warn(
                line.no,
                f"第{line.no}行“{_short(text)}”已作为新的一款读入；上一行排满并以句号结尾，"
                "如原是同一款中的断行，请核对",
            )
        self._add_paragraph(text)
        self._wrote(self.last_item or self.article.children[-1], i)

    def _wrapped_after_soft_stop(self, last: Unit | None, i: int) -> bool:
        """Whether line ``i`` (words, no unit label) goes on the sentence of the line before:
        that line ends in ）, ； or ： yet was filled to the wrap width of a PDF copy (the width
        most of its sentence-breaking lines share). A line ending in 。！？ ends its 款; a
        ： before an item label is a list lead-in (the item line is no text line here)."""
        if (
            not self.wrap_width
            or self.article is None
            or last is None
            or not last.text
            or self.last_text_at != i - 1
            or last.text[-1] not in "）)；;：:"
        ):
            return False
        before = self.lines[i - 1].text.strip()
        if _is_paren_note(before) or _WHOLE_FORMULA_RE.fullmatch(before):
            return False
        return abs(len(before) - self.wrap_width) <= 1

    def _filled_line_before(self, last: Unit | None, i: int) -> bool:
        """The line before ``i`` is a 款's words filled to the PDF wrap width ending in 。！？."""
        if not self.wrap_width or last is None or self.last_text_at != i - 1:
            return False
        before = self.lines[i - 1].text.strip()
        return bool(before) and before[-1] in "。！？!?" and abs(len(before) - self.wrap_width) <= 1

    def _cells(self, texts: list[str], no: int) -> list[Cell]:
        """The cells of the row on line ``no``: with their spans where a .docx merged them
        (a cell continuing a vertical merge is left out: the cell above spans it)."""
        spans = self.spans.get(no)
        if spans is None or len(spans) != len(texts):
            return [Cell(text) for text in texts]
        return [
            Cell(text, cols, rows)
            for text, (cols, rows, continues) in zip(texts, spans, strict=True)
            if not continues
        ]

    def _table_row(self, cells: list[str], i: int) -> None:
        """A row of a table inside an article (| a | b |, or cells apart by tabs): rows with
        only blank lines between make one table, held by the 款 that leads into it."""
        assert self.article is not None
        last = self.last_text
        gap = range(self.last_text_at + 1, i)
        if (
            last is None
            or last.table is None
            or any(self.lines[j].kind not in (_K.BLANK, _K.COMMENT) for j in gap)
        ):
            if not cells:
                return  # a |---| separator with no table above: nothing to keep
            holder = self.article.children[-1] if self.article.children else None
            if holder is not None and holder.table is None and not holder.children:
                # The table belongs to the 款 that leads into it (税目税额如下：).
                holder.table = Table()
                self.fillable = False
            else:
                holder = Unit(UnitKind.PARAGRAPH, table=Table())
                self.article.children.append(holder)
            last = holder
            self.last_item = None
            self.warn(self.lines[i].no, "条文中的表格已作为表格读入")
        assert last.table is not None
        if cells:
            last.table.rows.append(self._cells(cells, self.lines[i].no))
        self._wrote(last, i)

    def _article_lost_its_label(self, i: int) -> bool:
        """Words under a heading, outside any article, where the numbers around leave exactly
        one article out (第九条 … 第十一条): the article that lost its label. Read as it."""
        if not self.article_count:
            return False
        nxt = next((ln for ln in self.lines[i + 1 :] if ln.kind is _K.ARTICLE), None)
        if nxt is None or nxt.insert or nxt.num != self.prev_article + 2:
            return False
        line = self.lines[i]
        lost = _Line(line.no, line.text, kind=_K.ARTICLE, num=self.prev_article + 1)
        lost.rest = line.text
        label = _article_label(lost.num, 0)
        self.warn(line.no, f"“{_short(line.text)}”前缺少条文编号，按前后条文作为{label}读入")
        self._open_article(lost)
        if self.article is not None:
            self.printed_labels[self.article.uid] = ""
        self._wrote(self.article.children[-1] if self.article else None, i)
        return True

    def _running_header(self, line: _Line) -> bool:
        """The title again, right after a page number: a page header of a printed copy."""
        title = _compact(self.draft.title)
        if not title or _compact(line.text) != title:
            return False
        before = next(
            (j for j in range(self.pos - 1, -1, -1) if self.lines[j].kind is not _K.BLANK), None
        )
        return before is not None and bool(_PAGE_NUMBER_RE.fullmatch(self.lines[before].text))

    def _more_bare_titles(self, j: int) -> bool:
        """Another bare title over an article in the same 章 after line ``j``: the 章 is cut
        into 节 that lost their numbers, and a wrapped 章 title is not what ``j`` is."""
        for k in range(j + 1, len(self.lines)):
            line = self.lines[k]
            if line.kind is _K.HEADING and line.label_kind is not UnitKind.SECTION:
                return False
            if (
                line.kind is _K.TEXT
                and _headingish(line.text)
                and not _is_paren_note(line.text)
                and (n := self._next_content(k)) is not None
                and self.lines[n].kind is _K.ARTICLE
                and not self._stray(line)
            ):
                return True
        return False

    def _wrote(self, unit: Unit | None, i: int) -> None:
        self.last_text, self.last_text_at = unit, i

    def _not_a_heading(self, text: str, last: Unit | None) -> bool:
        """A short line without a full stop inside an article that is not a heading: a formula
        (应纳税额＝…), or what a lead-in ending in ： introduces."""
        if _FORMULA_RE.search(text) or re.search(r"[0-9０-９]", text):
            return True  # a formula, or words with figures (…自2020年1月1日起施行 lacking 。)
        return last is not None and last.text[-1:] in ("：", ":")

    def _stray(self, line: _Line, *, report: bool = False) -> bool:
        """A repeat of the title, or a piece of the 题注, standing where a heading could: kept
        with the title note (or left out as a repeat), never read as a chapter."""
        text = _compact(line.text)
        title = _compact(self.draft.title)
        # The title again, or a wrapped half of it (…豁免法): a chapter title is never either.
        half = len(text) >= 4 and (
            (title.endswith(text) and text.endswith(_LAW_WORDS))
            or (title.startswith(text) and not self.article_count)
        )
        if title and (text == title or half):
            if report:
                self.warn(line.no, f"“{_short(line.text)}”重复了标题，不是章节标题，已略去")
            return True
        closed = text[-1:] in ("）", ")")
        if (
            _NOTE_FRAGMENT_RE.search(text)
            and _DATE_OR_MEETING_RE.search(text)
            # Inside an article only a broken-off note (…会议通过）) is one, never its words.
            and (self.article is None or closed)
        ):
            if report:
                note = _strip_outer_parens(line.text)
                self.draft.title_note = "\n".join(n for n in (self.draft.title_note, note) if n)
                self.warn(line.no, f"“{_short(line.text)}”是题注的一部分，已并入题注")
            return True
        return False

    def _preamble(self) -> Preamble:
        if self.draft.preamble is None:
            self.draft.preamble = Preamble()
        return self.draft.preamble

    def _accept_article(self, line: _Line) -> bool:
        if line.separated or not self.article_count:
            return True
        if line.insert:
            return line.num == self.prev_article
        return line.num == self.prev_article + 1

    def _open_heading(
        self, line: _Line, kind: UnitKind, heading: str, numbering: Numbering
    ) -> None:
        while self.stack and _RANK[self.stack[-1].kind] >= _RANK[kind]:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        allowed = ALLOWED_CHILDREN[parent.kind if parent else None]
        if kind not in allowed:
            fallback = max(
                (k for k in _RANK if k in allowed and _RANK[k] <= _RANK[kind]),
                key=_RANK.__getitem__,
                default=None,
            )
            if fallback is None:
                fallback = min((k for k in _RANK if k in allowed), key=_RANK.__getitem__)
            self.warn(
                line.no,
                f"“{_short(line.text)}”的层级不合规范（{kind.word}不能直接出现在此处），"
                f"已按{fallback.word}读入",
            )
            kind = fallback
        unit = Unit(kind, heading=heading, numbering=numbering)
        if line.spaced or (line.kind is _K.TEXT and _INNER_SPACE_RE.search(line.text.strip())):
            raw = line.text.strip()[len(line.label) :].strip() if line.label else line.text.strip()
            self.spaced.append((line.no, raw, heading))
        if numbering is Numbering.REGULAR and kind is line.label_kind:
            unit.label = line.label
        (parent.children if parent else self.draft.units).append(unit)
        self.stack.append(unit)
        self.kinds_seen.add(kind)
        if numbering is Numbering.REGULAR:
            self.source[unit.uid] = (line.num, 0, line.no)
            if line.md:
                self.md_kinds.setdefault(line.md, kind)
        self.article = None
        self.last_item = None

    def _open_bare_heading(self, line: _Line) -> None:
        heading = _norm_heading(line.text)
        toc = self.toc_titles.get(_title_key(line))
        if toc is not None and toc.label_kind is not None:
            # 总　则 in the body, 第一章　总则 in the 目录: the number the 目录 gives.
            restored = _Line(line.no, toc.text, line.md, _K.HEADING, toc.num, 0, toc.label_kind)
            restored.rest, restored.label = toc.rest, toc.label
            self.warn(line.no, f"标题“{heading}”缺少编号，已按目录读作{toc.label}")
            self._open_heading(restored, toc.label_kind, toc.rest, Numbering.REGULAR)
            self.printed_labels[self.stack[-1].uid] = ""
            return
        if line.md and line.md in self.md_kinds:
            kind = self.md_kinds[line.md]
        elif heading in _OUTERMOST_WORDS:
            kind = min(self.kinds_seen, key=_RANK.__getitem__, default=UnitKind.CHAPTER)
        else:
            kind = self.stack[-1].kind if self.stack else UnitKind.CHAPTER
        if heading not in _OUTERMOST_WORDS:
            self.warn(
                line.no,
                f"标题“{heading}”没有编号，已作为无编号的{kind.word}读入，请核对",
            )
        self._open_heading(line, kind, heading, Numbering.NONE)

    def _open_article(self, line: _Line) -> None:
        numbering = Numbering.INSERTED if line.insert else Numbering.REGULAR
        article = Unit(UnitKind.ARTICLE, numbering=numbering, label=line.label)
        if line.no in self.typos and line.kind is _K.ARTICLE:
            self.printed_labels[article.uid] = self.typos[line.no]
        parent = self.stack[-1] if self.stack else None
        (parent.children if parent else self.draft.units).append(article)
        self.source[article.uid] = (line.num, line.insert, line.no)
        if not line.insert:
            self.prev_article = line.num
        self.article = article
        self.article_count += 1
        self.last_item = None
        item = _ITEM_RE.fullmatch(line.rest)
        if item:
            # "第五条　（一）…": the article opens with its first item.
            article.children.append(Unit(UnitKind.PARAGRAPH))
            sub = _Line(line.no, line.rest, kind=_K.ITEM, num=_number(item.group(1)))
            sub.rest = item.group(2).strip()
            sub.label = line.rest[: item.start(2)].strip()
            self.fillable = False
            self._add_item(sub)
            return
        lead, first_item = self._split_lead_in(line.rest, line.no)
        article.children.append(Unit(UnitKind.PARAGRAPH, text=lead))
        self.fillable = not line.rest
        self._wrote(article.children[-1], self.pos)
        if first_item is not None:
            self._add_item(first_item)
            self._wrote(self.last_item, self.pos)

    def _add_paragraph(self, text: str) -> None:
        assert self.article is not None
        if self._list_continues():
            # An unnumbered line between （一） and （二）: a line of the list, printed without a
            # number, that does not restart the count (国歌法 第二条).
            paragraph = self.article.children[-1]
            paragraph.children.append(Unit(UnitKind.ITEM, text=text, numbering=Numbering.NONE))
            self.last_item = paragraph.children[-1]
            return
        self.last_item = None
        lead, first_item = self._split_lead_in(text, self.lines[self.pos].no)
        if self.fillable:
            self.article.children[0].text = lead
            self.fillable = False
        else:
            self.article.children.append(Unit(UnitKind.PARAGRAPH, text=lead))
            self.paragraph_lines[self.article.children[-1].uid] = self.lines[self.pos].no
        if first_item is not None:
            self._add_item(first_item)

    def _list_continues(self) -> bool:
        """The line being read follows an item of the list and, over unlabelled lines, the
        list's next item follows it: （一）…；／unnumbered line；／（二）…."""
        if self.last_item is None or self.article is None or not self.article.children:
            return False
        items = self.article.children[-1].children
        if not items or items[-1] is not self.last_item:
            return False
        numbered = [it for it in items if it.numbering is not Numbering.NONE]
        if not numbered or numbered[-1].uid not in self.source:
            return False
        last_num = self.source[numbered[-1].uid][0]
        j = self._next_content(self.pos)
        while j is not None and self.lines[j].kind is _K.TEXT:
            if _PAGE_NUMBER_RE.fullmatch(self.lines[j].text):
                break
            j = self._next_content(j)
        return j is not None and self.lines[j].kind is _K.ITEM and self.lines[j].num == last_num + 1

    def _split_lead_in(self, text: str, no: int) -> tuple[str, _Line | None]:
        """ "有下列情形之一的：（一）…；" with （二） on the next line: the lead-in and its first item
        share a line. Split them, so the next items keep their printed numbers."""
        m = _LEAD_IN_ITEM_RE.search(text)
        if m is None:
            return text, None
        j = self._next_content(self.pos)
        if j is None or self.lines[j].kind is not _K.ITEM or self.lines[j].num != 2:
            return text, None
        item = _Line(no, text[m.start(1) :], kind=_K.ITEM, num=1)
        item.rest = text[m.end(1) :].strip()
        item.label = m.group(1)
        lead = text[: m.start(1)].rstrip()
        self.warn(no, f"引导语与第{m.group(1)}项在同一行，已分为引导语和该项")
        return lead, item

    def _add_item(self, line: _Line) -> None:
        article = self.article
        assert article is not None
        if not article.children:
            article.children.append(Unit(UnitKind.PARAGRAPH))
        self.fillable = False
        paragraph = article.children[-1]
        if not paragraph.children and line.num > 1 and len(article.children) > 1:
            self._repair_unlabelled_item(article, line)
            paragraph = article.children[-1]
        item = Unit(UnitKind.ITEM, text=line.rest, label=line.label)
        paragraph.children.append(item)
        self.source[item.uid] = (line.num, 0, line.no)
        self.last_item = item

    def _repair_unlabelled_item(self, article: Unit, line: _Line) -> None:
        """An item whose label was lost reads as a paragraph between two items: put it back.

        Only when unambiguous: the stray line ends like an item (；) and the items around it
        leave exactly its number free.
        """
        stray, before = article.children[-1], article.children[-2]
        if not stray.text.endswith(("；", ";")):
            return
        if before.children:
            last = self.source.get(before.children[-1].uid, (0, 0, 0))[0]
            fits = last == line.num - 2
        else:
            fits = line.num == 2 and before.text.endswith(("：", ":"))
        if not fits:
            return
        article.children.pop()
        item = Unit(UnitKind.ITEM, text=stray.text, uid=stray.uid, numbering=Numbering.UNLABELLED)
        self.printed_labels[item.uid] = ""  # printed without its label
        before.children.append(item)
        label = f"（{to_chinese(line.num - 1)}）"
        self.source[item.uid] = (line.num - 1, 0, line.no)
        self.warn(line.no, f"“{_short(stray.text)}”像是缺少编号{label}的项，已按该项读入")

    # -- printed labels -------------------------------------------------------------------

    def _keep_printed_labels(self) -> None:
        """Keep the labels as printed where they differ from position (number locks), warned.

        Every sourced unit carries its printed label; those that counting gives anyway are
        dropped. A lock that changes the number gets a warning each; a lock that only keeps
        the source's characters ((一) for （一）, 1、 for 1.) is counted in one warning.
        """
        if not prune_locks(self.draft):
            return  # every printed label is the positional one
        locked = compute_numbers(self.draft)
        positional = compute_numbers(self.draft, locks=False)
        forms: list[str] = []
        first_form = 0
        for unit in self.draft.walk():
            if not unit.label:
                continue
            here, there = locked[unit.uid], positional[unit.uid]
            no = self.source.get(unit.uid, (0, 0, 0))[2]
            if (here.ordinal, here.insert) != (there.ordinal, there.insert):
                self.warn(
                    no,
                    f"保留原文编号“{unit.label}”（按顺序应为{there.positional_label}）；"
                    "如需按顺序编号，请使用“重新编号”",
                )
            if here.positional_label != unit.label:
                forms.append(unit.label)
                first_form = first_form or no
        if forms:
            shown = "、".join(f"“{f}”" for f in dict.fromkeys(forms[:5]))
            self.warn(
                first_form,
                f"{len(forms)} 处编号保留原文写法（如{shown}），与规范写法不同；"
                "可在规范检查中一键统一",
            )

    # -- numbering checks -----------------------------------------------------------------

    def _check_numbers(self) -> None:
        """Compare the numbers printed in the source with the order found: gaps, duplicates."""
        prev = 0
        prev_insert = 0
        last_article: Unit | None = None
        # Whether the article before came in order (its number one past the one before it):
        # a gap after a duplicate (第二十九条 twice, then 第三十一条) is the duplicate's doing.
        last_in_order = True
        for article in self.draft.articles():
            self.last_article = last_article
            num, insert, no = self.source[article.uid]
            self._check_items(article)
            here = _article_label(num, insert)
            before = _article_label(prev, prev_insert)
            if insert:
                if num != prev or insert != prev_insert + 1:
                    self.warn(no, f"插入条文的编号不连续：{before}之后为{here}")
                prev_insert = insert
                continue
            if num == prev:
                self.warn(no, f"条文编号重复：{here}")
            elif num != prev + 1:
                gap = f"条文编号不连续：{before}之后为{here}"
                self.warn(no, gap if prev else f"条文编号不从第一条开始：{here}")
                if prev and num == prev + 2:
                    self._offer_lost_article(article, prev + 1, repair=last_in_order)
            last_in_order = num == prev + 1 or not prev
            prev, prev_insert = num, 0
            last_article = article
        self.run_on = bool(run_on_markers(self.draft))
        self._check_headings(self.draft.units, {}, [0], {"part": 0})

    def _offer_lost_article(self, article: Unit, missing: int, *, repair: bool = True) -> None:
        """One article missing between two (第四条 … 第六条) while the one before holds more
        than one 款: its last 款 may be the missing article whose label was lost — or the
        source deleted 第五条 and kept the labels. The position cannot tell the two apart, so
        the 款 stays where it was printed (a 款 of the article before) and is offered for
        checking: "第四条之后缺第五条；第四条第四款可能是第五条，请核对".

        A 款 that starts with a broken label form (第十－条, 十条, 第十　…) never gets here: the
        label repair before reading makes it the article, with its own warning.
        ``repair`` is kept for callers; nothing is moved either way."""
        del repair
        before = self.last_article
        if before is None or len(before.children) < 2 or not before.children[-1].text:
            return
        label = _article_label(missing, 0)
        prev_label = _article_label(missing - 1, 0)
        last = before.children[-1]
        line_no = (
            self.paragraph_lines.get(last.uid, 0) or self.source.get(article.uid, (0, 0, 0))[2]
        )
        para = f"第{to_chinese(len(before.children))}款"
        self.warn(
            line_no,
            f"{prev_label}之后缺{label}；{prev_label}{para}可能是{label}，请核对"
            f"（第{line_no}行“{_short(last.text)}”；如确是{label}，可在该款前加上“{label}”）",
        )

    def _siblings_of(self, unit: Unit) -> list[Unit]:
        """The list that holds ``unit`` (the top of the draft or its heading's children)."""
        for holder, parent in self.draft.walk_with_parents():
            if holder is unit:
                return parent.children if parent is not None else self.draft.units
        raise ValueError("unit not in the draft")

    def _check_items(self, article: Unit) -> None:
        for paragraph in article.children:
            prev = 0
            for item in paragraph.children:
                if item.numbering is Numbering.NONE:
                    continue
                num, _, no = self.source.get(item.uid, (prev + 1, 0, 0))
                if num != prev + 1:
                    here = f"（{to_chinese(num)}）"
                    gap = f"项的编号不连续：（{to_chinese(prev)}）之后为{here}"
                    self.warn(no, gap if prev else f"项的编号不从（一）开始：{here}")
                prev = num

    def _check_headings(
        self,
        units: list[Unit],
        scope: dict[UnitKind, int],
        chapters: list[int],
        parts: dict[str, int],
    ) -> None:
        """Parts count through the text, chapters per part (through its 分编), the rest per parent."""
        for unit in units:
            if not unit.kind.is_heading:
                continue
            if unit.uid in self.source and unit.numbering is Numbering.REGULAR:
                num, _, no = self.source[unit.uid]
                if unit.kind is UnitKind.CHAPTER:
                    prev, chapters[0] = chapters[0], num
                elif unit.kind is UnitKind.PART:
                    prev, parts["part"] = parts["part"], num
                else:
                    prev, scope[unit.kind] = scope.get(unit.kind, 0), num
                word = unit.kind.word
                here = f"第{to_chinese(num)}{word}"
                if num == prev:
                    self.warn(no, f"{word}的编号重复：{here}")
                elif num != prev + 1:
                    gap = f"{word}的编号不连续：第{to_chinese(prev)}{word}之后为{here}"
                    self.warn(no, gap if prev else f"{word}的编号不从第一{word}开始：{here}")
            # Chapters numbered across 编 (民事诉讼法) are a style of their own, not a gap.
            inner = [0] if unit.kind is UnitKind.PART and not self.run_on else chapters
            self._check_headings(unit.children, {}, inner, parts)


#: How the title of a law ends: a line ending so is a whole title, not its first half.
_LAW_WORDS = ("法", "条例", "规定", "办法", "决定", "规则", "细则", "解释", "章程", "准则")
_PREAMBLE_WORDS = frozenset({"序言", "前言"})
#: How the name of a body signing a text ends (某某市人民代表大会常务委员会).
_ORGAN_ENDS = ("委员会", "人民政府", "人民代表大会", "办公厅", "办公室", "法院", "检察院")
_APPENDIX_RE = re.compile(
    r"(附件|附表|附录|附)\s*([0-9０-９一二三四五六七八九十]{0,3})\s*([:：]?)\s*(.*)", re.S
)
_TABLE_SPLIT_RE = re.compile(r"\t+|\u3000+|\s{2,}")


def _wrap_width(lines: list[_Line]) -> int:
    """The width a PDF copy wrapped its lines at, 0 when the text shows none: the length most
    lines share that break off mid-sentence (no closing punctuation) with words on the next
    line — at least five of them, and most of such lines."""
    widths: dict[int, int] = {}
    total = 0
    for line, nxt in zip(lines, lines[1:], strict=False):
        text = line.text.strip()
        if (
            line.kind in (_K.TEXT, _K.ARTICLE, _K.ITEM, _K.SUBITEM)
            and nxt.kind is _K.TEXT
            and text
            and text[-1] not in _SENTENCE_END
            and text[-1] not in _SENTENCE_PUNCT
        ):
            widths[len(text)] = widths.get(len(text), 0) + 1
            total += 1
    if not widths:
        return 0
    width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
    # Neighbouring widths count too: a half-width figure makes a line one shorter.
    near = count + widths.get(width - 1, 0) + widths.get(width + 1, 0)
    return width if near >= 5 and near * 2 >= total else 0


def _title_key(line: _Line) -> str:
    """A heading's title without its number or layout: 第一章　总　则 and 总则 give 总则."""
    if line.kind is _K.HEADING:
        return _compact(line.rest)
    return _compact(line.text)


def _appendix_marker(line: _Line) -> tuple[str, str] | None:
    """(label, title) of a line that opens an appendix: 附件, 附件1：标题, 附表二, 附：; else None."""
    if line.kind is not _K.TEXT:
        return None
    m = _APPENDIX_RE.fullmatch(line.text.strip())
    if m is None:
        return None
    word, num, colon, rest = m.groups()
    if word == "附" and (num or not colon or rest):
        return None  # 附：alone; "附则" and the like are not appendices
    if rest and (not (colon or num) or not _headingish(rest, 40)):
        return None
    return word + num + colon, rest.strip()


def _table_cells(text: str, *, loose: bool = False) -> list[str] | None:
    """The cells of a table row: | a | b | (Markdown), tab-separated, or (``loose``, in an
    appendix) short cells apart by full-width or double spaces. [] for a |---| separator row;
    None when the line is not a row."""
    if text.startswith("|") and text.endswith("|") and len(text) > 1:
        cells = [c.strip() for c in text[1:-1].split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
            return []
        return cells
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
        return cells if len([c for c in cells if c]) >= 2 else None
    if loose:
        cells = [c for c in _TABLE_SPLIT_RE.split(text) if c]
        if len(cells) >= 2 and all(len(c) <= 25 and "。" not in c for c in cells):
            return cells
    return None


def _article_label(num: int, insert: int) -> str:
    if num <= 0:
        return "开头"
    label = f"第{to_chinese(num)}条"
    return label + f"之{to_chinese(insert)}" if insert else label


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


#: A stage label: 征求意见稿, 草案, 草案修改稿, 草案（二次审议稿）, 表决稿 … — never with a date.
_STAGE_WORDS = r"(?:[^（）()\d年月日]{0,8}稿|草案(?:[（(][^（）()\d]{1,10}[）)])?)"
_STAGE_RE = re.compile(rf"[（(]({_STAGE_WORDS})[）)]")
_TITLE_STAGE_RE = re.compile(rf"(.+?)[（(]({_STAGE_WORDS})[）)]")


def _is_paren_note(text: str) -> bool:
    """（本章根据2024年5月1日决定修改）: one parenthesised note on its line."""
    text = text.strip()
    return (
        len(text) > 2
        and text[0] in "（("
        and text[-1] in "）)"
        and _paren_depth(text[:-1]) == 1
        and bool(_DATE_OR_MEETING_RE.search(text) or "修改" in text or "修订" in text)
    )


def _paren_depth(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _strip_outer_parens(text: str) -> str:
    text = text.strip()
    if text[:1] in ("（", "("):
        text = text[1:]
    if text[-1:] in ("）", ")") and _paren_depth(text) < 0:
        text = text[:-1]
    return "\n".join(part.strip() for part in text.split("\n"))


def _note_lines(text: str) -> list[str]:
    """One LawRefBook date line, split where two notes run together, stray parentheses removed."""
    out: list[str] = []
    for part in _NOTE_SPLIT_RE.split(text):
        part = part.strip()
        if part[:1] in ("（", "(") and _paren_depth(part) > 0:
            part = part[1:].strip()
        if part[-1:] in ("）", ")") and _paren_depth(part) < 0:
            part = part[:-1].strip()
        if part:
            out.append(part)
    return out


# ---------------------------------------------------------------------------------------------
# Public entry points


def parse_lines(
    lines: list[str], *, name: str = "", spans: dict[int, list[CellSpan]] | None = None
) -> ParseResult:
    """Parse a text given as lines (for .docx: one paragraph each) into a Draft.

    ``name`` is the title when the text starts directly with headings or articles. ``spans``:
    the merged cells of table row lines (index into ``lines`` → one (col_span, row_span,
    continues) per cell, as ``docx_text`` gives them); a cell that only continues a vertical
    merge is left out of the row, the cell it continues gets the row span. Raises ParseError
    when no 第X条 article is found.
    """
    return _Parser(lines, name, spans).run()


def parse_text(text: str, *, name: str = "") -> ParseResult:
    """Parse a whole text (any line ends, optional BOM) into a Draft; see parse_lines."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return parse_lines(text.split("\n"), name=name)


_TEXT_SUFFIXES = frozenset({"", ".txt", ".md", ".markdown", ".text"})
_REFUSED_SUFFIXES = {
    ".doc": "不支持旧版Word（.doc）文件，请在Word中另存为 .docx 后再导入",
    ".wps": "不支持WPS（.wps）文件，请另存为 .docx 后再导入",
    ".pdf": "不支持PDF文件，请先转换为Word（.docx）或纯文本后再导入",
    ".rtf": "不支持RTF文件，请在Word中另存为 .docx 后再导入",
}


def parse_file(path: Path, *, revisions: str = "accepted") -> ParseResult:
    """Read and parse a regulation file: .txt/.md/.markdown/no suffix as text, .docx via Word.

    ``revisions``: a .docx with pending tracked changes is read as if all were accepted
    ("accepted") or as the text before them ("original"); either way with a warning.
    Every problem (missing, folder, empty, over 50 MB, binary, undecodable, no articles) raises
    ParseError with a one-line Chinese message.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        check_file(path)  # the same existence/size/empty checks as for text, without reading
        try:
            from drafting.read.docx_lines import docx_text
        except ImportError as exc:
            raise ParseError("暂不支持读取Word（.docx）文件") from exc
        breaks: list[int] = []
        spans: dict[int, list[CellSpan]] = {}
        try:
            lines, pending = docx_text(path, revisions=revisions, breaks=breaks, spans=spans)
        except ParseError:
            raise
        except Exception as exc:  # a corrupt file must never surface as a traceback
            raise ParseError(f"无法读取Word文件（文件可能已损坏）：{path.name}") from exc
        if not any(line.strip() for line in lines):
            raise ParseError(f"Word文件中没有文字：{path.name}")
        result = parse_lines(lines, name=path.stem, spans=spans)
        if breaks:
            # A soft line break (Shift+Enter) inside one Word paragraph starts a line of its
            # own, as it shows: a new 款 or item. Said, since Word calls it one paragraph.
            first = lines[breaks[0]].strip()
            result.warnings.append(
                ParseWarning(
                    breaks[0] + 1,
                    f"Word 段落内有 {len(breaks)} 处手动换行（如“{_short(first)}”之前），"
                    "已按换行分为单独的一行（款或项）读入，请核对",
                )
            )
            result.warnings.sort(key=lambda w: w.line)
        if pending:
            how = "原文（修订前）" if revisions == "original" else "接受全部修订后的文字"
            other = "accepted" if revisions == "original" else "original"
            result.warnings.insert(
                0,
                ParseWarning(
                    0,
                    f"文档中有 {pending} 处未处理的修订（修订痕迹），已按{how}读入；"
                    f"如需另一种，请用 --revisions {other}",
                ),
            )
        return result
    if suffix in _REFUSED_SUFFIXES:
        check_file(path)
        raise ParseError(_REFUSED_SUFFIXES[suffix])
    text = decode_text(read_checked_bytes(path))
    if not text.strip():
        raise ParseError(f"文件是空的：{path.name}")
    return parse_text(text, name=path.stem)
