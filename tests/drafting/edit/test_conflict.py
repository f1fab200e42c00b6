"""Three-way merge of two drafters' saves of the same version (drafting.edit.conflict)."""

from __future__ import annotations

from drafting.edit.conflict import Resolution, Snapshot, merge, resolve
from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.plain_text import render_text
from tests.consultation.drafts import sample_draft


def para(draft: Draft, article_uid: str, n: int = 0) -> Unit:
    article = draft.find(article_uid)
    assert article is not None
    return article.children[n]


def three() -> tuple[Snapshot, Draft, Draft]:
    base = sample_draft()
    return Snapshot.of(base), base.clone(), base.clone()


def test_one_sided_changes_merge_without_asking_both_ways() -> None:
    base, mine, theirs = three()
    para(mine, "a1").text = "我改的第一条。"
    para(theirs, "a2").text = "对方改的第二条。"
    theirs.title = "对方改的标题"
    merged = merge(base, mine, theirs)
    assert merged.conflicts == [] and merged.structure_from == "theirs"
    out, changed = resolve(merged, {})
    assert para(out, "a1").text == "我改的第一条。"
    assert para(out, "a2").text == "对方改的第二条。" and out.title == "对方改的标题"
    assert changed == {para(mine, "a1").uid}


def test_a_unit_changed_on_both_sides_is_a_conflict_settled_each_way() -> None:
    base, mine, theirs = three()
    uid = para(mine, "a3").uid
    para(mine, "a3").text = "第3条的内容，规定古城保护的第三项要求。"
    para(theirs, "a3").text = "第3条的内容，规定古城保护的重要要求。"
    merged = merge(base, mine, theirs)
    [conflict] = merged.conflicts
    assert (conflict.uid, conflict.label) == (uid, "第三条第一款")
    assert conflict.mine == para(mine, "a3").text and conflict.theirs == para(theirs, "a3").text
    for choice, expected in (
        (Resolution("mine"), para(mine, "a3").text),
        (Resolution("theirs"), para(theirs, "a3").text),
        (Resolution("hand", "手工合并的文字。"), "手工合并的文字。"),
    ):
        out, _changed = resolve(merged, {uid: choice})
        assert para(out, "a3").text == expected
    # The inputs are left as they were.
    assert para(mine, "a3").text.endswith("第三项要求。")


def test_structure_changed_here_keeps_their_words_and_their_new_article() -> None:
    base, mine, theirs = three()
    chapter = mine.units[0]
    chapter.children.insert(0, Unit(UnitKind.ARTICLE, uid="new-mine"))
    para(theirs, "a4").text = "对方改的第四条。"
    theirs.units[1].children.append(Unit(UnitKind.ARTICLE, uid="new-theirs"))
    deleted = theirs.units[1].children.pop(0)  # they deleted 第六条 (a6), unchanged here
    merged = merge(base, mine, theirs)
    assert merged.structure_from == "mine" and merged.conflicts == []
    out, _changed = resolve(merged, {})
    uids = [u.uid for u in out.walk()]
    assert "new-mine" in uids and "new-theirs" in uids and deleted.uid not in uids
    assert para(out, "a4").text == "对方改的第四条。"
    assert uids.index("new-theirs") > uids.index("a20")


def test_deleted_there_changed_here_is_a_conflict() -> None:
    base, mine, theirs = three()
    para(mine, "a7").text = "我改的第七条。"
    theirs.units[1].children = [a for a in theirs.units[1].children if a.uid != "a7"]
    merged = merge(base, mine, theirs)
    # Their deletion of the article is taken; my change of its 款 is the conflict.
    assert [(c.label, c.mine, c.theirs) for c in merged.conflicts] == [
        ("第七条第一款", "我改的第七条。", None)
    ]
    gone, _ = resolve(merged, {c.uid: Resolution("theirs") for c in merged.conflicts})
    assert gone.find("a7") is None
    kept, _ = resolve(merged, {c.uid: Resolution("mine") for c in merged.conflicts})
    assert kept.find("a7") is not None and "我改的第七条。" in render_text(kept)
    uids = [u.uid for u in kept.walk()]
    assert uids.index("a7") == uids.index("a6") + 2  # back after 第六条 (and its 款)


def test_titles_changed_on_both_sides_conflict() -> None:
    base, mine, theirs = three()
    mine.title, theirs.title = "甲的标题", "乙的标题"
    merged = merge(base, mine, theirs)
    assert [(c.uid, c.mine, c.theirs) for c in merged.conflicts] == [
        ("#title", "甲的标题", "乙的标题")
    ]
    assert resolve(merged, {"#title": Resolution("theirs")})[0].title == "乙的标题"
    assert resolve(merged, {"#title": Resolution("hand", "丙")})[0].title == "丙"
