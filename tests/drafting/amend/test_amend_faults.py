"""The faults a fresh tester found in the 修改决定 and ``amend`` (issue 11), each as a kind:
old words quoted (not renumbered ones), punctuation width in the round trip, whole-phrase
quotations and grouping, headings, the forms of 项/款 additions, the last item's 。, the 目录
and notes kept, and a decision with nothing to apply."""

from __future__ import annotations

from pathlib import Path

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import FULL_WIDTH_SENTENCE, amendment_decision
from drafting.model.numbering import article_body
from drafting.model.units import Draft, Unit, UnitKind
from tests.drafting.compare_helpers import article, draft, read_draft

A1 = "为了加强公园管理，制定本条例。"
A2 = "本条例适用于本市行政区域内的公园。"
A3 = "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。"
A4 = "违反本条例第三条规定的，由主管部门依法给予行政处分。"
A5 = "本条例自2025年1月1日起施行。"


def bodies(d: Draft) -> list[str]:
    """Every article's words exactly as printed (no normalising)."""
    return [article_body(a) for a in d.articles()]


def round_trip(old: Draft, new: Draft) -> tuple[Draft, str]:
    """decision(old → new) read back and applied to old: the result and the decision."""
    text = amendment_decision(compare_drafts(old, new))
    read = read_decision(text)
    assert read.unread == [], (read.unread, text)
    result = apply_decision(old, read)
    assert result.failed == [], ([(i.action, r) for i, r in result.failed], text)
    return result.draft, text


def five() -> Draft:
    return draft(
        article(A1), article(A2), article(A3), article(A4), article(A5), title="某市公园条例"
    )


# ---- 1. the decision quotes the OLD words; renumbered citations are no amendment ----------------


def test_a_phrase_touching_a_renumbered_citation_quotes_the_old_number() -> None:
    old = five()
    new = draft(
        article(A1),
        article(A3),
        article("依照本条例第二条规定的，由主管部门依法给予行政处分。"),
        article(A5),
        title="某市公园条例",
    )
    got, text = round_trip(old, new)
    assert "删去第二条。" in text
    # 违反本条例第三条 (old number) → 依照本条例第二条 (new number): the old text is quoted.
    assert "将第四条中的“违反本条例第三条规定的”修改为“依照本条例第二条规定的”" in text, text
    assert bodies(got) == bodies(new)


def test_a_citation_that_only_follows_renumbering_is_left_to_the_closing_clause() -> None:
    old = five()
    new = draft(
        article(A1), article(A3), article(A4.replace("第三条", "第二条")), article(A5),
        title="某市公园条例",
    )  # fmt: skip
    got, text = round_trip(old, new)
    assert "第四条" not in text.split("本决定")[0].replace("删去第二条", ""), text
    assert "对条文顺序作相应调整" in text
    assert bodies(got) == bodies(new)


def test_amend_accepts_a_decision_quoting_the_old_citation() -> None:
    """A decision written by hand the committee's way: 第四条 still cites 第三条 in the text it
    amends; the words replaced carry final numbers, the others follow the renumbering."""
    old = five()
    text = "\n".join(
        [
            "一、删去第二条。",
            "二、将第四条中的“本条例第三条”修改为“本条例第二条、第三条”。",
        ]
    )
    result = apply_decision(old, read_decision(text))
    assert result.failed == []
    assert bodies(result.draft)[2] == "违反本条例第二条、第三条规定的，由主管部门依法给予行政处分。"


# ---- 3. whole phrases, grouped replacements ----------------------------------------------------


def test_quotations_are_whole_phrases_and_identical_replacements_grouped(corpus: Path) -> None:
    old = read_draft(corpus / "pair_lifafa_2015.md")
    new = read_draft(corpus / "pair_lifafa_2023.md")
    got, text = round_trip(old, new)
    assert "“面意见比较”" not in text and "“和有关的专”" not in text
    assert "“各方面意见比较一致的”修改为“各方面的意见比较一致的”" in text
    grouped = [ln for ln in text.splitlines() if "中的“法律委员会”修改为“宪法和法律委员会”" in ln]
    assert len(grouped) == 1, grouped
    assert "第二十四条、第二十九条第三款、第四款、" in grouped[0]
    assert bodies(got) == bodies(new)


def test_places_of_one_article_read_back() -> None:
    read = read_decision("一、将第二十九条第三款、第四款、第三十条中的“法律委员会”修改为“宪法和法律委员会”。")
    (ins,) = read.instructions
    assert [p.words() for p in ins.places] == ["第二十九条第三款", "第二十九条第四款", "第三十条"]


def test_a_term_in_two_places_of_one_article_is_quoted_once() -> None:
    old = draft(article("由法律委员会审议，法律委员会提出报告。"), title="某法")
    new = draft(article("由宪法和法律委员会审议，宪法和法律委员会提出报告。"), title="某法")
    got, text = round_trip(old, new)
    assert "一、将第一条中的“法律委员会”修改为“宪法和法律委员会”。" in text, text
    assert bodies(got) == bodies(new)


# ---- 4. punctuation width ----------------------------------------------------------------------


def test_punctuation_width_alone_round_trips_by_the_closing_sentence() -> None:
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"), title="某条例")
    new = draft(article("下列事项："), article("其他事项（另行规定）。"), title="某条例")
    got, text = round_trip(old, new)
    assert FULL_WIDTH_SENTENCE in text
    assert bodies(got) == bodies(new)


def test_punctuation_width_is_quoted_when_the_new_text_keeps_half_width() -> None:
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"), title="某条例")
    new = draft(article("下列事项："), article("其他事项(另行规定)。"), title="某条例")
    got, text = round_trip(old, new)
    assert FULL_WIDTH_SENTENCE not in text
    assert "将第一条中的“下列事项:”修改为“下列事项：”" in text, text
    assert bodies(got) == bodies(new)


def _unit_words(d: Draft) -> list[tuple[str, str]]:
    return [(u.kind.value, u.text) for u in d.walk() if u.kind is not UnitKind.ARTICLE]


def test_item_labels_half_width_round_trip(corpus: Path) -> None:
    old = read_draft(corpus / "pair_changjiang_sand_2001.md")
    new = read_draft(corpus / "pair_changjiang_sand_2023.md")
    got, _text = round_trip(old, new)
    assert bodies(got) == bodies(new)


_ = Unit  # (kept for the tests below)
