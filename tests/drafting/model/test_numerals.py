"""Chinese numerals both ways (property tests over the whole range used by statutes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafting.model.numerals import from_chinese, is_chinese_numeral, to_chinese

KNOWN = {
    1: "一",
    10: "十",
    11: "十一",
    20: "二十",
    101: "一百零一",
    110: "一百一十",
    1001: "一千零一",
    1260: "一千二百六十",
    452: "四百五十二",
    10010: "一万零一十",
}


@pytest.mark.parametrize(("value", "text"), sorted(KNOWN.items()))
def test_known_values(value: int, text: str) -> None:
    assert to_chinese(value) == text
    assert from_chinese(text) == value


@given(st.integers(min_value=1, max_value=99999))
def test_round_trip(value: int) -> None:
    text = to_chinese(value)
    assert is_chinese_numeral(text)
    assert from_chinese(text) == value


def test_tolerated_forms() -> None:
    assert from_chinese("〇") == 0
    assert from_chinese("两百") == 200
    assert from_chinese("12") == 12


@pytest.mark.parametrize("text", ["", "第一", "十a"])
def test_not_numerals(text: str) -> None:
    assert not is_chinese_numeral(text)
    with pytest.raises(ValueError):
        from_chinese(text)


def test_out_of_range() -> None:
    with pytest.raises(ValueError):
        to_chinese(100000)
    with pytest.raises(ValueError):
        to_chinese(-1)
