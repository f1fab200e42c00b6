"""Faults a tester found in the reader (issue 10, second round): each as a kind, with its warning."""

from __future__ import annotations

from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft
from drafting.read.parse import ParseResult, parse_text


def _bodies(draft: Draft) -> list[str]:
    return [article_body(a) for a in draft.articles()]


def _warned(result: ParseResult, words: str) -> bool:
    return any(words in w.message for w in result.warnings)


def test_a_page_header_inside_a_broken_sentence_is_set_aside_and_the_sentence_joins() -> None:
    text = (
        "某某市供水管理条例\n第一条　为了加强供水管理，制定本条例。\n"
        "第二条　供水企业应当按照国家规定的水质标准，保证\n— 1 —\n某某市供水管理条例\n"
        "供水水质安全，并定期向社会公布水质信息。\n第三条　本条例自2025年1月1日起施行。\n"
    )
    result = parse_text(text)
    assert _bodies(result.draft)[1] == (
        "供水企业应当按照国家规定的水质标准，保证供水水质安全，并定期向社会公布水质信息。"
    )
    assert _warned(result, "页眉“某某市供水管理条例”")
    # Only right after a page number: the title's words inside a sentence stay.
    plain = parse_text(
        "某某市供水管理条例\n第一条　依照\n某某市供水管理条例\n的规定执行。\n"
    )
    assert "某某市供水管理条例" in _bodies(plain.draft)[0]
