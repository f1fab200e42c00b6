"""Decision drafting at 章/节 boundaries (issue 11, try11 F24 and the empty-章 round trip):
a new first article of a 章/节, an article moved across a boundary, a 章 left empty. The
decision keeps the headings (在第二章中增加一条 / 将第七条移至第六条后, never 删去第二章章名 +
增加一章), and applied to the old text it gives the new one."""

from __future__ import annotations

import re

import pytest

from drafting.compare.articles import compare_drafts
from drafting.compare.headings import heading_changes
from drafting.edit.operations import DeleteUnit, EditSession, MoveUnit, insert_before, new_unit
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind, new_uid
from tests.drafting.amend.test_amend_tables import _text, state, trip
from tests.drafting.edit_scripts import apply_script

TEXTS = (
    "local_hangzhou_park_2014.md",
    "pair_lifafa_2015.md",  # 章 with 节
    "pair_beijing_lawmaking_2017.md",  # 节 too
    "local_qingdao_river_2020.md",
)


def _fresh(d: Draft) -> Draft:
    """The same text with new uids: the comparison must pair by content."""
    out = d.clone()
    for u in out.walk():
        u.uid = new_uid()
    return out


def _headings_kept(old: Draft, new: Draft) -> None:
    """``compare --json`` ``headings``: every 章/节 paired with itself, none deleted or added
    (pairing by level and title, not by the article that opens it)."""
    rows = heading_changes(compare_drafts(old, _fresh(new)))
    assert all(r["status"] == "unchanged" for r in rows), [
        r for r in rows if r["status"] != "unchanged"
    ]


def _first_article(heading: Unit) -> Unit | None:
    return next((u for u in heading.walk() if u.kind is UnitKind.ARTICLE), None)


def _openers(d: Draft) -> list[tuple[str, Unit, Unit]]:
    """(full label, heading, the article it opens) of every heading but those opening the
    text's first article (第一章 is covered elsewhere), once per article."""
    ctx = Context(d)
    first = d.articles()[0]
    seen: set[str] = set()
    out = []
    for u in d.walk():
        if not u.kind.is_heading:
            continue
        art = _first_article(u)
        if art is None or art is first or art.uid in seen:
            continue
        # The innermost heading opening the article (第二章第一节 rather than 第二章).
        seen.add(art.uid)
        inner = ctx.parent[art.uid]
        assert inner is not None
        out.append((ctx.full_label(inner.uid), inner, art))
    return out


def _cases() -> list[tuple[str, int]]:
    return [(name, k) for name in TEXTS for k in range(len(_openers(_text(name))))]


@pytest.mark.parametrize(("name", "k"), _cases())
@pytest.mark.parametrize("by_uid", [True, False])
def test_new_first_article_of_a_chapter_or_section(name: str, k: int, by_uid: bool) -> None:
    """F24: the 章/节 did not change, it has one more article at its start."""
    old = _text(name)
    new = old.clone()
    label, heading, art = _openers(new)[k]
    added = new_unit(UnitKind.ARTICLE, "测试新增的本章首条条文。")
    EditSession(new).apply(insert_before(new, art.uid, added))
    number = Context(new).full_label(added.uid)
    got, decision = trip(old, new if by_uid else _fresh(new))
    assert f"在{label}中增加一条，作为{number}：" in decision, decision
    for wrong in ("章名", "节名", "增加一章", "增加一节", "改为第"):
        assert wrong not in decision, decision
    assert state(got) == state(new), decision
    _headings_kept(old, new)


@pytest.mark.parametrize(("name", "k"), _cases())
@pytest.mark.parametrize("back", [True, False])
def test_article_moved_across_a_boundary(name: str, k: int, back: bool) -> None:
    """The first article of a 章/节 moved to the end of the one before (``back``), or the
    last article before a 章/节 moved to its start: a move, the headings untouched."""
    old = _text(name)
    new = old.clone()
    ctx = Context(new)
    label, heading, art = _openers(new)[k]
    articles = new.articles()
    pos = articles.index(art)
    before = articles[pos - 1]
    if back:
        if len([u for u in heading.walk() if u.kind is UnitKind.ARTICLE]) < 2:
            pytest.skip("moving its only article empties the 章/节")
        holder = ctx.parent[before.uid]
        assert holder is not None
        EditSession(new).apply(MoveUnit(art.uid, holder.uid, ctx.position[before.uid] + 1))
        moved, anchor, side = art, before, "后"
    else:
        holder = ctx.parent[before.uid]
        assert holder is not None
        if len([u for u in holder.children if u.kind is UnitKind.ARTICLE]) < 2:
            pytest.skip("moving its only article empties the 章/节")
        EditSession(new).apply(MoveUnit(before.uid, heading.uid, ctx.position[art.uid] - 0))
        moved, anchor, side = before, art, "前"
    old_ctx = Context(old)
    old_moved = old_ctx.full_label(old.articles()[articles.index(moved)].uid)
    old_anchor = old_ctx.full_label(old.articles()[articles.index(anchor)].uid)
    got, decision = trip(old, _fresh(new))
    # G8: the 章/节 it goes to is named (将第七条移至第一章第六条后), where it has a number.
    up = old_ctx.parent[old.articles()[articles.index(anchor)].uid]
    assert up is not None
    within = old_ctx.full_label(up.uid)
    within = (
        within
        if re.fullmatch(r"(?:第[零〇一二两三四五六七八九十百千]+(?:编|分编|章|节))+", within)
        else ""
    )
    assert f"将{old_moved}移至{within}{old_anchor}{side}" in decision, decision
    for wrong in ("章名", "节名", "增加一章", "增加一节"):
        assert wrong not in decision, decision
    assert state(got) == state(new), decision
    _headings_kept(old, new)


def test_a_chapter_left_empty_stays_where_it_was() -> None:
    """Every article of 第一章 deleted but one, moved to the end: 第一章　总则 is left empty
    before 第二章 (not moved to the end with that article: 删去第一章章名 + 在第七条前增加一章
    put it after 第二章's heading)."""
    old = _text("local_hangzhou_park_2014.md")
    new = apply_script(old, [("delete", 0.0, 0.0)] * 5 + [("move", 0.0, 1.0)]).new
    got, decision = trip(old, _fresh(new))
    assert "章名" not in decision and "增加一章" not in decision, decision
    assert "将第六条移至第五章第四十条后" in decision, decision
    assert state(got) == state(new), decision
    heads = [u.heading for u in got.walk() if u.kind.is_heading][:2]
    assert heads == ["总则", "规划和建设"]


def test_a_section_left_empty_stays_where_it_was() -> None:
    """The same for a 节 of the 立法法: every article of 第二章第一节 deleted but the last,
    moved to the end of the text."""
    old = _text("pair_lifafa_2015.md")
    new = old.clone()
    session = EditSession(new)
    _, heading, _ = next(o for o in _openers(new) if o[0] == "第二章第一节")
    own = [u for u in heading.walk() if u.kind is UnitKind.ARTICLE]
    for u in own[:-1]:
        session.apply(DeleteUnit(u.uid))
    last = new.articles()[-1]
    ctx = Context(new)
    parent = ctx.parent[last.uid]
    session.apply(MoveUnit(own[-1].uid, parent.uid if parent else None, ctx.position[last.uid]))
    got, decision = trip(old, _fresh(new))
    assert "节名" not in decision and "增加一节" not in decision, decision
    assert state(got) == state(new), decision


@pytest.mark.parametrize(
    ("name", "k"),
    [("local_hangzhou_park_2014.md", 1), ("local_hangzhou_park_2014.md", 4),
     ("pair_lifafa_2015.md", 2), ("pair_lifafa_2015.md", 3), ("pair_lifafa_2015.md", 5)],
)  # fmt: skip
def test_an_empty_chapter_or_section_added_before_another(name: str, k: int) -> None:
    """A new 章/节 with no article, just before an old one: placed before it (after the
    articles of the one before), the old one still opening its articles."""
    old = _text(name)
    new = old.clone()
    heading = [u for u in new.walk() if u.kind.is_heading][k]
    EditSession(new).apply(insert_before(new, heading.uid, new_unit(heading.kind, heading="空章")))
    got, decision = trip(old, _fresh(new))
    assert "章名" not in decision and "节名" not in decision, decision
    assert state(got) == state(new), decision
