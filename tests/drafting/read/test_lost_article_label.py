"""A lost or broken article label in a real text.

A broken label form (十条, 第十, 第十 条) is read as the article, warned with its line. A 款 with
no label at all where one article number is missing stays a 款 of the article before (the source
may have deleted that article and kept the labels): never moved on a guess, only warned."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.model.numbering import compute_numbers
from drafting.read.parse import parse_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SOURCE = "local_hangzhou_park_2014.md"
LABELLED = "第十条 规划行政主管部门应当对公园周围的建设项目加以控制"
WORDS = "规划行政主管部门应当对公园周围的建设项目加以控制，使其与公园景观和环境相协调。"


def _text() -> str:
    path = CORPUS / SOURCE
    if not path.exists():  # the worktree's ../shared, else the shared folder itself
        path = Path("/work/shared/corpus") / SOURCE
    return path.read_text(encoding="utf-8")


def _line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if words in line)


@pytest.mark.parametrize(
    ("printed", "how"),
    [
        ("十条 ", "残缺"),  # 第 lost
        ("第十 ", "残缺"),  # 条 lost
    ],
)
def test_a_lost_article_label_is_warned_and_the_article_kept_by_position(
    printed: str, how: str
) -> None:
    original = parse_text(_text())
    text = _text().replace(LABELLED, printed + LABELLED.removeprefix("第十条 "))
    assert text != _text()
    result = parse_text(text)
    articles = result.draft.articles()
    assert len(articles) == len(original.draft.articles())
    numbers = compute_numbers(result.draft)
    tenth = articles[9]
    assert numbers[tenth.uid].label == "第十条"
    assert [c.text for c in tenth.children] == [WORDS]
    # The article before keeps only its own words; the numbers after are the printed ones.
    assert [c.text for c in articles[8].children] == [
        c.text for c in original.draft.articles()[8].children
    ]
    assert [numbers[a.uid].label for a in articles] == [
        compute_numbers(original.draft)[a.uid].label for a in original.draft.articles()
    ]
    line = _line_of(text, WORDS)
    warning = next(w for w in result.warnings if how in w.message)
    assert warning.line == line
    assert f"第{line}行" in warning.message and "第十条" in warning.message


def test_a_label_spaced_inside_is_read_and_kept_as_printed() -> None:
    text = _text().replace(LABELLED, "第十 条 " + LABELLED.removeprefix("第十条 "))
    result = parse_text(text)
    tenth = result.draft.articles()[9]
    assert [c.text for c in tenth.children] == [WORDS]
    assert compute_numbers(result.draft)[tenth.uid].label == "第十 条"  # as printed
    line = _line_of(text, WORDS)
    assert any(w.line == line and "第十 条" in w.message for w in result.warnings)


def test_an_unlabelled_paragraph_in_a_gap_stays_a_paragraph_and_is_warned() -> None:
    """第九条 … (no label) … 第十一条: the words stay the 第九条's last 款, as printed."""
    original = parse_text(_text())
    text = _text().replace(LABELLED, LABELLED.removeprefix("第十条 "))
    result = parse_text(text)
    articles = result.draft.articles()
    assert len(articles) == len(original.draft.articles()) - 1
    ninth = articles[8]
    before = [c.text for c in original.draft.articles()[8].children]
    assert [c.text for c in ninth.children] == [*before, WORDS]
    para = "第" + "一二三四五六七八九"[len(before)] + "款"
    warning = next(w for w in result.warnings if "第九条之后缺第十条" in w.message)
    assert f"第九条之后缺第十条；第九条{para}可能是第十条，请核对" in warning.message
    assert warning.line == _line_of(text, WORDS)
