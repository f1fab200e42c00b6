"""The 修改稿 on every version pair of the corpus and on generated pairs: accepting every
revision gives the new text, rejecting every one gives the old text, word for word; numbers,
题注, punctuation, headings and moves are revisions; signed by the drafter; tracking on."""

from __future__ import annotations

import os
import shutil
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.compare.articles import compare_drafts
from drafting.model.units import Draft, new_uid
from drafting.write.layout import title_note_line
from drafting.write.tracked_docx import tracked_draft_docx
from tests.conftest import CORPUS
from tests.drafting.compare_helpers import article, draft, read_draft
from tests.drafting.edit_scripts import apply_script, scripts
from tests.drafting.write.oxml_revisions import (
    accepted,
    body_paragraphs,
    laid_out,
    libreoffice_profile,
    libreoffice_revised,
    rejected,
)

#: Two texts of one regulation (versions, or one version in two layouts), old first.
CORPUS_PAIRS = [
    ("pair_lifafa_2015.md", "pair_lifafa_2023.md"),
    ("pair_beijing_lawmaking_2017.md", "pair_beijing_lawmaking_2023.md"),
    ("pair_changjiang_sand_2001.md", "pair_changjiang_sand_2023.md"),
    ("pair_luoyang_park_square_old.md", "pair_luoyang_park_square_2021.md"),
    ("format_ich_law_2011_lawrefbook.md", "format_ich_law_2011_flk.txt"),
    ("pair_lifafa_2023.md", "lifafa_2023_flk.txt"),
    ("lifafa_2023_flk.txt", "lifafa_2023_toc_links.md"),
    ("pair_lifafa_2015.md", "lifafa_2015_reader.md"),
]

AUTHOR = "张起草"
DATE = "2026-03-01T08:00:00Z"


@cache
def _text(name: str) -> Draft:
    return read_draft(CORPUS / name)


def _tracked(old: Draft, new: Draft, path: Path) -> Path:
    tracked_draft_docx(compare_drafts(old, new), new, path, author=AUTHOR, date=DATE)
    return path


def _revisions(path: Path) -> list:  # type: ignore[type-arg]
    tags = [qn(f"w:{t}") for t in ("ins", "del", "moveFrom", "moveTo")]
    return [el for p in body_paragraphs(path) for el in p.iter(*tags)]


@pytest.mark.parametrize(("old_name", "new_name"), CORPUS_PAIRS)
def test_corpus_pair_accepts_to_new_and_rejects_to_old(
    old_name: str, new_name: str, corpus: Path, tmp_path: Path
) -> None:
    old, new = read_draft(corpus / old_name), read_draft(corpus / new_name)
    path = _tracked(old, new, tmp_path / "修改稿.docx")
    assert accepted(path) == laid_out(new)
    assert rejected(path) == laid_out(old)
    revisions = _revisions(path)
    # A pair whose texts lay out the same (a layout-only pair) has no revision at all.
    assert bool(revisions) == (laid_out(old) != laid_out(new))
    assert {r.get(qn("w:author")) for r in revisions} <= {AUTHOR}
    assert {r.get(qn("w:date")) for r in revisions} <= {DATE}
    ids = [r.get(qn("w:id")) for r in revisions]
    assert len(ids) == len(set(ids))


def test_lifafa_numbers_and_title_note_are_revisions(corpus: Path, tmp_path: Path) -> None:
    old, new = _text("pair_lifafa_2015.md"), _text("pair_lifafa_2023.md")
    path = _tracked(old, new, tmp_path / "修改稿.docx")
    deleted = {el.text for el in docx.Document(str(path)).element.body.iter(qn("w:delText"))}
    inserted = {
        t.text
        for ins in docx.Document(str(path)).element.body.iter(qn("w:ins"))
        for t in ins.iter(qn("w:t"))
    }
    assert "第一百零五条" in deleted  # the old last article's number
    assert "第一百二十条" in inserted
    # The 题注 changed (修正 history): its words are revisions, not plain text.
    assert old.title_note != new.title_note
    # One bracketed 题注 block (GB/T 9704 practice), events apart by full-width spaces.
    assert rejected(path)[1] == f"（{title_note_line(old.title_note)}）"
    assert accepted(path)[1] == f"（{title_note_line(new.title_note)}）"
    assert "2023年3月13日" in "".join(inserted)
    settings_xml = zipfile.ZipFile(path).read("word/settings.xml").decode()
    assert "<w:trackRevisions/>" in settings_xml
    assert "立法工作台" not in zipfile.ZipFile(path).read("word/document.xml").decode()
    # The document itself is the drafter's too (core properties), not only its revisions.
    core = docx.Document(str(path)).core_properties
    assert (core.author, core.last_modified_by) == (AUTHOR, AUTHOR)


def test_punctuation_width_is_a_revision(corpus: Path, tmp_path: Path) -> None:
    path = _tracked(
        _text("format_ich_law_2011_lawrefbook.md"),
        _text("format_ich_law_2011_flk.txt"),
        tmp_path / "t.docx",
    )
    deleted = "".join(el.text for el in docx.Document(str(path)).element.body.iter(qn("w:delText")))
    assert ":" in deleted


A = "为了加强公园管理，保护公园资源，制定本条例。"
B = "本条例适用于本市行政区域内公园的规划、建设、保护和管理。"
C = "市园林绿化主管部门负责全市公园的监督管理工作。"
D = "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。"
E = "本条例自2025年1月1日起施行。"


def test_a_moved_article_is_a_move_at_both_places_with_no_number_twice(tmp_path: Path) -> None:
    old = draft(article(A), article(B), article(C), article(D), article(E), title="某市公园条例")
    new = old.clone()
    moved = new.articles()[3]
    new.units.remove(moved)
    new.units.insert(1, moved)  # 第四条 → 第二条
    moved.children[0].text = D.replace("必要的", "符合标准的")
    path = _tracked(old, new, tmp_path / "修改稿.docx")
    assert accepted(path) == laid_out(new)
    assert rejected(path) == laid_out(old)
    body = docx.Document(str(path)).element.body
    names_from = [el.get(qn("w:name")) for el in body.iter(qn("w:moveFromRangeStart"))]
    names_to = [el.get(qn("w:name")) for el in body.iter(qn("w:moveToRangeStart"))]
    assert names_from == names_to == ["move1"]
    moved_to = "".join(t.text for m in body.iter(qn("w:moveTo")) for t in m.iter(qn("w:t")))
    assert "公园管理机构应当" in moved_to
    # Each paragraph shows one number unstruck: the struck old 第四条 is not repeated as text.
    for p in body_paragraphs(path):
        shown = "".join(
            t.text or ""
            for t in p.iter(qn("w:t"))
            if not any(a.tag == qn("w:moveFrom") for a in t.iterancestors())
        )
        assert shown.count("条\u3000") <= 1


def _renamed(d: Draft) -> Draft:
    copy = d.clone()
    for unit in copy.walk():
        unit.uid = new_uid()
    return copy


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(
        ["pair_lifafa_2015.md", "local_jinan_historic_city_2020.md", "local_qingdao_river_2020.md"]
    ),
    script=scripts,
    by_uid=st.booleans(),
)
def test_generated_pairs_accept_to_new_and_reject_to_old(
    name: str, script: list[tuple[str, float, float]], by_uid: bool
) -> None:
    old = _text(name)
    edited = apply_script(old, script)
    new = edited.new if by_uid else _renamed(edited.new)
    document = tracked_draft_docx(compare_drafts(old, new), new, author=AUTHOR, date=DATE)
    from drafting.write.oxml.revisions import revised_body

    body = document.element.body
    assert revised_body(body, accept=True) == laid_out(new)
    assert revised_body(body, accept=False) == laid_out(old)


def test_generated_edits_on_the_civil_code(tmp_path: Path) -> None:
    old = _text("large_civil_code_2020.md")
    script = [
        ("delete", 0.1, 0.0),
        ("insert", 0.2, 0.5),
        ("move", 0.3, 0.7),
        ("split", 0.4, 0.0),
        ("merge", 0.5, 0.0),
        ("reword", 0.6, 0.3),
        ("renumber", 0.0, 0.0),
    ]
    new = apply_script(old, script).new
    path = _tracked(old, new, tmp_path / "民法典修改稿.docx")
    assert accepted(path) == laid_out(new)
    assert rejected(path) == laid_out(old)


def test_libreoffice_accepts_to_new_and_rejects_to_old(corpus: Path, tmp_path: Path) -> None:
    """LibreOffice's own 接受全部/拒绝全部 on a real pair and on a pair with a moved article."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("soffice (libreoffice-writer-nogui) is missing in CI")
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    profile = libreoffice_profile(tmp_path)
    old = draft(article(A), article(B), article(C), article(D), article(E), title="某市公园条例")
    new = old.clone()
    moved = new.articles()[3]
    new.units.remove(moved)
    new.units.insert(0, moved)
    moved.children[0].text = D.replace("必要的", "符合标准的")
    cases = [
        (_text("pair_lifafa_2015.md"), _text("pair_lifafa_2023.md"), "立法法.docx"),
        (old, new, "移动.docx"),
    ]
    for before, after, name in cases:
        path = _tracked(before, after, tmp_path / name)
        assert libreoffice_revised(path, profile, accept=True) == laid_out(after)
        assert libreoffice_revised(path, profile, accept=False) == laid_out(before)


# ---- LibreOffice joins like revisions across a plain paragraph mark (F1, 洛阳 pair) --------------

LUOYANG = ("pair_luoyang_park_square_old.md", "pair_luoyang_park_square_2021.md")


def _mark_kind(p) -> str:  # type: ignore[no-untyped-def]
    rpr = p.find(qn("w:pPr") + "/" + qn("w:rPr"))
    tags = {qn("w:ins"): "ins", qn("w:del"): "del"}
    return next((tags[el.tag] for el in rpr if el.tag in tags), "") if rpr is not None else ""


def _edge(p, last: bool) -> str:  # type: ignore[no-untyped-def]
    skip = {qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")}
    skip |= {qn(f"w:{m}Range{e}") for m in ("moveFrom", "moveTo") for e in ("Start", "End")}
    kids = [el for el in p if el.tag not in skip]
    if not kids:
        return ""
    el = kids[-1] if last else kids[0]
    return {qn("w:ins"): "ins", qn("w:del"): "del"}.get(el.tag, "")


def _joined_marks(path: Path) -> list[int]:
    """Paragraphs whose plain mark stands between two like revisions (an insertion ending it
    and one opening the next paragraph, or two deletions): LibreOffice makes one revision of
    them, mark included, and its Reject All (Accept All) joins the two paragraphs."""
    ps = body_paragraphs(path)
    return [
        k
        for k in range(len(ps) - 1)
        if ps[k].getnext() is ps[k + 1]
        and not _mark_kind(ps[k])
        and _edge(ps[k], last=True)
        and _edge(ps[k], last=True) == _edge(ps[k + 1], last=False)
    ]


@pytest.mark.parametrize("backwards", [False, True])
def test_no_plain_mark_between_like_revisions_on_the_luoyang_pair(
    tmp_path: Path, backwards: bool
) -> None:
    """The 洛阳 pair both ways (an old item made the first 款 of a new article, then whole
    new 款, then the next old item): every plain paragraph mark has something else than the
    same revision on one side, and Word's accept/reject still give the two texts."""
    a, b = (LUOYANG[1], LUOYANG[0]) if backwards else LUOYANG
    old, new = _text(a), _text(b)
    path = _tracked(old, new, tmp_path / "洛阳.docx")
    assert _joined_marks(path) == []
    assert accepted(path) == laid_out(new)
    assert rejected(path) == laid_out(old)


@given(
    name=st.sampled_from(["pair_luoyang_park_square_old.md", "local_qingdao_river_2020.md"]),
    script=scripts,
)
@settings(max_examples=25, deadline=None)
def test_no_plain_mark_between_like_revisions_on_generated_pairs(
    name: str, script: list[tuple[str, float, float]]
) -> None:
    """Generated edit scripts on corpus texts: no plain mark between like revisions."""
    import tempfile

    old = _text(name)
    new = apply_script(old, script).new
    with tempfile.TemporaryDirectory() as folder:
        path = _tracked(old, new, Path(folder) / "生成.docx")
        assert _joined_marks(path) == []


@pytest.mark.parametrize("backwards", [False, True])
def test_libreoffice_keeps_paragraphs_apart_on_the_luoyang_pair(
    tmp_path: Path, backwards: bool
) -> None:
    """LibreOffice's own 拒绝全部 gives the old 洛阳 text paragraph by paragraph (it joined old
    第八条's items （一）（二）, and the reverse 第十条 with 第十一条), 接受全部 the new one."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("soffice (libreoffice-writer-nogui) is missing in CI")
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    profile = libreoffice_profile(tmp_path)
    a, b = (LUOYANG[1], LUOYANG[0]) if backwards else LUOYANG
    old, new = _text(a), _text(b)
    path = _tracked(old, new, tmp_path / "洛阳.docx")
    assert libreoffice_revised(path, profile, accept=False) == laid_out(old)
    assert libreoffice_revised(path, profile, accept=True) == laid_out(new)
