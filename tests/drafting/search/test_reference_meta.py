"""Issuer, place, date and status read from a regulation's title and 题注 (issue 16)."""

from __future__ import annotations

import datetime as dt

from drafting.model.units import Draft, Unit, UnitKind
from drafting.read.parse import parse_text
from drafting.search.reference_meta import read_facts, text_fingerprint


def _draft(title: str, note: str) -> Draft:
    article = Unit(
        UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text="本条例自公布之日起施行。")]
    )
    return Draft(title=title, title_note=note, units=[article])


def test_a_title_note_in_parentheses() -> None:
    facts = read_facts(
        _draft(
            "江州市河道管理条例",
            "（2019年3月28日江州市第十五届人民代表大会常务委员会第十次会议通过　"
            "2019年5月31日江南省第十三届人民代表大会常务委员会第十二次会议批准）",
        )
    )
    assert facts.place == "江州市"
    assert facts.issuer == "江州市人民代表大会常务委员会"
    assert facts.date == dt.date(2019, 5, 31)
    assert facts.status == "现行有效"


def test_the_place_from_the_issuer_when_the_title_has_none() -> None:
    facts = read_facts(
        _draft(
            "绍兴古城保护利用条例",
            "2018年8月31日绍兴市第八届人民代表大会常务委员会第十三次会议通过",
        )
    )
    assert (facts.place, facts.issuer) == ("绍兴市", "绍兴市人民代表大会常务委员会")


def test_a_national_law_and_a_government_rule() -> None:
    law = read_facts(
        _draft(
            "中华人民共和国立法法",
            "2000年3月15日第九届全国人民代表大会第三次会议通过",
        )
    )
    assert (law.place, law.issuer, law.date) == ("全国", "全国人民代表大会", dt.date(2000, 3, 15))
    rule = read_facts(_draft("某省河道采砂管理办法", "2020年1月2日某省人民政府第5次常务会议通过"))
    assert (rule.place, rule.issuer) == ("某省", "某省人民政府")


def test_a_printed_status_mark() -> None:
    draft = _draft(
        "江州市公园条例", "2001年1月1日江州市第十一届人民代表大会常务委员会第二次会议通过"
    )
    assert read_facts(draft, "时效性：已废止\n").status == "已废止"
    assert read_facts(draft, "【已修改】").status == "已修改"
    assert read_facts(draft, "第五条　证件失效的，应当重新办理。").status == "现行有效"


def test_the_fingerprint_ignores_layout_but_not_words() -> None:
    a = parse_text("江州市公园条例\n\n第一条　为了加强公园管理，制定本条例。\n").draft
    b = parse_text("# 江州市公园条例\n\n第一条 为了加强公园管理，\n制定本条例。\n").draft
    c = parse_text("江州市公园条例\n\n第一条　为了加强广场管理，制定本条例。\n").draft
    assert text_fingerprint(a) == text_fingerprint(b) != text_fingerprint(c)
