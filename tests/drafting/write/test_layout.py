"""The layout stream (no Qt): the blocks of the house layout, checked on every corpus text
against the canonical plain text and against the .docx written from them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest

from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft, Numbering, Unit, UnitKind
from drafting.read.parse import parse_file
from drafting.write import house_style as spec
from drafting.write.house_style import FontRole
from drafting.write.layout import (
    TOC_HEADING,
    Block,
    BlockRole,
    article_blocks,
    has_toc,
    house_layout,
    title_note_line,
)
from drafting.write.plain_text import render_text
from drafting.write.text_docx import export_docx
from tests.drafting.corpus_texts import corpus_text_names
from tests.drafting.export_drafts import small_draft

S = "\u3000"


def one_line_note(draft: Draft) -> Draft:
    """``draft`` with its 题注 on one line, as the house layout prints it."""
    return dataclasses.replace(draft, title_note=title_note_line(draft.title_note))


def _as_plain_text(blocks: list[Block]) -> str:
    """Blocks grouped as the plain text groups them: the title block, then each heading and
    each article, blank lines between groups, one line per block."""
    groups: list[list[str]] = []
    owner: str | None = None
    previous: Block | None = None
    for block in blocks:
        # Outside the articles (title block, 序言, appendices) every block is its own group,
        # except the title block's lines and the further rows of one table.
        together = previous is not None and (
            (block.role.in_title_block and previous.role.in_title_block)
            or (block.role is BlockRole.TABLE and block.row > 0)
        )
        if not groups or block.owner != owner or (block.owner is None and not together):
            groups.append([])
            owner = block.owner
        groups[-1].append(block.text)
        previous = block
    return "\n\n".join("\n".join(lines) for lines in groups) + "\n"


@pytest.mark.parametrize("name", corpus_text_names())
def test_stream_has_the_words_of_the_plain_text(name: str, corpus: Path) -> None:
    draft = parse_file(corpus / name).draft
    blocks = list(house_layout(draft, toc=False))
    # The 题注 is one bracketed block (issue 12), where the plain text keeps its lines.
    assert _as_plain_text(blocks) == render_text(one_line_note(draft))
    # Every heading and article is the owner of a run of blocks, in reading order, once.
    owners = [b.owner for b in blocks if b.owner is not None]
    runs = [o for k, o in enumerate(owners) if k == 0 or owners[k - 1] != o]
    expected = [u.uid for u in draft.walk() if u.kind.is_heading or u.kind is UnitKind.ARTICLE]
    assert runs == expected
    # Every unit with words of its own shows them once, where ``words_at`` says.
    units = {u.uid: u for u in draft.walk()}
    shown = [b.uid for b in blocks if b.uid is not None]
    assert len(shown) == len(set(shown))
    for block in blocks:
        if block.uid is None:
            continue
        unit = units[block.uid]
        own = unit.heading if unit.kind.is_heading else unit.text
        assert block.text[block.words_at :] == own
        assert block.kind is unit.kind
    with_words = {
        u.uid
        for u in draft.walk()
        if u.kind.is_heading
        or u.kind in (UnitKind.ITEM, UnitKind.SUBITEM)
        or (u.kind is UnitKind.PARAGRAPH and (u.text or not u.children))
    }
    assert set(shown) == with_words


@pytest.mark.parametrize("name", corpus_text_names())
def test_docx_paragraphs_are_the_stream_blocks(name: str, corpus: Path, tmp_path: Path) -> None:
    draft = parse_file(corpus / name).draft
    out = tmp_path / "out.docx"
    export_docx(draft, out, stage_label="征求意见稿")
    blocks = list(house_layout(draft, stage_label="征求意见稿"))
    paragraphs = docx.Document(str(out)).paragraphs
    assert [p.text for p in paragraphs] == [b.text for b in blocks]
    # Each run of the article's first paragraph is one span: 第X条 in the label's style.
    for paragraph, block in zip(paragraphs, blocks, strict=True):
        if block.role is BlockRole.ARTICLE and block.label:
            assert paragraph.runs[0].text == block.label
            assert paragraph.runs[0].style.name == "条号"


def test_small_draft_blocks_roles_labels_and_spans() -> None:
    draft = small_draft()
    blocks = list(house_layout(draft, stage_label="征求意见稿"))
    roles = [b.role for b in blocks]
    assert roles[:4] == [
        BlockRole.TITLE,
        BlockRole.STAGE,
        BlockRole.TITLE_NOTE,
        BlockRole.TOC_HEADING,
    ]
    assert blocks[2].ends_title_block and not blocks[1].ends_title_block
    assert blocks[3].text == TOC_HEADING
    toc = [b for b in blocks if b.role is BlockRole.TOC_ENTRY]
    assert [(b.kind, b.text) for b in toc] == [
        (UnitKind.CHAPTER, f"第一章{S}总则"),
        (UnitKind.CHAPTER, f"第二章{S}管理"),
        (UnitKind.SECTION, f"第一节{S}一般规定"),
        (UnitKind.CHAPTER, f"第三章{S}附则"),
    ]
    assert all(b.owner is None and b.uid is None for b in blocks[: 4 + len(toc)])
    body = blocks[4 + len(toc) :]
    chapter = body[0]
    assert chapter.role is BlockRole.HEADING and chapter.kind is UnitKind.CHAPTER
    assert chapter.label == "第一章" and chapter.spans[0].font is FontRole.HEADING
    second = draft.articles()[1]
    lines = [b for b in body if b.owner == second.uid]
    assert [b.role for b in lines] == [
        BlockRole.ARTICLE,
        BlockRole.ITEM,
        BlockRole.ITEM,
        BlockRole.SUBITEM,
        BlockRole.SUBITEM,
        BlockRole.ITEM,
        BlockRole.PARAGRAPH,
    ]
    first = lines[0]
    assert [(s.text, s.font) for s in first.spans] == [
        ("第二条", FontRole.ARTICLE_LABEL),
        (f"{S}公园管理应当遵循下列原则：", FontRole.BODY),
    ]
    assert [b.label for b in lines] == ["第二条", "（一）", "（二）", "1.", "2.", "（三）", ""]
    assert lines[3].text == "1.统一规划；" and lines[3].words_at == 2


def test_inserted_unnumbered_and_empty_articles() -> None:
    p = UnitKind.PARAGRAPH
    draft = Draft(
        title="条例",
        units=[
            Unit(UnitKind.ARTICLE, children=[Unit(p, text="甲。")]),
            Unit(UnitKind.ARTICLE, numbering=Numbering.INSERTED, children=[Unit(p, text="乙。")]),
            Unit(UnitKind.ARTICLE, numbering=Numbering.NONE, children=[Unit(p, text="丙。")]),
            Unit(UnitKind.ARTICLE),
        ],
    )
    assert not has_toc(draft)
    texts = [b.text for b in house_layout(draft)]
    assert texts == ["条例", f"第一条{S}甲。", f"第一条之一{S}乙。", "丙。", f"第二条{S}"]
    numbers = compute_numbers(draft)
    (empty,) = article_blocks(draft.units[3], numbers[draft.units[3].uid])
    assert empty.uid is None and empty.owner == draft.units[3].uid
    (bare,) = article_blocks(draft.units[2], numbers[draft.units[2].uid])
    assert [s.font for s in bare.spans] == [FontRole.BODY] and bare.words_at == 0


def test_title_lines_are_blocks_and_the_note_is_one_block() -> None:
    # Changed with issue 12: the 题注 was one bracketed block per source line.
    draft = Draft(title="某市公园\n管理条例", title_note="第一行\n第二行")
    blocks = list(house_layout(draft))
    assert [(b.role, b.text) for b in blocks] == [
        (BlockRole.TITLE, "某市公园"),
        (BlockRole.TITLE, "管理条例"),
        (BlockRole.TITLE_NOTE, f"（第一行{S}第二行）"),
    ]
    assert [b.ends_title_block for b in blocks] == [False, False, True]
    untitled = list(house_layout(Draft(title="")))
    assert len(untitled) == 1 and untitled[0].spans == () and untitled[0].text == ""


@pytest.mark.parametrize(
    ("note", "line"),
    [
        # ASCII spaces after the date dropped, events apart by a full-width space.
        (
            "2020年8月25日 济南市人大常委会通过\n2020年9月25日 山东省人大常委会批准",
            f"2020年8月25日济南市人大常委会通过{S}2020年9月25日山东省人大常委会批准",
        ),
        # A 《》 title broken over two lines is joined without a space.
        (
            "2020年3月26日 某会议《关于修改\n废止部分地方性法规的决定》第二次修正",
            "2020年3月26日某会议《关于修改废止部分地方性法规的决定》第二次修正",
        ),
        # One line with several events (flk), and 根据 left at a line's end.
        (
            "2000年通过 根据2015年《决定》修正",
            f"2000年通过{S}根据2015年《决定》修正",
        ),
        (
            "1998年通过\n2004年《决定》第一次修正  根据\n2005年《决定》第二次修正",
            f"1998年通过{S}2004年《决定》第一次修正{S}根据2005年《决定》第二次修正",
        ),
        # 通过的《…》 and 通过并经 continue one event.
        ("2019年通过并经2020年批准的《决定》修正", "2019年通过并经2020年批准的《决定》修正"),
    ],
)
def test_title_note_line(note: str, line: str) -> None:
    assert title_note_line(note) == line


def test_house_style_page_and_grid() -> None:
    width, height = spec.PAGE.type_area_mm
    assert (width, height) == (156.0, 225.0)  # the 版心 of GB/T 9704
    # 22 lines fill the type area: the pitch times 22 is within a point of 225 mm.
    assert abs(spec.LINES_PER_PAGE * spec.LINE_PITCH_PT - height / 25.4 * 72) < 1.0
    assert spec.FONTS[FontRole.BODY].name == spec.FANGSONG
    assert spec.FONTS[FontRole.TITLE].size_pt == spec.ERHAO
    assert spec.PARAGRAPHS[spec.ParagraphRole.BODY].first_line_chars == spec.INDENT_CHARS


def test_docx_page_and_styles_read_the_house_style() -> None:
    from docx.shared import Mm, Pt

    from drafting.write import house_docx as house

    document = house.new_document()
    section = document.sections[0]
    page = spec.PAGE
    for actual, mm in (
        (section.page_width, page.width_mm),
        (section.page_height, page.height_mm),
        (section.top_margin, page.top_mm),
        (section.bottom_margin, page.bottom_mm),
        (section.left_margin, page.left_mm),
        (section.right_margin, page.right_mm),
        (section.footer_distance, page.footer_distance_mm),
    ):
        assert actual is not None and abs(actual - Mm(mm)) <= Mm(0.1)
    for role, name in house.STYLE_OF.items():
        shape = spec.PARAGRAPHS[role]
        style = document.styles[name]
        assert style.font.size == Pt(shape.font.size_pt)
        assert house.east_asian_font(style.element.rPr) == shape.font.name


def test_a_further_line_of_a_unit_shown_is_a_table_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 款 followed by the rows of its table (lines that repeat the 款, as a reader of tables
    gives them): the 款's words stay where its first line is; the rows hold none of them."""
    from drafting.write import layout

    paragraph = Unit(UnitKind.PARAGRAPH, text="税目税额如下：")
    article = Unit(UnitKind.ARTICLE, children=[paragraph])
    rows = [
        (paragraph, "税目税额如下："),
        (paragraph, "| 税目 | 税额 |"),
        (paragraph, "| 甲 | 一元 |"),
    ]
    monkeypatch.setattr(layout, "article_line_units", lambda unit: rows)
    draft = Draft(title="条例", units=[article])
    blocks = article_blocks(article, compute_numbers(draft)[article.uid])
    assert [(b.role, b.uid, b.text) for b in blocks] == [
        (BlockRole.ARTICLE, paragraph.uid, f"第一条{S}税目税额如下："),
        (BlockRole.TABLE, None, "| 税目 | 税额 |"),
        (BlockRole.TABLE, None, "| 甲 | 一元 |"),
    ]
    assert all(b.owner == article.uid for b in blocks)
