"""Reading a 修改决定 or a 修正案 into instructions.

The items are the lines numbered 一、二、… (a quotation may run over several lines, each opening
with “). Inside an item, clauses are separated by ；outside quotations. The forms read are the
committee's (see ``instructions``) and those of the 刑法修正案: a law's name before the article
(在刑法第一百六十五条中…), 增加一款作为第二款，将该条修改为：“……”. The closing sentences
(本决定自…起施行, 本修正案自…起施行, 此外，对条文顺序作相应调整) are not instructions; the
重新公布 sentence's 并对…标点符号作相应调整 (and the older 此外，将条文中的半角标点符号修改为全角
标点符号) makes half-width punctuation full-width. A clause in no known form is reported with
its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafting.amend.instructions import (
    ADD_ARTICLES,
    ADD_HEADING,
    ADD_ITEM,
    ADD_PARAGRAPH,
    APPENDIX,
    APPENDIX_WORDS,
    DELETE,
    DELETE_HEADING,
    DELETE_WORDS,
    HEADING_MOVE,
    INSERT_AFTER,
    INSERT_BEFORE,
    MERGE,
    MOVE,
    NOTE,
    PREAMBLE,
    PROMOTE,
    RENAME,
    RENUMBER,
    REPLACE,
    REWRITE,
    SPLIT,
    Instruction,
    Place,
    heading_word,
    unnest_quotes,
)
from drafting.amend.tables import read_table_clause, renumbered_clause
from drafting.model.numerals import from_chinese, to_chinese

_N = "[零〇一二两三四五六七八九十百千]+"
_ART = rf"第{_N}条(?:之{_N})?"
_LOC = rf"{_ART}(?:第{_N}款)?(?:第[（(]?{_N}[）)]?项)?"
_SUBLOC = rf"(?:第{_N}款(?:第[（(]?{_N}[）)]?项)?|第[（(]?{_N}[）)]?项)"
_LOCS = rf"{_LOC}(?:[、和](?:{_LOC}|{_SUBLOC}))*"
_ARTS = rf"{_ART}(?:、{_ART})*"
_CONTAINER = rf"(?:第{_N}编)?(?:第{_N}分编)?(?:第{_N}章)?(?:第{_N}节)?"
#: A 章/节 printed without a number, named by its title: “生态治理”一章 (``headings_named``).
_TITLED = r"“[^”\n]+”一(?:分编|编|章|节)"
_HEADING = rf"(?:(?=第){_CONTAINER}(?<=[编章节])|{_TITLED})"
_PREAMBLE = "序言|第一条前的文字"
_Q = r"(?P<q>“[\s\S]*”)"
#: An appendix as a decision names it: 附件, 附件1, 附件一, 附表2, 附录, 附：
_APPX = r"附[件表录][0-9０-９零〇一二两三四五六七八九十百]*|附："
_ITEM = re.compile(rf"^\s*(?P<n>{_N})、(?P<rest>.*)$")
_LAW_PREFIX = re.compile(
    r"(?P<verb>将|在|删去)(?:《[^》\n]*》|[\u4e00-\u9fff]{0,15}?(?:法|条例|规定|办法|细则))(?=第)"
)
_PLACE = re.compile(rf"(?P<a>{_ART})(?:第(?P<p>{_N})款)?(?:第[（(]?(?P<i>{_N})[）)]?项)?")
_FULL_WIDTH = re.compile(r"半角标点符号(?:统一)?修改为全角")
#: 刑法修正案（十二）, 本修正案自…起施行: a 修正案, which never renumbers.
_AMENDMENT_TITLE = re.compile(r"修正案")
#: 删去刑法第一百九十九条, 在刑法第X条后…: a clause naming a 法 before its article (a 修正案).
_NAMED_LAW = re.compile(r"^(?:将|在|删去)(?:(?!第)[\u4e00-\u9fff]){1,15}?法(?=第)")
_NOT_INSTRUCTIONS = re.compile(r"^(?:本(?:决定|修正案)自.*施行|此外，)")

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (DELETE, re.compile(rf"^删去(?P<locs>{_LOCS})$")),
    (DELETE_WORDS, re.compile(rf"^删去(?P<locs>{_LOCS}|{_PREAMBLE})中的“(?P<a>[^”]*)”$")),
    (
        REPLACE,
        re.compile(
            rf"^将(?P<locs>{_LOCS}|{_PREAMBLE})中的“(?P<a>[^”]*)”修改为“(?P<b>[^”]*)”(?P<more>(?:，“[^”]*”修改为“[^”]*”)*)$"
        ),
    ),
    (
        INSERT_AFTER,
        re.compile(
            rf"^在(?P<locs>{_LOCS}|{_PREAMBLE})中的“(?P<a>[^”]*)”(?P<side>后|前)增加“(?P<b>[^”]*)”$"
        ),
    ),
    (
        "respectively",  # 将第五条第二款中的“A”、“B”分别修改为“C”、“D”
        re.compile(
            rf"^将(?P<locs>{_LOCS}|{_PREAMBLE})中的(?P<olds>“[^”]*”(?:、“[^”]*”)+)"
            rf"分别修改为(?P<news>“[^”]*”(?:、“[^”]*”)*)$"
        ),
    ),
    (
        "kaokuan",  # 刑法修正案: 在第X条中增加一款作为第二款，将该条修改为：“……”
        re.compile(rf"^在(?P<art>{_ART})中增加{_N}款，?作为第{_N}款，将该条修改为：{_Q}$"),
    ),
    (
        REWRITE,
        re.compile(
            rf"^将(?P<art>{_ART})(?:改为(?P<to>{_ART})，)?(?P<sub>(?:第{_N}款)?(?:第[（(]?{_N}[）)]?项)?)修改为：{_Q}$"
        ),
    ),
    ("rewrite_several", re.compile(rf"^将(?P<locs>{_LOCS})修改为：\n?{_Q}$")),
    (
        ADD_ARTICLES,
        re.compile(
            rf"^(?:在(?P<container>{_CONTAINER}|{_TITLED})中|在(?P<after>{_ART})后|在{_ART}前)?增加(?:{_N})条，(?:分别)?作为(?P<arts>{_ARTS})：\n?{_Q}$"
        ),
    ),
    (ADD_PARAGRAPH, re.compile(rf"^在(?P<art>{_ART})中增加一款，?作为第(?P<n>{_N})款：{_Q}$")),
    (
        ADD_PARAGRAPH,  # 在第七条第一款后增加一款，作为第二款：
        re.compile(rf"^在(?P<art>{_ART})第{_N}款后增加一款，?作为第(?P<n>{_N})款：{_Q}$"),
    ),
    (ADD_ITEM, re.compile(rf"^在(?P<loc>{_LOC})中增加一项，?作为第(?P<n>{_N})项：{_Q}$")),
    (
        ADD_ITEM,  # 在第七条第三项后增加一项，作为第四项：
        re.compile(
            rf"^在(?P<loc>{_ART}(?:第{_N}款)?)第[（(]?{_N}[）)]?项后增加一项，?作为第(?P<n>{_N})项：{_Q}$"
        ),
    ),
    (PROMOTE, re.compile(rf"^将(?P<loc>{_ART}第{_N}款)改为(?P<to>{_ART})$")),
    # 将第十六条改为第十七条: the article's new number, said outright (no new words).
    (RENUMBER, re.compile(rf"^将(?P<art>{_ART})改为(?P<to>{_ART})$")),
    (PREAMBLE, re.compile(rf"^(?P<verb>将|增加)(?P<what>{_PREAMBLE})(?:修改为)?：\n?{_Q}$")),
    (PREAMBLE, re.compile(rf"^删去(?P<what>{_PREAMBLE})$")),
    # The 注 after the last article (``instructions.render_note``).
    (NOTE, re.compile(rf"^(?P<verb>将|增加)注(?:修改为)?：\n?{_Q}$")),
    (NOTE, re.compile(r"^删去注$")),
    (APPENDIX, re.compile(rf"^删去(?P<a>{_APPX})$")),
    (
        APPENDIX,
        re.compile(rf"^将(?P<a>{_APPX})(?:改为(?P<to>{_APPX})，)?修改为：\n?{_Q}$"),
    ),
    (APPENDIX, re.compile(rf"^增加一个附[件表录]，作为(?P<add>{_APPX})：\n?{_Q}$")),
    (
        APPENDIX_WORDS,
        re.compile(rf"^将(?P<a>{_APPX})中的“(?P<x>[^”]*)”修改为“(?P<y>[^”]*)”$"),
    ),
    (APPENDIX_WORDS, re.compile(rf"^删去(?P<a>{_APPX})中的“(?P<x>[^”]*)”$")),
    (
        APPENDIX_WORDS,
        re.compile(rf"^在(?P<a>{_APPX})中的“(?P<x>[^”]*)”(?P<side>后|前)增加“(?P<y>[^”]*)”$"),
    ),
    (
        RENAME,
        re.compile(
            r"^将(?:本?(?:条例|法律|法|规定|办法|细则|决定|规则))?(?:的)?名称修改为：?“(?P<b>[^”]*)”$"
        ),
    ),
    (RENAME, re.compile(rf"^将(?P<h>{_HEADING})的?(?:章|节|编)名(?:称)?修改为：?“(?P<b>[^”]*)”$")),
    (DELETE_HEADING, re.compile(rf"^删去(?P<h>{_HEADING})的?(?:章|节|编)名(?:称)?$")),
    (DELETE_HEADING, re.compile(rf"^删去(?P<h>{_HEADING})(?P<whole>)$")),  # 删去第二章
    (
        HEADING_MOVE,  # 将第四章改为第六章，章名修改为“……”
        re.compile(
            rf"^将(?P<h>{_HEADING})改为(?P<to>{_HEADING})(?:，(?:章|节|编)名(?:称)?修改为“(?P<b>[^”]*)”)?$"
        ),
    ),
    (
        ADD_HEADING,
        re.compile(
            rf"^(?:在(?P<anchor>{_HEADING}|{_ART})(?P<side>前|后))?增加一(?P<w>章|节|编)(?:，作为(?P<label>{_HEADING}))?：\n?{_Q}$"
        ),
    ),
    (
        MOVE,
        re.compile(rf"^将(?P<art>{_ART})移至(?P<to>{_ART})(?P<side>前|后)(?:，修改为：{_Q})?$"),
    ),
    (  # 将第七条移至第一章第六条后: the 章/节 it goes to named (G8)
        MOVE,
        re.compile(
            rf"^将(?P<art>{_ART})移至(?P<within>{_HEADING})(?P<to>{_ART})(?P<side>前|后)(?:，修改为：{_Q})?$"
        ),
    ),
    (
        SPLIT,
        re.compile(
            rf"^将(?P<art>{_ART})(?:改|分)为{_N}条，作为(?P<arts>{_ARTS})，修改为：\n?{_Q}$"
        ),
    ),
    (MERGE, re.compile(rf"^将(?P<arts>{_ARTS})合并为一条，作为(?P<to>{_ART})，修改为：{_Q}$")),
    (  # 将第二十二条第一款与第二款合并为一款（，修改为：“……”）
        MERGE,
        re.compile(
            rf"^将(?P<paras>{_ART}第{_N}款(?:[、与和]第{_N}款)+)合并为一款(?:，修改为：\n?{_Q})?$"
        ),
    ),
]


@dataclass
class DecisionText:
    """What a decision says: its instructions (with the words they were read from) and the
    clauses that could not be read, each with its reason."""

    instructions: list[Instruction] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the clause each instruction came from
    unread: list[tuple[str, str]] = field(default_factory=list)  # (clause, reason)
    #: The decision says 将条文中的半角标点符号修改为全角标点符号 (in a closing sentence).
    full_width: bool = False
    #: Chinese warnings on what was read by a guess (ASCII quotes taken as “”).
    warnings: list[str] = field(default_factory=list)
    #: The item number (一, 二, …) of each instruction, and of each unread clause.
    item_numbers: list[str] = field(default_factory=list)
    unread_items: list[str] = field(default_factory=list)
    #: Where each unread clause stands among the instructions (how many come before it).
    unread_at: list[int] = field(default_factory=list)
    #: A 修正案 (its heading says so, or it names the law: 在刑法第X条后…): the articles keep
    #: their numbers — a deleted one leaves its number vacant, new ones are 第X条之一 — as the
    #: 刑法 is amended; a 修改决定 renumbers (对条文顺序作相应调整).
    keep_numbers: bool = False


def _place(words: str) -> Place:
    m = _PLACE.fullmatch(words)
    if m is None:
        raise ValueError(words)
    return Place(
        m.group("a"),
        from_chinese(m.group("p")) if m.group("p") else 0,
        from_chinese(m.group("i")) if m.group("i") else 0,
    )


def _places(words: str) -> tuple[Place, ...]:
    """第二十四条、第二十九条第三款、第四款: a 款 or 项 without its article is in the
    article named before it."""
    out: list[Place] = []
    for w in re.split("[、和]", words):
        if not w.startswith("第") or re.match(rf"第{_N}条", w) is None:
            if not out:
                raise ValueError(w)
            before = out[-1]
            if before.paragraph and "款" not in w:
                # 第一款第四项、第五项: the 项 is in the 款 named before it too.
                w = f"第{to_chinese(before.paragraph)}款" + w
            w = before.article + w
        out.append(_place(w))
    return tuple(out)


def _where(locs: str) -> tuple[tuple[Place, ...], str]:
    """The places a phrase clause names, or none and the 序言 (将序言中的“A”修改为“B”)."""
    if re.fullmatch(_PREAMBLE, locs):
        return (), locs
    return _places(locs), ""


def _several_texts(quoted: str, places: tuple[Place, ...]) -> list[str]:
    """The new words of several 项 (or 款) rewritten by one clause, one per place, in order:
    a 项's paragraph opens with its label (（三）……), a 款 is one quotation of its own.
    ValueError (Chinese, what was expected) when they cannot be told apart."""
    if len(places) == 1:
        return ["\n".join(_unquote(quoted))]
    if all(p.item for p in places):
        texts: list[list[str]] = []
        for line, _starts in _quoted_lines(quoted):
            k = len(texts)
            if k < len(places) and re.match(rf"[（(]{to_chinese(places[k].item)}[）)]", line):
                texts.append([line])
            elif texts:
                texts[-1].append(line)
            else:
                raise ValueError(f"引文应以“（{to_chinese(places[0].item)}）”开头")
        if len(texts) == len(places):
            return ["\n".join(t) for t in texts]
        raise ValueError(
            f"所引{len(places)}项的新文字应各自以其项号开头，引文中只找到 {len(texts)} 项"
        )
    blocks = _unquote(quoted.replace("”“", "”\n“"))
    if len(blocks) != len(places):
        raise ValueError(
            f"所引{len(places)}处的新文字应各用一对引号引出，引文中有 {len(blocks)} 段：无法对应"
        )
    return blocks


def _unquote(quoted: str) -> list[str]:
    """The texts of a quotation: one per “…” block, its lines joined with newlines (a block
    ends with ” at the end of a line)."""
    texts: list[str] = []
    current: list[str] = []
    for line in quoted.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("“"):
            line = line[1:]
        closes = line.endswith("”")
        if closes:
            line = line[:-1]
        current.append(unnest_quotes(line))
        if closes:
            texts.append("\n".join(current))
            current = []
    if current:
        texts.append("\n".join(current))
    return texts


def _quoted_lines(quoted: str) -> list[tuple[str, bool]]:
    """The lines of a quotation, without their quote marks (‘’ back to “”), each with
    whether it opens a block: the first line, and a line opening with “ after a line that
    closed with ”. Both published styles give the same lines: GB/T 15834 (each paragraph
    opens with “, only the last closes) and one closed quotation per paragraph or article."""
    out: list[tuple[str, bool]] = []
    closed = True
    # “（二）……；”“（四）……。” on one line: two paragraphs (a quote inside is ‘’).
    for raw in quoted.replace("”“", "”\n“").split("\n"):
        line = raw.strip()
        if not line:
            continue
        opens = line.startswith("“")
        if opens:
            line = line[1:]
        starts = closed and (opens or not out)
        closed = line.endswith("”")
        if closed:
            line = line[:-1]
        out.append((unnest_quotes(line), starts))
    return out


def _labelled_texts(quoted: str, labels: tuple[str, ...], what: str) -> list[str]:
    """The texts of the articles a quotation gives, one per label (作为第三条、第四条), each
    without its label. Each article opens with its number (“第三条　……); it may run over
    several paragraphs, in either quoting style (``_quoted_lines``). A single label takes the
    whole quotation. ValueError (Chinese, saying what was expected) when the articles cannot
    be found: the quotation is never guessed at."""
    blocks = _unquote(quoted)
    if len(labels) == 1:
        if blocks:
            # 作为第七条：“第八条　…”: a label that is not the new number is refused.
            blocks[0] = _article_body(blocks[0], labels[0], what)
        return ["\n".join(_strip_label(t, labels[0]) if k == 0 else t for k, t in enumerate(blocks))]
    if len(blocks) == len(labels) and all(
        not b.startswith("第") or b.startswith(lab) for b, lab in zip(blocks, labels, strict=True)
    ):
        return [_strip_label(t, lab) for t, lab in zip(blocks, labels, strict=True)]
    texts: list[list[str]] = []
    for line, _starts in _quoted_lines(quoted):
        k = len(texts)
        if k < len(labels) and _opens_with(line, labels[k]):
            texts.append([_strip_label(line, labels[k])])
        elif texts:
            texts[-1].append(line)
        else:
            raise ValueError(f"{what}的引文应以“{labels[0]}”开头")
    if len(texts) != len(labels):
        missing = "、".join(labels[len(texts) :])
        raise ValueError(
            f"{what}应有{len(labels)}条（{'、'.join(labels)}），引文中找不到{missing}："
            "每条应另起一段，以条文序号开头"
        )
    return ["\n".join(t) for t in texts]


def _opens_with(line: str, label: str) -> bool:
    """The line opens article ``label`` (第三条　…): the number, then a space or the words."""
    if not line.startswith(label):
        return False
    rest = line[len(label) :]
    return not rest or rest[0] in "\u3000 " or not rest.startswith(("之", "第", "、", "和"))


def quote_problem(text: str) -> str:
    """Why the quotations of a clause cannot be read ("" when they pair up): a quotation
    after ：ends with ” (GB/T 15834: each paragraph opens with “, only the last closes), and
    in the words before it every “ closes before the next opens."""
    head, colon, _block = text.partition("：“")
    if colon and not text.rstrip("。").endswith("”"):
        return "引文的引号不成对：引文应以”结束（分段引用时，每段以“开头，只有末段以”结尾）"
    inside = False
    for ch in head:
        if ch == "“":
            if inside:
                return "引文的引号不成对：“之后未见”就又见“（引文中的引号应为‘’）"
            inside = True
        elif ch == "”":
            if not inside:
                return "引文的引号不成对：”之前缺少“"
            inside = False
    if inside:
        return "引文的引号不成对：“之后缺少”"
    return ""


def _heading_before(label: str) -> tuple[str, bool]:
    """Where a heading added without 在…后 goes: (anchor, before). 第二章第七节 → after
    第二章第六节; 第一章 → before 第一章 (the old first one)."""
    k = label.rfind("第")
    own = re.fullmatch(rf"第({_N})(分编|编|章|节)", label[k:])
    if own is None:
        raise ValueError(f"无法识别新增的{label}")
    n = from_chinese(own.group(1))
    if n <= 1:
        return label, True
    return f"{label[:k]}第{to_chinese(n - 1)}{own.group(2)}", False


def _strip_label(text: str, label: str) -> str:
    body = text[len(label) :] if text.startswith(label) else text
    return body.lstrip("\u3000 ")


#: An article's label opening a quotation: 第五条　… (its number, then a space).
_QUOTED_LABEL = re.compile(rf"^(?P<label>{_ART})[\u3000 ]+")


def _article_body(text: str, label: str, what: str = "") -> str:
    """The words of article ``label`` as a quotation gives them: the published form opens
    with the article's own label (将第四条改为第五条，修改为：“第五条　立法应当…”), which is
    not part of its words and is dropped. ValueError (Chinese, naming both numbers) when the
    quotation opens with another article's label: the decision contradicts itself."""
    m = _QUOTED_LABEL.match(text)
    if m is None:
        return text
    if m.group("label") != label:
        raise ValueError(
            f"{what or '本项'}的条文序号是{label}，引文却以“{m.group('label')}”开头：序号不符，未执行"
        )
    return text[m.end() :]


def _clauses(item: str) -> list[str]:
    """Split an item at ；outside quotations."""
    out: list[str] = []
    inside = False
    start = 0
    for k, ch in enumerate(item):
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == "；" and not inside:
            out.append(item[start:k])
            start = k + 1
    out.append(item[start:])
    return [c.strip() for c in out if c.strip()]


def read_clause(clause: str) -> list[Instruction]:
    """The instructions of one clause; ValueError (Chinese) when its form is unknown."""
    # The law's name before an article (在刑法第X条中) is dropped outside the quotations only:
    # quoted words (“将本条例第五条所列物品没收”) are the law's and stay as written.
    head, quote_mark, quoted = clause.strip().partition("“")
    text = _LAW_PREFIX.sub(lambda m: m.group("verb"), head) + quote_mark + quoted
    if text.endswith("。") and not text.endswith("”"):
        text = text[:-1]
    text = _outside_quotes(text, _drafter_variants)
    first, second = _split_and_then(text)
    if first:
        return read_clause(first) + read_clause(second)
    first, second = _split_sub_place(text)
    if first:
        return read_clause(first) + read_clause(second)
    table = read_table_clause(text)  # a 款's table: 将第五条表格第二行…
    if table is not None:
        return table
    for action, pattern in _FORMS:
        m = pattern.match(text)
        if m is None:
            continue
        g = m.groupdict()
        if action == DELETE:
            return [Instruction(DELETE, _places(g["locs"]))]
        if action == DELETE_WORDS:
            places, where = _where(g["locs"])
            return [Instruction(DELETE_WORDS, places, old=unnest_quotes(g["a"]), anchor=where)]
        if action == REPLACE:
            places, where = _where(g["locs"])
            out = [
                Instruction(
                    REPLACE, places, old=unnest_quotes(g["a"]), new=unnest_quotes(g["b"]),
                    anchor=where,
                )  # fmt: skip
            ]
            for a, b in re.findall(r"，“([^”]*)”修改为“([^”]*)”", g["more"] or ""):
                out.append(
                    Instruction(
                        REPLACE, places, old=unnest_quotes(a), new=unnest_quotes(b), anchor=where
                    )
                )
            return out
        if action == INSERT_AFTER:
            kind = INSERT_AFTER if g["side"] == "后" else INSERT_BEFORE
            places, where = _where(g["locs"])
            return [
                Instruction(
                    kind, places, old=unnest_quotes(g["a"]), new=unnest_quotes(g["b"]),
                    anchor=where,
                )  # fmt: skip
            ]
        if action == "respectively":
            places, where = _where(g["locs"])
            olds = re.findall(r"“([^”]*)”", g["olds"])
            news = re.findall(r"“([^”]*)”", g["news"])
            if len(olds) != len(news):
                raise ValueError(
                    f"“分别修改为”前后的词语数目不符（前 {len(olds)} 个，后 {len(news)} 个）"
                )
            return [
                Instruction(
                    REPLACE, places, old=unnest_quotes(a), new=unnest_quotes(b), anchor=where
                )
                for a, b in zip(olds, news, strict=True)
            ]
        if action == "rewrite_several":
            places = _places(g["locs"])
            texts = _several_texts(g["q"], places)
            texts = [
                _article_body(t, p.article, f"将{p.article}修改为")
                if not p.paragraph and not p.item
                else t
                for p, t in zip(places, texts, strict=True)
            ]
            return [
                Instruction(REWRITE, (place,), texts=(text,))
                for place, text in zip(places, texts, strict=True)
            ]
        if action == "kaokuan":
            return [Instruction(REWRITE, (Place(g["art"]),), texts=tuple(_unquote(g["q"])[:1]))]
        if action == REWRITE:
            sub = _PLACE.fullmatch(g["art"] + (g["sub"] or ""))
            assert sub is not None
            place = _place(g["art"] + (g["sub"] or ""))
            texts = _unquote(g["q"])
            if not place.paragraph and not place.item and texts:
                # “第五条　…” after 改为第五条 (or 第四条 when the number stays): the label
                # printed inside the quotation is the article's, not its words.
                texts[0] = _article_body(texts[0], g["to"] or g["art"], f"将{g['art']}修改为")
            return [
                Instruction(
                    REWRITE,
                    (place,),
                    texts=("\n".join(texts),),
                    new_labels=(g["to"],) if g["to"] else (),
                )
            ]
        if action == ADD_ARTICLES:
            labels = tuple(g["arts"].split("、"))
            texts = _labelled_texts(g["q"], labels, "新增条文")
            return [Instruction(ADD_ARTICLES, texts=tuple(texts), new_labels=labels,
                                container=g.get("container") or "",
                                anchor=g.get("after") or "")]  # fmt: skip
        if action == ADD_PARAGRAPH:
            return [
                Instruction(
                    ADD_PARAGRAPH,
                    (Place(g["art"]),),
                    position=from_chinese(g["n"]),
                    texts=("\n".join(_unquote(g["q"])),),
                )  # fmt: skip
            ]
        if action == ADD_ITEM:
            return [
                Instruction(
                    ADD_ITEM,
                    (_place(g["loc"]),),
                    position=from_chinese(g["n"]),
                    texts=("\n".join(_unquote(g["q"])),),
                )  # fmt: skip
            ]
        if action == PREAMBLE:
            if not g.get("q"):
                return [Instruction(PREAMBLE, anchor=g["what"])]
            return [
                Instruction(
                    PREAMBLE,
                    anchor=g["what"],
                    texts=("\n".join(_unquote(g["q"])),),
                    position=1 if g.get("verb") == "增加" else 0,
                )
            ]
        if action == NOTE:
            return [read_note(g)]
        if action == APPENDIX:
            body = ("\n".join(_unquote(g["q"])),) if g.get("q") else ()
            if g.get("add"):
                return [Instruction(APPENDIX, texts=body, new_labels=(g["add"],), position=1)]
            to = (g["to"],) if g.get("to") else ()
            return [Instruction(APPENDIX, anchor=g["a"], texts=body, new_labels=to)]
        if action == APPENDIX_WORDS:
            side = {"后": 1, "前": -1}.get(g.get("side") or "", 0)
            return [
                Instruction(
                    APPENDIX_WORDS,
                    anchor=g["a"],
                    old=unnest_quotes(g["x"]),
                    new=unnest_quotes(g.get("y") or ""),
                    position=side,
                )
            ]
        if action == RENUMBER:
            return [Instruction(RENUMBER, (Place(g["art"]),), new_labels=(g["to"],))]
        if action == PROMOTE:
            return [Instruction(PROMOTE, (_place(g["loc"]),), new_labels=(g["to"],))]
        if action == RENAME:
            return [Instruction(RENAME, anchor=g.get("h") or "", new=unnest_quotes(g["b"]))]
        if action == DELETE_HEADING:
            whole = 1 if g.get("whole") is not None else 0
            return [Instruction(DELETE_HEADING, anchor=g["h"], position=whole)]
        if action == HEADING_MOVE:
            new = unnest_quotes(g["b"]) if g.get("b") else ""
            return [Instruction(HEADING_MOVE, anchor=g["h"], new_labels=(g["to"],), new=new)]
        if action == ADD_HEADING:
            # The heading is the first paragraph of the quotation, its articles the others,
            # in either quoting style (``_quoted_lines``): an article opens with its number.
            lines = _quoted_lines(g["q"])
            texts = [lines[0][0]] + [line for line, _ in lines[1:]]
            label = g["label"] or ""
            own = label[label.rfind("第") :]
            if not texts[0].startswith(own):
                raise ValueError(f"新增{heading_word(label)}的引文应以“{own}”开头")
            title = _strip_label(texts[0], own)
            anchor, before = g["anchor"], g["side"] == "前"
            if not label:
                # 在第十条后增加一章：“生态治理”: a heading without a number, named by its
                # title (``headings_named``); it needs the place it goes.
                if not anchor:
                    raise ValueError("新增的章节没有序号，须写明在何处增加")
                title = texts[0].strip()
                label = f"“{title}”一{g['w']}"
            if not anchor:
                # 增加一章，作为第七章: after the heading now numbered one less, or before the
                # first one of its level.
                anchor, before = _heading_before(label)
            heading = Instruction(
                ADD_HEADING,
                anchor=anchor,
                before=before,
                new_labels=(label,),
                new=title,
                position=1 if len(texts) > 1 else 0,
            )
            if len(texts) == 1:
                return [heading]
            numbers: list[str] = []
            bodies: list[str] = []
            for (t, starts) in lines[1:]:
                m = re.match(rf"{_ART}(?=[\u3000 ])" if not starts else _ART, t)
                if m is None:
                    if not bodies:
                        raise ValueError("新增章节中的条文缺少序号")
                    bodies[-1] += "\n" + t
                    continue
                numbers.append(m.group(0))
                bodies.append(_strip_label(t, m.group(0)))
            return [
                heading,
                Instruction(
                    ADD_ARTICLES, texts=tuple(bodies), new_labels=tuple(numbers), container=label
                ),
            ]
        if action == MOVE:
            moved = ("\n".join(_unquote(g["q"])),) if g.get("q") else ()
            return [Instruction(MOVE, (Place(g["art"]),), anchor=g["to"], before=g["side"] == "前",
                                texts=moved, container=g.get("within") or "")]  # fmt: skip
        if action == SPLIT:
            labels = tuple(g["arts"].split("、"))
            texts = _labelled_texts(g["q"], labels, "拆分后的条文")
            return [Instruction(SPLIT, (Place(g["art"]),), texts=tuple(texts), new_labels=labels)]
        if action == MERGE and g.get("paras"):
            paras = _places(re.sub("[与和]", "、", g["paras"]))
            body = ("\n".join(_unquote(g["q"])),) if g.get("q") else ()
            return [Instruction(MERGE, paras, texts=body)]
        if action == MERGE:
            # The merged article's own label may open the quotation (as in a rewrite): dropped
            # when it is the number said, else the item fails (never 第八条　第八条).
            merged = _unquote(g["q"])
            if merged:
                merged[0] = _article_body(merged[0], g["to"], "合并后的条文")
            return [
                Instruction(
                    MERGE,
                    _places(g["arts"]),
                    texts=("\n".join(merged),),
                    new_labels=(g["to"],),
                )  # fmt: skip
            ]
    m = _RENUMBERED.match(text)
    if m is not None:
        # 将第五条改为第六条，增加一款，作为第一款：“……” (the 2023 立法法 decision): the
        # article is named by its old number, the clause after the comma acts on it.
        found = read_clause(renumbered_clause(m.group("art"), m.group("rest")))
        return [replace(i, new_labels=(m.group("to"),)) if not i.new_labels else i for i in found]
    problem = quote_problem(text)
    if problem:
        raise ValueError(problem)
    for pattern, reason in _NEAR_FORMS:
        if pattern.match(text):
            raise ValueError(reason)
    raise ValueError(UNKNOWN_FORM)


#: Forms a drafter writes that say too little to be applied, each with what is expected.
_NEAR_FORMS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(rf"^在(?:{_PREAMBLE})(?:中|后|前)?增加(?:{_N})?段"),
        "序言中增加一段的写法无法确定位置：请写作 将序言修改为：“……”（引出修改后的序言全文），"
        "或 在序言中的“A”后增加“B”",
    ),
    (
        re.compile(rf"^在(?P<loc>{_LOC})(?:第{_N}款)?(?:中的)?表格中?增加{_N}行：“"),
        "表格中增加一行应写明是第几行：在第X条表格中增加一行，作为第N行：“……”",
    ),
]


#: Words drafters type for the committee's: 删除 (删去), 第十一条增加一款 (在第十一条中增加
#: 一款), “A”之前增加 / 之后增加 (前增加 / 后增加). Read as the committee's, outside quotations.
_VARIANTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(^|，并)删除"), r"\1删去"),
    (re.compile(rf"^({_ART}(?:第{_N}款)?)增加一(款|项)"), r"在\1中增加一\2"),
    (re.compile("之(前|后)增加(?=\ue000)"), r"\1增加"),
    (re.compile(r"增加一(款|项)作为"), r"增加一\1，作为"),
]


def _drafter_variants(words: str) -> str:
    for pattern, repl in _VARIANTS:
        words = pattern.sub(repl, words)
    return words


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the words outside “…” only: the quoted words are the law's and
    stay as written (each quotation is masked while ``change`` runs). A quotation after ：
    runs to the end of the clause."""
    head, colon, block = text.partition("：“")
    quoted: list[str] = []

    def mask(m: re.Match[str]) -> str:
        quoted.append(m.group(0))
        return f"\ue000{len(quoted) - 1}\ue001"

    changed = change(re.sub(r"“[^”]*”", mask, head))
    out = re.sub("\ue000(\\d+)\ue001", lambda m: quoted[int(m.group(1))], changed)
    return out + colon + block


def _first_unquoted(text: str, pattern: re.Pattern[str]) -> int:
    """The first index of ``text`` where ``pattern`` matches outside “…” (-1: none): where an
    item's second clause begins, never inside the words it quotes."""
    inside = False
    for j, ch in enumerate(text):
        if ch in "“”":
            inside = ch == "“"
        elif not inside and pattern.match(text, j):
            return j
    return -1


#: 将第十二条中的“A”修改为“B”，并删去“C”: a second clause on the same place.
_AND_THEN = re.compile(r"，并(?=删去“|将“|在“)")


def _split_and_then(text: str) -> tuple[str, str]:
    """(first clause, second clause with the first one's place), or ("", "") when the first
    names no place (将第十二条中的“A”修改为“B”，并删去“C” → 删去第十二条中的“C”)."""
    k = _first_unquoted(text, _AND_THEN)
    if k < 0:
        return "", ""
    first, second = text[:k], text[k + 2 :]
    m = re.match(rf"^(?:将|在|删去)(?P<locs>{_LOCS}|{_PREAMBLE})中的", first)
    if m is None:
        return "", ""
    where = m.group("locs")
    if second.startswith("删去"):
        return first, f"删去{where}中的{second[2:]}"
    return first, f"{second[0]}{where}中的{second[1:]}"


#: 将第九条第一款中的“A”修改为“B”，第二款中的“C”修改为“D”: a second place of the same
#: article after a comma (outside quotations).
_SUB_PLACE_AFTER = re.compile(rf"，(?=第{_N}(?:款|项)[^“，；]*中的“)")


def _split_sub_place(text: str) -> tuple[str, str]:
    """(first clause, second clause with the first one's article and verb), or ("", "") when
    the text has no such second place: 将第九条第一款中的“A”修改为“B”，第二款中的“C”修改为
    “D” → 将第九条第二款中的“C”修改为“D”. The second verb follows its own words (修改为: 将,
    增加: 在, else the first clause's)."""
    k = _first_unquoted(text, _SUB_PLACE_AFTER)
    if k < 0:
        return "", ""
    first, second = text[:k], text[k + 1 :]
    m = re.match(rf"^(?P<verb>将|在|删去)(?P<art>{_ART})", first)
    if m is None:
        return "", ""
    if re.search(r"”修改为“[^”]*”$", second):
        verb = "将"
    elif re.search(r"”[前后]增加“[^”]*”$", second):
        verb = "在"
    else:
        verb = m.group("verb")
    return first, f"{verb}{m.group('art')}{second}"


#: 删去第二款, 将第二款中的…, 在第二款中… after a clause naming an article: its 款 or 项.
_OWN_SUB_PLACE = re.compile(rf"^(?P<verb>删去|将|在)(?=第{_N}(?:款|项))")


#: The reason for a clause in no known form, with the forms expected.
UNKNOWN_FORM = (
    "无法识别的修改方式（应为修改决定的规范表述，如：将第X条中的“A”修改为“B”；删去第X条；"
    "在第X条后增加一条，作为第Y条：“……”；将第X条修改为：“……”）"
)


def read_note(g: dict[str, str | None]) -> Instruction:
    """A NOTE instruction from the groups of its form: verb 将 (rewritten) or 增加 (added),
    q its quotation (none: 删去注)."""
    quoted = g.get("q")
    if not quoted:
        return Instruction(NOTE, anchor="注")
    return Instruction(
        NOTE,
        anchor="注",
        texts=("\n".join(_unquote(quoted)),),
        position=1 if g.get("verb") == "增加" else 0,
    )


_RENUMBERED = re.compile(
    rf"^将(?P<art>{_ART})改为(?P<to>{_ART})，(?P<rest>(?:增加|删去|在|第)[\s\S]+)$"
)


def read_decision(text: str) -> DecisionText:
    """Read the numbered items of a decision (or 修正案) text."""
    items: list[str] = []
    numbers: list[str] = []
    out = DecisionText()
    for raw in text.replace("\r\n", "\n").replace("\ufeff", "").split("\n"):
        line = raw.strip()
        if not line:
            continue
        m = _ITEM.match(line)
        if m is not None and items and _quote_open(items[-1]) and _inside_quote(m, numbers):
            # 一、公园业主单位… inside 修改为：“本条例下列用语的含义： — the law's own numbered
            # paragraphs, typed without their opening “: not an item of the decision.
            m = None
        if m is not None:
            items.append(m.group("rest"))
            numbers.append(m.group("n"))
        elif items and line.startswith(("“", '"')) and not _NOT_INSTRUCTIONS.match(items[-1]):
            items[-1] += "\n" + line
        elif items and _quote_open(items[-1]):
            # A paragraph of a quotation typed without its opening “ (the quotation is still
            # open): read as the quotation's next paragraph, not as the end of the items.
            items[-1] += "\n" + line
            out.warnings.append(
                f"修改决定第{numbers[-1]}项引文中的“{line[:12]}”一段未以“开头，已按引文的下一段读取，请核对"
            )
        elif items:
            break  # the closing sentences (本决定自…起施行) end the items
    out.warnings.extend(_numbering_gaps(numbers))
    for k, item in enumerate(items):
        items[k], guessed = ascii_marks(item)
        if guessed:
            out.warnings.append(f"修改决定第{numbers[k]}项中的{guessed}，请核对")
    out.full_width = bool(_FULL_WIDTH.search(text))
    republished = _republished(text)
    if republished is not None and _PUNCTUATION_ADJUSTED.search(republished):
        out.full_width = True  # 并对条文顺序和标点符号作相应调整
    # The heading (the lines before the first item) or the closing 本修正案自…施行 says
    # 修正案; words quoted inside an item do not count.
    lines = [raw.strip() for raw in text.replace("\r\n", "\n").split("\n")]
    first = next((k for k, line in enumerate(lines) if _ITEM.match(line)), len(lines))
    out.keep_numbers = any(_AMENDMENT_TITLE.search(line) for line in lines[:first]) or any(
        _NAMED_LAW.match(item) or item.startswith("本修正案") for item in items
    )
    for number, item in zip(numbers, items, strict=True):
        if not item or _NOT_INSTRUCTIONS.match(item):
            continue
        article = ""
        item_found: list[tuple[str, list[Instruction]]] = []
        item_unread: list[tuple[str, str]] = []
        for clause in _clauses(item):
            if _NOT_INSTRUCTIONS.match(clause):
                continue
            if article and clause.startswith(("增加一款", "增加一项")):
                # 将第七条修改为：“……”；增加一款，作为第二款：“……”: the article named before.
                clause = f"在{article}中{clause}"
            elif article and _OWN_SUB_PLACE.match(clause):
                # 将第十一条第一款中的“A”修改为“B”；删去第二款: the 款 of the article named before.
                verb = _OWN_SUB_PLACE.match(clause)
                assert verb is not None
                clause = verb.group("verb") + article + clause[verb.end() :]
            named = re.search(rf"{_ART}", _LAW_PREFIX.sub("", clause.split("“", 1)[0]))
            if named is not None:
                article = named.group(0)
            try:
                found = read_clause(clause)
            except ValueError as error:
                item_unread.append((clause, str(error)))
                continue
            except (KeyError, IndexError) as error:
                # A slip in a form the patterns let through: that clause is unread, never a
                # traceback for the whole decision.
                item_unread.append((clause, f"无法识别的写法（{type(error).__name__}）"))
                continue
            item_found.append((clause, found))
        if item_unread and item_found:
            # An item is applied whole or not at all: a clause that cannot be read stops the
            # clauses read beside it, and the reason says so.
            item_unread = [(c, f"{r}；本项其他修改也未执行") for c, r in item_unread]
            item_found = []
        for clause, reason in item_unread:
            out.unread.append((clause, reason))
            out.unread_items.append(number)
            out.unread_at.append(len(out.instructions))
        for clause, found in item_found:
            out.instructions.extend(found)
            out.sources.extend([clause] * len(found))
            out.item_numbers.extend([number] * len(found))
    return out


#: The words an item of a decision opens with (将…, 在…, 删去…, 增加…, 对…, 本决定…).
_ITEM_OPENING = re.compile(r"^(?:将|在|删去|删除|增加|对|本(?:决定|修正案)|此外|第|刑法)")


def _inside_quote(m: re.Match[str], numbers: list[str]) -> bool:
    """A line numbered 一、 read while a quotation is open is one of the quotation's paragraphs
    when its number is not the next item's or its words are not an instruction's."""
    expected = from_chinese(numbers[-1]) + 1 if numbers else 1
    return from_chinese(m.group("n")) != expected or not _ITEM_OPENING.match(m.group("rest"))


def _numbering_gaps(numbers: list[str]) -> list[str]:
    """Warnings for item numbers that skip or repeat (一、二、四): an item may have been lost."""
    out: list[str] = []
    for before, after in zip(numbers, numbers[1:], strict=False):
        a, b = from_chinese(before), from_chinese(after)
        if b != a + 1:
            out.append(
                f"修改决定的项号不连续：第{before}项之后是第{after}项，请核对是否漏项或项号有误"
            )
    return out


def _quote_open(item: str) -> bool:
    """The item ends inside a quotation after ：(修改为：“第一款…, its closing ” not yet seen):
    its last quote mark opens one (quotes inside a quotation are ‘’)."""
    _head, colon, _block = item.partition("：“")
    marks = [ch for ch in item if ch in "“”"]
    return bool(colon) and marks[-1] == "“"


def ascii_marks(item: str) -> tuple[str, str]:
    """An item with the marks a drafter typed on an English keyboard read as the committee's:
    "A" as “A” (each line's quotes pair in turn; a line of a multi-paragraph quotation may
    open only), ‘A’ standing where “A” should as “A”, : before a quotation as ：, and a final .
    as 。. Returns the item and what was guessed ("" when nothing was): the words inside the
    quotations are the law's and are never changed otherwise."""
    guessed: list[str] = []
    lines = item.split("\n")
    if '"' in item and "“" not in item and "”" not in item:
        # Only where no “” was typed at all: ASCII quotes inside “…” are the law's words.
        for k, line in enumerate(lines):
            out: list[str] = []
            opening = True
            for ch in line:
                if ch == '"':
                    out.append("“" if opening else "”")
                    opening = not opening
                else:
                    out.append(ch)
            lines[k] = "".join(out)
        guessed.append('半角引号""已按“”读取')
    text = "\n".join(lines)
    # ‘A’ outside any “…”: the outer quotation typed with single quotes.
    out = []
    inside = False
    single = False
    for ch in text:
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == "‘" and not inside:
            ch, single, inside = "“", True, True
            if "单引号‘’已按“”读取" not in guessed:
                guessed.append("单引号‘’已按“”读取")
        elif ch == "’" and single:
            ch, single, inside = "”", False, False
        out.append(ch)
    text = "".join(out)
    # A : before a quotation and outside any (the law's own : inside stay as printed).
    out = []
    inside = False
    for k, ch in enumerate(text):
        if ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == ":" and not inside and re.match(r"\n?“", text[k + 1 :]):
            ch = "："
            if "半角冒号:已按：读取" not in guessed:
                guessed.append("半角冒号:已按：读取")
        out.append(ch)
    text = "".join(out)
    if re.search(r"[^\d”]\.$", text):
        text = text[:-1] + "。"
        guessed.append("半角句点.已按。读取")
    return text, "，".join(guessed)


#: The closing 《…》根据本决定作相应修改（并对…作相应调整），重新公布 and what it adjusts.
_REPUBLISHED = re.compile(r"根据本(?:决定|修正案)作相应修改(?P<adj>[^，。“”]*)，?重新公布")
_PUNCTUATION_ADJUSTED = re.compile(r"标点")


def _republished(text: str) -> str | None:
    """What the closing 重新公布 sentence adjusts (并对条文顺序和标点符号作相应调整; "" when it
    adjusts nothing), None when the decision has no such sentence. Quoted lines and items
    do not count."""
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith(("“", "‘")) or _ITEM.match(line):
            continue
        m = _REPUBLISHED.search(line)
        if m is not None:
            return m.group("adj")
    return None


def decision_file_text(path: Path) -> str:
    """The words of a decision file, .txt (any encoding ``read_text_file`` knows) or .docx.

    Raises ParseError (one Chinese line) for a missing, oversized, hostile or unreadable file:
    the same caps as a regulation (drafting.read.limits) apply.
    """
    path = Path(path)
    if path.suffix.lower() == ".docx":
        from drafting.amend.docx_decision import decision_docx_lines
        from drafting.read.limits import WORD, check_package
        from drafting.read.textfile import check_file

        check_file(path)
        with path.open("rb") as handle:
            if handle.read(2) == b"PK":
                handle.seek(0)
                check_package(handle, WORD)
        # A decision's real tables come back quoted as the .txt has them, spans marked (G4).
        return "\n".join(decision_docx_lines(path))
    from drafting.read.textfile import read_text_file

    return read_text_file(path)


def read_decision_file(path: Path) -> DecisionText:
    """Read a decision from a text file or a .docx file (``decision_file_text``): ParseError
    for a file that cannot be read."""
    return read_decision(decision_file_text(path))
