"""Tables inside articles in the 修改决定 and in ``amend``: a changed cell, a row added or
deleted, a table rewritten whole (merged cells kept), several tables in one article, a table
added or taken away, a renumbered article; what cannot apply is listed with its reason; and
the round trip amend(old, decision(old → new)) == new, tables and spans included, on hand-made
pairs and on seeded generated pairs (corpus texts given tables, then edited)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.amend.apply import apply_decision
from drafting.amend.instructions import (
    TABLE_ADD_ROW,
    TABLE_CELL,
    TABLE_DELETE_ROW,
    TABLE_REWRITE,
    render_item,
)
from drafting.amend.read import read_decision
from drafting.amend.tables import table_key
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision, amendment_items
from drafting.compare.decision_tables import quoted_body
from drafting.model.matter import Cell, Table, table_from_lines, table_lines
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind, new_uid
from tests.conftest import CORPUS
from tests.drafting.compare_helpers import article, draft, read_draft
from tests.drafting.edit_scripts import apply_script, scripts

FEES = Table.of(
    [
        ["类别", "标准", "备注"],
        ["门票", "100元", "每人每次"],
        ["年票", "300元", ""],
        ["月票", "30元", "暂定"],
    ]
)


def text(table: Table | None = FEES, *, second: Table | None = None) -> Draft:
    """A small regulation whose 第二条 holds ``table`` (and, when given, a second table in
    its second 款)."""
    d = draft(
        article("为了规范公园收费，制定本条例。"),
        article("收费标准如下：", "优惠标准如下：")
        if second is not None
        else article("收费标准如下："),
        article("本条例自2025年1月1日起施行。"),
        title="某市公园收费条例",
    )
    d.articles()[1].children[0].table = table
    if second is not None:
        d.articles()[1].children[1].table = second
    return d


def with_table(d: Draft, k: int, table: Table | None, paragraph: int = 0) -> Draft:
    new = d.clone()
    new.articles()[k].children[paragraph].table = table
    return new


def state(d: Draft) -> list[object]:
    """Everything the round trip must give: title, headings, every article's words as the
    decision quotes them (tables with their spans), and each 款's table as data."""
    ctx = Context(d)
    out: list[object] = [d.title]
    for u in d.walk():
        if u.kind.is_heading:
            out.append(f"{ctx.full_label(u.uid)}　{u.heading}")
        elif u.kind is UnitKind.ARTICLE:
            out.append(f"{ctx.full_label(u.uid)}　{quoted_body(u)}")
            out.append([table_key(p.table) for p in u.children])
    return out


def trip(old: Draft, new: Draft) -> tuple[Draft, str]:
    decision = amendment_decision(compare_drafts(old, new))
    read = read_decision(decision)
    assert read.unread == [], (read.unread, decision)
    result = apply_decision(old, read)
    assert result.failed == [], ([(i.action, r) for i, r in result.failed], decision)
    return result.draft, decision


def check(old: Draft, new: Draft) -> str:
    got, decision = trip(old, new)
    assert state(got) == state(new), decision
    return decision


def rows(table: Table) -> list[list[Cell]]:
    return [list(r) for r in table.rows]


# ---- hand-made pairs ---------------------------------------------------------------------------


def test_a_changed_cell() -> None:
    r = rows(FEES)
    r[1][1] = Cell("120元")
    decision = check(text(), text(Table(r)))
    assert "一、将第二条表格第二行“标准”栏中的“100元”修改为“120元”。" in decision
    assert "未写入" not in decision


def test_the_paragraph_keeps_its_uid() -> None:
    old = text()
    r = rows(FEES)
    r[1][1] = Cell("120元")
    got, _ = trip(old, text(Table(r)))
    assert got.articles()[1].children[0].uid == old.articles()[1].children[0].uid
    assert got.articles()[1].uid == old.articles()[1].uid


def test_an_appendix_rewritten_whole_keeps_its_merged_cells() -> None:
    """将附件1修改为：“…” quotes merged cells with their spans (they were lost before)."""
    from drafting.model.matter import Appendix

    merged = Table(
        [
            [Cell("税目"), Cell("税额", col_span=2)],
            [Cell("原油", row_span=2), Cell("原矿"), Cell("6%")],
            [Cell("选矿"), Cell("6%")],
        ]
    )
    old = text()
    old.appendices = [Appendix("附件1", "税目税额表", ["本表适用于本市。", merged])]
    new = old.clone()
    grown = rows(merged) + [[Cell("煤"), Cell("原矿"), Cell("2%")]]
    new.appendices[0].blocks[1] = Table(grown)
    got, decision = trip(old, new)
    assert "“| 税目 | 税额〔跨两列〕 |" in decision
    assert "“| 原油〔跨两行〕 | 原矿 | 6% |" in decision
    assert repr(got.appendices) == repr(new.appendices)


def test_words_added_to_an_empty_cell_and_taken_from_one() -> None:
    r = rows(FEES)
    r[2][2] = Cell("限本人使用")
    r[3][2] = Cell("")
    decision = check(text(), text(Table(r)))
    assert "在第二条表格第三行“备注”栏中增加“限本人使用”" in decision
    assert "删去第二条表格第四行“备注”栏中的“暂定”" in decision


def test_a_row_added_and_a_row_deleted() -> None:
    r = rows(FEES)
    del r[3]
    r.insert(2, [Cell("季票"), Cell("80元"), Cell("")])
    decision = check(text(), text(Table(r)))
    assert "在第二条表格中增加一行，作为第三行：“季票”、“80元”、“”" in decision
    assert "删去第二条表格第四行" in decision


def test_a_column_added_rewrites_the_table_whole() -> None:
    wide = Table(
        [
            [*row, Cell(extra)]
            for row, extra in zip(rows(FEES), ["期限", "当日", "一年", "一月"], strict=True)
        ]
    )
    decision = check(text(), text(wide))
    assert "将第二条中的表格修改为：“| 类别 | 标准 | 备注 | 期限 |\n“| 门票" in decision


def test_most_cells_changed_rewrite_the_table_whole() -> None:
    new = Table([[Cell(c.text + "（调整）") for c in row] for row in FEES.rows])
    decision = check(text(), text(new))
    assert "将第二条中的表格修改为：" in decision
    assert "栏中的" not in decision


def test_merged_cells_survive_a_whole_table() -> None:
    merged = Table(
        [
            [Cell("类别"), Cell("标准", col_span=2)],
            [Cell("门票", row_span=2), Cell("成人"), Cell("100元")],
            [Cell("儿童"), Cell("50元")],
            [Cell("年票"), Cell("300元", col_span=2)],
        ]
    )
    decision = check(text(), text(merged))
    assert "“| 类别 | 标准〔跨两列〕 |" in decision
    assert "“| 门票〔跨两行〕 | 成人 | 100元 |" in decision


def test_a_cell_changed_in_a_table_with_merged_cells_is_one_item() -> None:
    merged = Table(
        [
            [Cell("类别"), Cell("标准", col_span=2)],
            [Cell("门票", row_span=2), Cell("成人"), Cell("100元")],
            [Cell("儿童"), Cell("50元")],
        ]
    )
    r = rows(merged)
    r[2][1] = Cell("60元")  # under the merged 门票: the third grid column
    decision = check(text(merged), text(Table(r)))
    assert "将第二条表格第三行第三列中的“50元”修改为“60元”" in decision
    spans = rows(merged)
    spans[1][0] = Cell("门票")  # the merge undone: the layout changed
    spans.insert(2, [Cell("")] + spans.pop(2))
    decision = check(text(merged), text(Table(spans)))
    assert "将第二条中的表格修改为：" in decision


def test_a_renumbered_article_names_its_new_number_once() -> None:
    old = text()
    r = rows(FEES)
    r[1][1] = Cell("120元")
    del r[3]
    new = with_table(old, 1, Table(r))
    new.units.insert(1, article("公园收费应当公开。"))
    decision = check(old, new)
    assert (
        "将第二条改为第三条，表格第二行“标准”栏中的“100元”修改为“120元”；删去第二条表格第四行。"
        in decision
    )


def test_the_words_and_the_table_of_one_article_in_one_item() -> None:
    old = text()
    r = rows(FEES)
    r[1][1] = Cell("120元")
    new = with_table(old, 1, Table(r))
    new.articles()[1].children[0].text = "公园收费标准如下："
    decision = check(old, new)
    assert "一、将第二条中的“收费标准如下”修改为“公园收费标准如下”；将第二条表格第二行" in decision


def test_two_tables_in_one_article_are_named_by_their_paragraph() -> None:
    second = Table.of([["对象", "优惠"], ["老年人", "免费"], ["学生", "半价"]])
    old = text(second=second)
    changed = Table.of([["对象", "优惠"], ["老年人", "免费"], ["学生", "八折"]])
    decision = check(old, with_table(old, 1, changed, paragraph=1))
    assert "将第二条第二款表格第三行“优惠”栏中的“半价”修改为“八折”" in decision


def test_a_table_added_or_taken_away_rewrites_the_article() -> None:
    old = text(None)
    decision = check(old, text())
    assert "将第二条修改为：“收费标准如下：\n“| 类别 | 标准 | 备注 |" in decision
    check(text(), text(None))


def test_articles_added_moved_and_split_keep_their_tables() -> None:
    """Whole articles quoted (增加一条, 移至, 改为两条) carry their tables and spans."""
    merged = Table(
        [[Cell("类别"), Cell("标准", col_span=2)], [Cell("门票"), Cell("成人"), Cell("100元")]]
    )
    old = text(merged)
    added = old.clone()
    added.units.insert(2, article("停车收费如下："))
    added.articles()[2].children[0].table = Table.of([["车型", "标准"], ["小型车", "5元"]])
    check(old, added)
    moved = old.clone()
    moved.units.append(moved.units.pop(1))
    moved.articles()[2].children[0].text = "收费标准如下表："
    check(old, moved)


def test_old_decisions_still_read() -> None:
    """A decision drafted before spans were quoted: plain | a | b | lines, now read as the
    article's table (they were read as 款 of their own) and as cells of one place."""
    decision = "\n".join(
        [
            "对《某市公园收费条例》作如下修改：",
            "一、将第二条修改为：“收费标准如下：",
            "“| 类别 | 标准 |",
            "“| 门票 | 120元 |”",
        ]
    )
    result = apply_decision(text(), read_decision(decision))
    assert result.failed == []
    paragraphs = result.draft.articles()[1].children
    assert [p.text for p in paragraphs] == ["收费标准如下："]
    assert paragraphs[0].table == Table.of([["类别", "标准"], ["门票", "120元"]])
    assert table_from_lines(["| a | b |"]) == Table.of([["a", "b"]])
    assert table_from_lines(table_lines(FEES)) == FEES


def test_what_cannot_apply_is_listed_with_its_reason() -> None:
    decision = "\n".join(
        [
            "对《某市公园收费条例》作如下修改：",
            "一、将第一条表格第二行“标准”栏中的“100元”修改为“120元”。",
            "二、删去第二条表格第九行。",
            "三、将第二条表格第二行“标准”栏中的“999元”修改为“120元”。",
            "四、将第二条表格第二行“价格”栏中的“100元”修改为“120元”。",
            "五、将第二条表格第三行“标准”栏中的“300元”修改为“320元”。",
            "六、在第二条表格中增加一行，作为第九行：“季票”、“80元”、“”",
        ]
    )
    read = read_decision(decision)
    assert read.unread == []
    result = apply_decision(text(), read)
    reasons = [reason for _, reason in result.failed]
    assert reasons == [
        "第一条没有表格",
        "第二条表格没有第九行",
        "第二条表格第一行没有“价格”栏（或不止一处）",
        "第二条表格第二行“标准”栏中没有“999元”",
        "第二条表格只有四行，不能增加第九行",
    ]
    assert [[c.text for c in r] for r in result.draft.articles()[1].children[0].table.rows][2] == [
        "年票",
        "320元",
        "",
    ]  # the clause that fits still applies
    two = text(second=Table.of([["a"], ["b"]]))
    result = apply_decision(two, read_decision("一、删去第二条表格第二行。"))
    assert result.failed[0][1] == "第二条有两个表格，未写明是哪一款的表格"


def test_a_decision_with_a_table_item_left_out_does_not_give_the_new_text() -> None:
    """The round-trip check can fail: drop any one table clause and the text differs."""
    old = text()
    r = rows(FEES)
    r[1][1] = Cell("120元")
    del r[3]
    r.insert(1, [Cell("季票"), Cell("80元"), Cell("")])
    new = text(Table(r))
    items = amendment_items(compare_drafts(old, new))
    clauses = [c for item in items for c in item]
    assert {c.action for c in clauses} == {TABLE_CELL, TABLE_ADD_ROW, TABLE_DELETE_ROW}
    for k in range(len(clauses)):
        kept = clauses[:k] + clauses[k + 1 :]
        decision = "对《某市公园收费条例》作如下修改：\n一、" + render_item(kept) + "\n"
        result = apply_decision(old, read_decision(decision))
        assert result.failed == []
        assert state(result.draft) != state(new)
    assert state(trip(old, new)[0]) == state(new)


def test_one_undo_puts_the_tables_back() -> None:
    from drafting.amend.apply import Amender

    work = text()
    amender = Amender(work)
    r = rows(FEES)
    r[1][1] = Cell("120元")
    decision = amendment_decision(compare_drafts(text(), text(Table(r))))
    assert amender.apply(read_decision(decision).instructions).failed == []
    assert work.articles()[1].children[0].table == Table(r)
    amender.session.undo()
    assert work.articles()[1].children[0].table == FEES


# ---- generated pairs -----------------------------------------------------------------------------

WORDS = ("门票", "100元", "年票", "300元", "每人每次", "免费", "儿童", "成人", "（含）", "暂定", "")


def _random_table(rng: random.Random) -> Table:
    width = rng.randint(1, 4)
    table = Table(
        [[Cell(rng.choice(WORDS)) for _ in range(width)] for _ in range(rng.randint(1, 5))]
    )
    if width > 1 and rng.random() < 0.3:
        r = rng.randrange(len(table.rows))
        table.rows[r][:2] = [Cell(table.rows[r][0].text, col_span=2)]
    return table


def _edit_table(table: Table, rng: random.Random) -> Table | None:
    """Random edits of a table: cells changed, rows added or deleted, a column added, cells
    merged or split, or the table taken away."""
    out = Table([list(r) for r in table.rows])
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(
            ("cell", "cell", "cell", "add", "delete", "column", "merge", "none", "drop")
        )
        if op == "drop":
            return None
        if op == "cell" and out.rows:
            r = rng.randrange(len(out.rows))
            if out.rows[r]:
                k = rng.randrange(len(out.rows[r]))
                old = out.rows[r][k]
                out.rows[r][k] = Cell(
                    rng.choice((old.text + "以上", rng.choice(WORDS), "")),
                    old.col_span,
                    old.row_span,
                )
        elif op == "add":
            width = max((len(r) for r in out.rows), default=2)
            out.rows.insert(
                rng.randint(0, len(out.rows)), [Cell(rng.choice(WORDS)) for _ in range(width)]
            )
        elif op == "delete" and len(out.rows) > 1:
            del out.rows[rng.randrange(len(out.rows))]
        elif op == "column":
            for row in out.rows:
                row.append(Cell(rng.choice(WORDS)))
        elif op == "merge" and out.rows:
            r = rng.randrange(len(out.rows))
            if len(out.rows[r]) > 1:
                out.rows[r][:2] = [Cell(out.rows[r][0].text, col_span=2)]
            elif out.rows[r] and r + 1 < len(out.rows):
                out.rows[r][0] = Cell(out.rows[r][0].text, row_span=2)
    return out if out.rows else None


def _edit_tables(article: Unit, rng: random.Random) -> None:
    """Edit the tables of an article at random; a 款 that held only a table goes with it."""
    for p in list(article.children):
        if p.table is not None and rng.random() < 0.7:
            p.table = _edit_table(p.table, rng)
            if p.table is None and not p.text and not p.children and len(article.children) > 1:
                article.children.remove(p)


def _give_tables(d: Draft, rng: random.Random, count: int) -> Draft:
    """A clone of ``d`` with tables in ``count`` articles (after a 款's words, or a 款 of
    their own after 项). Never right after another table: two tables with no words between
    read as one, in a text file as in a decision's quotation."""
    out = d.clone()
    articles = out.articles()
    for a in rng.sample(articles, min(count, len(articles))):
        table = _random_table(rng)
        last = a.children[-1] if a.children else None
        if last is not None and last.table is not None:
            continue
        if last is not None and not last.children:
            last.table = table
        else:
            a.children.append(Unit(UnitKind.PARAGRAPH, table=table))
    return out


TEXTS = (
    "local_hangzhou_park_2014.md",
    "local_ningbo_vegetable_market_2021.md",
    "pair_lifafa_2023.md",
    "local_luoyang_ich_2016.md",
    "large_civil_code_2020.md",
)
_cache: dict[str, Draft] = {}


def _text(name: str) -> Draft:
    if name not in _cache:
        _cache[name] = read_draft(CORPUS / name)
    return _cache[name]


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    name=st.sampled_from(TEXTS),
    seed=st.integers(0, 2**32 - 1),
    script=st.one_of(st.just([]), scripts),
    by_uid=st.booleans(),
)
def test_round_trip_on_generated_table_edits(
    name: str, seed: int, script: list[tuple[str, float, float]], by_uid: bool
) -> None:
    """Corpus texts given tables in a few articles, then edited (the articles by an edit
    script, the tables by random cell, row, column and merge edits, a table taken away or
    added): the decision drafted from the comparison, applied to the old text, gives the new
    one, every table and span included."""
    rng = random.Random(seed)
    old = _give_tables(_text(name), rng, rng.randint(1, 4))
    new = apply_script(old, script).new if script else old.clone()
    for a in new.articles():
        _edit_tables(a, rng)
    if rng.random() < 0.3:
        new = _give_tables(new, rng, 1)
    if not by_uid:
        new = new.clone()
        for unit in new.walk():
            unit.uid = new_uid()
    if state(new) == state(old):
        return
    got, decision = trip(old, new)
    assert state(got) == state(new), (seed, script, decision)
    # The check can fail: without its first table item, the decision does not give new.
    lines = decision.split("\n")
    first = next((k for k, line in enumerate(lines) if "、" in line[:5] and "表格" in line), None)
    if first is not None:
        end = first + 1
        while end < len(lines) and lines[end].startswith("“"):
            end += 1
        result = apply_decision(old, read_decision("\n".join(lines[:first] + lines[end:])))
        assert state(result.draft) != state(new), decision


def test_generated_pairs_draft_every_table_form() -> None:
    """The generator reaches every table form (so the property above exercises them all)."""
    seen: set[str] = set()
    for seed in range(40):
        rng = random.Random(seed)
        old = _give_tables(_text(TEXTS[0]), rng, 3)
        new = old.clone()
        for a in new.articles():
            _edit_tables(a, rng)
        for item in amendment_items(compare_drafts(old, new)):
            seen.update(c.action for c in item)
    assert {TABLE_CELL, TABLE_ADD_ROW, TABLE_DELETE_ROW, TABLE_REWRITE} <= seen


# ---- the commands -------------------------------------------------------------------------------


def test_compare_then_amend_on_docx_files(tmp_path: Path) -> None:
    """`compare OLD NEW --decision-text` on .docx files with merged cells drafts the table
    items without the old 未写入修改决定 warning; `amend OLD DECISION --out NEW --json` lists
    them in ``applied`` and the .docx it writes reads back with the new table, spans kept."""
    import json

    from drafting.read.files import read_draft as read_file
    from drafting.write.text_docx import export_docx
    from tests.app_runner import run_app

    merged = Table(
        [
            [Cell("类别"), Cell("标准", col_span=2)],
            [Cell("门票", row_span=2), Cell("成人"), Cell("100元")],
            [Cell("儿童"), Cell("50元")],
            [Cell("年票"), Cell("300元"), Cell("一年")],
        ]
    )
    r = rows(merged)
    r[1][2] = Cell("120元")
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    export_docx(text(merged), old)
    export_docx(text(Table(r)), new)
    decision = tmp_path / "决定.txt"
    run = run_app("compare", str(old), str(new), "--json", "--decision-text", str(decision))
    assert run.returncode == 0, run.stderr
    assert "未写入修改决定" not in run.stderr
    assert not any("手工补写" in w for w in json.loads(run.stdout).get("warnings", []))
    assert "将第二条表格第二行第三列中的“100元”修改为“120元”" in decision.read_text("utf-8")
    out = tmp_path / "amended.docx"
    done = run_app("amend", str(old), str(decision), "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["failed"] == []
    assert "将第二条表格第二行第三列中的“100元”修改为“120元”" in data["applied"]
    got = read_file(out).draft.articles()[1].children[0].table
    assert got == read_file(new).draft.articles()[1].children[0].table == Table(r)


def test_amend_writes_the_table_rows_into_a_text_file(tmp_path: Path) -> None:
    """`amend … --out NEW.md`: the table as amended, a | a | b | line per row."""
    from drafting.write.text_docx import export_docx
    from tests.app_runner import run_app

    r = rows(FEES)
    del r[2]
    old = tmp_path / "old.docx"
    export_docx(text(), old)
    decision = tmp_path / "决定.txt"
    decision.write_text("对《某市公园收费条例》作如下修改：\n一、删去第二条表格第三行。\n", "utf-8")
    out = tmp_path / "new.md"
    done = run_app("amend", str(old), str(decision), "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    written = out.read_text("utf-8")
    assert "| 年票 | 300元 |" not in written and "| 月票 | 30元 | 暂定 |" in written
