"""Find and replace in a draft's words, without Qt."""

from __future__ import annotations

from drafting.edit.find import FindOptions, find_all, replace_in, replacements
from drafting.edit.operations import EditSession, EditText
from drafting.model.units import Draft, Unit, UnitKind


def _draft() -> Draft:
    def art(*texts: str) -> Unit:
        return Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=t) for t in texts])

    return Draft(
        title="某市公园条例",
        units=[
            Unit(
                UnitKind.CHAPTER,
                heading="公园管理",
                children=[
                    art("公园由园林部门管理。", "公园管理办法另行制定。"),
                    art("违反本条例第一条规定的，由园林部门处理。APP和app、apple不同。"),
                ],
            )
        ],
    )


def test_hits_in_reading_order_named_by_article() -> None:
    draft = _draft()
    hits = find_all(draft, "公园")
    assert [(h.owner_label, h.field, h.start) for h in hits] == [
        ("第一章", "heading", 0),
        ("第一条", "text", 0),
        ("第一条", "text", 0),
    ]
    assert [h.line[h.start : h.end] for h in hits] == ["公园"] * 3
    assert find_all(draft, "") == []
    assert find_all(draft, "没有的词") == []


def test_case_and_whole_word_for_latin_only() -> None:
    draft = _draft()
    assert len(find_all(draft, "app")) == 3
    assert len(find_all(draft, "app", FindOptions(case=True))) == 2
    assert len(find_all(draft, "app", FindOptions(whole_word=True))) == 2
    assert len(find_all(draft, "app", FindOptions(case=True, whole_word=True))) == 1
    # A Chinese phrase matches inside longer Chinese words whatever the option.
    assert len(find_all(draft, "园林", FindOptions(whole_word=True))) == 2


def test_replace_literal_and_count() -> None:
    assert replace_in("a.b a.b", "a.b", r"\1x") == (r"\1x \1x", 2)
    assert replace_in("公园公园", "公园", "绿地") == ("绿地绿地", 2)
    assert replace_in("abc", "", "x") == ("abc", 0)


def test_replacements_as_text_edits_keep_references_and_undo() -> None:
    draft = _draft()
    session = EditSession(draft)
    bound_before = sum(len(v) for v in session.index.by_unit.values())
    planned = replacements(draft, "园林部门", "绿化主管部门")
    assert sum(count for *_rest, count in planned) == 2
    ops = [EditText(uid, value, field) for uid, field, value, _count in planned]
    for op in ops:
        session.apply(op)
    assert find_all(draft, "园林部门") == []
    assert len(find_all(draft, "绿化主管部门")) == 2
    assert sum(len(v) for v in session.index.by_unit.values()) == bound_before
    for _ in ops:
        session.undo()
    assert len(find_all(draft, "园林部门")) == 2


def test_title_count_sees_the_title_find_leaves_alone() -> None:
    from drafting.edit.find import title_count

    draft = _draft()
    draft.title = "某市公园管理条例"
    assert title_count(draft, "公园") == 1 and title_count(draft, "") == 0
    assert all(hit.field != "title" for hit in find_all(draft, "公园"))
    assert title_count(draft, "PARK", FindOptions(case=True)) == 0
