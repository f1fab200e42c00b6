"""PDF hard line breaks after ）, ； or ： inside a 款: joined (warned) where the line was filled
to the copy's wrap width; a new 款 where the line is short, the next starts a unit label, or
the line ends a sentence (then warned, not joined)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.model.numbering import article_body
from drafting.read.parse import parse_file, parse_text

WIDTH = 20
WORDS = "甲乙丙丁戊己庚辛壬癸" * 8 + "。"


def _wrapped(paragraph: str) -> str:
    return "\n".join(paragraph[k : k + WIDTH] for k in range(0, len(paragraph), WIDTH))


def _text(middle: str) -> str:
    """Two articles wrapped at WIDTH around ``middle`` (the lines under test, as 第二条)."""
    return (
        "某市条例\n\n"
        + _wrapped("第一条　" + WORDS)
        + "\n\n"
        + middle
        + "\n\n"
        + _wrapped("第三条　" + WORDS)
        + "\n"
    )


def _filled(ending: str) -> str:
    head = "第二条　" + "子丑寅卯辰巳午未申酉戌亥"
    return (head + "子" * WIDTH)[: WIDTH - len(ending)] + ending


@pytest.mark.parametrize("stop", ["（镇）", "；", "："])
def test_a_filled_line_ending_in_a_soft_stop_joins_with_a_warning(stop: str) -> None:
    first = _filled(stop)
    assert len(first) == WIDTH
    result = parse_text(_text(first + "\n人民政府负责。"))
    assert article_body(result.draft.articles()[1]) == first[4:] + "人民政府负责。"
    assert any(
        w.line == 10 and "接续上一行" in w.message and f"“{stop[-1]}”" in w.message
        for w in result.warnings
    )


def test_a_short_line_ending_in_a_soft_stop_is_a_new_paragraph() -> None:
    result = parse_text(_text("第二条　甲（乙）\n丙；\n丁。"))
    assert article_body(result.draft.articles()[1]) == "甲（乙）\n丙；\n丁。"


def test_a_lead_in_before_an_item_stays_a_lead_in() -> None:
    result = parse_text(_text(_filled("：") + "\n（一）甲；\n（二）乙。"))
    second = result.draft.articles()[1]
    assert [len(p.children) for p in second.children] == [2]


def test_a_filled_line_ending_a_sentence_is_a_new_paragraph_and_warned() -> None:
    result = parse_text(_text(_filled("。") + "\n乙。"))
    assert [p.text for p in result.draft.articles()[1].children][-1] == "乙。"
    assert any(w.line == 10 and "上一行排满并以句号结尾" in w.message for w in result.warnings)


def test_an_unwrapped_text_is_never_joined_after_a_soft_stop() -> None:
    text = "某市条例\n第一条　甲（乙）\n丙。\n第二条　丁；\n戊。\n"
    result = parse_text(text)
    assert [article_body(a) for a in result.draft.articles()] == ["甲（乙）\n丙。", "丁；\n戊。"]


VARIANTS = Path("/work/tools/tryA")


@pytest.mark.skipif(not VARIANTS.exists(), reason="tester's wrapped copies not on this machine")
def test_the_wrapped_chongqing_copy_keeps_its_paragraphs() -> None:
    result = parse_file(VARIANTS / "var_local_chongqing_village_planning_2015_wrap.md")
    articles = result.draft.articles()
    fifth, twenty_second = article_body(articles[4]), article_body(articles[21])
    assert "可以委托乡（镇）人民政府对集体建设用地" in fifth
    assert fifth.count("\n") == 3  # four 款, as printed
    assert "市、区县（自治县）城乡建设主管部门应当" in twenty_second
    assert twenty_second.count("\n") == 1


def test_a_preamble_wrapped_over_two_lines_is_one_paragraph_with_a_warning() -> None:
    text = (
        "某市条例\n\n序　　言\n\n为了规范养犬行为，维护社会公共秩序，\n根据有关法律，制定本条例。\n\n"
        "第一条　甲。\n"
    )
    result = parse_text(text)
    assert result.draft.preamble is not None
    assert result.draft.preamble.paragraphs == [
        "为了规范养犬行为，维护社会公共秩序，根据有关法律，制定本条例。"
    ]
    assert any(
        w.line == 6 and "序言" in w.message and "接续上一行" in w.message for w in result.warnings
    )
    # Two sentences on two lines stay two paragraphs, unwarned.
    two = parse_text(text.replace("秩序，\n", "秩序。\n"))
    assert two.draft.preamble is not None and len(two.draft.preamble.paragraphs) == 2


def test_a_signature_and_note_after_an_appendix_table_are_notes_not_the_appendix() -> None:
    tail = "\n附件：犬只登记表\n\n编号\t犬名\t品种\n1\t旺财\t土狗\n\n"
    text = "某市条例\n\n第一条　甲。\n" + tail
    signed = parse_text(
        text + "某市人民代表大会常务委员会\n2020年1月1日\n注：本条例由市公安局负责解释。\n"
    )
    appendix = signed.draft.appendices[0]
    assert len(appendix.blocks) == 1  # the table only
    assert signed.notes == [
        "某市人民代表大会常务委员会",
        "2020年1月1日",
        "注：本条例由市公安局负责解释。",
    ]
    assert any("不属于附件" in w.message for w in signed.warnings)
    # A paragraph of the 附件 after its table stays in the 附件.
    words = parse_text(text + "填表人应当如实填写，并对所填内容负责。\n")
    assert words.notes == [] and words.draft.appendices[0].blocks[-1] == (
        "填表人应当如实填写，并对所填内容负责。"
    )
