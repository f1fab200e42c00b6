"""A decision file applied to a version, as the window and ``amend --regulation`` do it: the
regulation the decision names (a decision for another regulation must be caught before it is
stored as a version of this one), and one outcome with what applied, what failed and why.

Shapes:
- ``named_title(text)`` → the title the decision amends, as it names it ("" when it names none);
- ``names_another(named, title)`` → True when that is not the version's regulation;
- ``amend_file(draft, path)`` → ``AmendOutcome`` (raises ``ParseError``/``OSError``/
  ``UnicodeDecodeError`` for a file that cannot be read — nothing is applied then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.amend.apply import AmendResult, apply_decision
from drafting.amend.instructions import render
from drafting.amend.read import DecisionText, decision_file_text, read_decision
from drafting.amend.report import failed_entries
from drafting.model.units import Draft

_ITEM = re.compile(r"^\s*[一二三四五六七八九十百零〇]+、")
#: 关于修改《X》的决定, 对《X》作如下修改, 《X》根据本决定作相应修改 (〈X〉 inside a quoted title).
#: A 《》 title may itself hold a 〈〉 one: 关于修改《全国人民代表大会常务委员会关于〈X〉的决定》.
_TITLED = r"(?:《((?:[^《》〈\n]|〈[^〉\n]*〉)+)》|〈([^〉\n]+)〉)"
_NAMING = (
    re.compile(rf"修改{_TITLED}"),
    re.compile(rf"对{_TITLED}(?:部分条款)?作"),
    re.compile(rf"{_TITLED}根据本决定"),
)
#: 中华人民共和国刑法修正案（十二）: the law is named before 修正案, without 《》.
_AMENDMENT = re.compile(r"^([\u4e00-\u9fff]{2,40}?)修正案(?:[（(][^）)]*[）)])?$")
_COUNTRY = "中华人民共和国"
#: A version's title may carry its stage: 某市公园条例（草案）, （修订草案征求意见稿）, （修订）,
#: or 草案 / 修订草案 without brackets.
_STAGE_SUFFIX = re.compile(r"(?:[（(][^（()）]*(?:草案|稿|修订|修正)[^（()）]*[）)]|(?:修订)?草案)$")


def named_title(text: str) -> str:
    """The title of the regulation a decision (or 修正案) text amends, as it is named there:
    from the heading (关于修改《X》的决定, 对《X》作如下修改：, X修正案), else from the closing
    sentence (《X》根据本决定作相应修改); "" when the text names none."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    first = next((k for k, line in enumerate(lines) if _ITEM.match(line)), len(lines))
    heading, closing = lines[:first], lines[first:]
    for line in heading:
        for pattern in _NAMING[:2]:
            m = pattern.search(line)
            if m is not None:
                return (m.group(1) or m.group(2)).strip()
        m = _AMENDMENT.match(line)
        if m is not None:
            return m.group(1)
    for line in closing:
        if _ITEM.match(line):
            continue  # 《…》 quoted inside an item is the amended words, not the target
        m = _NAMING[2].search(line)
        if m is not None:
            return (m.group(1) or m.group(2)).strip()
    return ""


def _plain(title: str) -> str:
    """A title compared without blanks, 《》, the 中华人民共和国 of a national law, a stage."""
    plain = re.sub(r"[\s《》〈〉]", "", title)
    plain = _STAGE_SUFFIX.sub("", plain)
    return plain.removeprefix(_COUNTRY)


def names_another(named: str, title: str) -> bool:
    """True when the decision names a regulation (``named``) and it is not ``title``; a decision
    that names none is not taken for another's."""
    return bool(named.strip()) and _plain(named) != _plain(title)


def other_regulation_warning(named: str, title: str) -> str:
    """The Chinese warning for a decision that names another regulation."""
    return (
        f"修改决定修改的是《{_plain_quote(named)}》，而当前稿次是《{_plain_quote(title)}》："
        "请确认没有选错修改决定或稿次"
    )


def _plain_quote(title: str) -> str:
    return title.strip().strip("《》")


@dataclass
class AmendOutcome:
    """A decision file applied to a draft.

    ``applied``: the clauses that applied, as words; ``failed``: (clause, reason in Chinese) —
    the clauses that could not be read or applied, in the decision's order (as ``amend
    --json``), ``failed_items`` their item numbers; ``warnings``: Chinese lines (nothing applied, the text
    unchanged, another regulation named); ``named``: the title the decision names ("");
    ``other_regulation``: that title is not the draft's.
    """

    result: AmendResult
    decision: DecisionText
    applied: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    named: str = ""
    other_regulation: bool = False
    #: The item number (一, 二, …) of each ``failed`` clause, "" when unknown.
    failed_items: list[str] = field(default_factory=list)

    @property
    def draft(self) -> Draft:
        """The amended draft (a copy: the base draft is untouched; uids kept)."""
        return self.result.draft

    @property
    def nothing_applied(self) -> bool:
        """The decision changed nothing: there is nothing to store."""
        return self.result.nothing_applied

    @property
    def looks_applied(self) -> bool:
        """The decision looks applied to this text already (``apply.looks_applied``): the
        first warning says so; no version is stored without --force / a confirmation."""
        return self.result.looks_applied

    def to_json(self) -> dict[str, Any]:
        """``applied`` (words), ``failed`` ({instruction, reason}), ``warnings``, ``named``."""
        return {
            "applied": list(self.applied),
            "failed": [
                {"instruction": c, "reason": r, "item": item}
                for (c, r), item in zip(
                    self.failed, self.failed_items or [""] * len(self.failed), strict=True
                )
            ],
            "warnings": list(self.warnings),
            "named": self.named,
            "looks_applied": self.looks_applied,
        }


#: 一、对《杭州市公园管理条例》作如下修改： — a part of a combined (打包) decision that amends
#: several regulations, its own items numbered （一）（二）…
_PART = re.compile(
    rf"^\s*(?P<n>[一二三四五六七八九十百零〇]+)、对{_TITLED}(?:部分条款)?作(?:如下|以下)修改[：:]?\s*$"
)
_SUB_ITEM = re.compile(r"^(\s*)[（(](?P<n>[一二三四五六七八九十百零〇]+)[）)]\s*")
_CLOSING = re.compile(r"^本决定自|根据本决定")


def decision_part(text: str, title: str) -> tuple[str, list[str]]:
    """The decision as it applies to the regulation ``title``, and Chinese warnings. A combined
    decision (关于修改《A》等三件地方性法规的决定: 一、对《A》作如下修改：（一）…（二）… 二、对《B》
    作如下修改：…) gives the part for ``title`` as a decision of its own (对《A》作如下修改：
    一、… 二、…, with the closing sentences); the other parts are listed as not applied. When
    no part names ``title``, the first part is given, so that the decision is refused as
    one for another regulation (``names_another``). Any other text is returned unchanged."""
    lines = text.replace("\r\n", "\n").split("\n")
    starts = [(k, m) for k, line in enumerate(lines) if (m := _PART.match(line)) is not None]
    if not starts:
        return text, []
    parts: list[tuple[str, str, list[str]]] = []  # (number, name, lines)
    for j, (k, m) in enumerate(starts):
        end = starts[j + 1][0] if j + 1 < len(starts) else len(lines)
        name = (m.group(2) or m.group(3) or "").strip()
        parts.append((m.group("n"), name, lines[k + 1 : end]))
    mine = [p for p in parts if not names_another(p[1], title)]
    chosen = mine[0] if mine else parts[0]
    body: list[str] = [f"对《{chosen[1]}》作如下修改："]
    for line in chosen[2]:
        sub = _SUB_ITEM.match(line)
        if sub is not None:
            line = f"{sub.group(1)}{sub.group('n')}、{line[sub.end():]}"
        elif _CLOSING.search(line.strip()):
            continue
        body.append(line)
    body.extend(line for line in lines if _CLOSING.search(line.strip()))
    warnings = [
        f"修改决定是多件法规的合并决定：只执行第{chosen[0]}部分（对《{chosen[1]}》的修改）；"
        f"第{n}部分（对《{name}》的修改）不是当前法规的，未执行"
        for n, name, _ in parts
        if (n, name) != chosen[:2]
    ] if mine else []
    return "\n".join(body), warnings


def read_decision_for(text: str, title: str) -> tuple[DecisionText, str]:
    """``read_decision`` of the part of ``text`` that amends ``title`` (``decision_part``),
    with the part's warnings, and that part's text (for ``named_title``)."""
    part, warnings = decision_part(text, title)
    decision = read_decision(part)
    decision.warnings[:0] = warnings
    return decision, part


def amend_text(draft: Draft, text: str) -> AmendOutcome:
    """Apply the decision ``text`` to a copy of ``draft``; see ``AmendOutcome``."""
    decision, text = read_decision_for(text, draft.title)
    result = apply_decision(draft, decision)
    named = named_title(text)
    entries = failed_entries(decision, result)  # in the decision's order, with item numbers
    outcome = AmendOutcome(
        result=result,
        decision=decision,
        applied=[render(i) for i in result.applied],
        failed=[(e["instruction"], e["reason"]) for e in entries],
        failed_items=[e["item"] for e in entries],
        warnings=list(result.warnings),
        named=named,
        other_regulation=names_another(named, draft.title),
    )
    if outcome.other_regulation:
        outcome.warnings.insert(0, other_regulation_warning(named, draft.title))
    return outcome


def amend_file(draft: Draft, path: Path) -> AmendOutcome:
    """Read the decision file at ``path`` and apply it to a copy of ``draft``."""
    return amend_text(draft, decision_file_text(path))


def decision_note(file_name: str, outcome: AmendOutcome) -> str:
    """The note a version made by a decision carries (稿次说明), naming the decision file:
    按修改决定（决定.docx）生成：执行 5 项，未能执行 1 项."""
    failed = f"，未能执行 {len(outcome.failed)} 项" if outcome.failed else ""
    return f"按修改决定（{file_name}）生成：执行 {len(outcome.applied)} 项{failed}"
