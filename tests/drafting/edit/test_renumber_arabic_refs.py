"""renumber follows references written in Arabic figures, or says why not (issue 10)."""

from __future__ import annotations

from drafting.edit.renumber import renumber
from drafting.model.numbering import article_body
from drafting.read.parse import parse_text


def test_arabic_references_follow_the_renumbering_or_are_warned() -> None:
    text = (
        "某某市节约用水条例\n第一条　为了节约用水，制定本条例。\n"
        "第二条　违反本条例第七条规定的，依照本条例第八条处罚。\n第七条　禁止浪费用水。\n"
        "第八条　违反前条规定的，处一百元罚款。依照第7条第一款处理。\n"
        "第九条　依照《某某法》第7条执行；第40条另有规定的除外。\n"
    )
    result = parse_text(text)
    report = renumber(result.draft, result.source_labels)
    bodies = [article_body(a) for a in result.draft.articles()]
    assert bodies[1] == "违反本条例第三条规定的，依照本条例第四条处罚。"
    assert bodies[3] == "违反前条规定的，处一百元罚款。依照第3条第一款处理。"
    assert bodies[4] == "依照《某某法》第7条执行；第40条另有规定的除外。"  # another law's; unknown
    assert "第四条援引“第7条”（阿拉伯数字）已随重新编号改为“第3条”" in report.warnings
    assert any("“第40条”（阿拉伯数字）找不到唯一的条文，未改写" in w for w in report.warnings)
    assert report.references_rewritten == 3
