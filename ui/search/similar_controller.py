"""相似条文 beside the text: the article under the cursor against the references and other
drafts, and 采用此表述 as ONE named, undoable edit through the window's workspace.

The window wires it with ``SimilarController(workspace, text_views.selected_uid, window)``
and shows ``controller.panel`` as a side tab. The edit is
``drafting.edit.wording.adopt_wording`` run by ``Workspace.apply`` (the one owner of edits),
so Ctrl+Z takes the old wording back and Ctrl+Shift+Z puts the adopted one again, and every
view refreshes from the workspace's one change notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from drafting.edit.operations import Operation
from drafting.edit.wording import ADOPT_NAME, adopt_units, adopt_wording, copied_units
from drafting.model.units import UnitKind
from drafting.search.articles import article_text
from ui.search.similar_panel import SimilarPanel

if TYPE_CHECKING:
    from drafting.model.units import Draft, Unit
    from storage.search_index import SearchHit
    from ui.shell.workspace import Workspace


class SimilarController(QObject):
    """Finds the provisions like the selected article and adopts a wording into it."""

    def __init__(
        self,
        workspace: Workspace,
        selected_uid: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._selected_uid = selected_uid
        self.panel = SimilarPanel(lambda: workspace.library, parent)
        self.panel.setObjectName("similar_panel")
        #: The article the cards were found for (the wording adopted goes there).
        self.article_uid: str | None = None
        self.panel.find_button.clicked.connect(self.show_current)
        self.panel.use_provision.connect(self.adopt_provision)

    def current_article(self) -> tuple[str, str] | None:
        """(uid, words) of the article selected (or holding the 款/项 selected), or None."""
        ctx = self.workspace.context()
        uid = self._selected_uid()
        if ctx is None or not uid:
            return None
        unit = ctx.units.get(uid)
        while unit is not None and unit.kind is not UnitKind.ARTICLE:
            unit = ctx.parent.get(unit.uid)
        return (unit.uid, article_text(unit)) if unit is not None else None

    def show_current(self) -> int:
        """Find and show the provisions like the article selected; returns how many."""
        found = self.current_article()
        self.article_uid = found[0] if found else None
        return self.panel.show_for(found[1] if found else "")

    def adopt_provision(self, hit: SearchHit) -> bool:
        """采用此表述 for a card: the provision's own 款 and 项 (read from its version in the
        library) replace the article's; its words one 款 a line when it cannot be read."""
        units = self._units_of(hit)
        if units is None:
            return self.adopt(hit.text)
        return self._run(lambda draft, uid: adopt_units(draft, uid, units))

    def _units_of(self, hit: SearchHit) -> list[Unit] | None:
        from storage.library import LibraryError

        if hit.version_id is None or not hit.uid:
            return None
        try:
            source = self.workspace.library.load_draft(hit.version_id)
        except LibraryError:
            return None
        article = next((u for u in source.walk() if u.uid == hit.uid), None)
        return copied_units(article) if article is not None and article.children else None

    def adopt(self, wording: str) -> bool:
        """采用此表述 with words (paragraphs one a line): the article the cards were found
        for takes them, as one undo step named 采用相似条文表述. False (the window says why)
        when it cannot be made: a frozen version, the article gone, the same words already."""
        return self._run(lambda draft, uid: adopt_wording(draft, uid, wording))

    def _run(self, make: Callable[[Draft, str], Operation]) -> bool:
        uid = self.article_uid
        if uid is None:
            self.workspace.refused.emit(self.tr("请先选中一条条文并查找相似条文"))
            return False
        op = self.workspace.build(lambda draft: make(draft, uid))
        if op is None or self.workspace.apply(op, ADOPT_NAME) is None:
            return False
        self.workspace.say(self.tr("已采用相似条文的表述（可撤销：Ctrl+Z）"))
        return True
