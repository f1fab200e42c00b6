"""Akoma Ntoso export and import: structure, eIds, GUIDs, and round trips over the corpus."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from drafting.errors import ParseError
from drafting.exchange.akoma_ntoso import AKN_NS, from_akn, to_akn
from drafting.model.units import Draft, Numbering
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text
from tests.drafting.export_drafts import small_draft

A = f"{{{AKN_NS}}}"
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


def _root(draft: Draft, **kwargs: object) -> ET.Element:
    return ET.fromstring(to_akn(draft, **kwargs))  # type: ignore[arg-type]


def test_document_shape_and_meta() -> None:
    root = _root(small_draft(), stage_label="征求意见稿", date=dt.date(2026, 1, 2))
    assert root.tag == A + "akomaNtoso"
    act = root.find(A + "act")
    assert act is not None and act.get("name") == "某市公园条例"
    work = act.find(f"{A}meta/{A}identification/{A}FRBRWork")
    assert work is not None
    assert work.find(A + "FRBRdate").get("date") == "2026-01-02"  # type: ignore[union-attr]
    assert work.find(A + "FRBRcountry").get("value") == "cn"  # type: ignore[union-attr]
    for level in ("FRBRExpression", "FRBRManifestation"):
        assert act.find(f"{A}meta/{A}identification/{A}{level}/{A}FRBRthis") is not None
    assert act.findtext(f".//{A}preface//{A}docTitle") == "某市公园条例"
    assert act.findtext(f".//{A}preface//{A}docStage") == "征求意见稿"
    note = act.find(f".//{A}preface/{A}container[@name='titleNote']/{A}p")
    assert note is not None and note.text and note.text.startswith("2024年1月1日")


def test_eids_nums_and_guids() -> None:
    draft = small_draft()
    root = _root(draft)
    by_eid = {e.get("eId"): e for e in root.iter() if e.get("eId")}
    chapter = by_eid["chp_1"]
    assert chapter.tag == A + "chapter"
    assert chapter.findtext(A + "num") == "第一章" and chapter.findtext(A + "heading") == "总则"
    assert by_eid["chp_2__sec_1"].tag == A + "section"
    article = by_eid["art_2"]
    assert article.findtext(A + "num") == "第二条"
    paragraph = by_eid["art_2__para_1"]
    assert paragraph.find(A + "num") is None  # 款 carries no label
    intro = paragraph.find(f"{A}list/{A}intro/{A}p")
    assert intro is not None and intro.text == "公园管理应当遵循下列原则："
    point = by_eid["art_2__para_1__point_2"]
    assert point.tag == A + "point" and point.findtext(A + "num") == "（二）"
    sub = by_eid["art_2__para_1__point_2__point_1"]
    assert sub.findtext(A + "num") == "1." and sub.findtext(f"{A}content/{A}p") == "统一规划；"
    assert by_eid["art_2_1"].findtext(A + "num") == "第二条之一"
    # Every unit keeps its uid in GUID.
    guids = [e.get("GUID") for e in root.iter() if e.get("GUID")]
    assert guids == [u.uid for u in draft.walk()]


def test_round_trip_small_draft() -> None:
    draft = small_draft()
    back = from_akn(to_akn(draft))
    assert render_text(back) == render_text(draft)
    assert [(u.uid, u.kind, u.numbering) for u in back.walk()] == [
        (u.uid, u.kind, u.numbering) for u in draft.walk()
    ]
    assert back.title_note == draft.title_note


def _corpus_names() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        p.name
        for p in CORPUS.iterdir()
        if p.suffix in (".md", ".txt")
        and p.name != "README.md"
        and not p.name.startswith("amendment")
    )


@pytest.mark.parametrize("name", _corpus_names())
def test_round_trip_every_corpus_text(name: str, corpus: Path) -> None:
    draft = parse_file(corpus / name).draft
    data = to_akn(draft)
    back = from_akn(data)
    assert render_text(back) == render_text(draft)
    assert [(u.uid, u.kind, u.numbering, u.heading, u.text) for u in back.walk()] == [
        (u.uid, u.kind, u.numbering, u.heading, u.text) for u in draft.walk()
    ]
    eids = [e.get("eId") for e in ET.fromstring(data).iter() if e.get("eId")]
    assert len(eids) == len(set(eids)), "eIds must be unique"


def test_unnumbered_heading_has_no_num(corpus: Path) -> None:
    draft = parse_file(corpus / "large_civil_code_2020.md").draft
    bare = [u for u in draft.walk() if u.kind.is_heading and u.numbering is Numbering.NONE]
    assert bare, "民法典 has its 附则 as a bare heading"
    root = ET.fromstring(to_akn(draft))
    element = next(e for e in root.iter() if e.get("GUID") == bare[0].uid)
    assert element.find(A + "num") is None and element.findtext(A + "heading") == "附则"


def test_foreign_akn_with_content_straight_in_article() -> None:
    data = f"""<akomaNtoso xmlns="{AKN_NS}"><act name="x"><body>
      <article eId="art_1"><num>第一条</num><content><p>为了……，制定本条例。</p></content></article>
      <article eId="art_2"><num>第二条</num><intro><p>下列行为禁止：</p></intro>
        <point eId="art_2__point_1"><num>（一）</num><content><p>采摘；</p></content></point>
      </article></body></act></akomaNtoso>""".encode()
    draft = from_akn(data)
    assert draft.title == "x"
    first, second = draft.articles()
    assert [p.text for p in first.children] == ["为了……，制定本条例。"]
    assert second.children[0].text == "下列行为禁止："
    assert [i.text for i in second.children[0].children] == ["采摘；"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not xml", "XML"),
        (b"<html/>", "Akoma Ntoso"),
        (f'<akomaNtoso xmlns="{AKN_NS}"/>'.encode(), "正文"),
        (f'<akomaNtoso xmlns="{AKN_NS}"><act/></akomaNtoso>'.encode(), "body"),
    ],
)
def test_bad_input_raises_chinese_parse_error(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        from_akn(data)
