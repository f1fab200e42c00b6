"""A citation that only follows a renumbered 项 or 款 (issue 11 §1, try11 F19): kind
``citations`` like one following a renumbered article, no item of the 修改决定 (the closing
sentence covers it), and ``amend`` renumbers it (round trip)."""

from __future__ import annotations

import pytest

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.compare.articles import CITATIONS, WORDING, compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.units import Draft, new_uid
from drafting.read.parse import parse_text
from tests.drafting.amend.test_amend_tables import state

OLD = """测试条例
第一条　为了加强河道管理，制定本条例。
第二条　在河道管理范围内禁止下列行为：
（一）弃置矿渣、石渣、煤灰、泥土、垃圾等废弃物；
（二）堆放阻碍行洪的物体，或者在行洪河道内种植阻碍行洪的林木和高秆作物；
（三）设置拦河渔具，或者在河道内进行爆破、打井、采石、取土等危害河岸堤防安全的活动。
市水行政主管部门应当加强对河道管理范围的日常巡查，发现违法行为及时制止并依法处理。
有关部门应当按照各自职责，配合做好河道管理范围内的监督检查工作。
第三条　违反本条例第二条第一款第二项、第三项规定的，责令改正。
第四条　违反本条例第二条第三款规定的，予以通报。
"""

ITEM = OLD.replace("（二）堆放", "（二）在河道管理范围内建设妨碍行洪的建筑物、构筑物；\n（三）堆放")
ITEM = ITEM.replace("（三）设置拦河", "（四）设置拦河")
ITEM = ITEM.replace("第二条第一款第二项、第三项", "第二条第一款第三项、第四项")
PARAGRAPH = OLD.replace("有关部门应当按照", "区人民政府应当落实河道管理责任，组织开展河道清障工作。\n有关部门应当按照")
PARAGRAPH = PARAGRAPH.replace("第二条第三款规定", "第二条第四款规定")
# A 项 added, and an article added first: 条 and 项 numbers both follow.
BOTH = (
    ITEM.replace("第四条　违反本条例第二条第三款", "第五条　违反本条例第三条第三款")
    .replace("第三条　违反本条例第二条第一款", "第四条　违反本条例第三条第一款")
    .replace("第二条　在河道", "第三条　在河道")
    .replace("第一条　为了", "第一条　新增的第一条。\n第二条　为了")
)


def _draft(text: str, fresh: bool = False) -> Draft:
    d = parse_text(text).draft
    if fresh:
        for u in d.walk():
            u.uid = new_uid()
    return d


@pytest.mark.parametrize("new_text", [ITEM, PARAGRAPH, BOTH], ids=["item", "paragraph", "both"])
def test_citation_following_a_renumbered_item_or_paragraph(new_text: str) -> None:
    old, new = _draft(OLD), _draft(new_text, fresh=True)
    comparison = compare_drafts(old, new)
    citing = [
        p
        for p in comparison.pairs
        if p.old and p.new and "违反" in p.old[0].children[0].text
        and p.old[0].children[0].text != p.new[0].children[0].text
    ]  # fmt: skip
    assert citing and all(p.kind == CITATIONS for p in citing), [p.kind for p in citing]
    decision = amendment_decision(comparison)
    assert "违反" not in decision and "中的“本条例第" not in decision, decision
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
    assert state(result.draft) == state(new), decision


def test_a_citation_changed_to_another_item_is_wording() -> None:
    """The other way: a citation that now names another 项 (not following it) is a word
    change, itemised."""
    new_text = OLD.replace("第二条第一款第二项、第三项", "第二条第一款第一项、第三项")
    old, new = _draft(OLD), _draft(new_text, fresh=True)
    comparison = compare_drafts(old, new)
    pair = next(p for p in comparison.pairs if p.old and "违反本条例第二条第一" in p.old[0].children[0].text)
    assert pair.kind == WORDING
    decision = amendment_decision(comparison)
    assert "将第三条中的" in decision, decision
    result = apply_decision(old, read_decision(decision))
    assert state(result.draft) == state(new), decision


def test_a_citation_of_an_item_rewritten_whole_is_itemised() -> None:
    """When the cited article is rewritten whole, ``amend`` cannot carry the citation to
    its 项: the citing article is itemised (found by replaying the decision)."""
    short = OLD.replace("（一）弃置矿渣、石渣、煤灰、泥土、垃圾等废弃物；", "（一）弃渣；")
    short = short.replace("（二）堆放阻碍行洪的物体，或者在行洪河道内种植阻碍行洪的林木和高秆作物；", "（二）堆物；")
    short = short.replace("（三）设置拦河渔具，或者在河道内进行爆破、打井、采石、取土等危害河岸堤防安全的活动。", "（三）设障。")
    new_text = short.replace("（二）堆物；\n（三）设障。", "（二）种树；\n（三）堆物；\n（四）设障。")
    new_text = new_text.replace("第二条第一款第二项、第三项", "第二条第一款第三项、第四项")
    old, new = _draft(short), _draft(new_text, fresh=True)
    comparison = compare_drafts(old, new)
    decision = amendment_decision(comparison)
    result = apply_decision(old, read_decision(decision))
    assert state(result.draft) == state(new), decision



def test_compare_json_gives_the_kind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``compare --json``: the citing article is ``citations`` (status renumbered or
    unchanged, never modified), the one with the new 项 ``wording``."""
    import json

    from tests.app_runner import run_app

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(BOTH, encoding="utf-8")
    run = run_app("compare", str(old), str(new), "--json")
    assert run.returncode == 0, run.stderr
    kinds = {p["old"]: (p["status"], p["kind"]) for p in json.loads(run.stdout)["pairs"]}
    assert kinds["第二条"] == ("modified", "wording")
    assert kinds["第三条"] == ("renumbered", "citations")
    assert kinds["第四条"] == ("renumbered", "citations")
