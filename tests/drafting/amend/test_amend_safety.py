"""Applying a decision safely (issue 11 §5, faults F15, F25, F13 and a move next to a split):
a citation whose provision the decision takes away is listed, never silently renumbered onto
another; a grouped phrase item applies whole or not at all; slips that still apply are told;
a split article keeps its place when a plain neighbour can be the move."""

from __future__ import annotations

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.compare.articles import MOVED, SPLIT, compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft
from drafting.read.parse import parse_text
from tests.drafting.compare_helpers import article, draft

TEXT = """某市河道管理条例

第一条　为了加强河道管理，制定本条例。
第二条　在河道管理范围内，禁止下列行为：
（一）弃置矿渣；
（二）堆放阻碍行洪的物体；
（三）围湖造地。
河道采砂应当依法取得许可。
第三条　河道管理机构应当公开河道信息。
前款规定的信息应当每年更新。
第四条　饮用水水源保护区内禁止设置排污口。
第五条　违反本条例第二条第一款第二项规定的，责令改正。
第六条　违反本条例第二条第二款规定的，处一万元罚款。
第七条　本条例自2025年1月1日起施行。
"""


def _law() -> Draft:
    return parse_text(TEXT).draft


def _apply(decision: str, old: Draft | None = None):  # type: ignore[no-untyped-def]
    read = read_decision(decision)
    assert read.unread == [], read.unread
    return apply_decision(old or _law(), read)


def _bodies(d: Draft) -> dict[str, str]:
    numbers = compute_numbers(d)
    return {numbers[a.uid].label: article_body(a) for a in d.articles()}


# ---- F15: citations whose provision was taken away ----------------------------------------


def test_deleting_a_cited_article_warns_at_each_citation_and_keeps_its_words() -> None:
    result = _apply("一、删去第二条。")
    assert result.failed == []
    assert (
        "第五条（现第四条）援引的原第二条第一款第二项已被删去，请在修改决定中一并修改"
        in result.warnings
    )
    assert "第六条（现第五条）援引的原第二条第二款已被删去，请在修改决定中一并修改" in (
        result.warnings
    )
    # The words stay as printed: never renumbered onto the article that now bears 第二条.
    bodies = _bodies(result.draft)
    assert "本条例第二条第一款第二项" in bodies["第四条"]
    assert "本条例第二条第二款" in bodies["第五条"]


def test_deleting_a_cited_item_or_paragraph_warns_too() -> None:
    result = _apply("一、删去第二条第一款第二项。\n二、删去第三条第一款。")
    assert result.failed == []
    assert any(w.startswith("第五条援引的原第二条第一款第二项已被删去") for w in result.warnings)
    # A 前款 whose 款 was deleted: nothing before it now.
    assert any(
        w.startswith("第三条第二款（现第三条）中的“前款”所指的原第三条第一款已被删去")
        for w in result.warnings
    ), result.warnings


def test_a_citation_the_decision_rewrites_itself_is_not_warned() -> None:
    result = _apply(
        "一、删去第二条。\n"
        "二、将第五条中的“本条例第二条第一款第二项”修改为“有关法律”。\n"
        "三、将第六条修改为：“违反本条例规定的，处一万元罚款。”"
    )
    assert result.failed == []
    assert result.warnings == []


def test_insertions_and_untouched_citations_give_no_warning() -> None:
    result = _apply("一、增加一条，作为第二条：“河道管理坚持生态优先。”")
    assert result.failed == []
    assert result.warnings == []
    # the citations follow the renumbering, as before
    assert "本条例第三条第一款第二项" in _bodies(result.draft)["第六条"]


def test_a_merged_article_names_where_the_cited_paragraph_went() -> None:
    result = _apply(
        "一、将第一条、第二条合并为一条，作为第一条，修改为：“为了加强河道管理，制定本条例。\n"
        "“在河道管理范围内，禁止弃置矿渣。\n“河道采砂应当依法取得许可。”"
    )
    assert result.failed == []
    assert any("援引的原第二条第二款" in w for w in result.warnings), result.warnings


def test_the_real_case_of_the_tester(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """F15 as reported: 宁波市河道管理条例 with 第二十一条 and 第二十九条第一款 deleted."""
    from tests.conftest import CORPUS
    from tests.drafting.compare_helpers import read_draft

    old = read_draft(CORPUS / "local_ningbo_river_2019.md")
    result = _apply("一、删去第二十九条第一款。\n二、删去第二十一条。", old)
    assert result.failed == []
    assert len(result.warnings) == 4
    assert any("第三十七条第一款" in w and "原第二十一条第一款第二项" in w for w in result.warnings)


# ---- F25: a grouped phrase item is applied whole or not at all ---------------------------------

GROUP = draft(
    article("公园规划应报市人民政府批准。"),
    article("公园建设方案应经审查并报主管部门备案。"),
    article("公园改造方案应报区人民政府批准。"),
    title="某市公园条例",
)


def test_a_grouped_replacement_with_a_place_lacking_the_words_fails_whole() -> None:
    for clause in (
        "将第一条、第二条中的“应报”修改为“应当报”",
        "删去第一条、第二条中的“应报”",
        "在第一条、第二条中的“应报”后增加“经”",
    ):
        result = apply_decision(GROUP, read_decision(f"一、{clause}。"))
        assert result.applied == [], clause
        assert [r for _, r in result.failed] == ["第二条中没有“应报”，本项未执行"], clause
        # nothing of it applied: 第一条 keeps its words
        assert result.draft.articles()[0].children[0].text == "公园规划应报市人民政府批准。"


def test_a_grouped_replacement_holding_everywhere_applies() -> None:
    result = apply_decision(GROUP, read_decision("一、将第一条、第三条中的“应报”修改为“应当报”。"))
    assert result.failed == []
    texts = [a.children[0].text for a in result.draft.articles()]
    assert texts[0] == "公园规划应当报市人民政府批准。"
    assert texts[2] == "公园改造方案应当报区人民政府批准。"


# ---- F13: slips that still apply are told ----------------------------------------------------


def test_a_quoted_phrase_standing_twice_is_told() -> None:
    old = draft(article("本条例所称公园，是指公园绿地。公园名录由市人民政府公布。"), title="某条例")
    result = apply_decision(old, read_decision("一、删去第一条中的“公园”。"))
    assert result.failed == []
    assert result.warnings == ["第一条中的“公园”出现3处，均已删去"]
    result = apply_decision(old, read_decision("一、将第一条中的“名录”修改为“目录”。"))
    assert result.warnings == []


def test_an_article_already_in_its_amended_wording_is_told() -> None:
    result = _apply("一、将第一条修改为：“为了加强河道管理，制定本条例。”")
    assert result.warnings[0] == "第一条的文字已与本项修改后的文字相同，原文似已按本条修改"
    result = _apply("一、将第一条修改为：“为了加强河道保护，制定本条例。”")
    assert result.warnings == []
    # a replacement whose words are already there says so in its reason
    result = _apply("一、将第一条中的“加强管理”修改为“加强河道管理”。")
    assert result.failed[0][1] == "第一条中没有“加强管理”（原文似已按本条修改）"


def test_the_real_amendment_twelve_on_the_law_that_holds_it_is_told() -> None:
    from drafting.amend.read import read_decision_file
    from tests.conftest import CORPUS
    from tests.drafting.compare_helpers import read_draft

    law = read_draft(CORPUS / "large_criminal_law_lawrefbook.md")
    read = read_decision_file(CORPUS / "amendment_criminal_law_12_2023_flk.txt")
    result = apply_decision(law, read)
    # G14: seven items already made — the decision as a whole looks applied, said first.
    assert result.looks_applied
    assert result.warnings[0].startswith("本决定似已执行过：7 项")
    assert len(result.warnings) == 8
    assert all(w.endswith("原文似已按本条修改") for w in result.warnings[1:])


AMENDMENT = """中华人民共和国刑法修正案（测试）

一、在刑法第三条之一后增加一条，作为第三条之四：“测试条文。”

二、删去刑法第二条。

三、本修正案自2025年1月1日起施行。
"""

CRIMINAL = """中华人民共和国刑法

第一条　为了惩罚犯罪，保护人民，制定本法。
第二条　（删去）
第三条　第一款。
第三条之一　之一的文字。
第三条之二　之二的文字。
第三条之三　之三的文字。
第四条　第四条的文字。
"""


def test_a_zhi_article_placed_against_its_anchor_and_a_deleted_article_are_told() -> None:
    law = parse_text(CRIMINAL).draft
    read = read_decision(AMENDMENT)
    assert read.unread == []
    result = apply_decision(law, read)
    assert result.failed == []
    assert "第二条原文已为“（删去）”，本项无须再删" in result.warnings
    assert any(
        w.startswith("“在第三条之一后增加一条，作为第三条之四”与原文不符")
        and "置于第三条之三之后" in w
        for w in result.warnings
    ), result.warnings
    # Said right, nothing to tell.
    fine = read_decision(
        AMENDMENT.replace("第三条之一后", "第三条之三后").replace(
            "删去刑法第二条", "删去刑法第四条"
        )
    )
    assert apply_decision(law, fine).warnings == []


# ---- a move next to a split ---------------------------------------------------------------------


def test_a_split_article_keeps_its_place_when_a_neighbour_moved_across_it() -> None:
    """Old 第二条 put after 第三条, which is then split: either could be called moved; the
    split one cannot say so (改为两条 leaves both halves where it stood), so the plain one is
    the move, and the decision gives the new text back."""
    a1, a2 = article("第一条的文字。"), article("第二条的文字。")
    a3, a4 = article("第三条第一款。", "第三条第二款。"), article("第四条的文字。")
    old = draft(a1, a2, a3, a4, title="某条例")
    new = draft(
        article("第一条的文字。"),
        article("第三条第一款。"),
        article("第三条第二款。"),
        article("第二条的文字。"),
        article("第四条的文字。"),
        title="某条例",
    )
    comparison = compare_drafts(old, new)
    statuses = {tuple(p.old_numbers): p.status for p in comparison.pairs}
    assert statuses[("第三条",)] == SPLIT
    assert statuses[("第二条",)] == MOVED
    result = apply_decision(old, read_decision(amendment_decision(comparison)))
    assert result.failed == []
    assert [article_body(a) for a in result.draft.articles()] == [
        article_body(a) for a in new.articles()
    ]


# ---- the command line: the warnings in the JSON and on the screen ------------------------------


def test_amend_command_lists_orphaned_citations(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    import app

    old = tmp_path / "原文.md"
    old.write_text(TEXT, encoding="utf-8")
    decision = tmp_path / "决定.txt"
    decision.write_text("对《某市河道管理条例》作如下修改：\n一、删去第二条。\n", encoding="utf-8")
    out = tmp_path / "修改后.md"
    assert app.main(["amend", str(old), str(decision), "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["failed"] == []
    assert (
        "第五条（现第四条）援引的原第二条第一款第二项已被删去，请在修改决定中一并修改"
        in (data["warnings"])
    )
    assert "警告：第六条（现第五条）援引的原第二条第二款已被删去" in captured.err
    assert "本条例第二条第二款" in out.read_text(encoding="utf-8")


def test_a_deletion_of_several_places_is_applied_whole_or_not_at_all() -> None:
    """One rule for every item: 删去第二条第二款、第七条第一款 (第七条 has one 款) fails whole,
    第二条第二款 stays; said of two 款 that can go, both go."""
    result = _apply("一、删去第二条第二款、第七条第一款。")
    assert [r for _, r in result.failed] == ["每条至少保留一款；如需删除请删去整条"]
    assert "河道采砂应当依法取得许可。" in _bodies(result.draft)["第二条"]
    result = _apply("一、删去第二条第二款、第三条第二款。")
    assert result.failed == []
    bodies = _bodies(result.draft)
    assert "河道采砂" not in bodies["第二条"] and "前款" not in bodies["第三条"]


def test_a_former_paragraph_that_now_names_another_is_told() -> None:
    """A 款 put before a 前款: the words would silently name the new one; a deleted 项 before
    a cited one only renumbers it (第二项 → 第一项), nothing to tell."""
    result = _apply("一、在第三条中增加一款，作为第二款：“新的款。”")
    assert result.warnings == [
        "第三条第二款（现第三条第三款）中的“前款”所指的原第三条第一款已不在其前，"
        "“前款”现指向别的条款，请在修改决定中一并修改"
    ]
    result = _apply("一、删去第二条第一款第一项。")
    assert result.warnings == []
    assert "本条例第二条第一款第一项" in _bodies(result.draft)["第五条"]
