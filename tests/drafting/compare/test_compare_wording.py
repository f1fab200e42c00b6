"""The wording diff reads as whole words and phrases, on real sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafting.compare.wording import DELETE, INSERT, has_changes, new_text, old_text, word_diff


def changes(ops: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """(deleted, inserted) per change region."""
    out: list[tuple[str, str]] = []
    pending = ["", ""]
    for op, text in [*ops, (0, "")]:
        if op == DELETE:
            pending[0] += text
        elif op == INSERT:
            pending[1] += text
        elif pending != ["", ""]:
            out.append((pending[0], pending[1]))
            pending = ["", ""]
    return out


def test_amounts_change_as_whole_numbers() -> None:
    ops = word_diff("处一千元以上五千元以下罚款", "处二千元以上一万元以下罚款")
    assert changes(ops) == [("一千", "二千"), ("五千", "一万")]


def test_yinggai_to_yingdang_is_one_replacement() -> None:
    ops = word_diff("经营者应该遵守本条例的规定。", "经营者应当遵守本条例的规定。")
    assert changes(ops) in ([("该", "当")], [("应该", "应当")])


def test_periods_and_article_numbers() -> None:
    ops = word_diff("自收到申请之日起三十日内作出决定", "自收到申请之日起十五个工作日内作出决定")
    assert changes(ops) == [("三十", "十五个工作")]
    ops = word_diff("违反本条例第十二条规定的", "违反本条例第二十二条规定的")
    assert changes(ops) == [("十二", "二十二")]


def test_tiny_equalities_between_edits_are_folded() -> None:
    ops = word_diff("县级以上人民政府应当依法加强管理", "县级以上人民政府可以依照规定加强管理")
    assert changes(ops) == [("应当依法", "可以依照规定")]


def test_punctuation_stays_a_boundary() -> None:
    ops = word_diff("责令改正，没收违法所得，处罚款", "责令停止，没收违法所得，并处罚款")
    assert ("改正", "停止") in changes(ops)
    assert all("，没收" not in d for d, _ in changes(ops))


def test_real_penalty_rewrite_keeps_the_common_text() -> None:
    old = (
        "违反本条例规定，伪造、涂改或者买卖、出租、出借或者以其他方式转让河道采砂许可证，"
        "没收违法所得，并处5万元以上10万元以下的罚款。"
    )
    new = (
        "违反本条例规定，伪造、变造、转让、出租、出借河道采砂许可证，"
        "没收违法所得，并处5万元以上50万元以下的罚款。"
    )
    ops = word_diff(old, new)
    assert ("10万", "50万") in changes(ops)
    assert "没收违法所得，并处5万元以上" in [t for op, t in ops if op == 0][-2]


def test_added_sentence_is_one_insertion() -> None:
    a = "本条例适用于本市行政区域内公园的管理。"
    b = "本条例适用于本市行政区域内公园的管理。法律另有规定的，从其规定。"
    assert changes(word_diff(a, b)) == [("", "法律另有规定的，从其规定。")]


def test_trivial_cases() -> None:
    assert word_diff("", "") == []
    assert word_diff("甲", "甲") == [(0, "甲")]
    assert word_diff("", "乙") == [(1, "乙")]
    assert word_diff("甲", "") == [(-1, "甲")]
    assert not has_changes(word_diff("甲乙", "甲乙"))


@given(
    st.text(alphabet="一二三千元以上罚款应当该，。的", max_size=40),
    st.text(alphabet="一二三千元以上罚款应当该，。的", max_size=40),
)
def test_round_trip(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert old_text(ops) == a and new_text(ops) == b
    assert all(text for _, text in ops)


LONG_OLD = (
    "违反本条例规定，未办理河道采砂许可证，擅自在长江采砂的，由县级以上地方人民政府水行政主管部门"
    "或者长江水利委员会依据职权，责令停止违法行为，没收违法所得和非法采砂机具，并处10万元以上30万元以下的罚款；"
    "情节严重的，扣押或者没收非法采砂船舶，并对没收的非法采砂船舶予以拍卖，拍卖款项全部上缴财政。"
    "拒绝、阻碍水行政主管部门或者长江水利委员会依法执行职务，构成违反治安管理行为的，由公安机关依法给予治安管理处罚；"
    "触犯刑律的，依法追究刑事责任。\n违反本条例规定，虽持有河道采砂许可证，但在禁采区、禁采期采砂的，依照前款规定处罚。"
)


def test_long_article_goes_sentence_first_and_stays_precise() -> None:
    new = LONG_OLD.replace("10万元以上30万元以下", "20万元以上200万元以下").replace(
        "触犯刑律的", "构成犯罪的"
    )
    ops = word_diff(LONG_OLD, new)
    assert changes(ops) == [("10万", "20万"), ("30万", "200万"), ("触犯刑律", "构成犯罪")]
    assert old_text(ops) == LONG_OLD and new_text(ops) == new


_SENTENCE_BITS = st.sampled_from(
    ["应当依法", "处一千元罚款", "。", "；", "\n", "有关部门", "：", "二十日内", "的，", "公园管理"]
)


@given(st.lists(_SENTENCE_BITS, max_size=60), st.lists(_SENTENCE_BITS, max_size=60))
def test_round_trip_long(a_bits: list[str], b_bits: list[str]) -> None:
    a, b = "".join(a_bits), "".join(b_bits)
    ops = word_diff(a, b)
    assert old_text(ops) == a and new_text(ops) == b
