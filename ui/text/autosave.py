"""Nothing lost: the working draft is saved to the library a few seconds after the last change.

Only what changed is written: the saver gathers the uids the edits since the last save named
(``note_changes``) and hands them to ``Library.save_draft``, which rewrites everything only
when told that anything may have changed (None) or when in doubt.

Also at once on Ctrl+S, before another version or library is shown, and when the window
closes. A failed save (LibraryError) warns once and keeps the edits in memory; the next change
(or Ctrl+S) tries again. A conflict (ConflictError: the version was saved elsewhere since it
was loaded) warns once and stops saving that draft: retrying would fail the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

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
            # text, and retrying fails the same way. Say so once and stop saving it.
            log.warning("自动保存冲突：%s", exc)
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
        self._dirty = False
        self._touched = set()
        self._failed = False
        self.last_written = written
        self.status_changed.emit(self.tr("已保存 {0}").format(datetime.now().strftime("%H:%M")))
        return True
