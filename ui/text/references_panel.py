"""The 援引 side tab: the references written in the selected article and those citing it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from drafting.model.positions import Context
from drafting.model.references import (
    AMBIGUOUS,
    BROKEN,
    EXTERNAL,
    STALE,
    VALID,
    Reference,
    ReferenceIndex,
)
from drafting.model.units import Draft, UnitKind

STATUS_TEXT = {
    VALID: "有效",
    BROKEN: "失效",
    AMBIGUOUS: "有歧义",
    EXTERNAL: "外部",
    STALE: "需核对",
}
STATUS_COLOUR = {BROKEN: "#c62828", STALE: "#c62828", AMBIGUOUS: "#e67e00", EXTERNAL: "#757575"}
UID_ROLE = Qt.ItemDataRole.UserRole + 1


def target_label(ctx: Context, ref: Reference) -> str:
    """What a reference points at, named in full: 第十二条第二款、第十三条."""
    if ref.status == EXTERNAL:
        return "（其他法律）"
    names = [ctx.full_label(uid) for uid in ref.targets if uid in ctx.units]
    if not names:
        return "（不存在）"
    if len(names) > 3:
        return f"{names[0]}至{names[-1]}"
    return "、".join(names)


class ReferencesPanel(QWidget):
    """Two groups: 本条援引 (references in the article) and 被援引 (references naming it)."""

    #: Double-click: go to this unit (the target, or the citing unit).
    jump_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("references_panel")
        self.heading = QLabel()
        self.heading.setObjectName("references_heading")
        self.heading.setStyleSheet("QLabel { font-weight: bold; padding: 2px 4px; }")
        self.tree = QTreeWidget()
        self.tree.setObjectName("references_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("援引"), self.tr("状态"), self.tr("指向"), self.tr("说明")]
        )
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.outgoing = QTreeWidgetItem([self.tr("本条援引")])
        self.incoming = QTreeWidgetItem([self.tr("被援引")])
        self.show_article(None, None, None)

    def show_article(
        self,
        draft: Draft | None,
        index: ReferenceIndex | None,
        uid: str | None,
        ctx: Context | None = None,
    ) -> None:
        """List the references of the article (or heading) ``uid``."""
        self.tree.clear()
        self.outgoing = QTreeWidgetItem([self.tr("本条援引")])
        self.incoming = QTreeWidgetItem([self.tr("被援引")])
        self.tree.addTopLevelItems([self.outgoing, self.incoming])
        if draft is None or index is None or uid is None:
            self.heading.setText(self.tr("选择一条，查看它的援引"))
            return
        ctx = ctx if ctx is not None else Context(draft)
        unit = ctx.units.get(uid)
        if unit is None:
            return
        self.heading.setText(ctx.full_label(uid) or unit.heading)
        inside = [u.uid for u in unit.walk()]
        for text_uid in inside:
            for ref in index.in_unit(text_uid):
                target = ref.targets[0] if ref.targets else ""
                self._add(self.outgoing, ref, target_label(ctx, ref), target)
        own = set(inside)
        seen: set[tuple[str, int]] = set()
        citing = [
            r for r in index.references() if r.unit_uid not in own and own.intersection(r.targets)
        ]
        if len(citing) > 1:  # text order: built only when there is something to sort
            order = {u: i for i, u in enumerate(ctx.units)}
            citing.sort(key=lambda r: (order.get(r.unit_uid, -1), r.start))
        for ref in citing:
            if (ref.unit_uid, ref.start) in seen:
                continue
            seen.add((ref.unit_uid, ref.start))
            article = ctx.container(ref.unit_uid, UnitKind.ARTICLE)
            where = ctx.full_label(article.uid) if article is not None else ""
            self._add(self.incoming, ref, where, ref.unit_uid)
        self.outgoing.setText(0, self.tr("本条援引（{0}）").format(self.outgoing.childCount()))
        self.incoming.setText(0, self.tr("被援引（{0}）").format(self.incoming.childCount()))
        self.tree.expandAll()
        for column in range(3):
            self.tree.resizeColumnToContents(column)
            # A long reference must not push 状态 and 指向 out of a narrow side tab.
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 170))

    def _add(self, group: QTreeWidgetItem, ref: Reference, where: str, jump_uid: str) -> None:
        # A valid reference's detail ("指向第十四条…") was written when it was resolved and
        # names the numbers of that moment; after a renumbering only ``where`` is current.
        detail = self.tr("指向{0}").format(where) if ref.status == VALID and where else ref.detail
        item = QTreeWidgetItem(
            [ref.text, self.tr(STATUS_TEXT.get(ref.status, ref.status)), where, detail]
        )
        item.setData(0, UID_ROLE, jump_uid)
        item.setToolTip(0, ref.text)
        item.setToolTip(2, where)
        item.setToolTip(3, detail)
        colour = STATUS_COLOUR.get(ref.status)
        if colour:
            item.setForeground(1, QColor(colour))
        group.addChild(item)

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        uid = item.data(0, UID_ROLE)
        if uid:
            self.jump_requested.emit(str(uid))
