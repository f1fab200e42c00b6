"""The open work of one window: library, version, draft, edit history and derived indexes.

One ``Workspace`` owns what the window has open (as Anki's ``Collection`` with its
``CollectionOp``/``OpChanges``, and novelWriter's shared hub): the library, the version shown,
its draft with the edit session and undo stack, and the positions and numbers derived from the
draft (computed once per change, never invalidated by hand elsewhere). Every change runs as a
named operation and ends in ONE ``changed`` signal carrying a ``Changes`` notice that says what
changed; each view decides what to refresh from it. ``message`` is the one status-bar channel.

Controllers take the workspace, never the main window; the workspace knows no widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from drafting.edit.operations import EditError, EditResult, EditSession, EditText, Operation
from drafting.model.numbering import Number
from drafting.model.positions import Context
from drafting.model.references import Reference, ReferenceIndex
from drafting.model.stages import printed_stage
from drafting.model.units import Counts, Draft, UnitKind
from ui.text.edit_commands import OperationCommand, TypingCommand

if TYPE_CHECKING:
    from storage.library import Library, VersionInfo

FROZEN_MESSAGE = "此稿次已冻结（只读），不能修改；要继续修改，请从此稿次新建工作稿。"


@dataclass(frozen=True)
class Changes:
    """What one operation changed (Anki's OpChanges). Views refresh only what it names.

    ``text_all``: the whole text is another one (a version opened, or nothing shown);
    ``changed``/``inserted``/``removed``/``moved``: uids of units whose words changed, that
    came, went or moved (an undo reports its inverse); ``version``: the version shown or its
    details (label, frozen); ``versions``: the list of regulations/versions in the library;
    ``comments``: comments added, imported or decided; ``library``: another library file;
    ``read_only``: whether the text can be edited may have changed.
    """

    operation: str = ""
    text_all: bool = False
    changed: tuple[str, ...] = ()
    inserted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    version: bool = False
    #: The words printed under the title (征求意见稿) changed with the version's label.
    stage: bool = False
    versions: bool = False
    comments: bool = False
    library: bool = False
    read_only: bool = False
    #: The text changes in full (before/after) for views that patch words in place.
    edit: EditResult | None = None
    #: References an edit left broken or stale.
    problems: tuple[Reference, ...] = ()
    #: Select this version afterwards (``versions`` changes), when the operation says so.
    select_version: int | None = None
    #: The regulation shown was deleted (``versions`` changes): show another one.
    regulation_removed: bool = False

    @property
    def structure(self) -> bool:
        """Units came, went or moved: numbers and positions may all be new."""
        return self.text_all or bool(self.inserted or self.removed or self.moved)

    @property
    def text(self) -> bool:
        """Anything in the text changed (words or structure)."""
        return self.structure or bool(self.changed)


def _changes_of(result: EditResult, name: str) -> Changes:
    return Changes(
        operation=name,
        changed=tuple(dict.fromkeys(c.unit_uid for c in result.changes)),
        inserted=result.inserted,
        removed=result.removed,
        moved=result.moved,
        edit=result,
        problems=result.problems,
    )


class Workspace(QObject):
    """The single owner of the open library, version, draft, undo stack and derived indexes."""

    #: One notice per operation: a ``Changes``.
    changed = Signal(object)
    #: One line for the status bar (the one message channel of the window).
    message = Signal(str)
    #: An edit was refused: one Chinese line (the window shows it and beeps).
    refused = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._version: VersionInfo | None = None
        self._draft: Draft | None = None
        self._read_only = True
        self.session = EditSession(Draft(title=""))
        self.stack = QUndoStack(self)
        #: Grows with every change of the text; autosave compares it with what it saved.
        self.revision = 0
        self._numbers: dict[str, Number] | None = None
        self._numbers_of: Context | None = None
        self._counts: tuple[Context, Counts] | None = None

    # ---- what is open -----------------------------------------------------------------------

    @property
    def library(self) -> Library:
        """The open library."""
        return self._library

    @property
    def version(self) -> VersionInfo | None:
        """The version shown, or None."""
        return self._version

    @property
    def draft(self) -> Draft | None:
        """The text of the version shown (the one being edited), or None."""
        return self._draft

    @property
    def read_only(self) -> bool:
        """True for a frozen version or when nothing is shown."""
        return self._read_only or self._draft is None

    @property
    def stage(self) -> str:
        """The words printed under the title for the version shown (征求意见稿), or ''."""
        v = self._version
        return printed_stage(v.label, v.stage) if v is not None else ""

    # ---- derived, once per change -----------------------------------------------------------

    def context(self) -> Context | None:
        """Positions and numbers of the draft as it is (one walk per change of structure)."""
        return self.session.positions() if self._draft is not None else None

    def numbers(self) -> dict[str, Number]:
        """uid → number of every heading and article of the draft shown (what the outline, the
        reading pane and the status bar name; from the same walk as ``context``)."""
        ctx = self.context()
        if ctx is None:
            return {}
        if self._numbers is None or self._numbers_of is not ctx:
            number = ctx.number
            self._numbers = {
                uid: number(uid)
                for uid, unit in ctx.units.items()
                if unit.kind.is_heading or unit.kind is UnitKind.ARTICLE
            }
            self._numbers_of = ctx
        return self._numbers

    def counts(self) -> Counts:
        """How many 条/章/节/编 the draft shown has (one walk per change of structure)."""
        ctx = self.context()
        if ctx is None:
            return Counts()
        if self._counts is None or self._counts[0] is not ctx:
            self._counts = (ctx, self._draft.counts() if self._draft is not None else Counts())
        return self._counts[1]

    def references(self) -> ReferenceIndex | None:
        """The bound references of the draft shown (links in the reading pane), or None."""
        return self.session.index if self._draft is not None else None

    # ---- named operations on what is open ---------------------------------------------------

    def notify(self, changes: Changes) -> None:
        """Announce a change made through the library (a freeze, an import, comments…)."""
        self.changed.emit(changes)

    def say(self, text: str) -> None:
        """A line for the status bar."""
        self.message.emit(text)

    def set_library(self, library: Library) -> None:
        """Another library file (the previous one is closed); nothing is shown yet."""
        if library is not self._library:
            self._library.close()
            self._library = library
        self.show(None, None, operation="打开法规库", library=True)

    def show(
        self,
        version: VersionInfo | None,
        draft: Draft | None,
        *,
        operation: str = "打开稿次",
        library: bool = False,
    ) -> None:
        """Show (and edit, unless frozen) another version; the undo history starts afresh."""
        self.stack.clear()
        self._version = version
        self._draft = draft
        self._read_only = version is None or version.frozen
        self.session = EditSession(draft if draft is not None else Draft(title=""))
        self.revision = 0
        self._numbers = None
        self.changed.emit(
            Changes(operation, text_all=True, version=True, read_only=True, library=library)
        )

    def update_version(self, version: VersionInfo) -> bool:
        """The version shown got new details (label, stage, frozen): False for another id."""
        if self._version is None or version.id != self._version.id:
            return False
        was_read_only = self.read_only
        was_stage = self.stage
        self._version = version
        self._read_only = version.frozen
        self.changed.emit(
            Changes(
                "稿次属性",
                version=True,
                stage=was_stage != self.stage,
                read_only=was_read_only != self.read_only,
            )
        )
        return True

    # ---- edits ------------------------------------------------------------------------------

    def allowed(self) -> bool:
        """True when the draft may be edited; else says why (``refused``)."""
        if self._draft is None:
            return False
        if self._read_only:
            self.refused.emit(FROZEN_MESSAGE)
            return False
        return True

    def build(self, make: Callable[[Draft], Operation]) -> Operation | None:
        """Make an operation from the draft; None (after ``refused``) when it cannot be made."""
        if not self.allowed():
            return None
        assert self._draft is not None
        try:
            return make(self._draft)
        except EditError as exc:
            self.refused.emit(str(exc))
            return None

    def apply(self, op: Operation, text: str = "") -> EditResult | None:
        """Run an edit and record it as one undo step named ``text``; None when refused."""
        if not self.allowed():
            return None
        try:
            result = op.apply(self.session)
        except EditError as exc:
            self.refused.emit(str(exc))
            return None
        command: OperationCommand
        if isinstance(op, EditText) and not text:
            command = TypingCommand(self, op, "输入文字")
        else:
            command = OperationCommand(self, op, text or op.description)
        name = command.text()  # read first: a typing command merged on push is deleted
        self.stack.push(command)
        self.announce(result, name)
        return result

    def announce(self, result: EditResult, name: str = "") -> None:
        """The draft changed by an edit, an undo or a redo: one notice for every view."""
        self.revision += 1
        self.changed.emit(_changes_of(result, name))

    def undo(self) -> None:
        """Undo the last step."""
        self.end_typing()
        self.stack.undo()

    def redo(self) -> None:
        """Redo the last undone step."""
        self.stack.redo()

    def end_typing(self) -> None:
        """Close the open typing burst: the next keystroke starts a new undo step."""
        top = self.stack.command(self.stack.index() - 1) if self.stack.index() > 0 else None
        if isinstance(top, TypingCommand):
            top.open = False
