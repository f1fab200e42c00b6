"""A 目录 line naming the 附件 (附件：日照市公园分类表) is the 目录's, not the 序言's (F8)."""

from __future__ import annotations

from drafting.read.parse import parse_text

HEAD = """日照市公园条例

目　　录

第一章　总则

第二章　规划和建设

{extra}序　　言

日照市山海相依，公园是城市的绿色客厅。

第一章　总则

第一条　为了促进公园事业健康发展，制定本条例。

第二章　规划和建设

第二条　公园规划应当坚持生态优先。

附件：日照市公园分类表

综合公园、社区公园和游园。
"""


def test_a_toc_line_naming_the_appendix_belongs_to_the_toc() -> None:
    result = parse_text(HEAD.format(extra="附件：日照市公园分类表\n\n"))
    draft = result.draft
    assert draft.preamble is not None
    assert draft.preamble.paragraphs == ["日照市山海相依，公园是城市的绿色客厅。"]
    assert any(w.message == "目录（4 行）未作为正文读入" for w in result.warnings)
    assert [a.label for a in draft.appendices] == ["附件："]
    assert len(draft.articles()) == 2


def test_without_it_the_toc_and_preamble_read_as_before() -> None:
    result = parse_text(HEAD.format(extra=""))
    assert result.draft.preamble is not None
    assert result.draft.preamble.paragraphs == ["日照市山海相依，公园是城市的绿色客厅。"]
    assert any(w.message == "目录（3 行）未作为正文读入" for w in result.warnings)
