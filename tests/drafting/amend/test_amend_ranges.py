"""Citation ranges whose interior a decision changes (issue 11 §5; tester fault G5): a range
(第二条至第四条, 第一项至四项) that gains or loses a unit inside is warned, never silently
widened; a range whose end was deleted names that end, not the whole range."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.model.units import Draft
from drafting.read.parse import parse_text

TOY = """某市养犬管理条例

第一条　为了规范养犬行为，制定本条例。
第二条　养犬应当办理登记。
第三条　养犬应当接种疫苗。
第四条　携犬出户应当束犬链。
第五条　违反本条例第二条至第四条规定的，由公安机关责令改正。
第六条　违反本条例第二条、第四条规定的，处二百元罚款。
第七条　本条例自公布之日起施行。
"""

ITEMS = """某市河道管理条例

第一条　为了加强河道管理，制定本条例。
第二条　采砂应当遵守下列规定：
（一）按照许可的范围采砂；
（二）按照许可的时间采砂；
（三）不得超量采砂；
（四）及时清理尾堆。
第三条　违反本条例第二条第一项至四项规定的，处二万元以上十万元以下罚款。
第四条　本条例自公布之日起施行。
"""

HAND = Path("/work/tools/try11b/hand")
QINGDAO = Path(__file__).resolve().parents[3] / "../shared/corpus/local_qingdao_river_2020.md"


def _apply(text: str, decision: str, title: str = "某市养犬管理条例"):  # type: ignore[no-untyped-def]
    read = read_decision(f"对《{title}》作如下修改：\n{decision}")
    assert read.unread == [], read.unread
    result = apply_decision(parse_text(text).draft, read)
    assert result.failed == [], result.failed
    return result


def test_an_article_inserted_inside_a_range_is_warned() -> None:
    result = _apply(TOY, "一、在第二条后增加一条，作为第三条：“犬只应当佩戴犬牌。”")
    assert (
        "第五条（现第六条）援引的第二条至第四条，其中增加了一条，请在修改决定中写明"
        in result.warnings
    )


def test_an_article_deleted_inside_a_range_is_warned() -> None:
    result = _apply(TOY, "一、删去第三条。")
    assert (
        "第五条（现第四条）援引的第二条至第四条，其中删去了原第三条，请在修改决定中写明"
        in result.warnings
    )


def test_a_deleted_range_end_names_the_end_not_the_whole_range() -> None:
    result = _apply(TOY, "一、删去第四条。")
    assert not any("原第二条至第四条已被删去" in w for w in result.warnings)
    assert any("第五条（现第四条）援引的原第四条已被删去" in w for w in result.warnings)


def test_changes_outside_a_range_give_no_range_warning() -> None:
    for decision in (
        "一、在第四条后增加一条，作为第五条：“犬只应当佩戴犬牌。”",
        "一、在第一条后增加一条，作为第二条：“本条例适用于本市。”",
        "一、将第三条中的“疫苗”修改为“狂犬疫苗”。",
    ):
        result = _apply(TOY, decision)
        assert not any("其中" in w for w in result.warnings), (decision, result.warnings)


def test_an_item_inserted_inside_a_shortened_range_is_warned() -> None:
    result = _apply(
        ITEMS, "一、在第二条中增加一项，作为第二项：“（二）安装采砂监控设备；”", "某市河道管理条例"
    )
    assert any(
        w.startswith(
            "第三条援引的第二条第一项至四项，其中增加了一项，原第四项现为第五项，已不在其内"
        )
        for w in result.warnings
    ), result.warnings


def test_an_item_deleted_inside_a_shortened_range_is_warned() -> None:
    result = _apply(ITEMS, "一、删去第二条第二项。", "某市河道管理条例")
    assert (
        "第三条援引的第二条第一项至四项，其中删去了原第二项，所写的第四项已不存在，请在修改决定中写明"
        in result.warnings
    ), result.warnings


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("qd_range.txt", "第五十二条援引的第四十四条第一款第一项至四项，其中增加了一项"),
        ("qd_range2.txt", "第五十二条援引的第四十四条第一款第一项至四项，其中删去了原第二项"),
    ],
)
def test_the_testers_qingdao_files(name: str, said: str) -> None:
    if not (HAND / name).exists() or not QINGDAO.exists():
        pytest.skip("tester's files not here")
    old: Draft = parse_text(QINGDAO.read_text(encoding="utf-8")).draft
    result = apply_decision(old, read_decision((HAND / name).read_text(encoding="utf-8")))
    assert any(w.startswith(said) for w in result.warnings), result.warnings
