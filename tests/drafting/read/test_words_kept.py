"""Nothing lost, nothing doubled: for every corpus text and generated variants of it (labels
dropped, lines wrapped, tables inserted), every non-blank source line's words appear in the
parse output — title, 题注, preamble, units, appendices, or a warning saying why not — and no
passage of the output appears more often than in the source."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from drafting.errors import ParseError
from drafting.model.numbering import compute_numbers
from drafting.read.parse import ParseResult, parse_text
from drafting.read.textfile import read_text_file

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
_NUM = "零〇一二两三四五六七八九十百千万0-9"
_LABEL = re.compile(
    rf"^(?:第[{_NUM}]+(?:条(?:之[{_NUM}]+)?|章|节|编|分编)|[（(][{_NUM}]+[）)]|[0-9０-９]{{1,3}}[.．、])"
)
_ANY_ARTICLE = re.compile(rf"第[{_NUM}]+条")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_DECORATION = re.compile(r"[\s\u3000#＃*>|]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_PARENS = re.compile(r"[（）()]")  # a 题注 is kept without its parentheses


def _key(line: str) -> str:
    """A line's words without layout: no spaces, Markdown marks, links, or leading label."""
    text = _LINK.sub(r"\1", line.translate(_ZERO_WIDTH).strip())
    text = re.sub(r"^[-+]\s+", "", text)
    text = _DECORATION.sub("", text).lstrip("\ufeff")
    return _LABEL.sub("", text)


def _source_keys(text: str) -> list[str]:
    keys = []
    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith("<!--") or re.fullmatch(r"[-=*_:|\s]{3,}", s) or "http" in s:
            continue
        if "](" in s and not _LINK.fullmatch(s.lstrip("#*-+ ")):
            continue  # a line of web decoration (links with other text): not law
        key = _PARENS.sub("", _key(s))
        # The word 目录 is layout: the 目录's entries are the body's headings again.
        if key and key not in ("目录", "目次"):
            keys.append(key)
    return keys


def _output(result: ParseResult) -> tuple[list[str], list[str]]:
    """The output passages (compact) and the warnings."""
    draft = result.draft
    numbers = compute_numbers(draft)
    pieces = [draft.title, *draft.title_note.split("\n")]
    if draft.preamble is not None:
        pieces += [draft.preamble.heading, *draft.preamble.paragraphs]
    for unit in draft.walk():
        pieces += [numbers[unit.uid].label + unit.heading, unit.text]
    for appendix in draft.appendices:
        pieces += [appendix.label, appendix.title, *appendix.paragraphs]
        pieces += [cell for table in appendix.tables for row in table.texts() for cell in row]
    compact = [_PARENS.sub("", _DECORATION.sub("", p)) for p in pieces]
    return [p for p in compact if p], [w.message for w in result.warnings]


def _check(text: str) -> None:
    try:
        result = parse_text(text)
    except ParseError:
        return
    pieces, warnings = _output(result)
    blob = "\n".join(pieces) + "\n" + "".join(pieces)  # a 题注 line may hold two notes
    said = _PARENS.sub("", _DECORATION.sub("", "\n".join(warnings)))
    lost = []
    for key in _source_keys(text):
        parts = [p for p in _ANY_ARTICLE.split(key) if p] if key not in blob else []
        missing = [p for p in parts if _LABEL.sub("", p) not in blob]
        if missing and not all(m[:15] in said for m in missing):
            lost.append(key)
    assert lost == [], f"{len(lost)} source lines lost, first: {lost[:3]}"
    source = _PARENS.sub("", _DECORATION.sub("", _LINK.sub(r"\1", text)))
    passages = Counter(
        p for p in pieces if len(p) >= 12 and not any(w in p for w in ("第", "附件"))
    )
    doubled = [p for p, n in passages.items() if n > source.count(p)]
    assert doubled == [], f"passages doubled: {doubled[:3]}"


def _corpus() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name != "README.md")


def _drop_labels(lines: list[str], rng: random.Random) -> list[str]:
    """Drop the label of some items (（二）…), and of a few articles and chapters, as copies
    from the web do."""
    out = []
    for line in lines:
        m = re.match(r"^(\s*)([（(][一二三四五六七八九十]+[）)])(.+)$", line)
        if m and rng.random() < 0.3:
            out.append(m.group(1) + m.group(3))
            continue
        m = re.match(r"^(\s*#*\s*)(第[一二三四五六七八九十百千]+[条章])[\s\u3000]+(.+)$", line)
        out.append(m.group(1) + m.group(3) if m and rng.random() < 0.05 else line)
    return out


def _wrap_lines(lines: list[str], rng: random.Random) -> list[str]:
    """Break some long lines inside a sentence, as text copied from a PDF is."""
    out = []
    for line in lines:
        body = line.rstrip()
        prose = not re.search(r"[\[#|*]", body)
        if prose and len(body) > 30 and rng.random() < 0.3:
            cut = rng.randrange(12, len(body) - 8)
            head, tail = body[:cut], body[cut:]
            if (
                head[-1] not in "。；：！？，、"
                and not _LABEL.match(tail.lstrip())
                and tail.strip()
            ):
                out += [head, tail]
                continue
        out.append(line)
    return out


def _insert_tables(lines: list[str], rng: random.Random) -> list[str]:
    """An appendix with a table at the end, and a table after a random article."""
    table = ["", "| 项目 | 标准 | 备注 |", "|---|---|---|", "| 甲类 | 每平方米十元 | 无 |", ""]
    starts = [
        i for i, line in enumerate(lines) if re.match(r"^\s*第[一二三四五六七八九十百]+条", line)
    ]
    out = list(lines)
    if starts:
        at = rng.choice(starts) + 1
        out[at:at] = table
    return out + ["", "附件", "", "收费标准表", "", *table]


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_every_source_line_is_kept_once(path: Path) -> None:
    text = read_text_file(path)
    _check(text)
    rng = random.Random(path.name)
    lines = text.split("\n")
    for variant in (_drop_labels, _wrap_lines, _insert_tables):
        _check("\n".join(variant(lines, rng)))


def test_the_check_sees_a_lost_line_and_a_doubled_one(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "条例\n\n第一条　应当保护历史文化名城的整体格局。\n\n第二条　本条例自公布之日起施行。\n"
    real = parse_text

    def losing(source: str) -> ParseResult:
        result = real(source)
        result.draft.articles()[0].children[0].text = ""
        return result

    def doubling(source: str) -> ParseResult:
        result = real(source)
        first, second = result.draft.articles()
        second.children[0].text = first.children[0].text
        return result

    monkeypatch.setattr(__name__ + ".parse_text", losing)
    with pytest.raises(AssertionError, match="lost"):
        _check(text)
    monkeypatch.setattr(__name__ + ".parse_text", doubling)
    with pytest.raises(AssertionError):
        _check(text)
