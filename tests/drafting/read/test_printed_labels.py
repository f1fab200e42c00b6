"""Printed labels are kept: each kind of irregular numbering keeps the law's own labels."""

from __future__ import annotations

from pathlib import Path

from drafting.edit.operations import EditSession, MoveUnit, Renumber
from drafting.edit.renumber import renumber
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft, UnitKind
from drafting.read.parse import parse_text
from drafting.write.plain_text import render_text
from storage.library import Library


def _labels(draft: Draft, kind: UnitKind) -> list[str]:
    numbers = compute_numbers(draft)
    return [numbers[u.uid].label for u in draft.walk() if u.kind is kind]


def _bodies(draft: Draft) -> dict[str, str]:
    numbers = compute_numbers(draft)
    return {numbers[a.uid].label: article_body(a) for a in draft.articles()}


def test_item_followed_by_a_continuation_paragraph_keeps_the_next_labels() -> None:
    text = (
        "国歌法\n\n第一条　在下列场合，应当奏唱国歌：\n（一）全国人民代表大会会议的开幕；\n"
        "中国人民政治协商会议全国委员会会议的开幕；\n（二）各政党的代表大会；\n（三）宪法宣誓仪式。\n"
        "第二条　本法自公布之日起施行。\n"
    )
    result = parse_text(text)
    # One list: the unnumbered line is a line of it, printed (and numbered) without a label.
    assert _labels(result.draft, UnitKind.ITEM) == ["（一）", "", "（二）", "（三）"]
    body = _bodies(result.draft)["第一条"]
    assert "（二）各政党的代表大会；\n（三）宪法宣誓仪式。" in body
    # The unnumbered line is a line of the list: the count runs on, nothing to lock or warn.
    assert not any("保留原文编号" in w.message for w in result.warnings)


def test_a_paragraph_citing_items_is_not_an_item_and_is_never_rewritten() -> None:
    text = (
        "条例\n\n第一条　下列人员应当登记：\n（一）甲；\n（二）乙；\n（三）丙。\n"
        "（一）至（三）项所列人员变更的，应当重新登记。\n第二条　本条例自公布之日起施行。\n"
    )
    result = parse_text(text)
    draft = result.draft
    assert _labels(draft, UnitKind.ITEM) == ["（一）", "（二）", "（三）"]
    assert "（一）至（三）项所列人员变更的" in _bodies(draft)["第一条"]
    renumber(draft, result.source_labels)
    assert "\n（一）至（三）项所列人员变更的，应当重新登记。" in render_text(draft)


def test_first_items_that_lost_their_labels_leave_the_printed_one() -> None:
    text = "条例\n\n第一条　有下列行为的，予以处罚：\n甲行为。\n（三）丙行为。\n第二条　施行。\n"
    draft = parse_text(text).draft
    assert _labels(draft, UnitKind.ITEM) == ["（三）"]


def test_first_item_sharing_the_lead_in_line_is_split_off() -> None:
    text = "条例\n\n第一条　有下列情形之一的：（一）甲；\n（二）乙；\n（三）丙。\n第二条　施行。\n"
    result = parse_text(text)
    article = result.draft.articles()[0]
    assert article.children[0].text == "有下列情形之一的："
    assert _labels(result.draft, UnitKind.ITEM) == ["（一）", "（二）", "（三）"]
    assert any("同一行" in w.message for w in result.warnings)


def test_missing_first_chapter_heading_keeps_the_later_chapter_numbers() -> None:
    text = "条例\n\n第一条　甲。\n第二章　规划\n第二条　乙。\n第三章　附则\n第三条　施行。\n"
    assert _labels(parse_text(text).draft, UnitKind.CHAPTER) == ["第二章", "第三章"]


def test_numbered_chapters_after_an_unnumbered_heading_keep_their_numbers() -> None:
    text = (
        "条例\n\n第一条　甲。\n\n规划与工程建设\n\n第二条　乙。\n\n第三章　使用管理\n\n第三条　丙。\n\n"
        "第四章　附则\n\n第四条　施行。\n"
    )
    labels = _labels(parse_text(text).draft, UnitKind.CHAPTER)
    assert labels == ["", "第三章", "第四章"]


def test_chapters_numbered_across_parts_are_not_restarted() -> None:
    text = (
        "民事诉讼法\n\n第一编　总则\n\n第一章　任务\n\n第一条　甲。\n\n第二章　管辖\n\n第二条　乙。\n\n"
        "第二编　审判程序\n\n第十二章　第一审普通程序\n\n第三条　丙。\n\n第十三章　简易程序\n\n第四条　丁。\n"
    )
    labels = _labels(parse_text(text).draft, UnitKind.CHAPTER)
    assert labels == ["第一章", "第二章", "第十二章", "第十三章"]


def test_text_not_starting_at_the_first_article_keeps_its_numbers() -> None:
    text = "民法典合同编\n\n第四百六十三条　甲。\n第四百六十四条　乙。\n第四百六十五条　丙。\n"
    result = parse_text(text)
    assert _labels(result.draft, UnitKind.ARTICLE) == [
        "第四百六十三条",
        "第四百六十四条",
        "第四百六十五条",
    ]
    # One lock, on the first article: the rest count on from it.
    assert [a.label for a in result.draft.articles()] == ["第四百六十三条", "", ""]
    assert (
        compute_numbers(result.draft, locks=False)[result.draft.articles()[0].uid].label == "第一条"
    )


def test_gap_and_duplicate_are_kept_as_printed_and_renumber_goes_back_to_position() -> None:
    duplicate = parse_text("条例\n\n第一条　甲。\n第二条　乙。\n第二条　丙。\n第三条　丁。\n").draft
    assert _labels(duplicate, UnitKind.ARTICLE) == ["第一条", "第二条", "第二条", "第三条"]
    text = "条例\n\n第一条　依照本条例第三条处理。\n第三条　甲。\n第四条　施行。\n"
    result = parse_text(text)
    draft = result.draft
    assert _labels(draft, UnitKind.ARTICLE) == ["第一条", "第三条", "第四条"]
    report = renumber(draft, result.source_labels)
    assert _labels(draft, UnitKind.ARTICLE) == ["第一条", "第二条", "第三条"]
    assert all(not u.label for u in draft.walk())
    assert report.renumbered == 2
    assert "依照本条例第二条处理" in render_text(draft)


def test_item_label_characters_are_kept_as_printed() -> None:
    text = "条例\n\n第一条　下列：\n(一)甲；\n(二)乙。\n第二条　有：\n１．丙；\n２．丁。\n"
    result = parse_text(text)
    draft = result.draft
    assert _labels(draft, UnitKind.ITEM) == ["(一)", "(二)"]
    assert "(一)甲；\n(二)乙。" in render_text(draft)
    assert any("保留原文写法" in w.message for w in result.warnings)


def test_moving_a_locked_unit_numbers_it_by_its_new_place() -> None:
    draft = parse_text("条例\n\n第五条　甲。\n第六条　乙。\n第七条　丙。\n").draft
    first, _, last = draft.articles()
    session = EditSession(draft)
    session.apply(MoveUnit(first.uid, None, 2))
    assert _labels(draft, UnitKind.ARTICLE) == ["第一条", "第二条", "第三条"]
    session.undo()
    assert first.label == "第五条"
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条", "第七条"]


def test_round_trips_through_plain_text_and_the_library(tmp_path: Path) -> None:
    text = "条例\n\n第二章　规划\n\n第五条　甲：\n(二)乙；\n(三)丙。\n"
    draft = parse_text(text).draft
    assert render_text(parse_text(render_text(draft)).draft) == render_text(draft)
    with Library.open(tmp_path / "lib.sqlite", create=True) as library:
        version = library.import_draft(draft)
        loaded = library.load_draft(version.id)
    assert render_text(loaded) == render_text(draft)
    assert [u.label for u in loaded.walk() if u.label] == ["第二章", "第五条", "(二)", "(三)"]


def test_renumber_operation_is_undoable_and_can_take_one_list() -> None:
    text = "条例\n\n第五条　依照第六条规定：\n甲；\n(二)乙；\n(三)丙。\n第六条　丁。\n"
    draft = parse_text(text).draft
    session = EditSession(draft)
    paragraph = draft.articles()[0].children[0]
    # 甲 lost its label: shown as printed, without one (G12), until the drafter renumbers
    assert _labels(draft, UnitKind.ITEM) == ["", "(二)", "(三)"]
    session.apply(Renumber(paragraph.uid))
    assert _labels(draft, UnitKind.ITEM) == ["（一）", "（二）", "（三）"]
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条"]
    session.apply(Renumber())
    assert _labels(draft, UnitKind.ARTICLE) == ["第一条", "第二条"]
    assert "依照第二条规定" in render_text(draft)
    session.undo()
    session.undo()
    assert _labels(draft, UnitKind.ITEM) == ["", "(二)", "(三)"]
    assert "第五条　依照第六条规定" in render_text(draft)


def test_label_form_fix_is_one_undoable_edit_of_the_label() -> None:
    from drafting.edit.checks import fixed_text, run_checks
    from drafting.edit.operations import EditText

    draft = parse_text("条例\n\n第一条　下列：\n(一)甲；\n(二)乙。\n").draft
    finding = next(f for f in run_checks(draft) if f.rule == "label.form")
    session = EditSession(draft)
    session.apply(EditText(finding.unit_uid or "", fixed_text(draft, finding), finding.field))
    assert _labels(draft, UnitKind.ITEM) == ["（一）", "(二)"]
    session.undo()
    assert _labels(draft, UnitKind.ITEM) == ["(一)", "(二)"]
