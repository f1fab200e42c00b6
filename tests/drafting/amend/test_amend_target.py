"""Which regulation a decision names (F9 for the window and ``amend --regulation``), and one
decision applied with what applied and what failed in decision order."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend.target import amend_file, amend_text, decision_note, named_title, names_another
from drafting.errors import ParseError
from drafting.read.files import read_draft


@pytest.mark.parametrize(
    ("heading", "named"),
    [
        ("全国人民代表大会常务委员会关于修改《中华人民共和国立法法》的决定", "中华人民共和国立法法"),
        ("对《杭州市公园管理条例》作如下修改：", "杭州市公园管理条例"),
        ("《某市人民代表大会常务委员会关于修改〈某市河道管理条例〉的决定》", "某市河道管理条例"),
        ("中华人民共和国刑法修正案（十二）", "中华人民共和国刑法"),
        ("某市人民代表大会常务委员会决定：", ""),
    ],
)
def test_the_regulation_named_in_the_heading(heading: str, named: str) -> None:
    assert named_title(f"{heading}\n一、删去第三条。\n") == named


def test_a_title_quoted_inside_an_item_is_not_the_target_but_the_closing_sentence_is() -> None:
    text = "一、将第三条中的“《某法》”修改为“《另法》”。\n本决定自公布之日起施行。"
    assert named_title(text) == ""
    closing = "一、删去第三条。\n本决定自公布之日起施行。\n《某市公园条例》根据本决定作相应修改，重新公布。"
    assert named_title(closing) == "某市公园条例"


def test_names_another_regulation_both_ways() -> None:
    assert not names_another("中华人民共和国刑法", "中华人民共和国刑法")
    assert not names_another("刑法", "中华人民共和国刑法")
    assert not names_another("某市公园条例", "某市公园条例（草案）")
    assert not names_another("", "某市公园条例")  # naming none is not naming another
    assert names_another("某市河道管理条例", "某市公园条例")
    assert names_another("长江河道采砂管理条例", "杭州市公园管理条例")


def test_an_outcome_lists_unread_then_failed_and_warns_of_another_regulation(
    corpus: Path,
) -> None:
    draft = read_draft(corpus / "local_hangzhou_park_2014.md").draft
    text = (
        "对《某市河道管理条例》作如下修改：\n"
        "一、将第一条修改为：“为了测试，制定本条例。”\n"
        "二、删去第九十九条。\n"
        "三、把第三条改得更好。\n"
    )
    outcome = amend_text(draft, text)
    assert outcome.named == "某市河道管理条例" and outcome.other_regulation
    assert outcome.warnings[0].startswith("修改决定修改的是《某市河道管理条例》")
    assert len(outcome.applied) == 1 and not outcome.nothing_applied
    # In the decision's order, with their item numbers, as amend --json (F14).
    assert [c for c, _ in outcome.failed] == ["删去第九十九条", "把第三条改得更好。"]
    assert outcome.failed_items == ["二", "三"]
    assert [f["item"] for f in outcome.to_json()["failed"]] == ["二", "三"]
    assert draft.articles()[0].uid == outcome.draft.articles()[0].uid  # uids kept
    assert "执行 1 项，未能执行 2 项" in decision_note("决定.txt", outcome)
    same = amend_text(draft, text.replace("某市河道管理条例", "杭州市公园管理条例"))
    assert not same.other_regulation and not same.warnings


def test_a_broken_file_raises_a_chinese_parse_error(tmp_path: Path, corpus: Path) -> None:
    draft = read_draft(corpus / "local_hangzhou_park_2014.md").draft
    broken = tmp_path / "决定.docx"
    broken.write_bytes(b"PK\x03\x04broken")
    with pytest.raises(ParseError, match="Word"):
        amend_file(draft, broken)
