"""The 修改决定's structure as the committee writes it, both ways (drafted, and applied by
``amend`` to give the new text word for word): the closing 重新公布 sentence says 对条文顺序作相应
调整 whenever anything is renumbered and never otherwise; punctuation made full-width is said in
that sentence (并对…标点符号作相应调整), not in an item nor a sentence of its own; an appendix
added in the middle is 增加一个附件，作为附件2 and the later ones renumber; 删去附件1中的“A” and
在附件1中的“A”后增加“B” are read; heading items stand where their 章/节 starts among the article
items; a 章/节 that moved or changed level is 将第四章改为第六章 (，章名修改为“……”)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend.apply import apply_decision
from drafting.amend.instructions import render
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import LOCAL, DecisionStyle, amendment_decision
from drafting.model.matter import Appendix, appendix_from_lines
from drafting.model.numbering import article_body
from drafting.model.numerals import to_chinese
from drafting.model.units import Draft, Unit, UnitKind
from tests.drafting.amend.test_amend import words
from tests.drafting.amend.test_amend_appendices import appendices
from tests.drafting.compare_helpers import article, draft

ORDER = "并对条文顺序作相应调整"


def texts(n: int) -> list[str]:
    return [f"第{k}项事务由主管部门依照本条例负责办理{k}。" for k in range(1, n + 1)]


def articles(words_: list[str]) -> list[Unit]:
    return [article(t) for t in words_]


def trip(old: Draft, new: Draft, style: DecisionStyle | None = None) -> tuple[Draft, str]:
    """amend(old, decision(old → new)), checked word for word (articles, headings, title and
    appendices)."""
    text = amendment_decision(compare_drafts(old, new), style=style)
    read = read_decision(text)
    assert read.unread == [], (read.unread, text)
    result = apply_decision(old, read)
    assert result.failed == [], ([(i.action, r) for i, r in result.failed], text)
    assert words(result.draft) == words(new), text
    assert appendices(result.draft) == appendices(new), text
    return result.draft, text


def closing(text: str) -> str:
    return text.rstrip("\n").split("\n")[-1]


# ---- c) the closing clause ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kept", "renumbered"),
    [
        ([0, 1, 2, 3, 4, 5], False),  # the last article deleted: nothing renumbers
        ([0, 1, 2, 4, 5, 6], True),  # one in the middle
        ([1, 2, 3, 4, 5, 6], True),  # the first
        ([0, 2, 4, 5, 6], True),  # several
        ([0, 1, 2, 3, 4], False),  # the last two
    ],
)
def test_order_clause_follows_deletions(kept: list[int], renumbered: bool) -> None:
    old = draft(*articles(texts(7)))
    new = draft(*articles([texts(7)[k] for k in kept]))
    _, text = trip(old, new)
    assert (ORDER in closing(text)) is renumbered, text
    assert closing(text).endswith("，重新公布。")


def test_order_clause_when_the_new_text_kept_its_printed_numbers() -> None:
    """第四条 deleted in a text that still prints 第五条, 第六条 (the case reported missing):
    the decision renumbers (amend gives 第四条, 第五条), so it says so."""
    old = draft(*articles(texts(6)))
    new = draft(*articles([texts(6)[k] for k in (0, 1, 2, 4, 5)]))
    for k, a in zip((0, 1, 2, 4, 5), new.articles(), strict=True):
        a.label = f"第{to_chinese(k + 1)}条"
    text = amendment_decision(compare_drafts(old, new))
    assert "一、删去第四条。" in text
    assert ORDER in closing(text), text
    result = apply_decision(old, read_decision(text))
    assert [article_body(a) for a in result.draft.articles()] == [
        texts(6)[k] for k in (0, 1, 2, 4, 5)
    ]


def test_an_article_added_as_zhiyi_renumbers_nothing() -> None:
    """第三条之一 (the 修正案's way) moves no number: no 对条文顺序作相应调整."""
    from drafting.model.units import Numbering

    old = draft(*articles(texts(4)))
    new = old.clone()
    added = article("新增的事务由主管部门负责。")
    added.numbering = Numbering.INSERTED
    new.units.insert(3, added)
    text = amendment_decision(compare_drafts(old, new))
    assert "第三条之一" in text, text
    assert ORDER not in text, text


def chaptered(chapters: list[tuple[str, list[str]]], title: str = "某市测试条例") -> Draft:
    units = [
        Unit(UnitKind.CHAPTER, heading=name, children=articles(body)) for name, body in chapters
    ]
    return Draft(title=title, units=units)


def test_order_clause_when_a_chapter_goes() -> None:
    t = texts(6)
    old = chaptered([("总则", t[:2]), ("管理", t[2:4]), ("附则", t[4:])])
    # The 管理 chapter deleted with its articles: articles and 章 renumber.
    _, text = trip(old, chaptered([("总则", t[:2]), ("附则", t[4:])]))
    assert numbered(text) == ["一、删去第二章。"] and ORDER in closing(text), text
    # With the last article of 第一章 too: 删去第二条 stays, the chapter goes whole.
    _, text = trip(old, chaptered([("总则", t[:1]), ("附则", t[4:])]))
    assert numbered(text) == ["一、删去第二条。", "二、删去第二章。"], text
    # Only its heading goes (its articles join 第一章): 第三章 is now 第二章.
    _, text = trip(old, chaptered([("总则", t[:4]), ("附则", t[4:])]))
    assert "删去第二章章名" in text and ORDER in closing(text), text
    # The last chapter's heading goes: nothing is renumbered.
    _, text = trip(old, chaptered([("总则", t[:2]), ("管理", t[2:])]))
    assert "删去第三章章名" in text and ORDER not in closing(text), text


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize(
    "name", ["local_jinan_historic_city_2020.md", "pair_lifafa_2023.md", "large_civil_code_2020.md"]
)
def test_generated_whole_chapter_deletions_round_trip(name: str, seed: int) -> None:
    """A 章 or 节 deleted with its articles (as a drafter deletes it): 删去第X章 and back
    (增加一章…), word for word."""
    import random

    from drafting.edit.operations import DeleteUnit, EditSession
    from tests.conftest import CORPUS
    from tests.drafting.compare_helpers import read_draft

    old = read_draft(CORPUS / name)
    rng = random.Random(seed)
    new = old.clone()
    heads = [u for u in new.walk() if u.kind in (UnitKind.CHAPTER, UnitKind.SECTION)]
    gone = rng.choice(heads)
    EditSession(new).apply(DeleteUnit(gone.uid))
    _, text = trip(old, new)
    assert "名。" not in text.split("本决定")[0] or "改为" in text, text
    trip(new, old)


def test_a_cited_section_renumbered_by_a_heading_change() -> None:
    """A citation of a 节 (本法第二章第三节) that only follows a 节 deleted before it is no word
    change: amend renumbers heading citations as it renumbers articles (before, it was quoted
    “第三节”修改为“第二节” and then renumbered once more)."""
    import random

    from drafting.edit.operations import DeleteUnit, EditSession
    from tests.conftest import CORPUS
    from tests.drafting.compare_helpers import read_draft

    old = read_draft(CORPUS / "pair_lifafa_2023.md")
    new = old.clone()
    heads = [u for u in new.walk() if u.kind in (UnitKind.CHAPTER, UnitKind.SECTION)]
    EditSession(new).apply(DeleteUnit(random.Random(1).choice(heads).uid))
    _, text = trip(old, new)
    assert "“第三节”修改为“第二节”" not in text, text
    trip(new, old)


def test_closing_national_and_local_wording() -> None:
    t = texts(4)
    old, new = draft(*articles(t)), draft(*articles([t[0], t[2], t[3]]))
    _, text = trip(old, new)
    assert text.endswith(
        "本决定自　　年　　月　　日起施行。\n《测试条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。\n"
    )
    _, text = trip(old, new, DecisionStyle(level=LOCAL))
    assert text.endswith(
        "本决定自公布之日起施行。\n《测试条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。\n"
    )


# ---- e) punctuation width in the closing clause ---------------------------------------------------


def test_punctuation_width_is_in_the_republication_sentence() -> None:
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"), article("附则事项。"))
    new = draft(article("下列事项："), article("附则事项。"))
    _, text = trip(old, new)
    assert "此外" not in text
    assert "半角" not in text
    assert closing(text) == "《测试条例》根据本决定作相应修改并对条文顺序和标点符号作相应调整，重新公布。"
    assert text.count("、") == 1  # one item only: 删去第二条


def test_punctuation_adjustment_is_read_in_any_order_of_words() -> None:
    old = draft(article("下列事项:"), article("其他事项(另行规定)。"))
    for sentence in (
        "《测试条例》根据本决定作相应修改并对标点符号作相应调整，重新公布。",
        "《测试条例》根据本决定作相应修改并对条文顺序和标点符号作相应调整，重新公布。",
        "《测试条例》根据本决定作相应修改并对标点符号和条文顺序作相应调整，重新公布。",
    ):
        text = f"对《测试条例》作如下修改：\n一、删去第二条。\n本决定自公布之日起施行。\n{sentence}\n"
        result = apply_decision(old, read_decision(text))
        assert [article_body(a) for a in result.draft.articles()] == ["下列事项："], sentence
    # Words quoted inside an item are no closing sentence.
    text = (
        "对《测试条例》作如下修改：\n一、将第二条修改为：“根据本决定作相应修改并对标点符号作相应"
        "调整，重新公布。”\n本决定自公布之日起施行。\n"
    )
    assert read_decision(text).full_width is False


# ---- d) appendices ------------------------------------------------------------------------------


def with_appendices(*items: Appendix) -> Draft:
    d = draft(*articles(texts(3)))
    d.appendices = list(items)
    return d


def appx(label: str, title: str, *lines: str) -> Appendix:
    return appendix_from_lines(label, [title, *lines])


A1 = appx("附件1", "收费项目表", "| 项目 | 标准 |", "| 停车 | 每小时五元 |")
A2 = appx("附件2", "许可目录", "一、占用公园绿地的许可。", "二、公园内设置广告的许可。")
A3 = appx("附件3", "罚款标准", "违反规定的，处二百元罚款。")
NEW = appx("附件2", "申请材料清单", "一、申请书。", "二、身份证明。")


def relabel(a: Appendix, label: str) -> Appendix:
    b = a.clone()
    b.label = label
    return b


def test_an_appendix_added_in_the_middle() -> None:
    old = with_appendices(A1, A2, A3)
    new = with_appendices(A1, NEW, relabel(A2, "附件3"), relabel(A3, "附件4"))
    _, text = trip(old, new)
    assert "一、增加一个附件，作为附件2：“申请材料清单" in text, text
    assert "附件3" not in text and "附件4" not in text, text  # the others only follow
    assert ORDER in closing(text), text


def test_an_appendix_added_first_and_one_changed_after_it() -> None:
    old = with_appendices(A1, A2)
    changed = relabel(A2, "附件3")
    changed.blocks[0] = "一、占用公园绿地或者广场的许可。"
    first = appx("附件1", "申请材料清单", "一、申请书。")
    new = with_appendices(first, relabel(A1, "附件2"), changed)
    _, text = trip(old, new)
    assert "增加一个附件，作为附件1：" in text, text
    # Named by its OLD label, after the addition: the old 附件2.
    assert "二、将附件2中的“一、占用公园绿地的许可。”修改为" in text, text


def test_an_appendix_deleted_in_the_middle() -> None:
    old = with_appendices(A1, A2, A3)
    new = with_appendices(A1, relabel(A3, "附件2"))
    _, text = trip(old, new)
    assert "一、删去附件2。" in text, text
    assert ORDER in closing(text), text


def test_appendix_word_deletion_and_insertion_both_ways() -> None:
    old = with_appendices(A1, A2)
    new = with_appendices(
        A1, appx("附件2", "许可目录", "一、占用公园绿地的许可。", "二、公园内设置广告的许可。")
    )
    new.appendices[1].blocks[0] = "一、占用绿地的许可。"
    _, text = trip(old, new)
    assert "删去附件2中的“公园”" in text or "将附件2中的" in text, text
    # Read from a decision as a drafter writes it.
    decision = (
        "对《测试条例》作如下修改：\n一、删去附件2中的“公园内”。\n"
        "二、在附件1中的“停车”后增加“（小型车）”。\n三、在附件2中的“占用”前增加“临时”。\n"
    )
    read = read_decision(decision)
    assert read.unread == []
    result = apply_decision(old, read)
    assert result.failed == []
    got = appendices(result.draft)
    assert got[0][2][0] == [["项目", "标准"], ["停车（小型车）", "每小时五元"]]
    assert got[1][2] == ["一、临时占用公园绿地的许可。", "二、设置广告的许可。"]
    assert "删去附件2中的“公园内”" in result.to_json()["applied"]
    assert "在附件2中的“占用”前增加“临时”" in result.to_json()["applied"]


# ---- a) heading items in the order of the text ---------------------------------------------------


def numbered(text: str) -> list[str]:
    return [line for line in text.split("\n") if line and line[0] in "一二三四五六七八九十"]


def test_heading_items_stand_where_their_chapter_starts() -> None:
    t = texts(6)
    old = chaptered([("总则", t[:2]), ("管理", t[2:4]), ("附则", t[4:])])
    new = chaptered(
        [
            ("总则", [t[0].replace("主管部门", "市主管部门"), t[1]]),
            ("监督管理", [t[2], t[3].replace("主管部门", "区主管部门")]),
            ("附则", t[4:]),
        ]
    )
    _, text = trip(old, new)
    lines = numbered(text)
    assert lines[0].startswith("一、将第一条中的"), text
    assert lines[1] == "二、将第二章章名修改为“监督管理”。", text
    assert lines[2].startswith("三、将第四条中的"), text


def test_a_new_chapter_comes_among_the_articles() -> None:
    t = texts(6)
    old = chaptered([("总则", t[:2]), ("管理", t[2:4]), ("附则", t[4:])])
    new = chaptered(
        [
            ("总则", [t[0].replace("主管部门", "市主管部门"), t[1]]),
            ("管理", t[2:3]),
            ("监督", t[3:4]),
            ("附则", [t[4], t[5].replace("主管部门", "有关部门")]),
        ]
    )
    _, text = trip(old, new)
    lines = numbered(text)
    assert lines[0].startswith("一、将第一条中的"), text
    assert lines[1] == "二、在第三条后增加一章，作为第三章：“第三章　监督”。", text
    assert lines[2].startswith("三、将第六条中的"), text


# ---- b) a 章 moved or renumbered -----------------------------------------------------------------


def test_a_chapter_moved_is_named_by_its_new_number() -> None:
    t = texts(7)
    old = chaptered([("总则", t[:2]), ("管理", t[2:4]), ("监督", t[4:6]), ("附则", t[6:])])
    new = chaptered([("总则", t[:2]), ("监督", t[4:6]), ("管理", t[2:4]), ("附则", t[6:])])
    _, text = trip(old, new)
    assert "改为第二章" in text or "改为第三章" in text, text
    assert "章名。" not in text and "增加一章" not in text, text
    # Its title changed too: one item says both.
    new.units[1].heading = "监督检查"
    _, text = trip(old, new)
    assert "将第三章改为第二章，章名修改为“监督检查”" in text, text


def test_a_section_that_becomes_a_chapter() -> None:
    t = texts(6)
    old = Draft(
        title="某市测试条例",
        units=[
            Unit(UnitKind.CHAPTER, heading="总则", children=articles(t[:2])),
            Unit(
                UnitKind.CHAPTER,
                heading="管理",
                children=[
                    Unit(UnitKind.SECTION, heading="一般规定", children=articles(t[2:4])),
                    Unit(UnitKind.SECTION, heading="监督检查", children=articles(t[4:5])),
                ],
            ),
            Unit(UnitKind.CHAPTER, heading="附则", children=articles(t[5:])),
        ],
    )
    new = chaptered(
        [("总则", t[:2]), ("管理", t[2:4]), ("监督检查", t[4:5]), ("附则", t[5:])]
    )
    _, text = trip(old, new)
    assert "将第二章第二节改为第三章" in text, text
    _, back = trip(new, old)
    assert "将第三章改为第二章第二节" in back, back


def test_whole_chapter_deletion_read_and_applied() -> None:
    t = texts(7)
    old = Draft(
        title="某市测试条例",
        units=[
            Unit(UnitKind.CHAPTER, heading="总则", children=articles(t[:2])),
            Unit(
                UnitKind.CHAPTER,
                heading="管理",
                children=[
                    Unit(UnitKind.SECTION, heading="一般规定", children=articles(t[2:4])),
                    Unit(UnitKind.SECTION, heading="监督检查", children=articles(t[4:6])),
                ],
            ),
            Unit(UnitKind.CHAPTER, heading="附则", children=articles(t[6:])),
        ],
    )
    read = read_decision("一、删去第二章。\n二、删去第一章章名。\n")
    assert read.unread == []
    assert [render(i) for i in read.instructions] == ["删去第二章", "删去第一章章名"]
    result = apply_decision(old, read)
    assert result.failed == []
    assert words(result.draft) == ["某市测试条例", *(f"第{to_chinese(k + 1)}条　{w}" for k, w in
                                                enumerate(t[:2])), "第一章　附则",
                                   f"第三条　{t[6]}"]  # fmt: skip


def test_heading_move_read_and_applied() -> None:
    t = texts(7)
    old = chaptered([("总则", t[:2]), ("管理", t[2:4]), ("监督", t[4:6]), ("附则", t[6:])])
    decision = (
        "对《某市测试条例》作如下修改：\n一、将第五条移至第二条后。\n二、将第六条移至第五条后。\n"
        "三、将第三章改为第二章，章名修改为“监督检查”。\n"
        "本决定自公布之日起施行。\n《某市测试条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。\n"
    )
    read = read_decision(decision)
    assert read.unread == []
    result = apply_decision(old, read)
    assert result.failed == []
    want = chaptered([("总则", t[:2]), ("监督检查", t[4:6]), ("管理", t[2:4]), ("附则", t[6:])])
    assert words(result.draft) == words(want)
    assert result.to_json()["applied"][-1] == "将第三章改为第二章，章名修改为“监督检查”"
    # A chapter whose articles were all deleted has no place: reported, the rest applies.
    gone = read_decision(
        "一、删去第五条、第六条。\n二、将第三章改为第二章。\n"
    )
    result = apply_decision(old, gone)
    assert [r for _, r in result.failed] == ["第三章的条文均已删去，无法确定其位置"]


def test_beijing_chapters_renumbered_as_the_committee_writes_them(corpus: Path) -> None:
    from tests.drafting.compare_helpers import read_draft

    old = read_draft(corpus / "pair_beijing_lawmaking_2017.md")
    new = read_draft(corpus / "pair_beijing_lawmaking_2023.md")
    _, text = trip(old, new)
    assert "将第四章改为第六章。" in text, text
    assert "删去第四章章名" not in text and "作为第六章" not in text, text
    assert "将第三章第二节改为第五章。" in text and "将第三章第三节改为第七章。" in text, text
    lines = numbered(text)
    # Not all at the start: the 第二章 item after the items of 第一章's articles.
    second = next(k for k, line in enumerate(lines) if "将第二章章名修改为" in line)
    first_article = next(k for k, line in enumerate(lines) if "将第一条修改为" in line)
    assert first_article < second, text
    _, back = trip(new, old)
    assert "将第六章改为第四章。" in back, back


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    "name", ["local_jinan_historic_city_2020.md", "pair_lifafa_2023.md", "large_civil_code_2020.md"]
)
def test_generated_chapter_moves_round_trip(name: str, seed: int) -> None:
    """A 章 (with its articles) moved elsewhere among its siblings, sometimes renamed too, in
    corpus texts: amend(old, decision(old → new)) == new both ways, and the decision names
    the 章 moved rather than deleting and adding it."""
    import random

    from tests.conftest import CORPUS
    from tests.drafting.compare_helpers import read_draft

    old = read_draft(CORPUS / name)
    rng = random.Random(seed)
    new = old.clone()
    holders = [new.units] + [u.children for u in new.walk() if u.kind is UnitKind.PART]
    siblings = [
        hs for hs in holders if sum(1 for u in hs if u.kind is UnitKind.CHAPTER) >= 3
    ]
    if not siblings:
        pytest.skip("no three chapters side by side")
    units = rng.choice(siblings)
    chapters = [k for k, u in enumerate(units) if u.kind is UnitKind.CHAPTER]
    src = rng.choice(chapters[1:])
    dst = rng.choice([k for k in chapters[:-1] if k != src])
    from drafting.edit.operations import EditSession, MoveUnit

    moved = units[src]
    parent = next((u for u in new.walk() if u.children is units), None)
    # As a drafter moves it: the citations of the 章 and its articles follow.
    EditSession(new).apply(MoveUnit(moved.uid, parent.uid if parent else None, dst))
    if rng.random() < 0.5:
        moved.heading += "补充"
    if words(new) == words(old):
        pytest.skip("nothing moved")
    _, text = trip(old, new)
    assert "章章名。" not in text, text  # no 删去第X章章名 for the one moved
    trip(new, old)
