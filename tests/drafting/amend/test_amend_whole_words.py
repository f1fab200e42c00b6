"""Quotations of the 修改决定 are whole words (issue 11 §4, try11 F2): a word changed inside
(应报 → 应当报, 或 → 或者, 为适应 → 为了), words added after a title (《…》等规定) and a
number changed before 有期徒刑 are quoted as the committee does, and the decision applied
to the old text still gives the new one."""

from __future__ import annotations

import re

import pytest

from drafting.compare.articles import compare_drafts
from drafting.model.units import Draft, new_uid
from tests.drafting.amend.test_amend_tables import _text, state, trip


def _edited(name: str, changes: list[tuple[str, str]]) -> Draft:
    """The corpus text with words replaced in the articles' paragraphs (fresh uids)."""
    new = _text(name).clone()
    for u in new.walk():
        u.uid = new_uid()
        for old, words in changes:
            if old in u.text:
                u.text = u.text.replace(old, words)
    return new


def _quotes(decision: str) -> list[str]:
    return re.findall(r"“([^”]*)”", decision)


CASES = {
    "hangzhou": (
        "local_hangzhou_park_2014.md",
        [
            ("为适应建设国际风景旅游城市的要求", "为了建设世界一流的社会主义现代化国际大都市"),
            ("应报市", "应当报市"),
            ("或受公园业主委托", "或者受公园业主委托"),
        ],
        [
            "第八条第二款中的“应报”修改为“应当报”",  # grouped with 第七条
            "将第三十九条第一款中的“或受”修改为“或者受”",
            "“为适应建设国际风景旅游城市的要求”修改为“为了建设",
        ],
    ),
    "ningbo": (
        "local_ningbo_river_2019.md",
        [("按照《浙江省河长制规定》履行职责", "按照《浙江省河长制规定》等规定履行职责")],
        ["中的“《浙江省河长制规定》”后增加“等规定”"],
    ),
    "criminal": (
        "large_criminal_law_lawrefbook.md",
        [("处三年以下有期徒刑或者拘役，并处罚金；情节特别严重的，处三年以上十年以下有期徒刑，并处罚金。因行贿",
          "处五年以下有期徒刑或者拘役，并处罚金。因行贿")],  # fmt: skip
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_quotations_are_whole_words(case: str) -> None:
    name, changes, wanted = CASES[case]
    old = _text(name)
    new = _edited(name, changes)
    if case == "criminal":  # the 修正案（十二） the other way: new is the corpus text
        old, new = new, old.clone()
    got, decision = trip(old, new)
    for item in wanted:
        assert item in decision, decision
    for q in _quotes(decision):
        # Never a quotation that starts or ends inside a word.
        assert not q.startswith(("了", "当", "者")), (q, decision)
        assert not q.endswith(("有期徒", "应", "或")), (q, decision)
        assert q != "履行职责" and q != "等规定履行职责", decision
    assert state(got) == state(new), decision


def test_criminal_law_number_is_quoted_with_its_unit() -> None:
    """“五年以下有期徒”: the word 有期徒刑 was cut; now “五年以下” (or the whole 有期徒刑)."""
    name, changes, _ = CASES["criminal"]
    old = _edited(name, changes)
    decision = trip(old, _text(name).clone())[1]
    assert "有期徒”" not in decision, decision
    assert "“五年以下" in decision and "“三年以下" in decision, decision
    assert compare_drafts(old, _text(name)).pairs  # the comparison itself is sound
