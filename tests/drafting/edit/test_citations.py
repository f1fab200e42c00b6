"""The citations of a unit to be deleted (no Qt)."""

from __future__ import annotations

from drafting.edit.citations import citation_lines, citations_of, without_citations
from drafting.model.positions import Context
from drafting.model.references import ReferenceIndex
from drafting.read.parse import parse_text

TEXT = """某市条例
第一条 本条例适用于本市。
第二条 违反本条例第一条规定的，依照第三条处理。
第三条 有关部门依照本条例第一条第一款执行。
"""


def test_citations_from_outside_and_the_words_without_them() -> None:
    draft = parse_text(TEXT).draft
    index = ReferenceIndex.build(draft)
    first, second, third = draft.articles()
    refs = citations_of(draft, index, first.uid)
    assert [r.text for r in refs] == ["本条例第一条", "本条例第一条第一款"]
    assert citation_lines(draft, refs, Context(draft)) == [
        "第二条：“本条例第一条”",
        "第三条：“本条例第一条第一款”",
    ]
    words = second.children[0].text
    mine = [r for r in refs if r.unit_uid == second.children[0].uid]
    assert without_citations(words, mine) == "违反规定的，依照第三条处理。"
    assert citations_of(draft, index, "no such uid") == []
