"""Near-duplicate clustering: variants of one comment group together, different comments don't."""

from __future__ import annotations

import random

from consultation.clustering import Cluster, bigrams, find_clusters, jaccard, normalise
from consultation.decisions import cluster_comments, decide_cluster, make_decision
from consultation.model import Comment, Disposition, Target
from tests.consultation.drafts import sample_draft

BASES = [
    "建议将古城内机动车限行时间由早七点至晚九点调整为早八点至晚八点，方便居民出行。",
    "强烈要求保留古城墙下的早市，早市是老百姓生活的一部分，取消后买菜很不方便。",
    "建议对历史建筑修缮给予财政补贴，个人承担修缮费用过高，很多家庭无力修缮。",
]
DISTINCT = [
    "第十二条禁止的行为列举不全，建议增加在文物上张贴广告。",
    "建议明确古树名木的保护责任主体，加大对损害古树行为的处罚。",
    "希望条例规定保护资金的来源，并定期向社会公开使用情况。",
    "反对拆除南门外老街区，老街区应当整体保护。",
    "建议把游客承载量控制写入条例，旺季实行预约入城。",
    "商铺招牌的规定过于严格，建议允许保留老字号招牌。",
    "同意。",
    "赞成",
]


def variants(text: str, rng: random.Random, n: int) -> list[str]:
    out = []
    for k in range(n):
        v = text
        if k % 4 == 1:
            v = v.replace("，", ",").replace("。", ".")  # half-width punctuation
        elif k % 4 == 2:
            v = " ".join(v[i : i + 5] for i in range(0, len(v), 5))  # spaces
        elif k % 4 == 3:
            chars = list(v)
            i = rng.randrange(len(chars))
            chars[i] = "的"  # a small edit
            del chars[rng.randrange(len(chars))]
            v = "我认为" + "".join(chars) + "！"
        out.append(v)
    return out


def test_normalise_folds_width_punctuation_and_spaces() -> None:
    assert (
        normalise("建议， 删除 第十二条！") == normalise("建议,删除第十二条!") == "建议删除第十二条"
    )
    assert normalise("ＡＢＣ　１２３") == "abc123"


def test_jaccard_of_bigrams() -> None:
    assert jaccard(bigrams("甲乙丙"), bigrams("甲乙丙")) == 1.0
    assert jaccard(bigrams("甲乙丙"), bigrams("丁戊己")) == 0.0


def test_variants_cluster_and_distinct_comments_stay_apart() -> None:
    rng = random.Random(1)
    texts: list[str] = []
    truth: list[int] = []
    for n, base in enumerate(BASES):
        for v in variants(base, rng, 40):
            texts.append(v)
            truth.append(n)
    for n, text in enumerate(DISTINCT):
        texts.append(text)
        truth.append(100 + n)
    order = list(range(len(texts)))
    rng.shuffle(order)
    texts = [texts[i] for i in order]
    truth = [truth[i] for i in order]
    clusters: list[Cluster[int]] = find_clusters(texts)
    assert len(clusters) == 3
    for cluster in clusters:
        assert {truth[m] for m in cluster.member_ids} == {truth[cluster.member_ids[0]]}
        assert cluster.count == 40
        assert cluster.representative in BASES  # the commonest wording
    clustered = {m for c in clusters for m in c.member_ids}
    assert all(truth[i] >= 100 for i in range(len(texts)) if i not in clustered)


def test_identical_short_texts_group_but_different_ones_do_not() -> None:
    clusters: list[Cluster[int]] = find_clusters(["同意。", "同意", "同意！", "赞成", "不同意"])
    assert [sorted(c.member_ids) for c in clusters] == [[0, 1, 2]]


def test_keys_keep_articles_apart() -> None:
    texts = ["建议删除本条规定的罚款条款。"] * 4
    clusters = find_clusters(texts, ["a", "b", "c", "d"], keys=[1, 1, 2, 2])
    assert sorted(sorted(c.member_ids) for c in clusters) == [["a", "b"], ["c", "d"]]


def test_a_cluster_is_decided_once() -> None:
    draft = sample_draft()
    comments = [
        Comment(content=t, target=Target("a12")) for t in variants(BASES[0], random.Random(2), 6)
    ]
    comments.append(Comment(content=DISTINCT[0], target=Target("a12")))
    clusters = cluster_comments(comments, draft)
    assert len(clusters) == 1 and clusters[0].count == 6
    assert comments[-1].cluster_id is None
    decided = decide_cluster(
        comments, 0, make_decision(Disposition.NOT_ADOPTED, "与上位法不符", "法工委")
    )
    assert decided == 6
    assert all(c.disposition is Disposition.NOT_ADOPTED for c in comments[:6])
    assert comments[-1].decision is None
