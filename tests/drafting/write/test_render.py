"""The canonical text layout: render_text read back by the parser gives the same tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.model.units import Draft, Numbering, Unit, UnitKind
from drafting.read.parse import parse_file, parse_text
from drafting.write.plain_text import render_text

Shape = list[tuple[str, str, str, str, str | None]]


def shape(draft: Draft) -> Shape:
    """Everything the text carries: kinds, headings, texts, numbering, parent kind (no uids)."""
    out: Shape = [("title", draft.title, draft.title_note, "", None)]
    for unit, parent in draft.walk_with_parents():
        out.append(
            (unit.kind.value, unit.heading, unit.text, unit.numbering.value,
             parent.kind.value if parent else None)
        )  # fmt: skip
    return out


def _corpus_files() -> list[str]:
    folder = Path(__file__).resolve().parents[4] / "shared" / "corpus"
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.suffix in (".md", ".txt") and p.name != "README.md" and not p.name.startswith("amend")
    )


@pytest.mark.parametrize("name", _corpus_files())
def test_corpus_round_trip(corpus: Path, name: str) -> None:
    draft = parse_file(corpus / name).draft
    text = render_text(draft)
    again = parse_text(text).draft
    assert shape(again) == shape(draft)
    # The canonical text is a fixed point.
    assert render_text(again) == text


def _sample() -> Draft:
    def p(text: str, *children: Unit) -> Unit:
        return Unit(UnitKind.PARAGRAPH, text=text, children=list(children))

    def item(text: str, *subs: str) -> Unit:
        return Unit(
            UnitKind.ITEM, text=text, children=[Unit(UnitKind.SUBITEM, text=s) for s in subs]
        )

    def article(*ps: Unit, n: Numbering = Numbering.REGULAR) -> Unit:
        return Unit(UnitKind.ARTICLE, children=list(ps), numbering=n)

    chapter1 = Unit(
        UnitKind.CHAPTER,
        heading="总则",
        children=[
            article(p("为了……，制定本条例。")),
            article(
                p("本条例用语：", item("公园，是指：", "综合公园；", "专类公园。"), item("广场。")),
                p("前款以外的，从其规定。"),
            ),  # fmt: skip
            article(p("插入的一条。"), n=Numbering.INSERTED),
        ],
    )
    section = Unit(UnitKind.SECTION, heading="一般规定", children=[article(p("甲。"), p("乙。"))])
    chapter2 = Unit(UnitKind.CHAPTER, heading="管理", children=[section])
    annex = Unit(UnitKind.CHAPTER, heading="附则", numbering=Numbering.NONE,
                 children=[article(p("本条例自2026年1月1日起施行。"))])  # fmt: skip
    return Draft(
        title="某市公园条例",
        title_note="2025年1月1日某市人民代表大会常务委员会通过\n2025年3月1日某省人民代表大会常务委员会批准",
        units=[chapter1, chapter2, annex],
    )


def test_canonical_layout() -> None:
    text = render_text(_sample())
    assert (
        "第二条\u3000本条例用语：\n（一）公园，是指：\n1.综合公园；\n2.专类公园。\n（二）广场。"
        in text
    )
    assert "第二条之一\u3000插入的一条。" in text
    assert "\n附则\n" in text
    assert text.startswith("某市公园条例\n（2025年1月1日")


def test_sample_round_trip() -> None:
    draft = _sample()
    result = parse_text(render_text(draft))
    assert shape(result.draft) == shape(draft)
    assert result.warnings == []
