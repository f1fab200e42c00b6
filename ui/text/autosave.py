"""Nothing lost: the working draft is saved to the library a few seconds after the last change.

Only what changed is written: the saver gathers the uids the edits since the last save named
(``note_changes``) and hands them to ``Library.save_draft``, which rewrites everything only
when told that anything may have changed (None) or when in doubt.

Also at once on Ctrl+S, before another version or library is shown, and when the window
closes. A failed save (LibraryError) warns once and keeps the edits in memory; the next change
(or Ctrl+S) tries again. A conflict (ConflictError: the version was saved elsewhere since it
was loaded) is merged unit by unit against the text as last read or saved (the base): changes
made on one side only are combined without asking, and for each unit both sides changed the
保存冲突 dialog (ui.text.conflict_dialog) asks — keep mine, take theirs, or merge by hand; the
merged text is saved and shown (``resolved``). Cancelled, the saver warns once and stops
saving that draft: retrying would fail the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from drafting.edit.conflict import Snapshot, merge, resolve
from ui.shell import settings
from ui.shell.errors import show_warning

if TYPE_CHECKING:
    from drafting.model.units import Draft, ReferenceMark
    from storage.library import Library

log = logging.getLogger("lifa.autosave")

DEFAULT_SECONDS = 3.0
SETTINGS_KEY = "autosave/seconds"


def autosave_seconds() -> float:
    """The autosave delay from settings.ini (``autosave/seconds``), default 3 s."""
    value = settings.open_settings().value(SETTINGS_KEY)
    try:
        seconds = float(value) if value is not None else DEFAULT_SECONDS
    except (TypeError, ValueError):
        return DEFAULT_SECONDS
    return seconds if seconds > 0 else DEFAULT_SECONDS


class AutoSaver(QObject):
    """Saves one working draft (version id + Draft) when it has unsaved changes."""

    #: "已保存 10:42" / "未保存的修改" / "保存失败" for the status bar.
    status_changed = Signal(str)
    #: A save conflict was settled and saved: the merged Draft, to be shown in place of the
    #: window's (the saver already tracks it).
    resolved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        library: Callable[[], Library],
        seconds: float | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._library = library
        self._version_id: int | None = None
        self._draft: Draft | None = None
        self._dirty = False
        # The uids touched since the last save; None: anything may have changed.
        self._touched: set[str] | None = set()
        self._failed = False
        self._conflict = False  # changed elsewhere since loaded: saving again cannot help
        # The text as last read or saved: what a conflict is merged against.
        self._base: Snapshot | None = None
        #: Unit and lineage rows the last successful save wrote (None before the first).
        self.last_written: int | None = None
        #: The references kept marked as broken, stored with each save (the hub sets it from
        #: the edit session's reference index; ReferenceIndex.marks).
        self.marks: Callable[[Draft], tuple[ReferenceMark, ...]] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int((seconds or autosave_seconds()) * 1000))
        self.timer.timeout.connect(self.save_now)

    @property
    def dirty(self) -> bool:
        """True while there are changes not yet in the library."""
        return self._dirty

    @property
    def conflicted(self) -> bool:
        """True when the version was saved elsewhere since loaded (ConflictError): no more saves."""
        return self._conflict

    def set_interval(self, seconds: float) -> None:
        """Change the delay after the last change."""
        self.timer.setInterval(int(seconds * 1000))

    def track(self, version_id: int | None, draft: Draft | None) -> None:
        """Watch another working draft (call ``save_now`` for the previous one first)."""
        self.timer.stop()
        self._version_id = version_id
        self._draft = draft
        self._dirty = False
        self._touched = set()
        self._failed = False
        self._conflict = False
        self._base = Snapshot.of(draft) if draft is not None else None
        self.status_changed.emit("")

    def forget(self, version_id: int) -> None:
        """The version was deleted: stop watching it, so that no save goes to a missing id."""
        if self._version_id == version_id:
            self.track(None, None)

    def changed(self, *_args: object) -> None:
        """The draft changed, where is not known: save all of it a few seconds from now."""
        self.note_changes(None)

    def note_changes(self, changed: Collection[str] | None) -> None:
        """The draft changed at these uids (``EditResult.touched``; None: anywhere).

        Save a few seconds from now; the save writes the rows of every uid noted since the
        last successful save (all rows once None was noted).
        """
        if self._draft is None or self._version_id is None:
            return
        if changed is None or self._touched is None:
            self._touched = None
        else:
            self._touched.update(changed)
        self._dirty = True
        if self._conflict:  # no blind retries: the version must be opened afresh
            self.status_changed.emit(self.tr("未保存：该稿次已在别处被修改"))
            return
        self.status_changed.emit(self.tr("未保存的修改"))
        self.timer.start()

    def save_now(self) -> bool:
        """Save at once if anything changed; True when the library holds the draft as shown."""
        from storage.library import ConflictError, LibraryError

        self.timer.stop()
        if not self._dirty or self._draft is None or self._version_id is None:
            return True
        if self._conflict:
            return False
        if self.marks is not None:
            self._draft.reference_marks = self.marks(self._draft)
        try:
            written = self._library().save_draft(
                self._version_id, self._draft, changed=self._touched
            )
        except ConflictError as exc:
            # Another window or colleague saved this version: overwriting would lose their
            # text. Merge with theirs (asking where both changed the same unit) and save that.
            log.warning("自动保存冲突：%s", exc)
            if self._resolve_conflict():
                return True
            # Cancelled (or could not be merged): retrying fails the same way. Say so once
            # and stop saving it.
            self._conflict = True
            self.status_changed.emit(self.tr("未保存：该稿次已在别处被修改"))
            show_warning(
                self._parent,
                self.tr("无法保存"),
                str(exc),
                self.tr(
                    "本窗口的修改仍显示在程序中，但不会再保存到该稿次。"
                    "请记下需要保留的修改，再重新打开该稿次。"
                ),
            )
            return False
        except LibraryError as exc:
            log.warning("自动保存失败：%s", exc)
            self.status_changed.emit(self.tr("保存失败，修改仍在内存中"))
            if not self._failed:
                self._failed = True  # one box per failure streak, not one per keystroke
                show_warning(
                    self._parent,
                    self.tr("无法保存"),
                    self.tr("修改未能保存到法规库：{0}").format(exc),
                    self.tr("修改仍保留在程序中，下次修改或按 Ctrl+S 时会再次保存。"),
                )
            return False
        self._saved(written)
        return True

    def _saved(self, written: int) -> None:
        assert self._draft is not None
        self._dirty = False
        self._touched = set()
        self._failed = False
        self._base = Snapshot.of(self._draft)
        self.last_written = written
        self.status_changed.emit(self.tr("已保存 {0}").format(datetime.now().strftime("%H:%M")))

    #: Merges tried in a row before giving up (a colleague saving again while the dialog is up).
    MERGE_ATTEMPTS = 3

    def _resolve_conflict(self) -> bool:
        """Merge this window's text with the stored one and save the result; True when saved.

        Units changed here only keep this window's words, those changed there only take the
        stored words; for units changed on both sides the 保存冲突 dialog asks. False when the
        drafter cancels, or the merge cannot be read or saved (the caller warns).
        """
        from storage.library import ConflictError, LibraryError
        from ui.text.conflict_dialog import ConflictDialog

        if self._draft is None or self._version_id is None or self._base is None:
            return False
        version_id = self._version_id
        mine, base = self._draft, self._base
        for _attempt in range(self.MERGE_ATTEMPTS):
            library = self._library()
            try:
                theirs = library.load_draft(version_id)
            except LibraryError as exc:
                log.warning("读取对方的稿次失败：%s", exc)
                return False
            merged = merge(base, mine, theirs)
            choices = {}
            if merged.conflicts:
                asked = ConflictDialog.get_data(self._parent, merged.conflicts, len(merged.taken))
                if asked is None:
                    return False
                choices = asked
            result, changed = resolve(merged, choices)
            try:
                written = library.save_draft(version_id, result, changed=changed)
            except ConflictError:
                # Saved again meanwhile: merge what was settled with the newest text.
                mine, base = result, Snapshot.of(theirs)
                continue
            except LibraryError as exc:
                log.warning("保存合并结果失败：%s", exc)
                return False
            log.info(
                "稿次 %s 保存冲突已合并：%d 处由起草人选择，%d 处采用别处的修改",
                version_id,
                len(merged.conflicts),
                len(merged.taken),
            )
            self._draft = result
            self._saved(written)
            self.resolved.emit(result)
            self.status_changed.emit(
                self.tr("已保存 {0}（已与别处保存的修改合并）").format(
                    datetime.now().strftime("%H:%M")
                )
            )
            return True
        return False
