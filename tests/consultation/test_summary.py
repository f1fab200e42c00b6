"""Summaries: counts, the 采纳情况说明, the .docx and .xlsx 汇总表, charts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import openpyxl
from PIL import Image

from consultation.charts import articles_chart, font_file
from consultation.decisions import (
    WHOLE,
    CommentFilter,
    decide,
    filter_comments,
    make_decision,
)
from consultation.model import Comment, Decision, Disposition, Source, Submitter, Target
from consultation.summary import adoption_statement, summarize, summary_rows
from consultation.summary_docx import HEADERS, write_summary_docx
from consultation.summary_xlsx import write_summary_xlsx
from tests.consultation.drafts import sample_draft

CAMPAIGN = "强烈要求保留古城墙下的早市，早市是老百姓生活的一部分。"


def sample_comments() -> list[Comment]:
    """20 comments: a campaign of 12 on 第十二条第二款, others on 第五条, 第十五条, the whole draft."""
    comments = [
        Comment(
            "建议修改第十五条的表述。", Source.EXPERT, Submitter("张教授"), target=Target("a15")
        ),
        Comment("条例总体可行。", Source.DEPUTY, Submitter("王代表"), date=dt.date(2024, 5, 1)),
        Comment(
            "建议删除第五条。", Source.DEPARTMENT, Submitter("", "市文物局"), target=Target("a5")
        ),
    ]
    for n in range(12):
        text = CAMPAIGN if n % 3 else CAMPAIGN.replace("，", ",") + "！"
        comments.append(
            Comment(
                text, Source.PUBLIC, Submitter(f"市民{n}" if n < 4 else ""), target=Target("a12p2")
            )
        )
    comments.append(
        Comment("第五条的用语应当规范。", Source.PUBLIC, target=Target("a5", quote="第5条的内容"))
    )
    comments.append(Comment("建议尽快出台。", Source.PUBLIC))
    comments.append(
        Comment("第十二条之一的程序应当细化。", Source.CONTACT_POINT, target=Target("a12-1"))
    )
    comments.append(Comment("已删除条文上的意见。", Source.PUBLIC, target=Target("gone")))
    comments.append(Comment("建议增加罚则。", Source.PUBLIC, target=Target("a15")))
    return comments


def test_summary_counts_in_text_order() -> None:
    draft = sample_draft()
    comments = sample_comments()
    decide(comments[:2], make_decision(Disposition.ADOPTED, "已修改", "法工委"))
    comments[2].decision = Decision(Disposition.NOT_ADOPTED, "上位法已有规定")
    summary = summarize(comments, draft)
    assert summary.total == 20
    assert summary.by_source == {
        "社会公众": 16,
        "人大代表": 1,
        "专家学者": 1,
        "政府部门": 1,
        "基层立法联系点": 1,
    }
    assert summary.by_disposition == {"采纳": 2, "未采纳": 1, "未处理": 17}
    assert summary.by_article == {
        "总体": 2,
        "第五条": 2,
        "第十二条": 12,
        "第十二条之一": 1,
        "第十五条": 2,
        "已删除条文": 1,
    }
    assert len(summary.clusters) == 1 and summary.clusters[0].count == 12
    # Issue 14: a cluster whose members all name one paragraph is labelled with it.
    assert summary.cluster_labels == ["第十二条第二款"]
    assert summary.as_json()["clusters"] == 1
    # 3 named outside the campaign, 4 named and 8 anonymous in it, 5 anonymous others.
    assert summary.people == 20


def test_adoption_statement_reports_campaigns_by_count() -> None:
    comments = sample_comments()
    decide(comments[3:15], make_decision(Disposition.NOT_ADOPTED, "与规划不符"))
    summary = summarize(comments, sample_draft())
    text = adoption_statement(summary)
    assert text.startswith("共收到20条意见，来自")
    assert "其中未采纳12条" in text and "尚未处理8条" in text
    assert "相同或相近的意见共1组12条" in text and "关于第十二条第二款的12条" in text  # issue 14
    assert adoption_statement(summarize([], sample_draft())) == "本次征求意见未收到意见。"


def test_filters_and_bulk_decisions() -> None:
    draft = sample_draft()
    comments = sample_comments()
    public_on_5 = filter_comments(
        comments, CommentFilter(article_uid="a5", source=Source.PUBLIC), draft
    )
    assert [c.content for c in public_on_5] == ["第五条的用语应当规范。"]
    whole = filter_comments(comments, CommentFilter(article_uid=WHOLE), draft)
    assert len(whole) == 2
    assert (
        decide(
            filter_comments(comments, CommentFilter(source=Source.PUBLIC)),
            make_decision(Disposition.DEFERRED),
        )
        == 16
    )
    assert len(filter_comments(comments, CommentFilter(disposition=Disposition.DEFERRED))) == 16
    assert len(filter_comments(comments, CommentFilter(undecided=True))) == 4


def test_rows_group_by_article_whole_draft_first_cluster_as_one_row() -> None:
    draft = sample_draft()
    comments = sample_comments()
    summary = summarize(comments, draft)
    rows = summary_rows(comments, draft, summary)
    assert [r.article for r in rows] == [
        "总体",
        "总体",
        "第五条",
        "第五条",
        "第十二条第二款",  # issue 14: the campaign's paragraph, not its article
        "第十二条之一",
        "第十五条",
        "第十五条",
        "已删除条文",
    ]
    assert [r.number for r in rows] == list(range(1, 10))
    campaign = rows[4]
    assert campaign.count == 12 and campaign.content.endswith("（共12条相同或相近意见）")
    assert campaign.submitter.endswith("等12人次")
    assert campaign.people == 12
    assert rows[3].content.startswith("（针对“第5条的内容”）")
    assert sum(r.count for r in rows) == 20  # nothing dropped


def test_docx_summary_reads_back(tmp_path: Path) -> None:
    draft = sample_draft()
    comments = sample_comments()
    decide(comments[3:15], make_decision(Disposition.NOT_ADOPTED, "与规划不符"))
    summary = summarize(comments, draft)
    rows = summary_rows(comments, draft, summary)
    path = write_summary_docx(tmp_path / "汇总表.docx", summary, rows, title=draft.title)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "《测试古城保护条例》征求意见汇总表" in texts
    assert any(t.startswith("共收到20条意见") for t in texts)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[1] for r in body] == [r.article for r in rows]
    assert body[0][1] == "总体"
    assert "（共12条相同或相近意见）" in body[4][2]
    assert body[4][4] == "未采纳" and body[4][5] == "与规划不符"
    assert len(document.inline_shapes) == 2  # the two charts
    section = document.sections[0]
    assert (section.page_width or 0) > (section.page_height or 0)  # landscape


def test_xlsx_summary_reads_back(tmp_path: Path) -> None:
    draft = sample_draft()
    comments = sample_comments()
    summary = summarize(comments, draft)
    rows = summary_rows(comments, draft, summary)
    path = write_summary_xlsx(tmp_path / "汇总表.xlsx", summary, rows, title=draft.title)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["意见汇总表"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[1]) == list(HEADERS)
    assert [v[1] for v in values[2:]] == [r.article for r in rows]
    assert "统计" in workbook.sheetnames


def test_chart_is_a_png_with_cjk_font() -> None:
    assert font_file() is not None
    png = articles_chart({"总体": 3, "第一条": 5, "第十二条": 12})
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.width > 1000
    many = articles_chart({f"第{n}条": n for n in range(1, 101)}, max_bars=10)
    with Image.open(io.BytesIO(many)) as image:
        assert image.height < 800


def test_several_articles_missing_ones_and_repeat_writers() -> None:
    draft = sample_draft()
    index_comments = [
        Comment("第十二、十三条应当合并。", target=Target("a12"), also=("a13",)),
        Comment("建议增加第六十条。", missing_target="第六十条"),
        Comment("建议删除。", Source.PUBLIC, Submitter("严华"), target=Target("a5")),
        Comment("建议删除。", Source.PUBLIC, Submitter("严华"), target=Target("a5")),
    ]
    summary = summarize(index_comments, draft)
    # Each article named counts the comment; the total counts it once.
    assert summary.total == 4
    assert summary.by_article["第十二条"] == 1 and summary.by_article["第十三条"] == 1
    # A missing article stays visible, not 总体.
    assert summary.by_article["第六十条（草案中无此条）"] == 1 and "总体" not in summary.by_article
    rows = summary_rows(index_comments, draft, summary)
    assert [r.article for r in rows] == ["第五条", "第十二条、第十三条", "第六十条（草案中无此条）"]
    # One person who wrote twice: one person, two submissions (never 严华等2人次).
    assert rows[0].count == 2 and rows[0].submitter == "严华（2次）"
    assert rows[0].people == 1


def test_submitters_keep_people_and_submissions_apart() -> None:
    """提出者 in the 汇总表: people once each, 次 for a second submission, anonymous apart."""
    from consultation.summary import _submitters

    def by(*names: str) -> list[Comment]:
        return [Comment("意见", submitter=Submitter(n)) for n in names]

    assert _submitters(by("严华")) == "严华"
    assert _submitters(by("严华", "严华")) == "严华（2次）"
    assert _submitters(by("严华", "李明", "严华")) == "严华（2次）、李明"
    assert _submitters(by("", "", "严华")) == "社会公众2人、严华"
    assert _submitters(by("甲", "乙", "丙", "丁")) == "甲、乙、丙等4人次"
    assert _submitters(by("甲", "乙", "丙", "丁", "甲", "")) == "甲、乙、丙等5人（共6次）"


def test_two_groups_on_one_article_are_named_once() -> None:
    draft = sample_draft()
    comments = [
        *(
            Comment("建议删除第十五条的罚款规定，罚款过重。", target=Target("a15"))
            for _ in range(3)
        ),
        *(
            Comment("第十五条应当增加听证程序，保障当事人权利。", target=Target("a15"))
            for _ in range(2)
        ),
    ]
    text = adoption_statement(summarize(comments, draft))
    assert "关于第十五条的2组共5条" in text and text.count("关于第十五条") == 1
