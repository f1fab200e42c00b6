"""The text parser on the real corpus, on every layout quirk, and on bad input."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.errors import ParseError
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft, Numbering, Unit, UnitKind
from drafting.read.parse import NO_ARTICLES, ParseResult, parse_file, parse_lines, parse_text


@dataclass(frozen=True)
class Expect:
    """What the corpus README says about a file (numbered headings only)."""

    articles: int
    chapters: int = 0
    sections: int = 0
    parts: int = 0
    subparts: int = 0
    items: int | None = None
    subitems: int | None = None
    unnumbered: int = 0  # headings without a number (附则 of 民法典, lost numbers)


CORPUS_TABLE = {
    "local_hangzhou_park_2014.md": Expect(40, chapters=5),
    "local_rizhao_park_2021.md": Expect(32, chapters=3),
    "local_shaoxing_ancient_city_2018.md": Expect(48, chapters=7),
    "local_qingzhou_ancient_city_2020.md": Expect(41, chapters=7),
    "local_jinan_historic_city_2020.md": Expect(61, chapters=7, items=71),
    # Wrapped 节 title; the next 节 and the 法律责任 chapter lost their numbers in the source.
    "local_liaocheng_historic_city_2020.md": Expect(68, chapters=5, sections=1, unnumbered=2),
    "local_shandong_historic_city_2019.md": Expect(52, chapters=6, sections=2),
    # No numbered chapters; five bare chapter titles (规划控制 …) are kept as unnumbered.
    "local_ningbo_river_2019.md": Expect(39, unnumbered=5),
    "local_qingdao_river_2020.md": Expect(56, chapters=7),
    "local_luoyang_ich_2016.md": Expect(23),
    "local_chongqing_ich_2012.md": Expect(41, chapters=5),
    "local_ningbo_vegetable_market_2021.md": Expect(39, chapters=6, items=44),
    "local_chongqing_village_planning_2015.md": Expect(54, chapters=7, subitems=9),
    "pair_lifafa_2015.md": Expect(105, chapters=6, sections=7),
    "pair_lifafa_2023.md": Expect(120, chapters=6, sections=7),
    "pair_beijing_lawmaking_2017.md": Expect(66, chapters=5, sections=3),
    "pair_beijing_lawmaking_2023.md": Expect(76, chapters=8),
    "pair_changjiang_sand_2001.md": Expect(27),
    "pair_changjiang_sand_2023.md": Expect(27),
    "pair_luoyang_park_square_old.md": Expect(23),
    "pair_luoyang_park_square_2021.md": Expect(33),
    "format_ich_law_2011_lawrefbook.md": Expect(45, chapters=6),
    "format_ich_law_2011_flk.txt": Expect(45, chapters=6),
    "lifafa_2023_flk.txt": Expect(120, chapters=6, sections=7),
    "lifafa_2023_toc_links.md": Expect(120, chapters=6, sections=7),
    "lifafa_2015_reader.md": Expect(105, chapters=6, sections=7),
    # 7 编 + the unnumbered 附则; 8 分编, 84 章, 37 节 counted over all 编 (each is in the body once).
    "large_civil_code_2020.md": Expect(
        1260, parts=7, subparts=8, chapters=84, sections=37, unnumbered=1
    ),
    # 452 numbered + 53 之X articles; 2 编 + an unnumbered 附则; the 附件 lists are not read.
    "large_criminal_law_lawrefbook.md": Expect(
        505, parts=2, chapters=15, sections=37, unnumbered=1
    ),
}

_SOURCE_LABEL = re.compile(
    r"^[\s\u3000]*(?:\*\*)?第([一二三四五六七八九十百千零]+)条(之[一二三四五六七八九十]+)?"
)


def _numbered(draft: Draft, kind: UnitKind) -> int:
    return sum(1 for u in draft.walk() if u.kind is kind and u.numbering is not Numbering.NONE)


def test_corpus_table_covers_every_file(corpus: Path) -> None:
    files = {p.name for p in corpus.iterdir() if p.suffix in (".md", ".txt")}
    files -= {"README.md", "amendment_criminal_law_12_2023_flk.txt"}
    assert files == set(CORPUS_TABLE)


@pytest.mark.parametrize("name", sorted(CORPUS_TABLE))
def test_corpus_file_parses_to_its_own_numbering(corpus: Path, name: str) -> None:
    expect = CORPUS_TABLE[name]
    result = parse_file(corpus / name)
    draft = result.draft
    counts = draft.counts()
    assert counts.articles == expect.articles
    assert _numbered(draft, UnitKind.PART) == expect.parts
    assert _numbered(draft, UnitKind.SUBPART) == expect.subparts
    assert _numbered(draft, UnitKind.CHAPTER) == expect.chapters
    assert _numbered(draft, UnitKind.SECTION) == expect.sections
    unnumbered = [u for u in draft.walk() if u.kind.is_heading and u.numbering is Numbering.NONE]
    assert len(unnumbered) == expect.unnumbered
    if expect.items is not None:
        assert counts.items == expect.items
    if expect.subitems is not None:
        assert counts.subitems == expect.subitems
    assert draft.title and "#" not in draft.title
    # Every article has words, and no label leaked into a text.
    for article in draft.articles():
        assert article.children and article_body(article).strip()
        for unit in article.walk():
            assert not re.match(r"第[一二三四五六七八九十百千]+条", unit.text)
    # The labels derived from position are the labels printed in the source, in order.
    numbers = compute_numbers(draft)
    source = [
        f"第{m.group(1)}条{m.group(2) or ''}"
        for line in (corpus / name).read_text(encoding="utf-8-sig").splitlines()
        if (m := _SOURCE_LABEL.match(line))
    ]
    assert [numbers[a.uid].label for a in draft.articles()] == source


def test_amendment_text_has_no_articles(corpus: Path) -> None:
    # Documented choice: an amending text (一、在刑法第X条中…) is refused, not half-read.
    with pytest.raises(ParseError, match="未找到任何条文"):
        parse_file(corpus / "amendment_criminal_law_12_2023_flk.txt")


def _bodies(path: Path) -> list[str]:
    draft = parse_file(path).draft
    table = str.maketrans({":": "：", ";": "；", ",": "，", "(": "（", ")": "）"})
    return [re.sub(r"\s+", "", article_body(a)).translate(table) for a in draft.articles()]


@pytest.mark.parametrize(
    "names",
    [
        ("format_ich_law_2011_lawrefbook.md", "format_ich_law_2011_flk.txt"),
        ("pair_lifafa_2023.md", "lifafa_2023_flk.txt", "lifafa_2023_toc_links.md"),
        ("pair_lifafa_2015.md", "lifafa_2015_reader.md"),
    ],
)
def test_same_text_in_different_layouts_gives_same_articles(
    corpus: Path, names: tuple[str, ...]
) -> None:
    first, *others = (_bodies(corpus / n) for n in names)
    for other in others:
        assert other == first


def test_corpus_titles_and_notes(corpus: Path) -> None:
    flk = parse_file(corpus / "lifafa_2023_flk.txt").draft
    assert flk.title == "中华人民共和国立法法"
    assert flk.title_note.startswith("2000年3月15日第九届")
    assert flk.title_note.endswith("第二次修正") and "\n" not in flk.title_note
    reader = parse_file(corpus / "lifafa_2015_reader.md").draft
    assert reader.title == "中华人民共和国立法法"
    assert reader.title_note.split("\n")[1].startswith("根据2015年")
    # LawRefBook: two notes run together are split, stray ） and trailing U+3000 removed.
    luoyang = parse_file(corpus / "pair_luoyang_park_square_2021.md").draft
    assert luoyang.title_note.split("\n")[1].startswith("2021年7月30日")
    sand = parse_file(corpus / "pair_changjiang_sand_2023.md").draft
    assert sand.title_note.endswith("决定》修订")
    beijing = parse_file(corpus / "pair_beijing_lawmaking_2023.md").draft
    assert all(not line.endswith("\u3000") for line in beijing.title_note.split("\n"))


def test_corpus_repairs_are_reported(corpus: Path) -> None:
    liaocheng = parse_file(corpus / "local_liaocheng_historic_city_2020.md")
    sections = [u for u in liaocheng.draft.walk() if u.kind is UnitKind.SECTION]
    assert sections[0].heading.endswith("历史文化街区、传统风貌区、传统村落保护")
    assert sections[1].heading == "历史建筑、传统风貌建筑保护"
    assert sections[1].numbering is Numbering.NONE
    messages = " ".join(w.message for w in liaocheng.warnings)
    assert "跨两行" in messages and "法律责任" in messages
    beijing = parse_file(corpus / "pair_beijing_lawmaking_2017.md").draft
    assert any(u.heading == "市人民代表大会常务委员会制定地方性法规的程序" for u in beijing.walk())
    civil = parse_file(corpus / "large_civil_code_2020.md").draft
    last = civil.units[-1]
    assert (last.kind, last.heading, last.numbering) == (UnitKind.PART, "附则", Numbering.NONE)
    assert len(last.children) == 2
    criminal = parse_file(corpus / "large_criminal_law_lawrefbook.md")
    assert any("不属于条文" in w.message for w in criminal.warnings)
    # Lost item labels: （五） in luoyang 2021 and （一） in shandong are put back as items.
    shandong = parse_file(corpus / "local_shandong_historic_city_2019.md")
    assert any("缺少编号（一）" in w.message for w in shandong.warnings)


# ---------------------------------------------------------------------------------------------
# Layouts, one quirk at a time


def _p(text: str, name: str = "") -> ParseResult:
    return parse_text(text, name=name)


def _texts(unit: Unit) -> list[str]:
    return [c.text for c in unit.children]


@pytest.mark.parametrize(
    "line",
    [
        "第一条　为了规范。",
        "第一条 为了规范。",
        "第一条  为了规范。",
        "第一条为了规范。",
        "第 一 条　为了规范。",
        "**第一条**　为了规范。",
        "　　第一条　为了规范。  ",
    ],
)
def test_article_separators(line: str) -> None:
    draft = _p(f"某某条例\n\n{line}\n第二条　其次。\n").draft
    articles = draft.articles()
    assert len(articles) == 2
    assert _texts(articles[0]) == ["为了规范。"]


def test_reference_at_line_start_is_not_an_article() -> None:
    text = "条例\n第一条　首先。\n第三条规定的情形除外。\n第二条　其次。\n"
    draft = _p(text).draft
    assert len(draft.articles()) == 2
    assert _texts(draft.articles()[0]) == ["首先。", "第三条规定的情形除外。"]


def test_inserted_articles() -> None:
    draft = _p("条例\n第一条　甲。\n第一条之一　乙。\n第一条之二　丙。\n第二条　丁。\n").draft
    kinds = [a.numbering for a in draft.articles()]
    assert kinds == [Numbering.REGULAR, Numbering.INSERTED, Numbering.INSERTED, Numbering.REGULAR]
    numbers = compute_numbers(draft)
    assert [numbers[a.uid].label for a in draft.articles()] == [
        "第一条", "第一条之一", "第一条之二", "第二条",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "heading",
    [
        "第一章　总　　则",
        "第一章 总 则",
        "第一章  总则",
        "第一章总则",
        "## 第一章 总则",
        "#＃ 第一章　总则",
    ],
)
def test_heading_forms(heading: str) -> None:
    draft = _p(f"条例\n\n{heading}\n\n第一条　甲。\n").draft
    chapter = draft.units[0]
    assert (chapter.kind, chapter.heading) == (UnitKind.CHAPTER, "总则")


def test_setext_headings_and_levels() -> None:
    text = (
        "条例\n-----\n\n第一章 总则\n=======\n\n第一节 一般\n-------\n\n第一条　甲。\n\n"
        "第二节 特别\n-------\n\n第二条　乙。\n\n第二章 附则\n======\n\n第三条　丙。\n"
    )
    draft = _p(text).draft
    assert draft.title == "条例"
    assert [u.kind for u in draft.units] == [UnitKind.CHAPTER, UnitKind.CHAPTER]
    assert [s.heading for s in draft.units[0].children] == ["一般", "特别"]


def test_parts_subparts_chapters_sections() -> None:
    text = (
        "法典\n第一编　总则\n第一章　基本规定\n第一条　甲。\n第二编　物权\n第一分编　通则\n"
        "第一章　一般规定\n第一节　登记\n第二条　乙。\n第二分编　所有权\n第二章　一般规定\n"
        "第三条　丙。\n附　　则\n第四条　丁。\n"
    )
    draft = _p(text).draft
    assert [u.kind for u in draft.units] == [UnitKind.PART] * 3
    assert draft.units[2].numbering is Numbering.NONE and draft.units[2].heading == "附则"
    numbers = compute_numbers(draft)
    chapters = [u for u in draft.walk() if u.kind is UnitKind.CHAPTER]
    assert [numbers[c.uid].label for c in chapters] == ["第一章", "第一章", "第二章"]
    # Only the spreading spaces of 附　　则 taken out, said so (issue 10: nothing silent).
    assert [w.message for w in _p(text).warnings] == [
        "1 个标题中排版用的字间空格（如“附　　则”）已去掉，标题按“附则”读入"
    ]


def test_section_outside_chapter_is_read_as_chapter() -> None:
    result = _p("条例\n第一节　一般\n第一条　甲。\n")
    assert result.draft.units[0].kind is UnitKind.CHAPTER
    assert result.warnings


TOC_VARIANTS = {
    "plain": "目　　录\n第一章　总　　则\n第二章　附　　则\n\n",
    "links": "目录\n\n[第一章 总则](#第一章-总则)\n\n[第二章 附则](#第二章-附则)\n\n",
    "bold": "***目录***\n\n第一章　总则\n\n第二章　附则\n\n",
    "tabbed": "目录\n-----\n\t第一章 总则\n\t第二章　附则\n\n\n",
    "unmarked": "第一章　总则\n第二章　附则\n\n",
}


@pytest.mark.parametrize("variant", sorted(TOC_VARIANTS))
def test_toc_is_skipped(variant: str) -> None:
    text = (
        "# 条例\n（2020年1月1日通过）\n\n"
        + TOC_VARIANTS[variant]
        + "## 第一章 总则\n\n第一条 甲。\n\n## 第二章 附则\n\n第二条 乙。\n"
    )
    result = _p(text)
    assert [u.heading for u in result.draft.units] == ["总则", "附则"]
    assert [len(u.children) for u in result.draft.units] == [1, 1]
    assert result.draft.title_note == "2020年1月1日通过"
    # The 目录 is not read as text, and says so (issue 10: nothing dropped without a word).
    assert [w.message for w in result.warnings if "未作为正文读入" not in w.message] == []
    assert len(result.warnings) == 1 and "目录" in result.warnings[0].message


def test_no_chapters_and_title_from_name() -> None:
    result = _p("第一条　甲。\n第二条　乙。", name="某某规定")
    assert result.draft.title == "某某规定"
    assert [u.kind for u in result.draft.units] == [UnitKind.ARTICLE] * 2


def test_paragraphs_items_and_subitems() -> None:
    text = (
        "条例\n\n第一条 本条例用语：\n\n（一）甲，是指：\n\n1．子一；\n\n2.子二；\n\n"
        "(二) 乙；\n\n*\t（三）丙。\n\n前款规定以外的，从其规定。\n\n第二条 乙。  \n　　第二款。\n"
    )
    draft = _p(text).draft
    first, second = draft.articles()
    lead, after = first.children
    assert lead.text == "本条例用语："
    assert [i.text for i in lead.children] == ["甲，是指：", "乙；", "丙。"]
    assert [s.text for s in lead.children[0].children] == ["子一；", "子二；"]
    assert after.text == "前款规定以外的，从其规定。" and not after.children
    assert _texts(second) == ["乙。", "第二款。"]


def test_article_opening_with_item() -> None:
    draft = _p("条例\n第一条　（一）甲；\n（二）乙。\n").draft
    paragraph = draft.articles()[0].children[0]
    assert paragraph.text == "" and [i.text for i in paragraph.children] == ["甲；", "乙。"]


def test_file_level_quirks_bom_crlf_leading_blanks(tmp_path: Path) -> None:
    text = "\n\n条例\r\n\r\n第一章　总则\r\n第一条　甲。\r\n第二条　乙。"
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    draft = parse_file(path).draft
    assert draft.title == "条例"
    assert [c.text for a in draft.articles() for c in a.children] == ["甲。", "乙。"]
    path.write_bytes(text.replace("\r\n", "\r").encode("gb18030"))
    assert parse_file(path).draft.counts().articles == 2
    path.write_bytes(text.encode("utf-16"))
    assert parse_file(path).draft.counts().articles == 2


def test_numbering_faults_are_warned_not_fatal() -> None:
    text = (
        "条例\n第一章　总则\n第一节　甲\n第一条　一。\n第三节　丙\n第二条　二。\n"
        "第三章　附则\n第十条　十。\n第十二条　十二。\n第十二条　又十二。\n"
        "第十三条　下列：\n（一）甲；\n（三）丙。\n"
    )
    result = _p(text)
    messages = [w.message for w in result.warnings]
    assert "节的编号不连续：第一节之后为第三节" in messages
    assert "章的编号不连续：第一章之后为第三章" in messages
    assert "条文编号不连续：第二条之后为第十条" in messages
    assert "条文编号不连续：第十条之后为第十二条" in messages
    assert "条文编号重复：第十二条" in messages
    assert "项的编号不连续：（一）之后为（三）" in messages
    assert all(w.line > 0 for w in result.warnings)
    assert result.draft.counts().articles == 6


def test_text_outside_articles_is_reported() -> None:
    result = _p("条例\n第一章　总则\n本章说明，不是条文。\n第一条　甲。\n\n## 附件\n\n1．某决定\n")
    assert result.draft.counts().articles == 1
    assert len(result.warnings) == 2
    assert _texts(result.draft.articles()[0]) == ["甲。"]


def test_parse_lines_with_docx_style_lines() -> None:
    result = parse_lines(["条例", "第一条\u3000甲。", "乙。", "第二条\u3000丙。"], name="x")
    assert [len(a.children) for a in result.draft.articles()] == [2, 1]


# ---------------------------------------------------------------------------------------------
# Bad input: always ParseError with a Chinese one-line message


def _assert_parse_error(path: Path, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_file(path)
    message = str(info.value)
    assert fragment in message and "\n" not in message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    _assert_parse_error(tmp_path / "none.txt", "文件不存在")
    _assert_parse_error(tmp_path, "文件夹")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", "\u3000\n".encode()])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    _assert_parse_error(path, "空")


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: costs no disk and is never read
    _assert_parse_error(path, "文件过大")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("bad.txt", b"\xff\xff\xfe\x80abc\xff", "编码"),
        ("nul.txt", "条例\n第一条\u3000甲。".encode() + b"\x00\x01\x02", "二进制"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".docx"),
        ("file.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        ("renamed.txt", b"%PDF-1.4\n", "PDF"),
        ("noarticles.md", "# 标题\n\n一些说明文字。\n".encode(), NO_ARTICLES),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    _assert_parse_error(path, fragment)


def test_zip_that_is_not_text_or_docx(tmp_path: Path) -> None:
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "第一条　甲。")
    _assert_parse_error(path, "压缩包")
    docx_path = tmp_path / "archive.docx"
    docx_path.write_bytes(path.read_bytes())
    with pytest.raises(ParseError):
        parse_file(docx_path)


def test_docx_file(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ["某市公园条例", "第一章\u3000总则", "第一条\u3000为了……制定本条例。", "第二条\u3000下列：",
                 "（一）甲；", "（二）乙。"]:  # fmt: skip
        document.add_paragraph(line)
    path = tmp_path / "公园条例.docx"
    document.save(str(path))
    draft = parse_file(path).draft
    assert draft.title == "某市公园条例"
    assert draft.counts().articles == 2 and draft.counts().items == 2


_FRAGMENTS = [
    "第一条　甲。", "第二条乙", "第十条之一　丙", "第一章　总则", "第一节", "第一编　总则",
    "（一）项；", "(二)项", "1．目", "2.目", "目　　录", "# 标题", "## 第二章 附则", "附则",
    "===", "---", "***", "<!-- INFO END -->", "（2020年通过）", "2020年1月1日 通过",
    "[第一章 总则](#x)", "*\t（三）", "**第三条**", "", " ", "\u3000", "普通的一段话。",
    "第", "条", "之", "（", "）", "附件一", "① 注",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=8), max_size=30))
def test_any_text_parses_or_raises_parse_error(lines: list[str]) -> None:
    try:
        result = parse_lines(lines)
    except ParseError:
        return
    assert result.draft.counts().articles >= 1
    compute_numbers(result.draft)


@pytest.mark.parametrize("name", ["条例", "条例.markdown", "条例.TXT"])
def test_text_suffixes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("第一条　甲。\n", encoding="utf-8")
    result = parse_file(path)
    assert result.draft.title == "条例" and result.draft.counts().articles == 1


def test_stage_label_under_the_title_is_not_a_title_note() -> None:
    result = parse_text("江州市公园条例\n（征求意见稿）\n（2026年1月1日通过）\n\n第一条　为了。\n")
    assert result.stage == "征求意见稿"
    assert result.draft.title == "江州市公园条例"
    assert result.draft.title_note == "2026年1月1日通过"


def test_stage_label_in_the_title_line_is_split_off() -> None:
    result = parse_text("江州市公园条例（草案（二次审议稿））\n\n第一条　为了。\n")
    assert (result.draft.title, result.stage) == ("江州市公园条例", "草案（二次审议稿）")


def test_a_dated_note_is_never_a_stage() -> None:
    result = parse_text("江州市公园条例\n（2019年修订稿）\n\n第一条　为了。\n")
    assert result.stage == ""
    assert result.draft.title_note == "2019年修订稿"


def test_word_line_breaks_and_stray_controls_are_cleaned(tmp_path: Path) -> None:
    filler = "市人民政府应当加强对古城保护工作的领导，建立古城保护工作协调机制。" * 8
    path = tmp_path / "pasted.txt"
    path.write_bytes(
        f"某市条例\n\n第一条　{filler}\x0b本条第一款\x07规定。\x0c第二条　施行。\n".encode()
    )
    draft = parse_file(path).draft
    first, second = draft.articles()
    assert [p.text for p in first.children] == [filler, "本条第一款规定。"]
    assert second.children[0].text == "施行。"
