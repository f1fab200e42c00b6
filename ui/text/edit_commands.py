"""QUndoCommands over the drafting operations: redo applies, undo reverts, nothing else.

Each command wraps one or more ``drafting.edit.operations`` operations (more than one only when typing
bursts merge). The command is pushed after its first apply succeeded, so ``redo`` skips that
first call; every later redo applies again and every undo reverts, both through the workspace
(any ``Host``: a session and ``announce``) so the views refresh from its one change notice.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from drafting.edit.operations import EditResult, EditSession, EditText, Operation


class Host(Protocol):
    """What a command needs of its owner (the workspace): the session and one announcement."""

    session: EditSession

    def announce(self, result: EditResult, name: str = "") -> None: ...


#: The id of typing commands; QUndoStack only asks commands with the same id to merge.
TYPING_ID = 1201

#: A pause longer than this (seconds) starts a new undo step while typing.
TYPING_PAUSE = 1.0

#: Typed at the end of a word or phrase: the next keystroke starts a new undo step, so Ctrl+Z
#: takes back the last phrase, not the whole 款 (the mark itself goes with its phrase).
PHRASE_ENDS = frozenset(" \u3000，。；：、！？,.;:!?）)」』”’")


def inserted_text(before: str, after: str) -> str:
    """The words typed (or pasted) between two texts of a unit: what ``after`` has between
    the prefix and the suffix it shares with ``before`` ('' for a deletion)."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return after[start : len(after) - end]


class OperationCommand(QUndoCommand):
    """One structural edit (insert, delete, move, split, merge, a fix) as an undo step."""

    def __init__(self, host: Host, op: Operation, text: str) -> None:
        super().__init__(text)
        self._host = host
        self.ops: list[Operation] = [op]
        self._applied = True  # the controller applied it before pushing

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        results = [op.apply(self._host.session) for op in self.ops]
        self._host.announce(_combined(results), self.text())

    def undo(self) -> None:
        session = self._host.session
        results = [op.revert(session) for op in reversed(self.ops)]
        # Named as what it is (the crash journal says "撤销删除", not "删除").
        self._host.announce(_combined(results), f"撤销{self.text()}")


class TypingCommand(OperationCommand):
    """Typing in one unit: consecutive EditTexts of the same unit and field merge into one step
    until a pause (``TYPING_PAUSE``) or the end of a word or phrase (``PHRASE_ENDS``)."""

    def __init__(self, host: Host, op: EditText, text: str) -> None:
        super().__init__(host, op, text)
        self.uid = op.uid
        self.field = op.field
        self.last = time.monotonic()
        self.open = True  # a typing burst stays open until the editor leaves the unit
        self.phrase_ended = self._ends_phrase(op)

    @staticmethod
    def _ends_phrase(op: EditText) -> bool:
        change = op.text_change()
        if change is None:
            return False
        typed = inserted_text(*change)
        return bool(typed) and typed[-1] in PHRASE_ENDS

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TypingCommand) or not self.open:
            return False
        if (other.uid, other.field) != (self.uid, self.field):
            return False
        if other.last - self.last > TYPING_PAUSE or self.phrase_ended:
            return False
        self.ops.extend(other.ops)
        self.last = other.last
        self.phrase_ended = other.phrase_ended
        return True


def _combined(results: list[EditResult]) -> EditResult:
    if len(results) == 1:
        return results[0]
    return EditResult(
        changes=tuple(c for r in results for c in r.changes),
        inserted=tuple(u for r in results for u in r.inserted),
        removed=tuple(u for r in results for u in r.removed),
        moved=tuple(u for r in results for u in r.moved),
        problems=tuple(p for r in results for p in r.problems),
    )
