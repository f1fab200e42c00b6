"""相关意见 without Qt: the comments behind each changed row of a comparison of two versions."""

from __future__ import annotations

import copy

from consultation.decisions import make_decision
from consultation.model import Comment, Disposition, Source, Target
from consultation.related import RelatedComment, related_by_pair
from drafting.compare.articles import compare_drafts
from tests.consultation.drafts import sample_draft


def test_comments_filed_under_the_changed_rows_of_their_old_articles() -> None:
    old = sample_draft()
    new = copy.deepcopy(old)
    twelfth = next(a for a in new.articles() if a.uid == "a12")
    twelfth.children[0].text = "古城内的建设活动应当严格符合保护规划。"
    fifth = next(a for a in new.articles() if a.uid == "a5")
    fifth.children[0].text += "（已修改）"
    comparison = compare_drafts(old, new, by_uid=True)
    comments = [
        Comment("整条意见", source=Source.EXPERT, target=Target("a12"), id=1),
        Comment("某项意见", target=Target("a12p2i2"), id=2),
        Comment("未修改的条文", target=Target("a6"), id=3),
        Comment("总体意见"),
        Comment("第五条", target=Target("a5"), id=5),
    ]
    comments[4].decision = make_decision(Disposition.ADOPTED)
    by_pair = related_by_pair(comparison, comments, old)
    rows = {k: [(e.id, e.target) for e in entries] for k, entries in by_pair.items()}
    changed = comparison.changes
    assert set(by_pair) <= set(changed) and len(by_pair) == 2
    pair_of = {unit.uid: k for k, p in enumerate(comparison.pairs) for unit in p.old}
    assert rows[pair_of["a12"]] == [(1, "第十二条"), (2, "第十二条第二款第（二）项")]
    assert by_pair[pair_of["a5"]] == [RelatedComment(5, "第五条", "第五条", "社会公众", "采纳")]
    assert by_pair[pair_of["a12"]][0].source == "专家学者"
    assert by_pair[pair_of["a12"]][0].disposition == "待处理"
