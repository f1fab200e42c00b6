"""A write-ahead journal of the words typed since the last save, for a crash (kill -9, power).

Autosave writes the draft a few seconds after the last change; the journal closes that gap.
Every change is appended at once (one JSON line, flushed and synced) to
``journal/<pid>.jsonl`` in the data folder:

- a change of words: ``{"version", "uid", "field", "value"}`` (field text/heading/label);
- a change of structure (insert, delete, move, split, merge, paste of units, and their undo):
  ``{"version", "op", "shape", "units", "lineage"}`` — ``shape`` the whole tree as nested
  ``[uid, [children…]]`` (a bare uid for a unit without children: ~70 KB for the 民法典),
  ``units`` uid → every field of each unit that came or moved (kind, text, heading, label,
  numbering, table), ``lineage`` the draft's whole lineage, ``marks`` the references kept
  marked as broken (Draft.reference_marks).

A save empties the journal; a clean close deletes it. At the next start a journal whose
process is gone is replayed in order onto the working drafts it names (as saved last), and
the window says what it recovered.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from drafting.model.matter import table_from_json, table_to_json
from drafting.model.units import Draft, Numbering, ReferenceMark, Unit, UnitKind
from storage.paths import data_dir

if TYPE_CHECKING:
    from storage.library import Library

#: The fields a journal line of words may set.
WORD_FIELDS = ("text", "heading", "label")

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


class _Syncer:
    """One daemon thread that fsyncs the journal after writes (requests made meanwhile are
    served by one fsync)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._fd: int | None = None
        self._thread: threading.Thread | None = None

    def request(self, fd: int) -> None:
        with self._cond:
            self._fd = fd
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="journal-fsync", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._fd is None:
                    self._cond.wait()
                fd, self._fd = self._fd, None
            try:
                os.fsync(fd)
            except OSError:
                pass  # closed by a save meanwhile: everything is in the library then


_SYNCER = _Syncer()


class EditJournal:
    """This process's journal: ``record`` words as they change, ``clear`` after a save."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or journal_dir()) / f"{os.getpid()}.jsonl"
        self._file: IO[str] | None = None

    def record(self, version_id: int, changes: list[tuple[str, str, str]]) -> None:
        """Append the words now of some units: (uid, field, value), flushed to disk."""
        lines = [
            {"version": version_id, "uid": uid, "field": field, "value": value}
            for uid, field, value in changes
        ]
        self._write(lines)

    def record_structure(
        self,
        version_id: int,
        draft: Draft,
        came: Iterable[str],
        operation: str = "",
        marks: Iterable[ReferenceMark] = (),
    ) -> None:
        """Append the tree of ``draft`` as it is now after a change of structure, with every
        field of the units that came or moved (``came``: uids) and the references kept
        marked as broken (``marks``), flushed to disk."""
        wanted = set(came)
        fields: dict[str, dict[str, Any]] = {}

        def shape(unit: Unit) -> Any:
            # One walk gives the tree and the fields of the units that came or moved.
            if unit.uid in wanted:
                fields[unit.uid] = _unit_fields(unit)
            if not unit.children:
                return unit.uid
            return [unit.uid, [shape(c) for c in unit.children]]

        line = {
            "version": version_id,
            "op": operation or "结构修改",
            "shape": [shape(u) for u in draft.units],
            "units": fields,
            "lineage": {uid: list(origins) for uid, origins in draft.lineage.items()},
            "marks": [[m.unit_uid, m.start, m.text, m.detail] for m in marks],
        }
        self._write([line])

    def _write(self, lines: list[dict[str, Any]]) -> None:
        if not lines:
            return
        if self._file is None:
            self._file = self.path.open("a", encoding="utf-8")
        self._file.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        # Flushed: in the system's hands, safe from a kill -9 of this process at once. The
        # fsync (safe from a power cut) runs beside the GUI thread: 10-30 ms on a busy disk.
        self._file.flush()
        _SYNCER.request(self._file.fileno())

    def clear(self) -> None:
        """Everything is in the library now."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self.path.unlink(missing_ok=True)

    close = clear


def _unit_fields(unit: Unit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": unit.kind.value,
        "text": unit.text,
        "heading": unit.heading,
        "label": unit.label,
        "numbering": unit.numbering.value,
    }
    if unit.table is not None:
        data["table"] = table_to_json(unit.table)
    return data


def _unit_of(uid: str, data: dict[str, Any]) -> Unit:
    table = data.get("table")
    return Unit(
        UnitKind(data["kind"]),
        text=str(data.get("text", "")),
        heading=str(data.get("heading", "")),
        uid=uid,
        numbering=Numbering(data.get("numbering", Numbering.REGULAR.value)),
        label=str(data.get("label", "")),
        table=table_from_json(table) if table is not None else None,
    )


def _shape_uids(node: Any) -> Iterable[str]:
    if isinstance(node, str):
        yield node
        return
    uid, children = node
    yield str(uid)
    for child in children:
        yield from _shape_uids(child)


def _reshape(draft: Draft, entry: dict[str, Any], known: dict[str, Unit]) -> None:
    """Lay ``draft``'s tree out again as a structure line says. ``known``: every unit met so
    far (kept across lines: an undo brings a deleted unit back). KeyError/ValueError/TypeError,
    with nothing changed, when the line names a unit neither the draft nor the line holds."""
    for present in draft.walk():
        known.setdefault(present.uid, present)
    fresh = {uid: _unit_of(uid, data) for uid, data in entry["units"].items()}
    for uid in (u for node in entry["shape"] for u in _shape_uids(node)):
        if uid not in known and uid not in fresh:
            raise KeyError(uid)
    lineage = {str(uid): tuple(map(str, origins)) for uid, origins in entry["lineage"].items()}
    for uid, new in fresh.items():
        old = known.get(uid)
        if old is None:
            known[uid] = new
        else:  # came back or moved: its fields as journaled (a move drops a printed label)
            old.kind, old.text, old.heading = new.kind, new.text, new.heading
            old.label, old.numbering, old.table = new.label, new.numbering, new.table

    def build(node: Any) -> Unit:
        if isinstance(node, str):
            unit = known[node]
            unit.children = []
            return unit
        uid, children = node
        unit = known[str(uid)]
        unit.children = [build(c) for c in children]
        return unit

    draft.units = [build(n) for n in entry["shape"]]
    draft.lineage = lineage
    draft.reference_marks = tuple(
        ReferenceMark(str(u), int(start), str(text), str(detail))
        for u, start, text, detail in entry.get("marks", ())
    )


@dataclass(frozen=True)
class Recovered:
    """What a start found of a crashed session: units whose words were put back and changes
    of structure replayed, per version."""

    units: int
    versions: tuple[int, ...]
    skipped: int  # entries for versions gone or frozen since
    #: The changes of structure replayed (their names: 插入, 删除, 移动 …), in order.
    structure: tuple[str, ...] = ()
    #: Where the words were put back, by the numbers of the recovered text: 第三条, 第一章标题
    #: (per article or heading, in text order; a regulation's title first when several were).
    places: tuple[str, ...] = ()


def _read_journals(folder: Path) -> tuple[bool, dict[int, list[dict[str, Any]]]]:
    """The lines of the journals of processes no longer running, per version in order (the
    journals are deleted); False when there was none."""
    found = False
    entries: dict[int, list[dict[str, Any]]] = {}
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
                entries.setdefault(int(entry["version"]), []).append(entry)
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by the crash
        path.unlink(missing_ok=True)
    return found, entries


def recover(library: Library, folder: Path | None = None) -> Recovered | None:
    """Replay the journals of processes no longer running onto ``library``'s working drafts
    (in the order written: structure lines lay the tree out, word lines set words) and delete
    them; None when there was nothing to do."""
    from storage.library import LibraryError

    found, entries = _read_journals(folder or journal_dir())
    if not found:
        return None
    units = skipped = 0
    versions: list[int] = []
    structure: list[str] = []
    places: list[str] = []
    for version_id, lines in entries.items():
        try:
            version = library.version(version_id)
            if version.frozen:
                skipped += len(lines)
                continue
            draft = library.load_draft(version_id)
        except LibraryError:
            skipped += len(lines)
            continue
        changed: set[str] = set()
        reshaped: list[str] = []
        known: dict[str, Unit] = {}
        for entry in lines:
            if "shape" in entry:
                try:
                    _reshape(draft, entry, known)
                except (KeyError, ValueError, TypeError):
                    skipped += 1  # names a unit not to be had: the tree stays as it was
                    continue
                reshaped.append(str(entry.get("op", "")))
                continue
            try:
                uid, field, value = str(entry["uid"]), str(entry["field"]), str(entry["value"])
            except KeyError:
                continue
            unit = draft.find(uid)
            if unit is None or field not in WORD_FIELDS or getattr(unit, field) == value:
                continue
            setattr(unit, field, value)
            changed.add(uid)
        if changed or reshaped:
            # After a change of structure anything may differ: every row is written.
            library.save_draft(version_id, draft, changed=None if reshaped else changed)
            units += len(changed)
            structure.extend(reshaped)
            where = _places(draft, changed)
            if where and len(entries) > 1:
                where[0] = f"《{draft.title}》{where[0]}"
            places.extend(where)
            versions.append(version_id)
    log.info("恢复了 %d 处未保存的文字修改、%d 处结构修改", units, len(structure))
    return Recovered(units, tuple(versions), skipped, tuple(structure), tuple(places))


def _places(draft: Draft, changed: set[str]) -> list[str]:
    """The articles (headings) holding the units whose words were put back, in text order."""
    from drafting.model.positions import Context

    if not changed:
        return []
    ctx = Context(draft)
    out: dict[str, None] = {}
    for unit in draft.walk():
        if unit.uid not in changed:
            continue
        holder = ctx.container(unit.uid, UnitKind.ARTICLE)
        if holder is None:  # a heading (or the title) itself
            number = ctx.number(unit.uid).label if unit.kind.is_heading else ""
            out[f"{number}标题" if number else "标题"] = None
        else:
            out[ctx.number(holder.uid).label] = None
    return list(out)


def _named(places: tuple[str, ...], limit: int = 5) -> str:
    """（第三条、第十二条等） for the notice; empty without places."""
    if not places:
        return ""
    return "（" + "、".join(places[:limit]) + ("等" if len(places) > limit else "") + "）"


def recovery_text(recovered: Recovered) -> str:
    """What the window says at the start after a crash."""
    if recovered.structure:
        names = "、".join(dict.fromkeys(n for n in recovered.structure if n))
        text = f"上次程序未正常关闭：已恢复 {len(recovered.structure)} 处结构修改（{names}）"
        if recovered.units:
            text += f"和 {recovered.units} 处文字修改{_named(recovered.places)}"
    elif recovered.units:
        text = (
            f"上次程序未正常关闭：已恢复 {recovered.units} 处尚未保存的修改"
            f"{_named(recovered.places)}"
        )
    else:
        text = "上次程序未正常关闭：所有修改均已保存，没有丢失"
    if recovered.skipped:
        text += f"（{recovered.skipped} 处所属稿次已冻结或删除，未恢复）"
    return text
