"""Ranking candidates by sequence ratio, with the diff to each wording (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass

from drafting.search.similar import group_by_place, rank


@dataclass
class Text:
    text: str


def test_the_closest_wording_ranks_first_with_its_diff() -> None:
    article = "市人民政府应当加强对公园工作的领导，将公园建设纳入国民经济和社会发展规划。"
    candidates = [
        Text("县级以上人民政府应当做好安全生产工作。"),
        Text("市人民政府应当加强对公园工作的领导，将公园建设和保护纳入国民经济和社会发展规划。"),
        Text("市人民政府应当加强对河道工作的领导。"),
    ]
    ranked = rank(article, candidates, limit=2)
    assert [r.candidate for r in ranked] == [candidates[1], candidates[2]]
    assert 0.9 < ranked[0].score < 1.0
    assert ranked[0].diff == [
        (0, "市人民政府应当加强对公园工作的领导，将公园建设"),
        (1, "和保护"),
        (0, "纳入国民经济和社会发展规划。"),
    ]


def test_ties_keep_the_candidates_order() -> None:
    same = [Text("甲乙丙丁"), Text("甲乙丙丁"), Text("甲乙")]
    assert [r.candidate for r in rank("甲乙丙丁", same, limit=3)] == same


def test_group_by_place_keeps_the_best_first() -> None:
    items = [("宁波市", 1), ("青岛市", 2), ("宁波市", 3), ("", 4)]
    assert group_by_place(items) == [("宁波市", [1, 3]), ("青岛市", [2]), ("", [4])]
