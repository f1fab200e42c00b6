"""Text as written: one encoding detection for regulation texts and CSV sheets."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.read.files import read_draft
from drafting.read.text_encoding import EncodingRefused, decode, detect_encoding
from drafting.read.textfile import decode_text

SIMPLIFIED = "第一条　为了加强物业管理，规范物业管理活动，维护业主的合法权益，制定本条例。\n"
TRADITIONAL = "第一條　為了加強物業管理，規範物業管理活動，維護業主的合法權益，制定本條例。\n"


@pytest.mark.parametrize(
    "data, expected",
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (TRADITIONAL.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("gb18030"), "gb18030"),  # traditional characters typed in GBK
        (TRADITIONAL.encode("big5"), "cp950"),
        (TRADITIONAL.strip().encode("big5"), "cp950"),  # no ASCII at all
        (SIMPLIFIED.encode("utf-32"), "utf-32"),
    ],
)
def test_detects(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected
    text, _ = decode(data)
    assert text.strip() in (SIMPLIFIED.strip(), TRADITIONAL.strip())


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x00\x01\x02\x03" * 40, b"abc\x00\x00\x00def"],
    ids=["all-bytes", "binary", "nul"],
)
def test_refuses_binary_with_the_reason(data: bytes) -> None:
    with pytest.raises(EncodingRefused) as caught:
        detect_encoding(data)
    assert "\n" not in str(caught.value) and "文件" in str(caught.value)


def test_big5_regulation_text_is_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "條例.txt"
    path.write_bytes(
        ("測試條例\n\n" + TRADITIONAL + "第二條　本條例自公布之日起施行。\n").encode("big5")
    )
    assert decode_text(path.read_bytes()).splitlines()[2] == TRADITIONAL.strip()
    # Traditional 條 is read too, its label kept as printed.
    articles = read_draft(path).draft.articles()
    assert len(articles) == 2
    assert "本條例自公布之日起施行" in articles[1].walk().__next__().children[0].text


def test_utf16_regulation_without_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes(("测试条例\r\n\r\n" + SIMPLIFIED).encode("utf-16-le"))
    assert len(read_draft(path).draft.articles()) == 1


COMMON_SIMPLIFIED = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
TRADITIONAL_BIG5 = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處理府研質"


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.text(st.sampled_from(COMMON_SIMPLIFIED + "，。；：“”（）"), min_size=8, max_size=80))
def test_simplified_text_round_trips(text: str) -> None:
    for encoding in ("gb18030", "utf-8"):
        assert decode(text.encode(encoding))[0] == text
    # UTF-16 without BOM is known by its zero bytes: a line end gives one, as in any real file.
    assert decode((text + "\n").encode("utf-16-le"))[0] == text + "\n"


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.text(st.sampled_from(TRADITIONAL_BIG5 + "，。；："), min_size=8, max_size=80))
def test_traditional_big5_text_round_trips(text: str) -> None:
    assert decode(text.encode("cp950"))[0] == text
