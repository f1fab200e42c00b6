"""The instructions of a 修改决定 (or a 修正案), as data, and their words in the committee's forms.

One ``Instruction`` is one clause: 将第二十四条中的“行政处分”修改为“处分”, 删去第十二条, 增加一条，
作为第九条：“……”. One numbered item of a decision holds one or more clauses (``render_item``).
Articles are named by their OLD numbers (the decision amends the old text); an added article,
the parts of a split and the result of a merge are named by their NEW numbers (作为第九条), and a
rewritten article whose number changed says so (将第四条改为第五条，修改为：), as published
decisions do. Quotes nested inside “…” are written ‘…’ (GB/T 15834).
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.model.numerals import to_chinese

# Actions
REPLACE = "replace"  # 将〈处〉中的“A”修改为“B”
INSERT_AFTER = "insert_after"  # 在〈处〉中的“A”后增加“B”
INSERT_BEFORE = "insert_before"  # 在〈处〉中的“A”前增加“B”
DELETE_WORDS = "delete_words"  # 删去〈处〉中的“A”
REWRITE = "rewrite"  # 将第四条（改为第五条，）修改为：“……” / 将第四条第二款修改为：
DELETE = "delete"  # 删去第十二条 / 删去第十二条第二款 / 删去第十二条第一款第三项
ADD_ARTICLES = "add_articles"  # 增加一条，作为第九条：“……”
ADD_PARAGRAPH = "add_paragraph"  # 在第七条中增加一款，作为第二款：“……”
ADD_ITEM = "add_item"  # 在第七条中增加一项，作为第六项：“……”
MOVE = "move"  # 将第八条移至第十二条后（，修改为：“……”）
SPLIT = "split"  # 将第三条改为两条，作为第三条、第四条，修改为：“第三条　……”“第四条　……”
MERGE = "merge"  # 将第二条、第三条合并为一条，作为第二条，修改为：“……”

RENAME = "rename"  # 将第三章章名修改为“……” / 将条例名称修改为“……”
ADD_HEADING = "add_heading"  # 在第二章后增加一章，作为第三章：“第三章　……”（and its articles）
DELETE_HEADING = "delete_heading"  # 删去第三章第一节节名 (its articles join what is before)
HEADING_MOVE = "heading_move"  # 将第四章改为第六章（，章名修改为“……”）/ 将第三章第二节改为第五章
PROMOTE = "promote"  # 将第五条第三款改为第六条 (a 款 becomes an article of its own)
RENUMBER = "renumber"  # 将第十六条改为第十七条 (only the number; a check where the text renumbers)
PREAMBLE = "preamble"  # 将序言修改为：“……” / 增加序言：“……” / 删去序言
APPENDIX = "appendix"  # 将附件1修改为：“……” / 增加一个附件，作为附件2：“……” / 删去附件3
APPENDIX_WORDS = "appendix_words"  # 将附件1中的“A”修改为“B” / 删去附件1中的“A” / 在附件1中的“A”后增加“B”
# A 款's table (see ``render_table``): 将第五条表格第二行“标准”栏中的“100元”修改为“120元”,
# 在第五条表格中增加一行，作为第三行：“月票”、“50元”, 删去第五条表格第四行, 将第五条中的表格修改为：
TABLE_CELL = "table_cell"
TABLE_ADD_ROW = "table_add_row"
TABLE_DELETE_ROW = "table_delete_row"
TABLE_REWRITE = "table_rewrite"
TABLE_ACTIONS = frozenset({TABLE_CELL, TABLE_ADD_ROW, TABLE_DELETE_ROW, TABLE_REWRITE})
NOTE = "note"  # 将注修改为：“注：……” / 增加注：“注：……” / 删去注 (the 注 after the last article)

#: Actions on the headings (and the title), applied once the articles are in place.
HEADING_ACTIONS = frozenset({RENAME, ADD_HEADING, DELETE_HEADING, HEADING_MOVE})

#: Actions that change words inside an article without touching its 款 and 项.
PHRASE_ACTIONS = frozenset({REPLACE, INSERT_AFTER, INSERT_BEFORE, DELETE_WORDS})


@dataclass(frozen=True)
class Place:
    """A unit named by its old numbers: 第七条 (paragraph and item 0), 第七条第二款,
    第七条第一款第三项 (or 第七条第三项 when the article has one 款)."""

    article: str  # 第七条, 第七条之一
    paragraph: int = 0
    item: int = 0

    def words(self) -> str:
        """The place as written in a decision."""
        out = self.article
        if self.paragraph:
            out += f"第{to_chinese(self.paragraph)}款"
        if self.item:
            out += f"第{to_chinese(self.item)}项"
        return out


@dataclass(frozen=True)
class Instruction:
    """One clause of a decision. Which fields count depends on ``action``:

    - phrase actions: ``places`` (one or more, the same words changed in each), ``old`` (A)
      and ``new`` (B; empty for DELETE_WORDS);
    - REWRITE: ``places[0]`` (an article or a 款), ``texts[0]`` the new words (lines: 款, and
      （一）项 / 1.目 lines), ``new_labels`` the article's new number when it changed;
    - DELETE: ``places`` (articles, or one 款 or 项);
    - ADD_ARTICLES: ``new_labels`` and one text per article, ``container`` the 章/节 that holds
      them when the article before them is in another (第二章, 第一编第三章第二节);
    - ADD_PARAGRAPH / ADD_ITEM: ``places[0]`` the article (or the 款 for an item),
      ``position`` its new number (作为第二款), ``texts[0]`` its words;
    - MOVE: ``places[0]``, ``anchor`` the old article it goes after (``before``: goes before),
      ``texts`` the new words when it was also rewritten;
    - SPLIT: ``places[0]``, ``new_labels`` and ``texts`` one per part;
    - MERGE: ``places`` (the old articles), ``new_labels[0]``, ``texts[0]``.
    - RENAME: ``anchor`` the heading's old full label (第三章, 第二章第一节; "" for the title of
      the regulation), ``new`` the new title (without its number);
    - ADD_HEADING: ``new_labels[0]`` its new full label (第三章), ``new`` its title, and where
      it begins: after (``before`` False) or before the old article or old heading ``anchor``
      (第十六条, 第二章: after all of that heading); ``position`` 1 when the heading opens the
      articles added by the next clause of its item (在第二章后增加一章，作为第三章：“第三章
      ……”“第十七条　……”);
    - DELETE_HEADING: ``anchor`` the old full label; its articles join the heading before;
      ``position`` 1: the whole 章/节 goes, its articles and 节 with it (删去第二章);
    - HEADING_MOVE: ``anchor`` the old full label (第四章, 第三章第二节), ``new_labels[0]`` the
      new one (第六章, 第五章: a 节 may become a 章), ``new`` its new title when it changed
      ("" otherwise): the heading goes with its articles, wherever the decision put them — it
      opens the first of the articles it held in the old text (see ``apply``);
    - PROMOTE: ``places[0]`` the 款, ``new_labels[0]`` the article it becomes (placed right
      after its article).
    - PREAMBLE: ``anchor`` 序言 (a headed preamble) or 第一条前的文字 (introductory words),
      ``texts[0]`` its new paragraphs (none: deleted), ``position`` 1 when it is added.
    - APPENDIX: ``anchor`` the old appendix's label (附件1; 附件 for one printed without a
      label), ``texts[0]`` its new words as ``matter.appendix_lines`` gives them (title, then
      paragraphs, then | a | b | table rows; none: deleted), ``new_labels[0]`` its new label
      when it is added (``position`` 1, anchor "") or its label changed (改为附件2);
    - APPENDIX_WORDS: ``anchor`` the appendix's label, ``old`` (A) and ``new`` (B): A is
      replaced wherever it stands in the appendix's title, paragraphs and table cells (B
      empty: 删去附件1中的“A”); ``position`` 1: B is added after A (在附件1中的“A”后增加“B”),
      -1: before it.
    - table actions: ``places[0]`` the article holding the table (the 款 when the article has
      more than one table), ``new_labels`` the article's new number when it changed (said
      once, 将第五条改为第六条，表格…). TABLE_CELL: ``position`` the row (OLD numbers, the
      header row being 第一行), the column by its header words (``anchor``) or by ``column``
      (1-based, counted on the grid: a merged cell covers the columns it spans), ``old`` (A)
      and ``new`` (B; "" deletes A; A "" adds B to the cell). TABLE_ADD_ROW: ``position`` its
      number in the NEW table, ``texts`` its cells' words. TABLE_DELETE_ROW: ``position`` (OLD
      number). TABLE_REWRITE: ``texts[0]`` the table's lines (``matter.table_lines``: | a | b |
      a row, merged cells with their spans).
    - NOTE: the 注 the regulation prints after its last article (``model.notes``):
      ``texts[0]`` its new lines as printed, 注： included (none: deleted), ``position`` 1
      when it is added.
    """

    action: str
    places: tuple[Place, ...] = ()
    old: str = ""
    new: str = ""
    texts: tuple[str, ...] = ()
    new_labels: tuple[str, ...] = ()
    position: int = 0
    anchor: str = ""
    before: bool = False
    container: str = ""
    column: int = 0  # a table cell's column (TABLE_CELL named by number)


def nest_quotes(text: str) -> str:
    """Quotes inside a quotation become single quotes: “本法”→‘本法’ (GB/T 15834)."""
    return text.replace("“", "‘").replace("”", "’")


def unnest_quotes(text: str) -> str:
    """The inverse of ``nest_quotes``, for a quotation read back from a decision."""
    return text.replace("‘", "“").replace("’", "”")


def quote(text: str) -> str:
    """Quote a text of one or more paragraphs the Chinese way: each paragraph opens with “,
    only the last one closes with ”. Quotes inside become ‘’."""
    lines = nest_quotes(text).split("\n")
    return "\n".join("“" + line for line in lines) + "”"


def count_words(n: int) -> str:
    """一条 / 两条 / 三条 (两, not 二, before a measure word)."""
    return "两" if n == 2 else to_chinese(n)


def _places(places: tuple[Place, ...]) -> str:
    """第二十四条、第二十九条第三款、第四款: a place in the article named just before it
    leaves the article out."""
    words: list[str] = []
    for k, p in enumerate(places):
        if k and (p.paragraph or p.item) and places[k - 1].article == p.article:
            words.append(Place("", p.paragraph, p.item).words())
        else:
            words.append(p.words())
    return "、".join(words)


def _labelled(labels: tuple[str, ...], texts: tuple[str, ...]) -> str:
    return "\n".join(
        quote(f"{label}\u3000{text}") for label, text in zip(labels, texts, strict=True)
    )


def render(ins: Instruction) -> str:
    """The words of one clause, without the item number and final 。."""
    a = ins.action
    if a in TABLE_ACTIONS:
        return render_table(ins)
    # A phrase clause on the 序言 names it instead of a place (将序言中的“A”修改为“B”).
    where = _places(ins.places) or (ins.anchor if a in PHRASE_ACTIONS else "")
    if a == REPLACE:
        return f"将{where}中的“{nest_quotes(ins.old)}”修改为“{nest_quotes(ins.new)}”"
    if a == INSERT_AFTER:
        return f"在{where}中的“{nest_quotes(ins.old)}”后增加“{nest_quotes(ins.new)}”"
    if a == INSERT_BEFORE:
        return f"在{where}中的“{nest_quotes(ins.old)}”前增加“{nest_quotes(ins.new)}”"
    if a == DELETE_WORDS:
        return f"删去{where}中的“{nest_quotes(ins.old)}”"
    renumbered = _renumbered(ins)
    if a == DELETE:
        if renumbered:
            return (
                f"{renumbered}删去{Place('', ins.places[0].paragraph, ins.places[0].item).words()}"
            )
        return f"删去{where}"
    if a == REWRITE:
        place = ins.places[0]
        if ins.new_labels and ins.new_labels[0] != place.article:
            head = f"将{place.article}改为{ins.new_labels[0]}，"
            rest = Place("", place.paragraph, place.item).words()
            return f"{head}{rest}修改为：{quote(ins.texts[0])}"
        return f"将{place.words()}修改为：{quote(ins.texts[0])}"
    if a == ADD_ARTICLES:
        where_in = f"在{ins.container}中" if ins.container else ""
        n = len(ins.new_labels)
        if n == 1:
            return f"{where_in}增加一条，作为{ins.new_labels[0]}：{quote(ins.texts[0])}"
        return (
            f"{where_in}增加{count_words(n)}条，分别作为{'、'.join(ins.new_labels)}：\n"
            + _labelled(ins.new_labels, ins.texts)
        )
    if a == ADD_PARAGRAPH and renumbered:
        return f"{renumbered}增加一款，作为第{to_chinese(ins.position)}款：{quote(ins.texts[0])}"
    if a == ADD_ITEM and renumbered:
        sub = Place("", ins.places[0].paragraph, ins.places[0].item).words()
        inside = f"在{sub}中" if sub else ""
        return (
            f"{renumbered}{inside}增加一项，作为第{to_chinese(ins.position)}项："
            f"{quote(ins.texts[0])}"
        )
    if a == ADD_PARAGRAPH:
        return f"在{where}中增加一款，作为第{to_chinese(ins.position)}款：{quote(ins.texts[0])}"
    if a == ADD_ITEM:
        return f"在{where}中增加一项，作为第{to_chinese(ins.position)}项：{quote(ins.texts[0])}"
    if a == MOVE:
        side = "前" if ins.before else "后"
        # ``container``: the 章/节 it goes to, named when the move crosses a heading (G8:
        # 将第七条移至第一章第六条后, not 将第七条移至第六条后, which reads as no move).
        head = f"将{where}移至{ins.container}{ins.anchor}{side}"
        return f"{head}，修改为：{quote(ins.texts[0])}" if ins.texts else head
    if a == SPLIT:
        n = len(ins.new_labels)
        return (
            f"将{where}改为{count_words(n)}条，作为{'、'.join(ins.new_labels)}，修改为：\n"
            + _labelled(ins.new_labels, ins.texts)
        )
    if a == MERGE and not ins.new_labels:
        # 将第二十二条第一款、第二款合并为一款: two 款 of one article become one.
        head = f"将{where}合并为一款"
        return f"{head}，修改为：{quote(ins.texts[0])}" if ins.texts else head
    if a == MERGE:
        return f"将{where}合并为一条，作为{ins.new_labels[0]}，修改为：{quote(ins.texts[0])}"
    if a == RENAME:
        if not ins.anchor:
            return f"将{ins.container or '条例'}名称修改为“{nest_quotes(ins.new)}”"
        of = "的" if ins.anchor.endswith(_TITLED_ENDS) else ""  # 将“生态治理”一章的章名
        return f"将{ins.anchor}{of}{heading_word(ins.anchor)}名修改为“{nest_quotes(ins.new)}”"
    if a == DELETE_HEADING:
        if ins.position == 1:
            return f"删去{ins.anchor}"  # the whole 章, its articles with it
        of = "的" if ins.anchor.endswith(_TITLED_ENDS) else ""
        return f"删去{ins.anchor}{of}{heading_word(ins.anchor)}名"
    if a == HEADING_MOVE:
        label = ins.new_labels[0]
        head = f"将{ins.anchor}改为{label}"
        return f"{head}，{heading_word(label)}名修改为“{nest_quotes(ins.new)}”" if ins.new else head
    if a == ADD_HEADING:
        label = ins.new_labels[0]
        word = heading_word(label)
        side = "前" if ins.before else "后"
        if label.endswith(_TITLED_ENDS) and label.startswith("“"):
            # A heading without a number (see ``headings_named``): its title is all it has.
            return f"在{ins.anchor}{side}增加一{word}：" + quote(ins.new)
        head = f"在{ins.anchor}{side}增加一{word}，作为{label}："
        return head + quote(f"{own_label(label)}\u3000{ins.new}")
    if a == RENUMBER:
        return f"将{where}改为{ins.new_labels[0]}"
    if a == PROMOTE:
        return f"将{where}改为{ins.new_labels[0]}"
    if a == PREAMBLE:
        if not ins.texts:
            return f"删去{ins.anchor}"
        if ins.position == 1:
            return f"增加{ins.anchor}：{quote(ins.texts[0])}"
        return f"将{ins.anchor}修改为：{quote(ins.texts[0])}"
    if a == APPENDIX:
        if ins.position == 1:
            return f"增加一个{appendix_word(ins.new_labels[0])}，作为{ins.new_labels[0]}：" + quote(
                ins.texts[0]
            )
        if not ins.texts:
            return f"删去{ins.anchor}"
        if ins.new_labels and ins.new_labels[0] != ins.anchor:
            return f"将{ins.anchor}改为{ins.new_labels[0]}，修改为：{quote(ins.texts[0])}"
        return f"将{ins.anchor}修改为：{quote(ins.texts[0])}"
    if a == APPENDIX_WORDS:
        x, y = nest_quotes(ins.old), nest_quotes(ins.new)
        if ins.position in (1, -1):
            return f"在{ins.anchor}中的“{x}”{'后' if ins.position == 1 else '前'}增加“{y}”"
        if not ins.new:
            return f"删去{ins.anchor}中的“{x}”"
        return f"将{ins.anchor}中的“{x}”修改为“{y}”"
    if a == NOTE:
        return render_note(ins)
    raise ValueError(a)


def render_note(ins: Instruction) -> str:
    """The words of a NOTE clause. The forms follow those for the 序言 (将序言修改为：, 增加
    序言：, 删去序言), which is how decisions treat the words around the articles: a 注 is
    short, so it is reprinted whole rather than amended by phrases, and the quotation keeps
    its opening 注： (or 注1：, 附注：) as printed, as a rewritten article's quotation opens
    with its number, so that the amended text reads exactly as the decision says."""
    if not ins.texts:
        return "删去注"
    if ins.position == 1:
        return f"增加注：{quote(ins.texts[0])}"
    return f"将注修改为：{quote(ins.texts[0])}"


def appendix_name(label: str) -> str:
    """How a decision names an appendix: its label (附件1, 附表), 附件 when it printed none.
    A colon printed after the label (附件：日照市公园分类表) is not part of the name: the
    decision says 将附件中的…, 将附件修改为：, never 将附件：修改为：."""
    if len(label) > 2 and label[-1] in "：:":
        label = label[:-1]
    return label or "附件"


def appendix_word(label: str) -> str:
    """附件, 附表 or 附录: the word a label (附表2) starts with (附件 by default)."""
    return label[:2] if label[:2] in ("附表", "附录") else "附件"


def _renumbered(ins: Instruction) -> str:
    """将第五条改为第六条， before a clause on one 款 or 项 of an article whose number the
    decision changes (as the 2023 立法法 decision writes it); "" otherwise."""
    if ins.action not in (DELETE, ADD_PARAGRAPH, ADD_ITEM) or len(ins.places) != 1:
        return ""
    place = ins.places[0]
    if not ins.new_labels or ins.new_labels[0] == place.article:
        return ""
    if ins.action == DELETE and not (place.paragraph or place.item):
        return ""
    return f"将{place.article}改为{ins.new_labels[0]}，"


#: How a label naming a heading by its title ends (“生态治理”一章, see ``headings_named``).
_TITLED_ENDS = ("”一章", "”一节", "”一编", "”一分编")


def own_label(label: str) -> str:
    """The heading's own number in a full label: 第一编第三章 → 第三章, 第二章第一节 → 第一节."""
    k = label.rfind("第")
    return label[k:] if k >= 0 else label


def heading_word(label: str) -> str:
    """The level a heading label names by its last word: 章, 节, 编 (分编 as 编)."""
    return "节" if label.endswith("节") else "编" if label.endswith("编") else "章"


def render_item(clauses: list[Instruction]) -> str:
    """One numbered item from its clauses: several replacements in one place read
    将第十条中的“A”修改为“B”，“C”修改为“D”; other clauses follow after ；. Ends with 。 unless
    it ends with a quoted text (修改为：“……。”)."""
    if (
        len(clauses) == 2
        and clauses[0].action == ADD_HEADING
        and clauses[0].position == 1
        and clauses[1].action == ADD_ARTICLES
    ):
        # 在第二章后增加一章，作为第三章：“第三章　……”“第十七条　……”: one item.
        heading, articles = clauses
        return render(heading) + "\n" + _labelled(articles.new_labels, articles.texts)
    parts: list[str] = []
    k = 0
    while k < len(clauses):
        ins = clauses[k]
        text = render(ins)
        while (
            ins.action == REPLACE
            and k + 1 < len(clauses)
            and clauses[k + 1].action == REPLACE
            and clauses[k + 1].places == ins.places
        ):
            k += 1
            nxt = clauses[k]
            text += f"，“{nest_quotes(nxt.old)}”修改为“{nest_quotes(nxt.new)}”"
        parts.append(text)
        k += 1
    out = "；".join(parts)
    last = clauses[-1] if clauses else None
    if (
        last is not None
        and last.action not in PHRASE_ACTIONS
        and last.texts
        and last.action != TABLE_ADD_ROW  # its cells “a”、“b” end a sentence, not a quotation
    ):
        return out
    return out + "。"


def render_table(ins: Instruction) -> str:
    """The words of a table clause (see the table actions of ``Instruction``). The table is
    named by its article (第五条表格; 第五条第二款表格 when the article has several). An
    article whose number changes says so first, once (将第五条改为第六条，表格第二行…), in the
    committee's combined form (the 2023 立法法 decision: 将第四条改为第五条，修改为：; 将第五条
    改为第六条，增加一款…): a table is found by its article, and a reviewer who reads
    “第五条表格” against the new text, where that table now stands in 第六条, would otherwise
    look in the wrong article. The clauses after the first keep the old number, as every
    clause of a decision names the text it amends."""
    place = ins.places[0]
    sub = Place("", place.paragraph).words()
    renumbered = bool(ins.new_labels) and ins.new_labels[0] != place.article
    head = f"将{place.article}改为{ins.new_labels[0]}，" if renumbered else ""
    table = f"{sub}表格" if renumbered else f"{place.words()}表格"
    a = ins.action
    if a == TABLE_REWRITE:
        whole = (f"{sub}中的表格" if sub else "表格") if renumbered else f"{place.words()}中的表格"
        return f"{head}{'' if renumbered else '将'}{whole}修改为：{quote(ins.texts[0])}"
    row = f"第{to_chinese(ins.position)}行"
    if a == TABLE_DELETE_ROW:
        return f"{head}删去{table}{row}"
    if a == TABLE_ADD_ROW:
        cells = "、".join(f"“{nest_quotes(t)}”" for t in ins.texts)
        return f"{head}在{table}中增加一行，作为{row}：{cells}"
    if a != TABLE_CELL:
        raise ValueError(a)
    column = f"“{nest_quotes(ins.anchor)}”栏" if ins.anchor else f"第{to_chinese(ins.column)}列"
    cell = f"{table}{row}{column}"
    old, new = nest_quotes(ins.old), nest_quotes(ins.new)
    if not ins.old:
        return f"{head}在{cell}中增加“{new}”"
    if not ins.new:
        return f"{head}删去{cell}中的“{old}”"
    verb = "" if renumbered else "将"
    return f"{head}{verb}{cell}中的“{old}”修改为“{new}”"
