"""Drafting checks: every rule with real-looking text, fixes, and the lint/renumber commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafting.edit.checks import RULES, FixError, amount, apply_fix, run_checks
from drafting.model.numbering import compute_numbers
from drafting.model.positions import Context
from drafting.model.units import Draft
from drafting.read.parse import parse_file
from tests.app_runner import run_app as _run
from tests.drafting.textdraft import build

ROOT = Path(__file__).resolve().parents[3]
END = "第九十九条　本条例自2025年1月1日起施行。"


def _rules(text: str, **kwargs: object) -> list[tuple[str, str | None, str | None]]:
    draft, _ = build(text)
    return [(f.rule, f.article, f.fix) for f in run_checks(draft, **kwargs)]  # type: ignore[arg-type]


def test_rules_table_has_id_severity_and_explanation() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id and rule.severity in ("error", "warning", "info")
        assert rule.explanation


def test_word_rules_with_certain_fixes() -> None:
    found = _rules(f"第一条　有关部门应该在十日内做出决定。\n{END}")
    assert ("word.yinggai", "第一条", "应当") in found
    assert ("word.zuochu", "第一条", "作出") in found


def test_dengdeng_and_bounds() -> None:
    found = _rules(
        f"第一条　绿地、水体、古树名木等等。\n第二条　满十八周岁以上、不满六十周岁的人。\n{END}"
    )
    assert ("word.dengdeng", "第一条", None) in found
    assert ("word.bounds", "第二条", None) in found


def test_halfwidth_punctuation_between_chinese() -> None:
    draft, _ = build(
        f"第一条　公园管理单位应当做好以下工作:维护设施,保持整洁;违反前款第(四)项的除外。\n{END}"
    )
    findings = [f for f in run_checks(draft) if f.rule == "punct.halfwidth"]
    assert [(f.text, f.fix) for f in findings] == [
        (":", "："),
        (",", "，"),
        (";", "；"),
        ("(四)", "（四）"),
    ]
    for finding in reversed(findings):  # right to left: offsets stay valid
        apply_fix(draft, finding)
    text = draft.articles()[0].children[0].text
    assert text == "公园管理单位应当做好以下工作：维护设施，保持整洁；违反前款第（四）项的除外。"


def test_time_and_amounts_are_not_punctuation() -> None:
    assert not [
        r
        for r in _rules(f"第一条　开放时间为6:00至22:00，收费1,000元。\n{END}")
        if r[0] == "punct.halfwidth"
    ]


def test_item_punctuation() -> None:
    text = f"""
第一条　禁止下列行为。
（一）攀折花木；
（二）损坏设施，
（三）乱扔垃圾；
{END}"""
    found = _rules(text)
    assert ("items.leadin", "第一条", "：") in found
    assert ("items.ending", "第一条", "；") in found  # （二） ends with a comma
    assert ("items.ending", "第一条", "。") in found  # the last item ends with ；
    good = f"第一条　禁止下列行为：\n（一）攀折花木；\n（二）乱扔垃圾。\n{END}"
    assert not [r for r in _rules(good) if r[0].startswith("items.")]


def test_final_article_states_entry_into_force() -> None:
    assert ("final.entry_into_force", "第二条", None) in _rules(
        "第一条　一。\n第二条　本条例由市人民政府负责解释。"
    )
    assert not [r for r in _rules(f"第一条　一。\n{END}") if r[0] == "final.entry_into_force"]


@pytest.mark.parametrize(
    ("words", "bad"),
    [
        ("处五万元以上一万元以下罚款", True),
        ("处一千元以上一万元以下罚款", False),
        ("处5000元以上2000元以下的罚款", True),
        ("处2万元以上20万元以下罚款", False),
        ("处二十万元以上五万元以下罚款", True),
        ("处违法所得五倍以上一倍以下的罚款", True),
    ],
)
def test_penalty_range(words: str, bad: bool) -> None:
    found = _rules(f"第一条　违反本条例规定的，{words}。\n{END}")
    assert (("penalty.range", "第一条", None) in found) is bad


def test_penalty_form_and_amounts() -> None:
    assert ("penalty.form", "第一条", None) in _rules(f"第一条　处二百元至一千元罚款。\n{END}")
    assert amount("一万五千") == 15000
    assert amount("二十", "万") == 200000
    assert amount("1,000") == 1000
    assert amount("1.5", "万") == 15000


def test_duplicate_articles() -> None:
    text = (
        f"第一条　公园应当保持整洁，及时清运垃圾。\n第二条　公园应当保持整洁，及时清运垃圾。\n{END}"
    )
    assert ("article.duplicate", "第二条", None) in _rules(text)


def test_numbering_gaps_and_duplicates_from_source_labels() -> None:
    draft, labels = build(f"第一条　一。\n第三条　三。\n第三条　又三。\n第四条　四。\n{END}")
    findings = run_checks(draft, source_numbers=labels)
    numbering = [(f.rule, f.article) for f in findings if f.rule.startswith("numbering.")]
    assert numbering == [
        ("numbering.gap", "第二条"),
        ("numbering.duplicate", "第三条"),
        ("numbering.gap", "第五条"),  # 第四条 → 第九十九条
    ]


def test_reference_rules() -> None:
    found = _rules(f"第一条　前款规定的。\n第二条　违反本条例第三十条规定的。\n{END}")
    assert ("ref.broken", "第一条", None) in found
    assert ("ref.broken", "第二条", None) in found


def test_fix_refuses_uncertain_or_outdated() -> None:
    draft, _ = build(f"第一条　绿地等等。应该做出。\n{END}")
    findings = {f.rule: f for f in run_checks(draft)}
    with pytest.raises(FixError):
        apply_fix(draft, findings["word.dengdeng"])
    apply_fix(draft, findings["word.yinggai"])
    with pytest.raises(FixError):
        apply_fix(draft, findings["word.yinggai"])  # the words are no longer there


def test_corpus_checks_run_clean_enough(corpus: Path) -> None:
    draft = parse_file(corpus / "pair_lifafa_2023.md").draft
    assert run_checks(draft) == []
    draft = parse_file(corpus / "local_ningbo_river_2019.md").draft
    rules = {f.rule for f in run_checks(draft)}
    assert "punct.halfwidth" in rules and "final.entry_into_force" in rules


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (ROOT.parent / "shared" / "corpus").glob("*_*"))
)
def test_context_numbers_match_compute_numbers(corpus: Path, name: str) -> None:
    """references.Context numbers units in its own walk: it must agree with numbering.py."""
    if name.startswith("amendment"):
        pytest.skip("an amending text holds no articles")
    draft: Draft = parse_file(corpus / name).draft
    ctx = Context(draft)
    numbers = compute_numbers(draft)
    assert {uid: ctx.number(uid) for uid in numbers} == numbers


def test_lint_command(corpus: Path, tmp_path: Path) -> None:
    done = _run("lint", str(corpus / "local_ningbo_river_2019.md"), "--json")
    assert done.returncode == 0, done.stderr
    findings = json.loads(done.stdout)
    assert findings and {"rule", "severity", "article", "message"} <= set(findings[0])
    assert any(
        f["rule"] == "final.entry_into_force" and f["article"] == "第三十九条" for f in findings
    )
    missing = _run("lint", str(tmp_path / "none.txt"), "--json")
    assert missing.returncode != 0 and "错误" in missing.stderr


def test_renumber_command(corpus: Path, tmp_path: Path) -> None:
    """立法法 2023 with 第十条 removed and 第三十条 mislabelled 第二十九条."""
    lines = (corpus / "pair_lifafa_2023.md").read_text(encoding="utf-8-sig").split("\n")
    broken = []
    skipping = False
    for line in lines:
        # The whole of 第十条 (all its 款) goes: a 款 left behind would be read as 第十条 again.
        if line.startswith(("第十条 ", "第十一条 ")):
            skipping = line.startswith("第十条 ")
        if skipping:
            continue
        if line.startswith("第三十条 "):
            line = "第二十九条 " + line[len("第三十条 ") :]
        broken.append(line)
    src = tmp_path / "broken.md"
    src.write_text("\n".join(broken), encoding="utf-8")
    out = tmp_path / "out.txt"
    done = _run("renumber", str(src), "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["articles"] == 119
    assert data["renumbered"] == 109  # every article from the old 第十一条 on
    assert data["references_rewritten"] == 7
    text = out.read_text(encoding="utf-8")
    assert "本法第十一条" not in text and text.count("本法第十条") == 2
    assert "限于本法第八十条第一款规定的事项" in text
    assert "依照本法第一百零七条规定的权限" in text
    assert "第一百一十九条　本法自2000年7月1日起施行。" in text
    # The output reads back with continuous numbers and nothing left to renumber.
    again = _run("lint", str(out), "--json")
    assert not [f for f in json.loads(again.stdout) if f["rule"].startswith("numbering.")]
