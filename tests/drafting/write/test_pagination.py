"""Pagination of the house layout (no Qt): the rules the .docx asks Word and LibreOffice for."""

from __future__ import annotations

import pytest

from drafting.write.pagination import Flow, Placed, page_count, paginate


def test_lines_fill_pages_of_22() -> None:
    placed = paginate([Flow(30, widow_control=False)], 22)
    assert placed == [[Placed(0, 0, 0, 22), Placed(1, 0, 22, 8)]]
    assert page_count(placed) == 2


def test_space_between_paragraphs_is_the_larger_and_none_at_the_top() -> None:
    heading = Flow(1, space_before=1, space_after=1, keep_with_next=True)
    placed = paginate([Flow(1, space_after=1), heading, Flow(2)], 22)
    assert [p[0].slot for p in placed] == [0, 2, 4]  # one blank line each, not two
    # A heading that opens a page has no space above it.
    placed = paginate([Flow(22, widow_control=False), heading, Flow(2)], 22)
    assert placed[1] == [Placed(1, 0, 0, 1)]


def test_heading_kept_with_the_first_lines_of_its_article() -> None:
    heading = Flow(1, space_before=1, space_after=1, keep_with_next=True)
    # 18 lines used: the heading (slot 19) and two lines of the article (21, 22) do not fit.
    placed = paginate([Flow(18, widow_control=False), heading, Flow(5)], 22)
    assert placed[1] == [Placed(1, 0, 0, 1)]
    assert placed[2][0] == Placed(1, 2, 0, 5)


def test_widow_and_orphan_control() -> None:
    # 21 lines used, a paragraph of 3: one line alone at the foot is an orphan → next page.
    placed = paginate([Flow(21, widow_control=False), Flow(3)], 22)
    assert placed[1] == [Placed(1, 0, 0, 3)]
    # 19 used, a paragraph of 4: three would fit, but the last one alone is a widow → 2 + 2.
    placed = paginate([Flow(19, widow_control=False), Flow(4)], 22)
    assert placed[1] == [Placed(0, 19, 0, 2), Placed(1, 0, 2, 2)]
    # Without widow control the page is filled.
    placed = paginate([Flow(19, widow_control=False), Flow(4, widow_control=False)], 22)
    assert placed[1] == [Placed(0, 19, 0, 3), Placed(1, 0, 3, 1)]


def test_a_chain_longer_than_a_page_is_not_kept() -> None:
    flows = [Flow(1, keep_with_next=True) for _ in range(30)] + [Flow(1)]
    placed = paginate(flows, 22)
    assert page_count(placed) == 2
    assert sum(p.count for row in placed for p in row) == 31


def test_bad_page() -> None:
    with pytest.raises(ValueError):
        paginate([Flow(1)], 0)
