"""Faults a tester found in the reader (issue 10, second round): each as a kind, with its warning."""

from __future__ import annotations

from pathlib import Path

from drafting.edit.checks import run_checks
from drafting.edit.renumber import renumber
from drafting.exchange.akoma_ntoso import from_akn, to_akn
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.positions import Context
from drafting.model.units import Draft, Numbering
from drafting.read.parse import ParseResult, parse_text
from drafting.write.plain_text import render_text
from storage.library import Library


def _bodies(draft: Draft) -> list[str]:
    return [article_body(a) for a in draft.articles()]


def _warned(result: ParseResult, words: str) -> bool:
    return any(words in w.message for w in result.warnings)


def test_a_page_header_inside_a_broken_sentence_is_set_aside_and_the_sentence_joins() -> None:
    text = (
        "某某市供水管理条例\n第一条　为了加强供水管理，制定本条例。\n"
        "第二条　供水企业应当按照国家规定的水质标准，保证\n— 1 —\n某某市供水管理条例\n"
        "供水水质安全，并定期向社会公布水质信息。\n第三条　本条例自2025年1月1日起施行。\n"
    )
    result = parse_text(text)
    assert _bodies(result.draft)[1] == (
        "供水企业应当按照国家规定的水质标准，保证供水水质安全，并定期向社会公布水质信息。"
    )
    assert _warned(result, "页眉“某某市供水管理条例”")
    # Only right after a page number: the title's words inside a sentence stay.
    plain = parse_text("某某市供水管理条例\n第一条　依照\n某某市供水管理条例\n的规定执行。\n")
    assert "某某市供水管理条例" in _bodies(plain.draft)[0]


GUOGE = (
    "中华人民共和国国歌法\n\n第一条 为了维护国歌的尊严，根据宪法，制定本法。\n\n"
    "第二条 在下列场合，应当奏唱国歌：\n\n"
    "（一）全国人民代表大会会议和地方各级人民代表大会会议的开幕、闭幕；\n\n"
    "中国人民政治协商会议全国委员会会议和地方各级委员会会议的开幕、闭幕；\n\n"
    "（二）各政党、各人民团体的各级代表大会等；\n\n（三）宪法宣誓仪式。\n\n"
    "第三条 本法自2017年10月1日起施行。\n"
)


def test_an_unnumbered_line_inside_a_list_continues_it_without_restarting_the_count(
    tmp_path: Path,
) -> None:
    result = parse_text(GUOGE)
    article = result.draft.articles()[1]
    assert len(article.children) == 1  # one 款: the lead-in and its one list
    items = article.children[0].children
    numbers = compute_numbers(result.draft)
    assert [numbers[i.uid].label for i in items] == ["（一）", "", "（二）", "（三）"]
    assert items[1].numbering is Numbering.NONE
    assert not [w for w in result.warnings if "编号" in w.message]
    assert not any(u.label for u in result.draft.walk())  # no lock: the print is regular
    assert article_body(article).splitlines()[2].startswith("中国人民政治协商会议")
    # Neither renumbering nor the checks rewrite the list.
    before = render_text(result.draft)
    report = renumber(result.draft, None)
    assert report.renumbered == 0 and render_text(result.draft) == before
    rules = {f.rule for f in run_checks(result.draft)}
    assert not rules & {"items.ending", "items.leadin"}
    # Round trips: text, Akoma Ntoso, library.
    assert render_text(parse_text(before).draft) == before
    assert render_text(from_akn(to_akn(result.draft))) == before
    with Library.open(tmp_path / "lib.sqlite", create=True) as library:
        version = library.import_draft(result.draft)
        assert render_text(library.load_draft(version.id)) == before


MINSU = (
    "# 中华人民共和国民事诉讼法\n\n## 第一编 总 则\n\n### 第一章 任务\n\n第一条 甲。\n\n"
    "### 第二章 管 辖\n\n第二条 乙。\n\n## 第二编 审判程序\n\n### 第三章 第一审普通程序\n\n"
    "第三条 丙。\n\n### 第四章 简易程序\n\n第四条 丁。\n"
)


def _chapter_labels(draft: Draft) -> list[str]:
    numbers = compute_numbers(draft)
    return [numbers[u.uid].label for u in draft.walk() if u.kind.value == "chapter"]


def test_chapters_numbered_across_parts_are_a_numbering_style_kept_by_renumber(
    tmp_path: Path,
) -> None:
    result = parse_text(MINSU)
    draft = result.draft
    assert _chapter_labels(draft) == ["第一章", "第二章", "第三章", "第四章"]
    positional = compute_numbers(draft, locks=False)
    assert [positional[u.uid].label for u in draft.walk()] == [
        compute_numbers(draft)[u.uid].label for u in draft.walk()
    ]  # the positional numbers are the printed ones: nothing to renumber
    assert not [w for w in result.warnings if "章" in w.message]
    ctx = Context(draft)
    assert {u.uid: ctx.number(u.uid) for u in draft.walk()} == compute_numbers(draft)
    before = render_text(draft)
    with Library.open(tmp_path / "lib.sqlite", create=True) as library:
        version = library.import_draft(draft)
        assert _chapter_labels(library.load_draft(version.id))[2] == "第三章"
    report = renumber(draft, result.source_labels)
    assert report.changes == [] and render_text(draft) == before
    assert _chapter_labels(parse_text(before).draft)[2] == "第三章"
    # Per-part numbering (民法典) stays per part.
    per_part = parse_text(MINSU.replace("第三章", "第一章").replace("第四章", "第二章"))
    assert _chapter_labels(per_part.draft) == ["第一章", "第二章", "第一章", "第二章"]
    assert not [w for w in per_part.warnings if "章" in w.message]


def test_renumber_reports_every_label_it_changes() -> None:
    text = (
        "条例\n第一章　总则\n第一条　下列：\n（二）甲；\n（三）乙。\n第三章　附则\n第三条　施行。\n"
    )
    result = parse_text(text)
    report = renumber(result.draft, result.source_labels)
    assert report.changes == [
        "第一条 （二） → （一）",
        "第一条 （三） → （二）",
        "第三章 → 第二章",
        "第三条 → 第二条",
    ]


def test_an_article_in_traditional_characters_is_read_with_its_label_as_printed() -> None:
    text = "条例\n第一章　总则\n第一条　甲。\n第二条　乙。\n第三章　附则\n第三條　本条例自2025年1月1日起施行。\n"
    result = parse_text(text)
    assert len(result.draft.articles()) == 3
    assert compute_numbers(result.draft)[result.draft.articles()[2].uid].label == "第三條"
    assert _bodies(result.draft)[2] == "本条例自2025年1月1日起施行。"
    assert _warned(result, "“第三條”")  # kept as printed, named in the forms warning
    assert not _warned(result, "未读入")


def test_a_colon_right_after_the_article_label_is_its_separator_warned() -> None:
    text = "控烟条例\n第一条　甲。\n第二条　乙。\n第三条:下列场所禁止吸烟：\n（一）学校。\n第四条　丁。\n"
    result = parse_text(text)
    draft = result.draft
    assert len(draft.articles()) == 4
    assert _bodies(draft)[2] == "下列场所禁止吸烟：\n（一）学校。"
    assert _warned(result, "1 处条文编号后的冒号（如“第三条:”）")
    report = renumber(draft, result.source_labels)
    assert report.changes == []
    labels = [
        ln.split("\u3000")[0] for ln in render_text(draft).splitlines() if ln.startswith("第")
    ]
    assert labels == ["第一条", "第二条", "第三条", "第四条"]
    # Every label followed by a colon: read, not refused.
    every = parse_text("控烟条例\n第一条:甲。\n第二条:乙。\n第三条：丙。\n")
    assert _bodies(every.draft) == ["甲。", "乙。", "丙。"]
    assert _warned(every, "3 处条文编号后的冒号")
    # A reference at the head of a line is still no article.
    ref = parse_text("条例\n第一条　依照下列规定：\n第二条规定的情形除外。\n第二条　乙。\n")
    assert len(ref.draft.articles()) == 2


def test_a_paragraph_where_an_article_is_missing_stays_a_paragraph_and_is_warned() -> None:
    # The source may have deleted 第三条 and kept the labels: the 款 is not moved on a guess.
    text = "条例\n第一条　甲。\n第二条　乙。\n丙。\n第四条　丁。\n"
    result = parse_text(text)
    assert _bodies(result.draft) == ["甲。", "乙。\n丙。", "丁。"]
    assert _warned(result, "第二条之后缺第三条；第二条第二款可能是第三条，请核对")
    assert next(w for w in result.warnings if "第二条之后缺第三条" in w.message).line == 4
    own = parse_text("条例\n第一条　甲。\n第二条　乙。\n前款规定的丙。\n第四条　丁。\n")
    assert _bodies(own.draft)[1] == "乙。\n前款规定的丙。"
    assert _warned(own, "第二条之后缺第三条；第二条第二款可能是第三条，请核对")
    one = parse_text("条例\n第一条　甲。\n第二条　乙。\n第四条　丁。\n")
    assert not _warned(one, "可能是第三条") and len(one.draft.articles()) == 3
    # A broken label form is the article itself (repaired from the gap, warned).
    broken = parse_text("条例\n第一条　甲。\n第二条　乙。\n第三 丙。\n第四条　丁。\n")
    assert _bodies(broken.draft) == ["甲。", "乙。", "丙。", "丁。"]


def test_a_signature_block_and_footnotes_after_the_last_article_are_kept_as_notes() -> None:
    text = (
        "某某市文明行为促进条例\n第一条　为了促进文明行为，制定本条例。\n"
        "第二条　本条例自2025年1月1日起施行。\n某某市人民代表大会常务委员会\n2024年3月1日\n（此件公开发布）\n"
    )
    result = parse_text(text)
    assert _bodies(result.draft)[-1] == "本条例自2025年1月1日起施行。"
    assert result.notes == ["某某市人民代表大会常务委员会", "2024年3月1日", "（此件公开发布）"]
    assert _warned(result, "“2024年3月1日”不属于条文，已作为注记保留")
    footnote = parse_text("刑法\n第一条　甲。\n第二条　乙。\n① 刑法、历次刑法修正案的施行日期。\n")
    assert footnote.notes == ["① 刑法、历次刑法修正案的施行日期。"]
    assert _warned(footnote, "已作为注记保留")
    # A last 款 that is a sentence stays in its article; so does a last line without its 。.
    kept = parse_text("条例\n第一条　甲。\n第二条　乙。\n丙应当遵守。\n")
    assert _bodies(kept.draft)[-1] == "乙。\n丙应当遵守。" and kept.notes == []
    open_end = parse_text("条例\n第一条　甲。\n第二条　本条例自2025年1月1日起施行\n")
    assert open_end.notes == []


def test_a_whole_formula_line_is_not_a_pdf_wrap() -> None:
    text = (
        "供水条例\n第一条　甲。\n第二条　供水企业应当按照下列公式计算水费：\n水费＝用水量×单价\n"
        "单价由价格主管部门核定。\n第三条　用户应当按时缴纳水费。\n"
    )
    result = parse_text(text)
    assert _bodies(result.draft)[1] == (
        "供水企业应当按照下列公式计算水费：\n水费＝用水量×单价\n单价由价格主管部门核定。"
    )
    assert not _warned(result, "句中断行")
    # A formula broken after its operator still joins (warned).
    wrapped = parse_text(
        "税法\n第一条　甲。\n第二条　应纳税额按照下列方法计算：\n应纳税额＝计税依据×\n适用税率。\n"
    )
    assert _bodies(wrapped.draft)[1].endswith("应纳税额＝计税依据×适用税率。")
    assert _warned(wrapped, "句中断行")


def _sections(draft: Draft) -> list[tuple[str, str]]:
    numbers = compute_numbers(draft)
    return [
        (u.kind.value, numbers[u.uid].label or u.heading) for u in draft.walk() if u.kind.is_heading
    ]


def test_unnumbered_sections_under_a_chapter_in_a_text_without_numbered_sections() -> None:
    plain = (
        "某某市物业管理条例\n\n第一章　总则\n第一条　甲。\n第二章　业主大会\n业主大会的成立\n"
        "第二条　乙。\n业主委员会\n第三条　丙。\n第三章　附则\n第四条　丁。\n"
    )
    markdown = (
        "# 某某市物业管理条例\n\n## 第一章 总则\n\n第一条 甲。\n\n## 第二章 业主大会\n\n"
        "### 业主大会的成立\n\n第二条 乙。\n\n### 业主委员会\n\n第三条 丙。\n\n## 第三章 附则\n\n第四条 丁。\n"
    )
    for text in (plain, markdown):
        result = parse_text(text)
        assert _sections(result.draft) == [
            ("chapter", "第一章"),
            ("chapter", "第二章"),
            ("section", "业主大会的成立"),
            ("section", "业主委员会"),
            ("chapter", "第三章"),
        ]
        assert [u.heading for u in result.draft.walk() if u.kind.value == "chapter"][
            1
        ] == "业主大会"
        assert _warned(result, "“业主大会的成立”像是缺少编号的节")
        assert _warned(result, "“业主委员会”没有编号，已作为无编号的节读入")
    # One line under a 章 title and no other bare title: still the title wrapped in two.
    wrapped = parse_text(
        "条例\n第一章　历史文化名城的\n保护与利用\n第一条　甲。\n第二章　附则\n第二条　乙。\n"
    )
    assert _sections(wrapped.draft)[0] == ("chapter", "第一章")
    assert wrapped.draft.units[0].heading == "历史文化名城的保护与利用"


def test_a_chapter_note_is_kept_as_a_note_not_glued_to_the_heading() -> None:
    text = "条例\n第一章　总则\n（本章根据2024年5月1日决定修改）\n第一条　甲。\n第二章　附则\n第二条　乙。\n"
    result = parse_text(text)
    assert result.draft.units[0].heading == "总则"
    assert [u.kind.value for u in result.draft.units] == ["chapter", "chapter"]
    assert result.notes == ["（本章根据2024年5月1日决定修改）"]
    assert _warned(result, "是注释，已作为注记保留")


def test_a_title_note_wrapped_over_lines_is_joined_and_a_stray_paren_is_warned() -> None:
    text = (
        "日照市公园条例\n2020年12月31日 日照市第十八届人民代表大会常务委\n员会第三十二次会议通过\n"
        "2021年1月28日 山东省第十三届人民代表大会常务委员\n会第二十五次会议批准\n"
        "第一章  总则\n第一条 为了促进公园事业健康发展，制定本条例。\n"
    )
    result = parse_text(text)
    assert result.draft.title_note == (
        "2020年12月31日 日照市第十八届人民代表大会常务委员会第三十二次会议通过\n"
        "2021年1月28日 山东省第十三届人民代表大会常务委员会第二十五次会议批准"
    )
    assert result.draft.preamble is None
    assert _warned(result, "题注跨行，“员会第三十二次会议通过”已接续上一行")
    stray = parse_text(
        "# 条例\n\n2001年10月25日 国务院令第320号公布\n\n2023年7月20日 国务院决定修订）\n\n"
        "<!-- INFO END -->\n\n第一条　甲。\n"
    )
    assert stray.draft.title_note.endswith("决定修订")
    assert _warned(stray, "题注末尾多出 1 个“）”")
    # The outer parentheses of a whole 题注 go without a word.
    whole = parse_text("条例\n（2001年10月25日通过\n2023年7月20日修订）\n第一条　甲。\n")
    assert whole.draft.title_note == "2001年10月25日通过\n2023年7月20日修订"
    assert not _warned(whole, "多出")


def test_a_toc_that_does_not_list_the_preamble_keeps_the_preamble_heading_and_is_warned() -> None:
    text = (
        "某某市公园管理条例\n目　　录\n第一章　总则\n第二章　附则\n\n序　　言\n为了保护公园，决定制定本条例。\n"
        "第一章　总则\n第一条　甲。\n第二章　附则\n第二条　乙。\n"
    )
    result = parse_text(text)
    preamble = result.draft.preamble
    assert preamble is not None and preamble.heading == "序言"
    assert preamble.paragraphs == ["为了保护公园，决定制定本条例。"]
    assert [u.heading for u in result.draft.units] == ["总则", "附则"]
    assert _warned(result, "目录（3 行）未作为正文读入")
    # A 目录 that lists 序言 skips it as an entry; the body's 序言 still opens the preamble.
    listed = parse_text(text.replace("目　　录\n", "目　　录\n序　　言\n"))
    assert listed.draft.preamble is not None and listed.draft.preamble.heading == "序言"
    assert _warned(listed, "目录（4 行）未作为正文读入")


def _tree_nodes(nodes: list[dict[str, object]], kind: str) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for node in nodes:
        if node["kind"] == kind:
            out.append(node)
        out.extend(_tree_nodes(node["children"], kind))  # type: ignore[arg-type]
    return out


def test_labels_as_printed_spaces_kept_nothing_invented_heading_spaces_warned() -> None:
    from drafting.model.tree_data import draft_tree

    text = (
        "条例\n第一章　总　　则\n第 一 条　下列：\n（一）甲；\n乙；\n（三）丙。\n"
        "第二条　丁。\n第四条　戊。\n"
    )
    result = parse_text(text)
    draft = result.draft
    numbers = compute_numbers(draft)
    assert numbers[draft.articles()[0].uid].label == "第 一 条"  # as printed
    assert _warned(result, "“第 一 条”")  # the form, offered for unifying
    assert draft.units[0].heading == "总则"
    assert _warned(result, "1 个标题中排版用的字间空格（如“总　　则”）已去掉，标题按“总则”读入")
    # The item that lost its label: numbered （二） by position, printed with no label.
    items = _tree_nodes(draft_tree(draft, result.printed_labels), "item")
    assert [(i["label"], i["number"]) for i in items] == [
        ("（一）", "（一）"),
        ("", "（二）"),
        ("（三）", "（三）"),
    ]
    assert _warned(result, "像是缺少编号（二）的项")
    # A typo repaired from the gap keeps the printed typo as its label in the tree.
    typo = parse_text(
        "条例\n第二十九条　甲。\n第三十条　乙。\n第三十－条　丙。\n第三十二条　丁。\n"
    )
    articles = _tree_nodes(draft_tree(typo.draft, typo.printed_labels), "article")
    assert [(a["label"], a["number"]) for a in articles][2] == ("第三十－条", "第三条")


def test_a_soft_line_break_inside_a_word_paragraph_is_warned(tmp_path: Path) -> None:
    import docx

    from drafting.read.parse import parse_file

    document = docx.Document()
    document.add_paragraph("某某市献血条例")
    document.add_paragraph("第一条\u3000为了保证医疗用血，制定本条例。")
    paragraph = document.add_paragraph("第二条\u3000献血点应当公示：")
    run = paragraph.add_run()
    run.add_break()
    paragraph.add_run("开放时间和地点。")
    path = tmp_path / "br.docx"
    document.save(str(path))
    result = parse_file(path)
    assert _bodies(result.draft)[1] == "献血点应当公示：\n开放时间和地点。"
    assert _warned(result, "Word 段落内有 1 处手动换行（如“开放时间和地点。”之前）")
    # Paragraphs without a soft break say nothing of the kind.
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    for text in ("条例", "第一条\u3000甲。", "乙。"):
        document.add_paragraph(text)
    document.save(str(plain))
    assert not _warned(parse_file(plain), "手动换行")


def test_appendix_data_keeps_the_order_of_paragraphs_and_tables() -> None:
    from drafting.model.tree_data import appendix_data

    text = (
        "法\n\n第一条　甲。\n\n附件\n\n税目表\n\n说明一。\n\n| 甲 | 乙 |\n| 丙 | 丁 |\n\n说明二。\n"
    )
    appendix = appendix_data(parse_text(text).draft.appendices[0])
    assert appendix["blocks"] == [
        {"paragraph": "说明一。"},
        {"table": [["甲", "乙"], ["丙", "丁"]]},
        {"paragraph": "说明二。"},
    ]
    assert appendix["paragraphs"] == ["说明一。", "说明二。"]  # the keys as before
    assert appendix["tables"] == [[["甲", "乙"], ["丙", "丁"]]]
