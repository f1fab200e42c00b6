"""The comparison view: old and new text side by side, one table row per article pair.

One QTextBrowser holds a two-column table (原条文 | 修改后条文) plus a narrow 说明 column, so the
rows of the two texts stay aligned and scroll together by construction. Deleted words are red
and struck through, added words green, bold and underlined. F7 / Shift+F7 go to the next /
previous change; "只显示修改的条文" hides unchanged and renumbered-only articles; the label
above gives the totals.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextTable
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from drafting.compare.articles import (
    ADDED,
    DELETED,
    MERGED,
    MODIFIED,
    MOVED,
    SPLIT,
    ArticlePair,
    Comparison,
)
from drafting.compare.matter import NOTES, MatterChange
from drafting.model.numbering import article_body
from drafting.write.comparison_rows import (
    cell_diff,
    matter_key,
    matter_note,
    row_key,
    row_note,
    table_rows,
)

_DELETED_STYLE = "color:#b00000; text-decoration:line-through;"
_INSERTED_STYLE = (
    "color:#006100; background-color:#d9f2d9; font-weight:bold; text-decoration:underline;"
)
#: Row tint per status, so a change is seen before it is read.
_ROW_COLOURS = {
    MODIFIED: "#fffbe6",
    MOVED: "#eef3ff",
    SPLIT: "#eef3ff",
    MERGED: "#eef3ff",
    ADDED: "#eefaee",
    DELETED: "#fdeeee",
}
_CURRENT_COLOUR = "#ffd666"
_CELL = "padding:6px; vertical-align:top;"
_ROW_TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
    'style="border-collapse:collapse; border-color:#c8c8c8; margin:0;">'
    '<tr{bg}><td width="45%" align="{align}" style="' + _CELL + '">{old}</td>'
    '<td width="45%" align="{align}" style="' + _CELL + '">{new}</td>'
    '<td width="10%" align="{align}" style="' + _CELL + '">{note}</td></tr></table>'
)
_PARAGRAPH = "margin:0; white-space:pre-wrap;"


def _side_html(pair: ArticlePair, side: int) -> str:
    """The cell of one side (-1 old, 1 new) as HTML paragraphs, numbers in bold."""
    units = pair.old if side < 0 else pair.new
    if not units:
        return ""
    labels = pair.old_numbers if side < 0 else pair.new_numbers
    if pair.is_change:
        ops = [(op, text) for op, text in cell_diff(pair) if op in (0, side)]
    else:
        ops = [(0, "\n".join(article_body(u) for u in units))]
    # Article starts by line (several articles on one side of a split/merge).
    starts: dict[int, str] = {}
    line_no = 0
    for label, unit in zip(labels, units, strict=True):
        starts[line_no] = label
        line_no += article_body(unit).count("\n") + 1
    style = _DELETED_STYLE if side < 0 else _INSERTED_STYLE
    paragraphs: list[str] = []
    current: list[str] = []
    line = 0

    def close() -> None:
        label = starts.get(line, "")
        head = f"<b>{escape(label)}</b>\u3000" if label else ""
        paragraphs.append(f'<p style="{_PARAGRAPH}">{head}{"".join(current)}</p>')

    for op, text in ops:
        for k, piece in enumerate(text.split("\n")):
            if k:
                close()
                current = []
                line += 1
            if piece:
                chunk = escape(piece)
                current.append(f'<span style="{style}">{chunk}</span>' if op else chunk)
    close()
    return "".join(paragraphs)


#: Row tint of a 序言, 注记 or 附件 row, by its change's status.
_MATTER_COLOURS = {"modified": _ROW_COLOURS[MODIFIED], "added": _ROW_COLOURS[ADDED],
                   "deleted": _ROW_COLOURS[DELETED]}  # fmt: skip


def _matter_html(change: MatterChange, side: int) -> str:
    """One side of a 序言, 注记 or 附件 row: an appendix's part (附件1) in bold on a line of
    its own, then its lines with their changes marked (as the 对照表 shows them)."""
    text = change.old if side < 0 else change.new
    if not text:
        return ""
    style = _DELETED_STYLE if side < 0 else _INSERTED_STYLE
    paragraphs: list[str] = []
    if change.part not in ("序言", NOTES):
        paragraphs.append(f'<p style="{_PARAGRAPH}"><b>{escape(change.part)}</b></p>')
    current: list[str] = []
    for op, piece_text in change.diff:
        if op not in (0, side):
            continue
        for k, piece in enumerate(piece_text.split("\n")):
            if k:
                paragraphs.append(f'<p style="{_PARAGRAPH}">{"".join(current)}</p>')
                current = []
            if piece:
                chunk = escape(piece)
                current.append(f'<span style="{style}">{chunk}</span>' if op else chunk)
    paragraphs.append(f'<p style="{_PARAGRAPH}">{"".join(current)}</p>')
    return "".join(paragraphs)


def is_matter_row(row: int) -> bool:
    """Whether a row id of the view is a 序言, 注记 or 附件 row (negative) rather than an
    article pair (its index in ``comparison.pairs``)."""
    return row < 0


def _note_html(text: str) -> str:
    lines = "<br/>".join(escape(line) for line in text.split("\n"))
    return f'<small style="color:#555555;">{lines}</small>'


class ComparisonView(QWidget):
    """Two texts side by side, aligned article by article, with change navigation."""

    #: The pair now shown as current (index into comparison.pairs), after F7 / Shift+F7.
    currentPairChanged = Signal(int)
    #: One line for the status bar (F7 at the last change says so instead of stopping silently).
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._titles = ("", "")
        self._rows: list[int] = []  # pair index of each table row (after the header)
        self._current: int | None = None  # pair index
        self._marked_row: int | None = None  # table row whose 说明 cell shows "current"
        #: 修改说明 the drafter wrote, by ``row_key`` (or ``matter_key``: 序言, 注记, 附件1):
        #: shown here and used by the 对照表.
        self.notes: dict[str, str] = {}
        #: The 序言, 注记 and 附件 rows (row id -1 - m for ``self._matter[m]``), as the 对照表
        #: lists them: the 序言 before the articles, the others after.
        self._matter: list[MatterChange] = []

        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("compareTotals")
        self.position_label = QLabel(self)
        self.filter_box = QCheckBox(self.tr("只显示修改的条文"), self)
        self.filter_box.toggled.connect(self._rebuild)

        self.next_action = QAction(self.tr("下一处修改"), self)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F7))
        self.previous_action = QAction(self.tr("上一处修改"), self)
        self.previous_action.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F7))
        for action, slot in (
            (self.next_action, self.next_change),
            (self.previous_action, self.previous_change),
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        previous_button = QToolButton(self)
        previous_button.setDefaultAction(self.previous_action)
        next_button = QToolButton(self)
        next_button.setDefaultAction(self.next_action)

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        # The table takes the width of the view; long lines wrap instead of scrolling sideways.
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser.document().setDocumentMargin(8)

        bar = QHBoxLayout()
        bar.addWidget(self.totals_label, 1)
        bar.addWidget(self.position_label)
        bar.addWidget(self.filter_box)
        bar.addWidget(previous_button)
        bar.addWidget(next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

    # ---- content ----------------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison, old_title: str, new_title: str) -> None:
        """Show ``comparison``; the titles head the two columns (e.g. 一审稿 / 二审稿)."""
        self._comparison = comparison
        self.notes = {}
        self._matter = [r for r in table_rows(comparison) if isinstance(r, MatterChange)]
        self._titles = (old_title, new_title)
        self._current = None
        self.totals_label.setText(self.totals_text())
        self._rebuild()

    def comparison(self) -> Comparison | None:
        """The comparison shown, if any."""
        return self._comparison

    def matter_rows(self) -> list[MatterChange]:
        """The 序言, 注记 and 附件 changes shown as rows (row ids -1, -2 …)."""
        return list(self._matter)

    def matter_row(self, part: str) -> int | None:
        """The row id of the 序言, 注记 or 附件 row of ``part`` (序言, 注记, 附件1), if shown."""
        return next((-1 - m for m, c in enumerate(self._matter) if c.part == part), None)

    def _key_and_drafted(self, row: int) -> tuple[str, str]:
        assert self._comparison is not None
        if is_matter_row(row):
            change = self._matter[-1 - row]
            return matter_key(change), matter_note(change)
        pair = self._comparison.pairs[row]
        return row_key(pair), row_note(pair)

    def row_label(self, row: int) -> str:
        """What a row is called in the 编辑修改说明 dialog: 第五条, 序言, 注记, 附件1."""
        assert self._comparison is not None
        if is_matter_row(row):
            return self._matter[-1 - row].part
        pair = self._comparison.pairs[row]
        return "、".join(pair.new_numbers or pair.old_numbers)

    def note(self, pair_index: int) -> str:
        """The 修改说明 of a row (a pair, or a 序言/注记/附件 row): the drafter's when
        written, else the drafted one."""
        key, drafted = self._key_and_drafted(pair_index)
        return self.notes.get(key, drafted)

    def set_note(self, pair_index: int, text: str) -> None:
        """Replace the 修改说明 of a row (the drafted one again when ``text`` is it, or empty
        after stripping); the view shows it at once."""
        key, drafted = self._key_and_drafted(pair_index)
        text = text.strip()
        if text and text != drafted:
            self.notes[key] = text
        else:
            self.notes.pop(key, None)
        self._rebuild()

    def totals_text(self) -> str:
        """X条修改、X条新增、X条删除、X条仅序号变化 … (every status that occurs)."""
        if self._comparison is None:
            return ""
        return self._comparison.totals_text()

    def visible_pairs(self) -> list[int]:
        """Indexes of the pairs shown, in order (all, or only changes when filtered)."""
        return list(self._rows)

    def current_pair(self) -> int | None:
        """Index of the current change, None before F7 was pressed."""
        return self._current

    def _rebuild(self) -> None:
        comparison = self._comparison
        if comparison is None:
            self.browser.clear()
            self._rows = []
            return
        only_changes = self.filter_box.isChecked()
        pairs = [k for k, p in enumerate(comparison.pairs) if p.is_change or not only_changes]
        self._rows = [*self._before(), *pairs, *self._after()]
        old_title, new_title = (escape(t) for t in self._titles)
        # One small table per row, not one big table: Qt lays a table out in one go, but the
        # tables of a document one after another, as they come into view (1,270 rows: 0.1 s
        # instead of 2 s). Equal column percentages keep the columns aligned.
        tables = [
            _ROW_TABLE.format(
                bg="",
                old=f"<b>{old_title}</b>",
                new=f"<b>{new_title}</b>",
                note=f"<b>{escape(self.tr('说明'))}</b>",
                align="center",
            )
        ]
        for k in self._rows:
            if is_matter_row(k):
                change = self._matter[-1 - k]
                tint = _MATTER_COLOURS.get(change.status, _ROW_COLOURS[MODIFIED])
                tables.append(
                    _ROW_TABLE.format(
                        bg=f' bgcolor="{tint}"',
                        old=_matter_html(change, -1),
                        new=_matter_html(change, 1),
                        note=_note_html(self.note(k)),
                        align="left",
                    )
                )
                continue
            pair = comparison.pairs[k]
            colour = _ROW_COLOURS.get(pair.status)
            tables.append(
                _ROW_TABLE.format(
                    bg=f' bgcolor="{colour}"' if colour else "",
                    old=_side_html(pair, -1),
                    new=_side_html(pair, 1),
                    note=_note_html(self.note(k)),
                    align="left",
                )
            )
        scroll = self.browser.verticalScrollBar().value()
        self._marked_row = None
        self.browser.setHtml("".join(tables))
        self.browser.verticalScrollBar().setValue(scroll)
        if self._current is not None and self._current in self._rows:
            self._show(self._current)
        self._update_position()

    def pair_at_cursor(self) -> int | None:
        """The pair index of the row holding the text cursor (after a click), or None."""
        table = self.browser.textCursor().currentTable()
        if table is None:
            return None
        frames = self.browser.document().rootFrame().childFrames()
        for row, frame in enumerate(frames):
            if frame is table:
                return self._rows[row - 1] if 1 <= row <= len(self._rows) else None
        return None

    def _table(self, row: int) -> QTextTable | None:
        """The table of ``row`` (0 is the header, 1 the first pair shown)."""
        frames = self.browser.document().rootFrame().childFrames()
        if 0 <= row < len(frames) and isinstance(frames[row], QTextTable):
            return frames[row]  # type: ignore[return-value]
        return None

    # ---- navigation -------------------------------------------------------------------------

    def _before(self) -> list[int]:
        return [-1 - m for m, c in enumerate(self._matter) if c.part == "序言"]

    def _after(self) -> list[int]:
        return [-1 - m for m, c in enumerate(self._matter) if c.part != "序言"]

    def _changes(self) -> list[int]:
        """The rows F7 visits, in reading order: the 序言, the changed pairs, the 注记 and
        附件."""
        if self._comparison is None:
            return []
        return [*self._before(), *self._comparison.changes, *self._after()]

    def _place(self, row: int | None) -> int:
        """Where ``row`` stands in reading order (-1 before everything: no row)."""
        if row is None:
            return -1
        before = len(self._before())
        if not is_matter_row(row):
            return before + row
        if row in self._before():
            return self._before().index(row)
        assert self._comparison is not None
        return before + len(self._comparison.pairs) + self._after().index(row)

    def next_change(self) -> None:
        """Go to the next changed row (F7); stays on the last one at the end."""
        changes = self._changes()
        if not changes:
            self.message.emit(self.tr("两个稿次没有修改之处"))
            return
        here = self._place(self._current)
        after = [k for k in changes if self._current is None or self._place(k) > here]
        if not after:
            self.message.emit(self.tr("已是最后一处修改（共 {0} 处）").format(len(changes)))
        self._go(after[0] if after else changes[-1])

    def previous_change(self) -> None:
        """Go to the previous changed pair (Shift+F7); stays on the first one at the start."""
        changes = self._changes()
        if not changes:
            self.message.emit(self.tr("两个稿次没有修改之处"))
            return
        here = self._place(self._current)
        before = [k for k in changes if self._current is not None and self._place(k) < here]
        if not before:
            self.message.emit(self.tr("已是第一处修改（共 {0} 处）").format(len(changes)))
        self._go(before[-1] if before else changes[0])

    def _go(self, pair_index: int) -> None:
        self._current = pair_index
        self._show(pair_index)
        self._update_position()
        self.currentPairChanged.emit(pair_index)

    def current_row(self) -> int | None:
        """The table row (1 = first pair; 0 is the header) of the current change, if shown."""
        if self._current is None or self._current not in self._rows:
            return None
        return self._rows.index(self._current) + 1

    def _show(self, pair_index: int) -> None:
        """Put the cursor at the row, mark its 说明 cell, and scroll the row to the top."""
        if pair_index not in self._rows:
            return
        row = self._rows.index(pair_index) + 1  # row 0 is the header
        table = self._table(row)
        if table is None:
            return
        if self._marked_row is not None:
            previous = self._table(self._marked_row)
            if previous is not None:
                self._tint(previous, self._marked_row, None)
        self._tint(table, row, _CURRENT_COLOUR)
        self._marked_row = row
        cursor = table.cellAt(0, 0).firstCursorPosition()
        self.browser.setTextCursor(cursor)
        top = self.browser.cursorRect(cursor).top()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + top - 12)

    def _tint(self, table: QTextTable, row: int, colour: str | None) -> None:
        """Colour the 说明 cell of ``row`` (None: back to its status colour)."""
        if colour is None and self._comparison is not None:
            k = self._rows[row - 1]
            if is_matter_row(k):
                colour = _MATTER_COLOURS.get(self._matter[-1 - k].status, "#ffffff")
            else:
                colour = _ROW_COLOURS.get(self._comparison.pairs[k].status, "#ffffff")
        cell = table.cellAt(0, 2)
        fmt = cell.format()
        fmt.setBackground(QColor(colour or "#ffffff"))
        cell.setFormat(fmt)

    def _update_position(self) -> None:
        changes = self._changes()
        if self._current is not None and self._current in changes:
            n = changes.index(self._current) + 1
            text = self.tr("第 %1 / %2 处").replace("%1", str(n)).replace("%2", str(len(changes)))
        else:
            text = self.tr("共 %1 处修改").replace("%1", str(len(changes)))
        self.position_label.setText(text)
