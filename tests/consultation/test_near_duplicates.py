"""A test set of real-looking variants with the groups a drafter expects (issue 14 item 3).

Campaign texts reworded, with words put in or left out, punctuation and spacing changed, clauses
in another order; and texts on the same topic that ask the opposite, which must stay apart.
"""

from __future__ import annotations

from consultation.clustering import bigrams, find_clusters, jaccard, normalise, ratio, similar

# Each inner list is one expected group; a one-text list must stay on its own.
EXPECTED: list[list[str]] = [
    [
        "大沽河护堤地的宽度太窄了，建议按照河道两侧各不少于三十米划定护堤地。",
        "大沽河护堤地宽度太窄，建议按河道两侧各不少于三十米的标准划定。",
        "大沽河护堤地的宽度太窄了,建议按照河道两侧各不少于三十米划定护堤地!",
        "我认为大沽河护堤地的宽度太窄了，建议按照河道两侧各不少于 三十米 划定护堤地。谢谢！",
    ],
    [
        "建议保留古城墙下的早市，早市是老百姓生活的一部分，取消后买菜很不方便。",
        "强烈建议保留古城墙下的早市，早市是老百姓生活的一部分，取消以后买菜很不方便。",
        "早市是老百姓生活的一部分，取消后买菜很不方便，建议保留古城墙下的早市。",
    ],
    [
        "建议取消古城墙下的早市，早市占道经营，影响交通和环境卫生。",
        "建议取消古城墙下的早市，早市占道经营，严重影响交通和环境卫生。",
    ],
    [
        "建议延长商户的营业时间至晚上十点，方便居民夜间购物。",
        "建议延长商户营业时间到晚上十点，方便居民晚上购物。",
    ],
    ["建议不延长商户的营业时间至晚上十点，方便居民夜间休息。"],
    [
        "第十二条规定的罚款数额过低，建议提高到五千元以上，否则起不到震慑作用。",
        "第十二条的罚款数额过低，建议提高到五千元以上，不然起不到震慑作用。",
    ],
    ["第十二条规定的罚款数额过高，建议降低到五百元以下，以教育为主。"],
    ["同意。", "同意", "同意！"],
    ["不同意"],
    ["建议明确古树名木的保护责任主体，加大对损害古树行为的处罚。"],
    ["建议把游客承载量控制写入条例，旺季实行预约入城。"],
]


def test_the_dagu_river_pair_is_caught_by_the_ratio_not_by_bigrams() -> None:
    a, b = (normalise(t) for t in EXPECTED[0][:2])
    assert jaccard(bigrams(a), bigrams(b)) < 0.6  # the old measure missed it
    assert ratio(a, b) >= 0.8
    assert similar(EXPECTED[0][0], EXPECTED[0][1])


def test_opposite_demands_on_the_same_topic_do_not_group() -> None:
    assert not similar(EXPECTED[1][0], EXPECTED[2][0])  # 保留 / 取消 the 早市
    assert not similar(EXPECTED[3][0], EXPECTED[4][0])  # 延长 / 不延长
    assert not similar(EXPECTED[5][0], EXPECTED[6][0])  # 提高 / 降低 the fine
    # A typo that breaks a word is not a change of stance.
    assert similar(EXPECTED[1][0], EXPECTED[1][0].replace("取消后", "消后"))


def test_the_test_set_groups_as_expected() -> None:
    texts = [t for group in EXPECTED for t in group]
    truth = [n for n, group in enumerate(EXPECTED) for _ in group]
    clusters = find_clusters(texts)
    found = sorted(sorted(truth[m] for m in c.member_ids) for c in clusters)
    expected = sorted([n] * len(group) for n, group in enumerate(EXPECTED) if len(group) > 1)
    assert found == expected
    for cluster in clusters:
        assert cluster.representative in texts


def test_clause_order_does_not_matter() -> None:
    assert similar(EXPECTED[1][0], EXPECTED[1][2])
