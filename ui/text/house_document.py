"""A draft laid out in the house style as a QTextDocument for the reading pane.

The blocks come from ``drafting.write.layout.house_layout`` (without the 目录), the stream the
.docx and the printer consume; fonts from the house style, the looser screen spacing from
``house_style.SCREEN``. Built block by block with QTextCursor: setHtml would drop the U+3000
after 第X条. Each heading and article records where it starts and ends, and every block of it
carries the unit's index as its userState, so a click in the text finds its unit.

A table (of a 款 or an appendix) is a real QTextTable, merged cells merged; its cells carry the
owner's userState. The in-place updates below count one text block per layout block, which a
table breaks: with a table in the text they decline (return False) and the pane is built again.

After an edit the pane need not be built again for the whole text: ``HouseDocument.sync``
brings it up to date with the draft after any edit (only the headings and articles whose blocks
differ are laid out again; a renumbered one only gets its new label), ``patch_text`` changes the
words of one 款/项/目 or heading in place, and ``replace_article`` lays out one article again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from drafting.model.matter import Table
from drafting.model.numbering import Number
from drafting.model.references import AMBIGUOUS, BROKEN, EXTERNAL, STALE, Reference, ReferenceIndex
from drafting.model.stages import stage_line
from drafting.model.units import Draft, Unit
from drafting.write.house_style import SCREEN
from drafting.write.layout import Block, BlockRole, article_blocks, house_layout, table_grid
from ui.shell.fonts import Role, house_font

__all__ = ["REF_SCHEME", "HouseDocument", "build_house_document", "stage_line"]

#: Line height of body text, in percent of the font's height.
LINE_HEIGHT = SCREEN.line_height_percent

#: The href prefix of reference links in the reading pane.
REF_SCHEME = "ref:"

#: Link colours by reference status (valid links take the palette's link colour).
_REF_COLOURS = {BROKEN: "#c62828", STALE: "#c62828", AMBIGUOUS: "#e67e00", EXTERNAL: "#757575"}


@dataclass
class HouseDocument:
    """The laid-out document and where each heading and article sits in it."""

    document: QTextDocument
    #: Block userState → uid of its heading or article. A unit keeps its entry through
    #: ``sync`` (entries of units removed since stay, unused).
    uids: list[str] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # uid → (start, end)
    #: Where the words of each 款/项/目 (and each heading's title) start in the document.
    text_starts: dict[str, int] = field(default_factory=dict)
    #: Block number → the 款/项/目 or heading whose words the block shows.
    block_units: dict[int, str] = field(default_factory=dict)
    #: The references marked as links; a link's href is "ref:<position in this list>".
    references: list[Reference] = field(default_factory=list)
    #: The character formats by font role ("body", "heading", "article_label" …), for
    #: patching words in place.
    formats: dict[str, QTextCharFormat] = field(default_factory=dict)
    #: The block formats by look ("body": an article line, "heading"), for laying out again.
    block_formats: dict[str, QTextBlockFormat] = field(default_factory=dict)
    #: The layout blocks shown, per heading or article (dropped when its words are patched),
    #: and the title block: what ``sync`` compares a new layout with.
    owner_blocks: dict[str, tuple[Block, ...]] = field(default_factory=dict)
    front: tuple[Block, ...] = ()
    #: The references shown as links now, per unit (what ``sync`` compares new ones with).
    linked: dict[str, list[Reference]] = field(default_factory=dict)
    #: The headings and articles shown, in order, with their number of blocks.
    order: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: The tables shown (QTextTable, one per table of the text, in order).
    tables: list[QTextTable] = field(default_factory=list)
    _state_of: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def uid_at(self, position: int) -> str | None:
        """The heading or article at a character position, or None (title, 题注)."""
        state = self.document.findBlock(position).userState()
        return self.uids[state] if 0 <= state < len(self.uids) else None

    def patch_text(
        self, uid: str, old: str, new: str, references: tuple[Reference, ...] = ()
    ) -> bool:
        """Replace the words of one 款/项/目 (or heading) in place, without laying out the
        whole document again; positions after it move. False when the unit is not shown as
        its own words here (then lay out again)."""
        start = self.text_starts.get(uid)
        if start is None:
            return False
        cursor = QTextCursor(self.document)
        cursor.setPosition(start)
        cursor.setPosition(start + len(old), QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != old:
            return False
        owner = self.uid_at(start)
        if owner is not None:
            self.owner_blocks.pop(owner, None)  # shown words no longer those blocks'
        # Headings are the only units with both a span and words of their own.
        role = "heading" if uid in self.spans else "body"
        fmt = self.formats.get(role, QTextCharFormat())
        cursor.insertText(new, fmt)
        self.linked.pop(uid, None)  # its links went with its words
        delta = len(new) - len(old)
        if delta:
            for key, (a, b) in self.spans.items():
                if b >= start:
                    self.spans[key] = (a + delta if a > start else a, b + delta)
            for key, a in self.text_starts.items():
                if a > start:
                    self.text_starts[key] = a + delta
        _mark(self, references, self.document)
        return True

    def replace_article(
        self, article: Unit, number: Number, references: Iterable[Reference] = ()
    ) -> bool:
        """Lay out one article again in place, from the layout stream's ``article_blocks``.

        For an edit that changed the article's 款, 项 or 目 (added, removed, split, joined,
        moved within it) or its own number, and no other unit's number: the result is what
        ``build_house_document`` would give, at the cost of one article rather than the whole
        text (Qt lays out only the changed blocks again). Positions after it move; the article
        keeps its index in ``uids``. ``references``: those of the article's units
        (``ReferenceIndex.in_unit`` of each), marked as links. False when the article is not
        shown here (then lay out the whole text again).
        """
        span = self.spans.get(article.uid)
        body = self.block_formats.get("body")
        if span is None or body is None or article.uid in self.text_starts:
            return False  # not shown, or a heading
        if self.tables or any(u.table is not None for u in article.walk()):
            return False  # a table is many text blocks: lay out again
        start, end = span
        document = self.document
        first, last = document.findBlock(start), document.findBlock(end)
        first_no, last_no = first.blockNumber(), last.blockNumber()
        state = first.userState()
        for n in range(first_no, last_no + 1):
            gone = self.block_units.pop(n, None)
            if gone is not None:
                self.text_starts.pop(gone, None)
                self.linked.pop(gone, None)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()  # keeps the first block, its format and its userState
        blocks = article_blocks(article, number)
        units: dict[int, str] = {}
        starts: dict[str, int] = {}
        for k, block in enumerate(blocks):
            if k:
                cursor.insertBlock(body)
                cursor.block().setUserState(state)
            block_start = cursor.position()
            for piece in block.spans:
                cursor.insertText(piece.text, self.formats[piece.font])
            if block.uid is not None:
                units[cursor.blockNumber()] = block.uid
                starts[block.uid] = block_start + block.words_at
        cursor.endEditBlock()
        new_end = cursor.position()
        delta = new_end - end
        block_delta = len(blocks) - (last_no - first_no + 1)
        if delta:
            for key, (a, b) in self.spans.items():
                if a > start:
                    self.spans[key] = (a + delta, b + delta)
            for key, a in self.text_starts.items():
                if a > end:
                    self.text_starts[key] = a + delta
        if block_delta:
            self.block_units = {
                (n + block_delta if n > last_no else n): uid for n, uid in self.block_units.items()
            }
        self.spans[article.uid] = (start, new_end)
        self.owner_blocks[article.uid] = tuple(blocks)
        self.counts[article.uid] = len(blocks)
        self.block_units.update(units)
        self.text_starts.update(starts)
        _mark(self, references, document)
        return True

    def sync(
        self,
        draft: Draft,
        stage: str = "",
        numbers: dict[str, Number] | None = None,
        references: ReferenceIndex | None = None,
    ) -> bool:
        """Bring the document up to date with ``draft`` after any edit, changing only the
        headings and articles whose blocks differ from those shown (inserted, removed, moved,
        renumbered, reworded) and the links whose reference changed.

        The result is what ``build_house_document`` would give (links compared by the
        reference they lead to), but Qt lays out only the changed blocks again, and the view
        keeps its document, scroll position and selection. False when the title block or
        stage changed (then build the document again). ``numbers`` and ``references`` as for
        the build; without ``references`` the links shown in unchanged text stay as they are.
        """
        blocks = list(house_layout(draft, stage_label=stage, toc=False, numbers=numbers))
        if self.tables or any(b.role is BlockRole.TABLE for b in blocks):
            return False  # a table is many text blocks: build again
        n_front = len(self.front)
        if tuple(blocks[:n_front]) != self.front or (
            len(blocks) > n_front and blocks[n_front].owner is None
        ):
            return False
        if "heading" not in self.block_formats:
            return False
        new_groups: list[tuple[str, list[Block]]] = []
        for block in blocks[n_front:]:
            assert block.owner is not None
            if new_groups and new_groups[-1][0] == block.owner:
                new_groups[-1][1].append(block)
            else:
                new_groups.append((block.owner, [block]))
        # Units new to the pane get ids of their own; the others keep theirs.
        self._state_of = {uid: i for i, uid in enumerate(self.uids)}
        for uid, _ in new_groups:
            if uid not in self._state_of:
                self._state_of[uid] = len(self.uids)
                self.uids.append(uid)
        # The groups shown: (uid, first block number, number of blocks).
        old_groups: list[tuple[str, int, int]] = []
        first_no = n_front
        for uid in self.order:
            old_groups.append((uid, first_no, self.counts[uid]))
            first_no += self.counts[uid]
        matcher = SequenceMatcher(
            None, [g[0] for g in old_groups], [g[0] for g in new_groups], autojunk=False
        )
        relaid: set[str] = set()
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        # Bottom to top, so the block numbers of what is still to change stay true.
        for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if op == "equal":
                for k in range(i2 - i1 - 1, -1, -1):
                    uid, group = new_groups[j1 + k]
                    shown = self.owner_blocks.get(uid)
                    if shown == tuple(group):
                        continue
                    if shown is not None and _label_only(shown, group):
                        # Renumbered only (the common case after an insert): the label alone.
                        self._relabel(cursor, old_groups[i1 + k][1], shown[0], group[0])
                        continue
                    self._replace_blocks(cursor, old_groups[i1 + k : i1 + k + 1], group)
                    relaid.add(uid)
                continue
            replacement = [b for _, group in new_groups[j1:j2] for b in group]
            if i1 == i2:
                # Nothing shown here yet: insert after the group before (or the title block).
                after = old_groups[i1 - 1] if i1 else None
                at = (after[1] + after[2]) if after else n_front
                self._insert_blocks(cursor, at, replacement)
            else:
                self._replace_blocks(cursor, old_groups[i1:i2], replacement)
            relaid.update(uid for uid, _ in new_groups[j1:j2])
        cursor.endEditBlock()
        self._index(blocks)
        self.front = tuple(blocks[:n_front])
        self.owner_blocks = {uid: tuple(group) for uid, group in new_groups}
        self.order = [uid for uid, _ in new_groups]
        self.counts = {uid: len(group) for uid, group in new_groups}
        if references is not None:
            self._relink(references.references(draft), relaid)
        return True

    def _replace_blocks(
        self, cursor: QTextCursor, groups: list[tuple[str, int, int]], blocks: list[Block]
    ) -> None:
        """Replace the blocks of consecutive ``groups`` with ``blocks`` (none: remove them)."""
        document = self.document
        first_no = groups[0][1]
        last_no = groups[-1][1] + groups[-1][2] - 1
        last = document.findBlockByNumber(last_no)
        end = last.position() + last.length() - 1
        if not blocks:
            # Remove whole blocks: from the end of the block before to the end of the last.
            # The block left may take the last one's format and state: give it back its own.
            before = document.findBlockByNumber(first_no - 1)
            state, look = before.userState(), before.blockFormat()
            cursor.setPosition(before.position())
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.setBlockFormat(look)
            cursor.block().setUserState(state)
            return
        cursor.setPosition(document.findBlockByNumber(first_no).position())
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(self._look(blocks[0]))
        self._write(cursor, blocks[0])
        for block in blocks[1:]:
            cursor.insertBlock(self._look(block))
            self._write(cursor, block)

    def _relabel(self, cursor: QTextCursor, block_no: int, old: Block, new: Block) -> None:
        """Replace the label that opens block number ``block_no`` (第五条 → 第六条)."""
        start = self.document.findBlockByNumber(block_no).position()
        cursor.setPosition(start)
        cursor.setPosition(start + len(old.label), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new.label, self.formats[new.spans[0].font])

    def _insert_blocks(self, cursor: QTextCursor, at: int, blocks: list[Block]) -> None:
        """Insert ``blocks`` as new blocks before block number ``at`` (≥ 1)."""
        before = self.document.findBlockByNumber(at - 1)
        state = before.userState()
        cursor.setPosition(before.position())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        for block in blocks:
            cursor.insertBlock(self._look(block))
            self._write(cursor, block)
        self.document.findBlockByNumber(at - 1).setUserState(state)

    def _look(self, block: Block) -> QTextBlockFormat:
        return self.block_formats["heading" if block.role is BlockRole.HEADING else "body"]

    def _write(self, cursor: QTextCursor, block: Block) -> None:
        assert block.owner is not None
        cursor.block().setUserState(self._state_of[block.owner])
        for piece in block.spans:
            cursor.insertText(piece.text, self.formats[piece.font])

    def _index(self, blocks: list[Block]) -> None:
        """Positions and block numbers again, in one pass over the blocks (the document now
        holds exactly their words: one block each, one separator between)."""
        self.spans = {}
        self.text_starts = {}
        self.block_units = {}
        position = start = 0
        owner: str | None = None
        for number, block in enumerate(blocks):
            text_length = len(block.text)
            if block.owner is not None:
                if block.owner != owner:
                    owner = block.owner
                    start = position
                if block.uid is not None:
                    self.block_units[number] = block.uid
                    self.text_starts[block.uid] = position + block.words_at
                self.spans[block.owner] = (start, position + text_length)
            position += text_length + 1

    def _relink(self, references: list[Reference], relaid: set[str]) -> None:
        """Mark the references of the text laid out again, and of any other unit whose links
        changed (status, targets or place): its old links plain again, its new ones marked."""
        by_unit: dict[str, list[Reference]] = {}
        for ref in references:
            by_unit.setdefault(ref.unit_uid, []).append(ref)
        fresh: list[Reference] = []
        for owner in relaid:
            for block in self.owner_blocks.get(owner, ()):
                if block.uid is not None:
                    self.linked.pop(block.uid, None)  # laid out again: no links yet
        for uid in set(by_unit) | set(self.linked):
            new = by_unit.get(uid, [])
            old = self.linked.pop(uid, [])
            if [_link_key(r) for r in old] == [_link_key(r) for r in new]:
                self.linked[uid] = old
                continue
            for ref in old:
                self._plain(uid, ref.start, ref.end)
            fresh.extend(new)
        _mark(self, fresh, self.document)

    def relink_changed(self, references: ReferenceIndex, skip: Iterable[str] = ()) -> None:
        """Mark again the links of every unit shown whose references changed without its
        words changing (a deleted target left "本条例第十八条" broken, kept marked): red and
        wavy at once, not an ordinary link until the next full layout. ``skip``: units whose
        words are still to be written (their links come with them)."""
        skipped = set(skip)
        by_unit = {
            uid: list(refs)
            for uid, refs in references.by_unit.items()
            if uid in self.text_starts and uid not in skipped
        }
        fresh: list[Reference] = []
        for uid in set(by_unit) | (set(self.linked) - skipped):
            new = by_unit.get(uid, [])
            old = self.linked.get(uid, [])
            if [_link_key(r) for r in old] == [_link_key(r) for r in new]:
                continue
            self.linked.pop(uid, None)
            for ref in old:
                self._plain(uid, ref.start, ref.end)
            fresh.extend(new)
        _mark(self, fresh, self.document)

    def _plain(self, unit_uid: str, start: int, end: int) -> None:
        """The words at [start, end) of a unit back in their plain format (no link)."""
        base = self.text_starts.get(unit_uid)
        if base is None:
            return
        cursor = QTextCursor(self.document)
        cursor.setPosition(base + start)
        cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(self.formats["heading" if unit_uid in self.spans else "body"])

    def text_uid_at(self, position: int) -> str | None:
        """The 款/项/目 (or heading) whose words are at a character position, or None."""
        return self.block_units.get(self.document.findBlock(position).blockNumber())

    def reference_at(self, href: str) -> Reference | None:
        """The reference behind a link's href ("ref:3"), or None."""
        if not href.startswith(REF_SCHEME):
            return None
        try:
            n = int(href[len(REF_SCHEME) :])
        except ValueError:
            return None
        return self.references[n] if 0 <= n < len(self.references) else None


def _char_format(font: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font)
    return fmt


def _block_format(
    *, centred: bool = False, indent: float = 0.0, top: float = 0.0, bottom: float = 0.0
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignJustify)
    fmt.setTextIndent(indent)
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


class _Builder:
    def __init__(self, document: QTextDocument, scale: float) -> None:
        self.document = document
        self.cursor = QTextCursor(document)
        self.first = True
        self.fonts = {role: house_font(role, scale) for role in Role}
        self.formats = {role: _char_format(font) for role, font in self.fonts.items()}
        body = QFontMetricsF(self.fonts[Role.BODY])
        self.em = body.horizontalAdvance("\u3000")
        self.line = body.height()
        # One format per look, shared by every block that has it (insertBlock copies it).
        self.title_block = _block_format(centred=True)
        self.last_title_line = _block_format(
            centred=True, bottom=self.line * SCREEN.title_space_after_lines
        )
        self.heading = _block_format(
            centred=True,
            top=self.line * SCREEN.heading_space_before_lines,
            bottom=self.line * SCREEN.heading_space_after_lines,
        )
        self.body = _block_format(indent=2 * self.em)
        self.cell = _block_format()
        # After a table the cursor stands in the empty block Qt keeps after it: fill that one.
        self.after_table = False

    def block(self, fmt: QTextBlockFormat, state: int = -1) -> None:
        if self.first or self.after_table:
            self.cursor.setBlockFormat(fmt)
            self.first = self.after_table = False
        else:
            self.cursor.insertBlock(fmt)
        self.cursor.block().setUserState(state)

    def table(self, table: Table, state: int) -> QTextTable:
        """A real table after the current block, merged cells merged (``table_grid``), every
        cell's block carrying ``state``; the cursor ends in the block after it."""
        rows, columns, places = table_grid(table)
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.em / 4)
        fmt.setLeftMargin(2 * self.em)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 95))
        if self.first:
            self.first = False
        elif self.after_table:
            self.after_table = False  # a table right after a table: in the block between
        grid = self.cursor.insertTable(rows, columns, fmt)
        for r, c, cell in places:
            if cell.row_span > 1 or cell.col_span > 1:
                grid.mergeCells(
                    r, c, min(cell.row_span, rows - r), min(cell.col_span, columns - c)
                )
            cursor = grid.cellAt(r, c).firstCursorPosition()
            cursor.setBlockFormat(self.cell)
            cursor.insertText(cell.text, self.formats[Role.BODY])
        for r in range(rows):
            for c in range(columns):
                cell_block = grid.cellAt(r, c).firstCursorPosition().block()
                cell_block.setUserState(state)
        self.cursor.setPosition(grid.lastPosition() + 1)
        self.cursor.block().setUserState(state)
        self.after_table = True
        return grid

    def text(self, text: str, role: Role) -> None:
        if text:
            self.cursor.insertText(text, self.formats[role])

    def block_format(self, block: Block, next_role: BlockRole | None) -> QTextBlockFormat:
        """The screen look of a block: the title block centred (a little space under the
        title), headings centred with space around them, article lines indented."""
        role = block.role
        if role is BlockRole.HEADING:
            return self.heading
        if role.in_title_block:
            if role is BlockRole.TITLE and next_role is not BlockRole.TITLE:
                return self.last_title_line
            return self.title_block
        return self.body


def build_house_document(
    draft: Draft,
    stage: str = "",
    scale: float = 1.0,
    document: QTextDocument | None = None,
    references: ReferenceIndex | None = None,
    numbers: dict[str, Number] | None = None,
) -> HouseDocument:
    """Lay out a draft: title, stage, 题注, headings centred, 第X条 in bold, body indented.

    With ``references``, every reference is marked as a link (href "ref:<n>"), coloured by its
    status: broken and stale red with a wavy underline, ambiguous orange, external grey."""
    document = document if document is not None else QTextDocument()
    document.setUndoRedoEnabled(False)  # laid out by the program, never typed into
    document.clear()
    built = HouseDocument(document)
    b = _Builder(document, scale)
    built.formats = {role.value: fmt for role, fmt in b.formats.items()}
    built.block_formats = {"body": b.body, "heading": b.heading}
    document.setDefaultFont(b.fonts[Role.BODY])
    document.setDocumentMargin(b.em * SCREEN.margin_chars)

    blocks = list(house_layout(draft, stage_label=stage, toc=False, numbers=numbers))
    cursor = b.cursor
    owner: str | None = None
    state, start = -1, 0
    for i, block in enumerate(blocks):
        next_role = blocks[i + 1].role if i + 1 < len(blocks) else None
        opens = block.owner != owner  # the first block of a heading or article
        if opens:
            owner = block.owner
            state = -1 if owner is None else len(built.uids)
            if owner is not None:
                built.uids.append(owner)
        if block.role is BlockRole.TABLE and block.table is not None:
            if block.row == 0:  # the whole table at its first row; the others are in it
                if opens:
                    start = cursor.position()
                built.tables.append(b.table(block.table, state))
                if owner is not None:
                    built.spans[owner] = (start, cursor.position())
            continue
        b.block(b.block_format(block, next_role), state)
        block_start = cursor.position()
        if opens:
            start = block_start
        for span in block.spans:
            b.text(span.text, span.font)
        if block.uid is not None:
            built.block_units[cursor.blockNumber()] = block.uid
            built.text_starts[block.uid] = block_start + block.words_at
        if owner is not None:
            built.spans[owner] = (start, cursor.position())
    _record_blocks(built, blocks)
    if references is not None:
        _mark_references(built, references, draft)
    return built


def _record_blocks(built: HouseDocument, blocks: list[Block]) -> None:
    """Remember the blocks shown: the title block and each heading's or article's."""
    groups: dict[str, list[Block]] = {}
    front: list[Block] = []
    for block in blocks:
        if block.owner is None:
            front.append(block)
        else:
            groups.setdefault(block.owner, []).append(block)
    built.front = tuple(front)
    built.owner_blocks = {owner: tuple(group) for owner, group in groups.items()}
    built.order = list(groups)
    built.counts = {owner: len(group) for owner, group in groups.items()}


def _label_only(old: tuple[Block, ...], new: list[Block]) -> bool:
    """Whether two layouts of one heading or article differ only in the label they open with."""
    if len(old) != len(new) or old[1:] != tuple(new[1:]):
        return False
    a, b = old[0], new[0]
    if a.label == b.label or not a.label or not b.label:
        return False
    return (
        (a.role, a.uid, a.kind) == (b.role, b.uid, b.kind)
        and [s.font for s in a.spans] == [s.font for s in b.spans]
        and a.text[len(a.label) :] == b.text[len(b.label) :]
    )


def _link_key(ref: Reference) -> tuple[object, ...]:
    """What a link shows of a reference: its place, status and targets."""
    return (ref.start, ref.end, ref.status, ref.targets)


def _mark_references(built: HouseDocument, index: ReferenceIndex, draft: Draft) -> None:
    _mark(built, index.references(draft), built.document)


def _mark(built: HouseDocument, references: Iterable[Reference], document: QTextDocument) -> None:
    cursor = QTextCursor(document)
    for ref in references:
        base = built.text_starts.get(ref.unit_uid)
        if base is None:
            continue
        n = len(built.references)
        built.references.append(ref)
        built.linked.setdefault(ref.unit_uid, []).append(ref)
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"{REF_SCHEME}{n}")
        colour = _REF_COLOURS.get(ref.status)
        if ref.status in (BROKEN, STALE):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(colour or "#c62828"))
        elif ref.status == EXTERNAL:
            fmt.setFontUnderline(False)
        else:
            fmt.setFontUnderline(True)
        fmt.setForeground(QColor(colour or "#1a56a8"))
        cursor.setPosition(base + ref.start)
        cursor.setPosition(base + ref.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
