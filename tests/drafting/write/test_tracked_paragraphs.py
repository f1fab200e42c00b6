"""The 修改稿's paragraphs as a reviewer handles them: an inserted 款 or article is a paragraph
of its own whose mark is inserted (so Reject All removes it whole and never joins its
neighbours, in LibreOffice too), the 目录 is kept with its changed headings tracked, the 序言
and appendices are tracked like articles, and no moved article shows one number twice.

Checked on every corpus version pair and on seeded generated pairs that add a 款 and an
article together, delete, move, split, merge, reword, renumber and change punctuation width,
headings, the 序言 and appendices.
"""

from __future__ import annotations

import random
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from drafting.compare.articles import compare_drafts
from drafting.edit.operations import new_unit
from drafting.model.matter import Appendix, Preamble, Table
from drafting.model.units import Draft, UnitKind
from drafting.write.layout import TOC_HEADING
from drafting.write.oxml.revisions import revised_body, revised_paragraphs
from drafting.write.tracked_docx import tracked_draft_docx
from tests.conftest import CORPUS
from tests.drafting.compare_helpers import article, draft, read_draft
from tests.drafting.edit_scripts import ACTIONS, apply_script
from tests.drafting.write.oxml_revisions import (
    laid_out,
    libreoffice_laid_out,
    libreoffice_profile,
    libreoffice_revised,
)
from tests.drafting.write.test_tracked_draft import CORPUS_PAIRS

AUTHOR, DATE = "张起草", "2026-03-01T08:00:00Z"
_OLD_SIDE = {"", "del", "moveFrom"}
_NEW_SIDE = {"", "ins", "moveTo"}
_KINDS = {qn(f"w:{k}"): k for k in ("ins", "del", "moveFrom", "moveTo")}


def _mark(p) -> str:  # type: ignore[no-untyped-def]
    rpr = p.find(qn("w:pPr") + "/" + qn("w:rPr"))
    if rpr is None:
        return ""
    return next((k for tag, k in _KINDS.items() if rpr.find(tag) is not None), "")


def _run_kinds(p) -> list[str]:  # type: ignore[no-untyped-def]
    """The revision of each piece of text in ``p`` ("" when plain)."""
    kinds = []
    for t in p.iter(qn("w:t"), qn("w:delText")):
        if not t.text:
            continue
        outer = [_KINDS[a.tag] for a in t.iterancestors(*_KINDS)]
        kinds.append(outer[0] if outer else "")
    return kinds


def paragraph_faults(paragraphs: list, ends_with_table: bool = False) -> list[str]:  # type: ignore[type-arg]
    """Paragraphs that exist on one side only (all their words inserted, or all deleted) but
    whose own mark is not revised: rejecting (or accepting) would leave the mark and join the
    neighbours' words into it, as LibreOffice does; and paragraphs with words on a side whose
    mark is revised away on that side (a neighbour's mark flagged)."""
    faults = []
    # The document's last mark is never revised (it cannot be removed): the marks of a trailing
    # run of added or deleted paragraphs stand one paragraph up (``_settle_last_mark``), checked
    # through LibreOffice below.
    # A text ending with a table (an appendix's) has its last mark after the table, not ours.
    end = len(paragraphs)
    if not ends_with_table:
        end -= 1
        assert _mark(paragraphs[end]) == ""
        while end > 0 and _mark(paragraphs[end - 1]):
            end -= 1
    traded = _traded_marks(paragraphs)
    for k, p in enumerate(paragraphs[: max(end - 1, 0)]):
        kinds = _run_kinds(p)
        if not kinds or k in traded:
            continue
        mark = _mark(p)
        only_new = all(kind not in _OLD_SIDE for kind in kinds)
        only_old = all(kind not in _NEW_SIDE for kind in kinds)
        # A paragraph that exists on one side only keeps its own revised mark; one with words
        # on a side never has a mark that side lacks (the neighbour's mark is never flagged).
        lacks_old = mark and mark not in _OLD_SIDE and not only_new
        lacks_new = mark and mark not in _NEW_SIDE and not only_old
        if (
            (only_new and mark in _OLD_SIDE)
            or (only_old and mark in _NEW_SIDE)
            or lacks_old
            or lacks_new
        ):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"), qn("w:delText")))
            faults.append(f"{k}: {text[:30]} (mark {mark or 'plain'})")
    return faults


def _traded_marks(paragraphs: list) -> set[int]:  # type: ignore[type-arg]
    """The paragraphs of each run where a plain mark traded places with an added (deleted)
    paragraph's (``tracked_docx._keep_marks_apart``): a paragraph ending with inserted words
    whose mark is inserted, then paragraphs wholly inserted, the last with the plain mark.
    Each side still reads its paragraphs whole (the mark only moved over words the other side
    lacks), and no plain mark stands between two insertions for LibreOffice to join."""
    out: set[int] = set()
    for k, p in enumerate(paragraphs):
        mark = _mark(p)
        kinds = _run_kinds(p)
        if mark not in ("ins", "del") or not kinds or kinds[-1] != mark or set(kinds) == {mark}:
            continue
        run = [k]
        for q in range(k + 1, len(paragraphs)):
            if set(_run_kinds(paragraphs[q])) != {mark}:
                break
            run.append(q)
            if _mark(paragraphs[q]) == "":
                out.update(run)
                break
            if _mark(paragraphs[q]) != mark:
                break
    return out


def _check(old: Draft, new: Draft) -> list:  # type: ignore[type-arg]
    document = tracked_draft_docx(compare_drafts(old, new), new, author=AUTHOR, date=DATE)
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    assert revised_body(body, accept=True) == laid_out(new)
    assert revised_body(body, accept=False) == laid_out(old)
    last = [el for el in body if el.tag != qn("w:sectPr")][-1]
    assert paragraph_faults(paragraphs, last.tag == qn("w:tbl")) == []
    return paragraphs


@cache
def _text(name: str) -> Draft:
    return read_draft(CORPUS / name)


@pytest.mark.parametrize(("old_name", "new_name"), CORPUS_PAIRS)
def test_corpus_pairs_have_whole_inserted_and_deleted_paragraphs(
    old_name: str, new_name: str
) -> None:
    _check(_text(old_name), _text(new_name))


A = "为了加强公园管理，保护公园资源，制定本条例。"
B = "本条例适用于本市行政区域内公园的规划、建设、保护和管理。"
C = "市园林绿化主管部门负责全市公园的监督管理工作。"
NEW_PARAGRAPH = "区、县人民政府负责本行政区域内公园的管理。"
NEW_ARTICLE = "公园应当免费开放。"


def _paragraph_and_article(old: Draft, at: int) -> Draft:
    """``old`` with a 款 added to its article ``at`` and a new article right after it."""
    new = old.clone()
    target = new.articles()[at]
    target.children.append(new_unit(UnitKind.PARAGRAPH, NEW_PARAGRAPH))
    siblings = next((u.children for u in new.walk() if target in u.children), new.units)
    siblings.insert(siblings.index(target) + 1, new_unit(UnitKind.ARTICLE, NEW_ARTICLE))
    return new


def test_a_paragraph_and_an_article_added_together_are_two_whole_paragraphs() -> None:
    old = draft(article(A), article(B), article(C), title="某市公园条例")
    new = _paragraph_and_article(old, 1)
    paragraphs = _check(old, new)
    marks = [_mark(p) for p in paragraphs]
    # 第二条's own mark is untouched; the 款 and the article each carry an inserted mark.
    assert marks == ["", "", "", "ins", "ins", ""]


def _edit_matter_and_headings(d: Draft, rng: random.Random) -> Draft:
    """A clone of ``d`` with its 序言, appendices, headings and punctuation edited at random."""
    new = d.clone()
    choice = rng.randrange(6)
    if choice == 0:
        new.preamble = Preamble("序言", ["为了规范本市公园管理，根据有关法律，结合本市实际。"])
    elif choice == 1 and new.preamble is not None:
        new.preamble = None
    elif choice == 2:
        new.appendices.append(
            Appendix(
                "附件2",
                "收费标准",
                ["说明：按年计收。", Table.of([["项目", "标准"], ["门票", "5元"]])],
            )
        )
    elif choice == 3 and new.appendices:
        new.appendices[0].blocks.insert(0, "本附件所列事项，由市人民政府调整。")
    headings = [u for u in new.walk() if u.kind.is_heading]
    if headings and rng.random() < 0.7:
        heading = rng.choice(headings)
        heading.heading = heading.heading + "规定"
    articles = new.articles()
    if rng.random() < 0.7:
        unit = rng.choice(articles).children[0]
        unit.text = unit.text.replace("，", ",", 1).replace("：", ":", 1)
    return new


def _with_matter(d: Draft) -> Draft:
    """``d`` given a 序言 and an appendix, so edits to both can be generated."""
    copy = d.clone()
    copy.preamble = Preamble("", ["为了加强管理，制定本条例。"])
    copy.appendices = [Appendix("附件1", "名录", ["一、甲", Table.of([["名称"], ["乙"]])])]
    return copy


@pytest.mark.parametrize("seed", range(24))
def test_generated_pairs_have_whole_paragraphs_and_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    name = ["pair_lifafa_2015.md", "local_jinan_historic_city_2020.md", "local_qingdao_river_2020.md",
            "local_ningbo_river_2019.md"][seed % 4]  # fmt: skip
    old = _text(name)
    if seed % 3 == 0:
        old = _with_matter(old)
    script = [(rng.choice(ACTIONS), rng.random(), rng.random()) for _ in range(rng.randint(1, 6))]
    new = apply_script(old, script).new
    new = _paragraph_and_article(new, rng.randrange(len(new.articles())))
    new = _edit_matter_and_headings(new, rng)
    _check(old, new)


def test_the_toc_is_kept_and_a_renamed_chapter_is_tracked_in_it() -> None:
    old = _text("pair_lifafa_2015.md")
    new = old.clone()
    chapter = next(u for u in new.walk() if u.kind is UnitKind.CHAPTER)
    chapter.heading = "总则规定"
    paragraphs = _check(old, new)
    accepted = revised_paragraphs(paragraphs, accept=True)
    assert TOC_HEADING in accepted
    toc_line = next(p for p in paragraphs if "规定" in "".join(_ins_text(p)))
    assert toc_line is not None
    # The chapter's new words are inserted twice: in the 目录 and at the heading.
    assert sum("规定" in "".join(_ins_text(p)) for p in paragraphs) == 2


def _ins_text(p) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.text or "" for ins in p.iter(qn("w:ins")) for t in ins.iter(qn("w:t"))]


def test_preamble_and_appendix_changes_are_tracked_both_ways() -> None:
    old = _with_matter(draft(article(A), article(B), title="某市公园条例"))
    new = old.clone()
    new.preamble = Preamble("", ["为了加强公园管理，根据有关法律，制定本条例。"])
    new.appendices[0].blocks[1] = Table.of([["名称"], ["丙"]])
    new.appendices.append(Appendix("附件2", "收费标准", ["按年计收。"]))
    paragraphs = _check(old, new)
    body = paragraphs[0].getparent()
    inserted = "".join(t for p in body.iter(qn("w:p")) for t in _ins_text(p))
    assert "根据有关法律" in inserted and "丙" in inserted and "收费标准" in inserted
    # The appendix's table is a Word table: 乙 deleted and 丙 inserted inside its cell.
    cells = [tc for tbl in body.findall(qn("w:tbl")) for tc in tbl.iter(qn("w:tc"))]
    assert any("丙" in "".join(_ins_text(p)) for tc in cells for p in tc.iter(qn("w:p")))
    # Taking them away again is tracked as deletions.
    _check(new, old)


def test_a_moved_and_renumbered_article_never_shows_a_number_twice() -> None:
    """Each label appears at most once in what accepting shows and once in what rejecting
    shows; the old label of a moved article is deleted, its new label inserted."""
    texts = [A, B, C, "公园管理机构应当建立安全制度。", "本条例自2025年1月1日起施行。"]
    old = draft(*(article(t) for t in texts), title="某市公园条例")
    new = old.clone()
    moved = new.articles()[3]
    new.units.remove(moved)
    new.units.insert(0, moved)
    paragraphs = _check(old, new)
    for accept in (True, False):
        shown = revised_paragraphs(paragraphs, accept=accept)
        labels = [line.split("\u3000")[0] for line in shown if line.startswith("第")]
        assert len(labels) == len(set(labels))
    deleted = [t.text for p in paragraphs for d in p.iter(qn("w:del"), qn("w:moveFrom"))
               for t in d.iter(qn("w:delText"))]  # fmt: skip
    assert "第四条" in deleted


def test_real_moves_show_each_number_once_per_side_and_track_their_labels() -> None:
    """北京市制定地方性法规条例 2017 → 2023: eight articles moved (one keeps its number 第十七条).
    Accepting shows each number once, rejecting too; at its old place a moved article's number
    is deleted inside the moveFrom range, at its new place the new number is inserted."""
    paragraphs = _check(
        _text("pair_beijing_lawmaking_2017.md"), _text("pair_beijing_lawmaking_2023.md")
    )
    for accept in (True, False):
        shown = revised_paragraphs(paragraphs, accept=accept)
        labels = [line.split("\u3000")[0] for line in shown if re.match(r"第\S+条\u3000", line)]
        assert len(labels) == len(set(labels)) > 60
    moved_from = [p for p in paragraphs if p.find(qn("w:moveFromRangeStart")) is not None]
    moved_to = [p for p in paragraphs if p.find(qn("w:moveToRangeStart")) is not None]
    assert len(moved_from) == len(moved_to) >= 8
    for p in moved_from:
        first = next(p.iter(qn("w:delText")))
        assert first.getparent().getparent().tag == qn("w:del") and first.text.endswith("条")
    for p in moved_to:
        first = next(t for t in p.iter(qn("w:t")))
        assert first.getparent().getparent().tag == qn("w:ins") and first.text.endswith("条")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_rejects_an_added_paragraph_and_article_without_joining(
    tmp_path: Path,
) -> None:
    """LibreOffice's own 接受全部/拒绝全部 (the tester's case: a 款 and an article added
    together), and on a pair with a changed 目录, 序言 and appendix."""
    profile = libreoffice_profile(tmp_path)
    base = draft(article(A), article(B), article(C), title="某市公园条例")
    chaptered = _text("pair_changjiang_sand_2001.md")
    with_matter = _with_matter(base)
    changed = with_matter.clone()
    changed.preamble = Preamble("序言", ["为了加强公园管理，根据有关法律，制定本条例。"])
    changed.appendices.append(Appendix("附件2", "收费标准", ["按年计收。"]))
    renamed = _text("pair_lifafa_2015.md").clone()
    next(u for u in renamed.walk() if u.kind is UnitKind.CHAPTER).heading = "总则规定"
    cases = [
        (base, _paragraph_and_article(base, 1), "款和条.docx"),
        (chaptered, _paragraph_and_article(chaptered, 5), "采砂.docx"),
        (with_matter, changed, "序言附件.docx"),
        (_text("pair_lifafa_2015.md"), renamed, "目录.docx"),
        (
            _text("pair_beijing_lawmaking_2017.md"),
            _text("pair_beijing_lawmaking_2023.md"),
            "北京.docx",
        ),
    ]
    for before, after, name in cases:
        path = tmp_path / name
        tracked_draft_docx(compare_drafts(before, after), after, path, author=AUTHOR, date=DATE)
        for accept, shown in ((True, after), (False, before)):
            lines = libreoffice_revised(path, profile, accept=accept)
            while lines and lines[-1] == "":
                lines.pop()  # the empty paragraph kept after a table that ends the text
            assert lines == libreoffice_laid_out(shown), name


def test_renumber_keeps_the_toc_the_source_printed(tmp_path: Path) -> None:
    """``renumber`` writes the 目录 back (with today's numbers) when the source had one, and
    the written text reads back to the same articles and headings."""
    from tests.app_runner import run_app
    from tests.drafting.compare_helpers import read_draft as read

    out = tmp_path / "renumbered.txt"
    result = run_app("renumber", str(CORPUS / "lifafa_2023_flk.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "\n目录\n第一章\u3000总则\n" in text
    again, source = read(out), _text("lifafa_2023_flk.txt")
    assert laid_out(again) == laid_out(source)
    plain = tmp_path / "plain.txt"
    run_app("renumber", str(CORPUS / "pair_changjiang_sand_2001.md"), "--out", str(plain))
    assert "目录" not in plain.read_text(encoding="utf-8")


def test_a_toc_and_preamble_on_one_side_only_leave_the_articles_in_place() -> None:
    """Old: no chapters, no 序言; new: a 序言 and one chapter around the same articles (so a
    目录 too). Only what was added is inserted: no article is deleted and inserted again."""
    old = _text("pair_changjiang_sand_2001.md")
    new = old.clone()
    new.preamble = Preamble("", ["为了加强长江河道采砂管理，制定本条例。"])
    chapter = new_unit(UnitKind.CHAPTER, "")
    chapter.heading = "总则"
    chapter.children = new.units
    new.units = [chapter]
    paragraphs = _check(old, new)
    deleted = [t.text for p in paragraphs for t in p.iter(qn("w:delText"))]
    assert deleted == []
    inserted = "".join(t for p in paragraphs for t in _ins_text(p))
    assert TOC_HEADING in inserted and "为了加强长江河道采砂管理" in inserted
    _check(new, old)
