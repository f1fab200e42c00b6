"""A text whose 章 are printed WITHOUT numbers (宁波市河道管理条例: bare heading lines
“规划控制”, “生态治理”): the decision names such a 章 by its quoted title (“生态治理”一章),
amend reads it back and finds the 章 by that title (one of that name, else the item fails with
its reason), and one item that cannot apply never stops the others (no traceback)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.amend.apply import apply_decision, apply_instructions
from drafting.amend.instructions import (
    ADD_ARTICLES,
    ADD_HEADING,
    DELETE,
    HEADING_MOVE,
    Instruction,
    Place,
)
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.positions import Context
from drafting.model.units import Draft, UnitKind, new_uid
from drafting.read.parse import parse_text
from tests.conftest import CORPUS
from tests.drafting.amend.test_amend import round_trip, words
from tests.drafting.compare_helpers import read_draft
from tests.drafting.edit_scripts import apply_script, scripts

NINGBO = "local_ningbo_river_2019.md"

TEXT = """某市河道管理条例

第一条　为了加强河道管理，制定本条例。
第二条　本条例适用于本市河道。
规划控制
第三条　河道专业规划由水行政主管部门组织编制。
第四条　编制河道专业规划应当征求意见。
生态治理
第五条　河道应当定期清淤疏浚。
第六条　禁止向河道排放污水。
附则
第七条　本条例自2025年1月1日起施行。
"""

_cache: dict[str, Draft] = {}


def _ningbo() -> Draft:
    if NINGBO not in _cache:
        _cache[NINGBO] = read_draft(CORPUS / NINGBO)
    return _cache[NINGBO]


def _law(text: str = TEXT) -> Draft:
    return parse_text(text).draft


def _headings(d: Draft) -> list[tuple[str, str]]:
    ctx = Context(d)
    return [(ctx.number(u.uid).label, u.heading) for u in d.walk() if u.kind.is_heading]


def test_the_text_has_chapters_without_numbers() -> None:
    old = _law()
    assert _headings(old) == [("", "规划控制"), ("", "生态治理"), ("", "附则")]


def test_decision_names_an_unnumbered_chapter_by_its_quoted_title() -> None:
    old = _law()
    new = _law(
        TEXT.replace("生态治理\n", "生态保护\n")
        .replace(
            "第六条　禁止向河道排放污水。",
            "第六条　禁止向河道排放污水。\n第七条　河道两侧应当种植林木。",
        )
        .replace("第七条　本条例自", "第八条　本条例自")
    )
    text = amendment_decision(compare_drafts(old, new))
    assert "将“生态治理”一章的章名修改为“生态保护”" in text
    assert "在“生态治理”一章中" not in text or "作为第七条" in text
    read = read_decision(text)
    assert read.unread == []
    result = apply_decision(old, read)
    assert result.failed == []
    assert words(result.draft) == words(new)


def test_the_committee_forms_for_an_unnumbered_chapter_are_read_and_applied() -> None:
    old = _law()
    decision = "\n".join(
        [
            "一、将“规划控制”一章的章名修改为“规划管理”。",
            "二、在“生态治理”一章中增加一条，作为第七条：“河道两侧应当种植林木。”",
            "三、删去“附则”一章的章名。",
        ]
    )
    read = read_decision(decision)
    assert read.unread == []
    result = apply_decision(old, read)
    assert result.failed == []
    got = result.draft
    assert _headings(got) == [("", "规划管理"), ("", "生态治理")]
    chapter = [u for u in got.walk() if u.kind.is_heading][1]
    assert [a.children[0].text for a in chapter.walk() if a.kind is UnitKind.ARTICLE][-2:] == [
        "河道两侧应当种植林木。",
        "本条例自2025年1月1日起施行。",
    ]


def test_an_added_unnumbered_chapter_reads_back_without_a_number() -> None:
    old = _law()
    decision = "一、在第四条后增加一章：“河道保护”。"
    read = read_decision(decision)
    assert read.unread == []
    result = apply_decision(old, read)
    assert result.failed == []
    assert _headings(result.draft) == [("", "规划控制"), ("", "河道保护"), ("", "生态治理"),
                                       ("", "附则")]  # fmt: skip


def test_a_title_that_two_chapters_share_fails_with_its_reason() -> None:
    old = _law(TEXT.replace("附则\n", "生态治理\n"))
    result = apply_decision(old, read_decision("一、删去“生态治理”一章的章名。\n二、删去第一条。"))
    assert [r for _, r in result.failed] == ["原文有多个“生态治理”一章，无法确定修改哪一个"]
    assert len(result.applied) == 1  # the other item applied


def test_a_title_the_text_does_not_have_fails_with_its_reason() -> None:
    result = apply_decision(_law(), read_decision("一、删去“法律责任”一章的章名。"))
    assert [r for _, r in result.failed] == ["原文没有“法律责任”一章"]


def test_a_bare_or_malformed_heading_label_fails_that_item_only() -> None:
    """What a decision drafted before this fix said (作为生态治理, 在生态治理中): each such
    item is listed as failed with a Chinese reason; no KeyError, and the rest applies."""
    old = _law()
    bad = [
        Instruction(ADD_HEADING, anchor="第四条", new_labels=("生态保护",), new="生态保护"),
        Instruction(HEADING_MOVE, anchor="“生态治理”一章", new_labels=("生态治理",)),
        Instruction(ADD_ARTICLES, new_labels=("第五条",), texts=("甲。",), container="生态治理"),
        Instruction(DELETE, (Place("第二条"),)),
    ]
    result = apply_instructions(old, bad)
    reasons = [r for _, r in result.failed]
    assert len(reasons) == 3, reasons
    assert all(any("\u4e00" <= c <= "\u9fff" for c in r) for r in reasons)
    assert [i.action for i in result.applied] == [DELETE]


# Scripts on 宁波 that crashed the drafting or amend with KeyError('制') / ('用') / ('理'), or
# drafted "在监督保障中增加一条" that amend could not read.
NINGBO_SCRIPTS = [
    ([("delete", 0.322, 0.802), ("split", 0.616, 0.416), ("move", 0.752, 0.925),
      ("move", 0.635, 0.021), ("move", 0.528, 0.57), ("split", 0.359, 0.791)], False),
    ([("insert", 0.832, 0.365), ("delete", 0.145, 0.177), ("move", 0.369, 0.993),
      ("renumber", 0.811, 0.083), ("move", 0.123, 0.155)], False),
    ([("move", 0.586, 0.931), ("delete", 0.073, 0.585), ("move", 0.134, 0.141),
      ("move", 0.313, 0.57)], True),
    ([("insert", 0.694, 0.301), ("renumber", 0.438, 0.936), ("move", 0.921, 0.45),
      ("move", 0.725, 0.14)], True),
    ([("split", 0.156, 0.508), ("split", 0.029, 0.981), ("move", 0.469, 0.512),
      ("insert", 0.239, 0.518)], True),
]  # fmt: skip


def _generated(script: list[tuple[str, float, float]], fresh: bool) -> tuple[Draft, Draft]:
    old = _ningbo()
    new = apply_script(old, script).new
    if fresh:
        new = new.clone()
        for unit in new.walk():
            unit.uid = new_uid()
    return old, new


def test_round_trip_on_the_ningbo_scripts_that_crashed() -> None:
    for script, fresh in NINGBO_SCRIPTS:
        got, want, text = round_trip(*_generated(script, fresh))
        assert got == want, (script, text)


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(script=scripts, fresh=st.booleans())
def test_round_trip_on_generated_ningbo_pairs(
    script: list[tuple[str, float, float]], fresh: bool
) -> None:
    """Generated edit scripts on the text with unnumbered 章: decision(old→new) applied to old
    gives new."""
    got, want, text = round_trip(*_generated(script, fresh))
    assert got == want, (script, text)


CHAPTERS = """某市公园条例

第一章　总则
第一条　甲。
第二条　乙。
第二章　建设
第三条　丙。
第四条　丁。
第三章　管理
第五条　戊。
第六条　己。
"""


def test_a_chapter_added_after_one_names_its_old_end() -> None:
    """删去第三章章名 and 在第二章后增加一章: 第二章 ended at 第四条 in the old text (its
    articles 第五条, 第六条 join it only because 第三章 lost its name), so the new 章 opens at
    第五条 — not after 第六条 as an empty 章 (a 宁波 round trip with the unnumbered 章 too)."""
    old = _law(CHAPTERS)
    decision = "一、删去第三章章名。\n二、在第二章后增加一章，作为第三章：“第三章　保护”"
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
    ctx = Context(result.draft)
    last = [u for u in result.draft.walk() if u.kind.is_heading][-1]
    assert last.heading == "保护"
    assert [ctx.full_label(a.uid) for a in last.walk() if a.kind is UnitKind.ARTICLE] == [
        "第五条",
        "第六条",
    ]
    script = [("insert", 0.528, 0.828), ("delete", 0.608, 0.494), ("move", 0.551, 0.143),
              ("split", 0.564, 0.789), ("delete", 0.388, 0.152), ("move", 0.796, 0.622)]  # fmt: skip
    got, want, text = round_trip(*_generated(script, False))
    assert got == want, text


def test_an_unexpected_error_reading_one_clause_leaves_it_unread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A KeyError or IndexError in reading one clause lists that clause as unread (with a
    Chinese reason); the others are read."""
    import drafting.amend.read as reader

    real = reader.read_clause

    def flaky(clause: str):  # type: ignore[no-untyped-def]
        if "第一条" in clause:
            raise IndexError(0)
        return real(clause)

    monkeypatch.setattr(reader, "read_clause", flaky)
    read = read_decision("一、删去第一条。\n二、删去第二条。")
    assert read.unread == [("删去第一条。", "无法识别的写法（IndexError）")]
    assert [i.places[0].article for i in read.instructions] == ["第二条"]
