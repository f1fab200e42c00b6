"""The faults a fresh tester found in the 修改决定 and ``amend`` (issue 11), each as a kind:
old words quoted (not renumbered ones), punctuation width in the round trip, whole-phrase
quotations and grouping, headings, the forms of 项/款 additions, the last item's 。, the 目录
and notes kept, and a decision with nothing to apply."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import FULL_WIDTH_SENTENCE, amendment_decision
from drafting.model.numbering import article_body
from drafting.model.units import Draft, Unit, UnitKind
from tests.drafting.compare_helpers import article, draft, read_draft

A1 = "为了加强公园管理，制定本条例。"
A2 = "本条例适用于本市行政区域内的公园。"
A3 = "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。"
A4 = "违反本条例第三条规定的，由主管部门依法给予行政处分。"
A5 = "本条例自2025年1月1日起施行。"


def bodies(d: Draft) -> list[str]:
    """Every article's words exactly as printed (no normalising)."""
    return [article_body(a) for a in d.articles()]


def round_trip(old: Draft, new: Draft) -> tuple[Draft, str]:
    """decision(old → new) read back and applied to old: the result and the decision."""
    text = amendment_decision(compare_drafts(old, new))
    read = read_decision(text)
    assert read.unread == [], (read.unread, text)
    result = apply_decision(old, read)
    assert result.failed == [], ([(i.action, r) for i, r in result.failed], text)
    return result.draft, text


def five() -> Draft:
    return draft(
        article(A1), article(A2), article(A3), article(A4), article(A5), title="某市公园条例"
    )


# ---- 1. the decision quotes the OLD words; renumbered citations are no amendment ----------------


def test_a_phrase_touching_a_renumbered_citation_quotes_the_old_number() -> None:
    old = five()
    new = draft(
        article(A1),
        article(A3),
        article("依照本条例第二条规定的，由主管部门依法给予行政处分。"),
        article(A5),
        title="某市公园条例",
    )
    got, text = round_trip(old, new)
    assert "删去第二条。" in text
    # 违反本条例第三条 (old number) → 依照本条例第二条 (new number): the old text is quoted.
    assert "将第四条中的“违反本条例第三条规定的”修改为“依照本条例第二条规定的”" in text, text
    assert bodies(got) == bodies(new)


def test_a_citation_that_only_follows_renumbering_is_left_to_the_closing_clause() -> None:
    old = five()
    new = draft(
        article(A1), article(A3), article(A4.replace("第三条", "第二条")), article(A5),
        title="某市公园条例",
    )  # fmt: skip
    got, text = round_trip(old, new)
    assert "第四条" not in text.split("本决定")[0].replace("删去第二条", ""), text
    assert "对条文顺序作相应调整" in text
    assert bodies(got) == bodies(new)


def test_amend_accepts_a_decision_quoting_the_old_citation() -> None:
    """A decision written by hand the committee's way: 第四条 still cites 第三条 in the text it
    amends; the words replaced carry final numbers, the others follow the renumbering."""
    old = five()
    text = "\n".join(
        [
            "一、删去第二条。",
            "二、将第四条中的“本条例第三条”修改为“本条例第二条、第三条”。",
        ]
    )
    result = apply_decision(old, read_decision(text))
    assert result.failed == []
    assert bodies(result.draft)[2] == "违反本条例第二条、第三条规定的，由主管部门依法给予行政处分。"


# ---- 3. whole phrases, grouped replacements ----------------------------------------------------


def test_quotations_are_whole_phrases_and_identical_replacements_grouped(corpus: Path) -> None:
    old = read_draft(corpus / "pair_lifafa_2015.md")
    new = read_draft(corpus / "pair_lifafa_2023.md")
    got, text = round_trip(old, new)
    assert "“面意见比较”" not in text and "“和有关的专”" not in text
    assert "“各方面意见比较一致的”修改为“各方面的意见比较一致的”" in text
    grouped = [ln for ln in text.splitlines() if "中的“法律委员会”修改为“宪法和法律委员会”" in ln]
    assert len(grouped) == 1, grouped
    assert "第二十四条、第二十九条第三款、第四款、" in grouped[0]
    assert bodies(got) == bodies(new)


def test_places_of_one_article_read_back() -> None:
    read = read_decision(
        "一、将第二十九条第三款、第四款、第三十条中的“法律委员会”修改为“宪法和法律委员会”。"
    )
    (ins,) = read.instructions
    assert [p.words() for p in ins.places] == ["第二十九条第三款", "第二十九条第四款", "第三十条"]


def test_a_term_in_two_places_of_one_article_is_quoted_once() -> None:
    old = draft(article("由法律委员会审议，法律委员会提出报告。"), title="某法")
    new = draft(article("由宪法和法律委员会审议，宪法和法律委员会提出报告。"), title="某法")
    got, text = round_trip(old, new)
    assert "一、将第一条中的“法律委员会”修改为“宪法和法律委员会”。" in text, text
    assert bodies(got) == bodies(new)


# ---- 4. punctuation width ----------------------------------------------------------------------


def test_punctuation_width_alone_round_trips_by_the_closing_sentence() -> None:
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"), title="某条例")
    new = draft(article("下列事项："), article("其他事项（另行规定）。"), title="某条例")
    got, text = round_trip(old, new)
    # Not an item, not a sentence of its own: the 重新公布 sentence adjusts it (issue 11).
    assert FULL_WIDTH_SENTENCE not in text
    assert "《某条例》根据本决定作相应修改并对标点符号作相应调整，重新公布。" in text, text
    assert bodies(got) == bodies(new)


def test_punctuation_width_in_the_old_closing_sentence_is_still_read() -> None:
    """Decisions drafted before say it in a sentence of their own: amend still reads it."""
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"), title="某条例")
    text = (
        "对《某条例》作如下修改：\n一、将第二条中的“其他事项”修改为“其它事项”。\n"
        + FULL_WIDTH_SENTENCE
        + "\n本决定自2025年1月1日起施行。\n"
    )
    result = apply_decision(old, read_decision(text))
    assert [article_body(a) for a in result.draft.articles()] == [
        "下列事项：",
        "其它事项（另行规定）。",
    ]


def test_punctuation_width_is_quoted_when_the_new_text_keeps_half_width() -> None:
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"), title="某条例")
    new = draft(article("下列事项："), article("其他事项(另行规定)。"), title="某条例")
    got, text = round_trip(old, new)
    assert FULL_WIDTH_SENTENCE not in text
    assert "将第一条中的“下列事项:”修改为“下列事项：”" in text, text
    assert bodies(got) == bodies(new)


def _unit_words(d: Draft) -> list[tuple[str, str]]:
    return [(u.kind.value, u.text) for u in d.walk() if u.kind is not UnitKind.ARTICLE]


def test_item_labels_half_width_round_trip(corpus: Path) -> None:
    old = read_draft(corpus / "pair_changjiang_sand_2001.md")
    new = read_draft(corpus / "pair_changjiang_sand_2023.md")
    got, _text = round_trip(old, new)
    assert bodies(got) == bodies(new)


# ---- 2. the title and the headings -------------------------------------------------------------


def chapter(title: str, *articles: Unit) -> Unit:
    return Unit(UnitKind.CHAPTER, heading=title, children=list(articles))


def headings(d: Draft) -> list[str]:
    from drafting.model.positions import Context

    ctx = Context(d)
    # Every heading with the number of articles it holds: the articles are in the right 章.
    return [
        f"{ctx.full_label(u.uid)} {u.heading} {sum(1 for a in u.walk() if a.kind is UnitKind.ARTICLE)}"
        for u in d.walk()
        if u.kind.is_heading
    ]


def chaptered() -> Draft:
    return Draft(
        title="某市公园条例",
        units=[
            chapter("总则", article(A1), article(A2)),
            chapter("管理", article(A3), article(A4)),
            chapter("附则", article(A5)),
        ],
    )


def test_title_and_chapter_names_and_a_new_chapter_round_trip() -> None:
    old = chaptered()
    new = Draft(
        title="某市公园和广场条例",
        units=[
            chapter("一般规定", article(A1), article(A2)),
            chapter("管理", article(A3), article(A4)),
            chapter("法律责任", article("违反本条例规定的，依法处理。")),
            chapter("附则", article(A5)),
        ],
    )
    got, text = round_trip(old, new)
    assert "将条例名称修改为“某市公园和广场条例”" in text, text
    assert "将第一章章名修改为“一般规定”" in text
    assert (
        "在第二章后增加一章，作为第三章：“第三章　法律责任”\n“第五条　违反本条例规定的，依法处理。”"
        in text
    )
    assert got.title == new.title
    assert headings(got) == headings(new)
    assert bodies(got) == bodies(new)
    listed = compare_drafts(old, new).to_json()["headings"]
    assert listed[0] == {
        "kind": "title", "old": None, "new": None, "old_title": "某市公园条例",
        "new_title": "某市公园和广场条例", "status": "renamed",
    }  # fmt: skip
    assert {(h["old"], h["new"], h["status"]) for h in listed[1:]} == {
        ("第一章", "第一章", "renamed"),
        ("第二章", "第二章", "unchanged"),
        (None, "第三章", "added"),
        ("第三章", "第四章", "renumbered"),
    }


def test_a_chapter_split_and_a_section_dropped_round_trip(corpus: Path) -> None:
    """北京市制定地方性法规条例 2017 → 2023: chapters split, 节 become chapters."""
    old = read_draft(corpus / "pair_beijing_lawmaking_2017.md")
    new = read_draft(corpus / "pair_beijing_lawmaking_2023.md")
    got, text = round_trip(old, new)
    assert "删去第三章第一节节名。" in text
    assert "作为第三章：“第三章　法规案起草”" in text
    assert headings(got) == headings(new)
    assert bodies(got) == bodies(new)


def test_heading_forms_read_and_apply() -> None:
    old = chaptered()
    text = "\n".join(
        [
            "一、将条例名称修改为“某市公园管理条例”。",
            "二、将第二章章名修改为“公园管理”。",
            "三、在第三条后增加一章，作为第三章：“第三章　安全”",
            "四、删去第三章章名。",
        ]
    )
    read = read_decision(text)
    assert read.unread == []
    result = apply_decision(old, read)
    assert result.failed == []
    assert result.draft.title == "某市公园管理条例"
    assert headings(result.draft) == ["第一章 总则 2", "第二章 公园管理 1", "第三章 安全 2"]
    assert [len(u.children) for u in result.draft.units] == [2, 1, 2]


# ---- 5. forms of 项 and 款 additions, a 款 made an article ---------------------------------------


def items_article() -> Draft:
    para = Unit(
        UnitKind.PARAGRAPH,
        text="公园内禁止下列行为：",
        children=[
            Unit(UnitKind.ITEM, text="攀折花木；"),
            Unit(UnitKind.ITEM, text="乱扔垃圾；"),
            Unit(UnitKind.ITEM, text="损坏设施。"),
        ],
    )
    return draft(
        article(A1),
        Unit(UnitKind.ARTICLE, children=[para, Unit(UnitKind.PARAGRAPH, text="违者依法处理。")]),
        article(A2, "第二款。", "第三款。"),
        title="某市公园条例",
    )


def item_texts(d: Draft, k: int) -> list[str]:
    return [i.text for i in d.articles()[k].children[0].children]


def test_an_item_added_after_a_named_item() -> None:
    read = read_decision("一、在第二条第一款第二项后增加一项，作为第三项：“（三）践踏草坪；”")
    assert read.unread == []
    result = apply_decision(items_article(), read)
    assert result.failed == []
    assert item_texts(result.draft, 1) == ["攀折花木；", "乱扔垃圾；", "践踏草坪；", "损坏设施。"]


def test_an_item_added_at_the_end_takes_the_full_stop() -> None:
    read = read_decision("一、在第二条第一款中增加一项，作为第四项：“（四）践踏草坪。”")
    result = apply_decision(items_article(), read)
    assert result.failed == []
    assert item_texts(result.draft, 1) == ["攀折花木；", "乱扔垃圾；", "损坏设施；", "践踏草坪。"]


def test_a_paragraph_added_in_the_clause_after_the_article_is_named() -> None:
    read = read_decision(
        "一、将第一条中的“公园”修改为“公园和广场”；增加一款，作为第二款：“具体办法另行制定。”"
    )
    assert read.unread == []
    result = apply_decision(items_article(), read)
    assert result.failed == []
    assert [p.text for p in result.draft.articles()[0].children] == [
        A1.replace("公园", "公园和广场"), "具体办法另行制定。",
    ]  # fmt: skip


def test_a_paragraph_promoted_to_an_article() -> None:
    read = read_decision("一、将第三条第三款改为第四条。")
    assert read.unread == []
    result = apply_decision(items_article(), read)
    assert result.failed == []
    assert bodies(result.draft)[2:] == [A2 + "\n第二款。", "第三款。"]


# ---- 7. deleting the last item ------------------------------------------------------------------


def test_deleting_the_last_item_ends_the_one_before_with_a_full_stop() -> None:
    result = apply_decision(items_article(), read_decision("一、删去第二条第一款第三项。"))
    assert result.failed == []
    assert item_texts(result.draft, 1) == ["攀折花木；", "乱扔垃圾。"]


def test_deleting_the_last_item_round_trips() -> None:
    old = items_article()
    new = old.clone()
    para = new.articles()[1].children[0]
    para.children = para.children[:2]
    para.children[1].text = "乱扔垃圾。"
    got, text = round_trip(old, new)
    assert "删去第二条第一款第三项。" in text, text
    assert bodies(got) == bodies(new)


# ---- 6. alignment: a parallel article elsewhere does not take an article's successor ---------


def test_lifafa_article_13_is_paired_with_its_successor_in_place(corpus: Path) -> None:
    """立法法 2015 第十三条 (授权在部分地方暂时调整法律) became 2023 第十六条 in its own place;
    2023 第七十九条 (国务院暂时调整行政法规) shares its words but is a new article."""
    comparison = compare_drafts(
        read_draft(corpus / "pair_lifafa_2015.md"), read_draft(corpus / "pair_lifafa_2023.md")
    )
    by_old = {p.old_label: p for p in comparison.pairs if p.old}
    assert by_old["第十三条"].new_numbers == ["第十六条"]
    assert by_old["第十三条"].status == "modified"
    added = [p.new_label for p in comparison.pairs if p.status == "added"]
    assert "第七十九条" in added
    assert comparison.summary["moved"] == 0


def _parallel_case(old: Draft, at: float, far: float, cut: float) -> tuple[Draft, str, str] | None:
    """The old text with article X lightly reworded in place (its successor) and, elsewhere,
    a new article made from X with fewer words changed (a parallel article, as 立法法
    第七十九条 is to 第十三条); fresh uids. Returns (new, X's uid, its successor's uid)."""
    from drafting.model.units import new_uid

    new = old.clone()
    articles = new.articles()
    x = min(int(at * len(articles)), len(articles) - 1)
    target = min(int(far * len(articles)), len(articles) - 1)
    text = articles[x].children[0].text
    if abs(target - x) < 5 or len(text) < 40:
        return None
    start = int(cut * (len(text) - 8))
    span = max(4, len(text) // 12)
    articles[x].children[0].text = text[:start] + "有关主管部门" + text[start + span :]
    parallel = articles[x].clone()
    parallel.children[0].text = "上级人民政府" + text[6:]
    for u in parallel.walk():
        u.uid = new_uid()
    holder = next((u for u in new.walk() if any(c is articles[target] for c in u.children)), None)
    siblings = holder.children if holder is not None else new.units
    siblings.insert(next(k for k, c in enumerate(siblings) if c is articles[target]) + 1, parallel)
    original = old.articles()[x].uid
    for u in new.walk():
        if u is not articles[x]:
            u.uid = new_uid() if u.uid != original else u.uid
    successor = articles[x].uid = new_uid()
    return new, original, successor


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(
        (
            "pair_lifafa_2015.md",
            "local_jinan_historic_city_2020.md",
            "pair_beijing_lawmaking_2017.md",
        )
    ),
    at=st.floats(0, 1),
    far=st.floats(0, 1),
    cut=st.floats(0, 1),
)
def test_a_parallel_article_elsewhere_never_takes_the_successor(
    name: str, at: float, far: float, cut: float
) -> None:
    old = _corpus_text(name)
    case = _parallel_case(old, at, far, cut)
    if case is None:
        return
    new, original, successor = case
    comparison = compare_drafts(old, new)
    (pair,) = [p for p in comparison.pairs if any(u.uid == original for u in p.old)]
    assert successor in {u.uid for u in pair.new}, (name, at, far, cut, pair.status)


_texts: dict[str, Draft] = {}


def _corpus_text(name: str) -> Draft:
    from tests.conftest import CORPUS

    if name not in _texts:
        _texts[name] = read_draft(CORPUS / name)
    return _texts[name]


def _heading_edits(old: Draft, script: list[tuple[str, float]]) -> Draft:
    """A copy of ``old`` with headings renamed, dropped (their articles join the heading
    before) or added (a new 章 or 节 splitting the one an article stands in)."""
    new = old.clone()
    for n, (action, where) in enumerate(script):
        heads = [u for u in new.walk() if u.kind.is_heading]
        if not heads:
            return new
        h = heads[min(int(where * len(heads)), len(heads) - 1)]
        parent = next((u for u in new.walk() if any(c is h for c in u.children)), None)
        siblings = parent.children if parent is not None else new.units
        k = next(i for i, c in enumerate(siblings) if c is h)
        if action == "rename":
            h.heading = f"{h.heading}和第{n}项管理"
        elif action == "drop" and k > 0 and siblings[k - 1].kind is h.kind:
            # Its articles join the heading before (its last 节 when it has some).
            before = siblings[k - 1]
            while before.children and before.children[-1].kind.is_heading:
                before = before.children[-1]
            before.children.extend(h.children)
            del siblings[k]
        elif action == "add":
            arts = [c for c in h.children if c.kind is UnitKind.ARTICLE]
            if len(arts) >= 2:
                cut = h.children.index(arts[len(arts) // 2])
                added = Unit(h.kind, heading=f"新增第{n}部分", children=h.children[cut:])
                h.children = h.children[:cut]
                siblings.insert(k + 1, added)
    # Citations of 章 and 节 follow their targets, as the editor's operations make them.
    from drafting.model.references import ReferenceIndex, rewrite_references

    rewrite_references(new, ReferenceIndex.build(old))
    return new


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(
        (
            "pair_lifafa_2015.md",
            "pair_beijing_lawmaking_2017.md",
            "local_jinan_historic_city_2020.md",
        )
    ),
    script=st.lists(
        st.tuples(st.sampled_from(("rename", "drop", "add")), st.floats(0, 1)),
        min_size=1,
        max_size=4,
    ),
)
def test_generated_heading_changes_round_trip(name: str, script: list[tuple[str, float]]) -> None:
    old = _corpus_text(name)
    new = _heading_edits(old, script)
    got, text = round_trip(old, new)
    assert headings(got) == headings(new), (script, text)
    assert bodies(got) == bodies(new), (script, text)


# ---- 序言 (after the faults, as time allowed) --------------------------------------------------


def test_a_changed_preamble_round_trips() -> None:
    from drafting.model.matter import Preamble

    old = chaptered()
    old.preamble = Preamble("序言", ["为了保护公园。", "特制定本条例。"])
    new = old.clone()
    new.preamble = Preamble("序言", ["为了保护公园和广场。", "特制定本条例。"])
    got, text = round_trip(old, new)
    assert "将序言修改为：“为了保护公园和广场。\n“特制定本条例。”" in text, text
    assert got.preamble is not None and got.preamble.paragraphs == new.preamble.paragraphs
    gone = old.clone()
    gone.preamble = None
    got, text = round_trip(old, gone)
    assert "删去序言。" in text and got.preamble is None
    assert not apply_decision(old, read_decision(text)).nothing_applied


def test_a_quotation_never_begins_inside_a_word() -> None:
    """变更 stands together wherever 变 or 更 occurs in the text: an edit of 更 alone quotes the
    whole word (“变更合同”), not “更合同”; 本章 is one citation."""
    old = draft(
        article("当事人协商一致，可以变更合同。"),
        article("变更登记应当在三十日内办理。"),
        article("合同变更后，原担保继续有效。"),
        article("依照本章第二节的规定办理变更。"),
        title="某条例",
    )
    new = draft(
        article("当事人协商一致，可以变动合同。"),
        article("变更登记应当在三十日内办理。"),
        article("合同变更后，原担保继续有效。"),
        article("依照本条例的规定办理变更。"),
        title="某条例",
    )
    got, text = round_trip(old, new)
    assert "将第一条中的“变更合同”修改为“变动合同”" in text, text
    assert "“本章第二节”修改为“本条例”" in text, text
    assert bodies(got) == bodies(new)
