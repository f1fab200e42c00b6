"""A write-ahead journal of the words typed since the last save, for a crash (kill -9, power).

Autosave writes the draft a few seconds after the last change; the journal closes that gap.
Every change of words is appended at once (one JSON line, flushed) to ``journal/<pid>.jsonl``
in the data folder; a change of structure is saved to the library at once instead. A save
empties the journal; a clean close deletes it. At the next start a journal whose process is
gone is replayed onto the working drafts it names and the window says what it recovered.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from storage.paths import data_dir

if TYPE_CHECKING:
    from storage.library import Library

log = logging.getLogger("lifa.journal")


def journal_dir() -> Path:
    """Where the journals live (one per running window process)."""
    path = data_dir() / "journal"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class EditJournal:
    """This process's journal: ``record`` words as they change, ``clear`` after a save."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or journal_dir()) / f"{os.getpid()}.jsonl"
        self._file: IO[str] | None = None

    def record(self, version_id: int, changes: list[tuple[str, str, str]]) -> None:
        """Append the words now of some units: (uid, field, value), flushed to disk."""
        if self._file is None:
            self._file = self.path.open("a", encoding="utf-8")
        for uid, field, value in changes:
            line = {"version": version_id, "uid": uid, "field": field, "value": value}
            self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def clear(self) -> None:
        """Everything is in the library now."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self.path.unlink(missing_ok=True)

    close = clear


@dataclass(frozen=True)
class Recovered:
    """What a start found of a crashed session: units whose words were put back, per version."""

    units: int
    versions: tuple[int, ...]
    skipped: int  # entries for versions gone or frozen since


def recover(library: Library, folder: Path | None = None) -> Recovered | None:
    """Replay the journals of processes no longer running onto ``library``'s working drafts
    (the last words of each unit win) and delete them; None when there was nothing to do."""
    from storage.library import LibraryError

    folder = folder or journal_dir()
    found = False
    values: dict[int, dict[tuple[str, str], str]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        try:
            pid = int(path.stem)
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        found = True
        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(raw)
                key = (str(entry["uid"]), str(entry["field"]))
                values.setdefault(int(entry["version"]), {})[key] = str(entry["value"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by the crash
        path.unlink(missing_ok=True)
    if not found:
        return None
    units = skipped = 0
    versions: list[int] = []
    for version_id, words in values.items():
        try:
            version = library.version(version_id)
            if version.frozen:
                skipped += len(words)
                continue
            draft = library.load_draft(version_id)
        except LibraryError:
            skipped += len(words)
            continue
        changed: set[str] = set()
        for (uid, field), value in words.items():
            unit = draft.find(uid)
            if unit is None or field not in ("text", "heading") or getattr(unit, field) == value:
                continue
            setattr(unit, field, value)
            changed.add(uid)
        if changed:
            library.save_draft(version_id, draft, changed=changed)
            units += len(changed)
            versions.append(version_id)
    log.info("恢复了 %d 处未保存的修改", units)
    return Recovered(units, tuple(versions), skipped)


def recovery_text(recovered: Recovered) -> str:
    """What the window says at the start after a crash."""
    if recovered.units:
        text = f"上次程序未正常关闭：已恢复 {recovered.units} 处尚未保存的修改"
    else:
        text = "上次程序未正常关闭：所有修改均已保存，没有丢失"
    if recovered.skipped:
        text += f"（{recovered.skipped} 处所属稿次已冻结或删除，未恢复）"
    return text
