"""The reference library: other bodies' regulations imported for reading and comparison.

A reference is a regulation with one frozen version (label 参考文本) and a ``reference_info``
row (``storage.reference_tables``) holding its issuer, place, date and status, read from the
text (``drafting.search.reference_meta``) and editable. The same text imported again (by its
fingerprint, whatever the file's layout) is skipped. Each reference is stored, and indexed for
search, in its own transaction: an import cancelled half-way keeps the references it finished
(and says how many), and importing the folder again adds only the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from drafting.errors import ParseError
from drafting.jobs import CancelToken, Progress, no_progress
from drafting.model.units import Draft, UnitKind
from drafting.search.reference_meta import read_facts, text_fingerprint
from storage.library import Library, LibraryError, database_errors
from storage.models import regulation_table, version_table
from storage.reference_tables import REFERENCE_STATUSES, reference_table
from storage.search_index import ensure_index, index_version
from storage.text_rows import insert_lineage, insert_units

#: The label of a reference's one version.
REFERENCE_LABEL = "参考文本"
#: The suffixes a folder import picks up.
REFERENCE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".docx"})


@dataclass
class ReferenceInfo:
    """A reference as listed: its regulation and version ids, title and facts."""

    regulation_id: int
    version_id: int
    title: str
    issuer: str
    place: str
    date: dt.date | None
    status: str
    source: str
    articles: int

    def to_json(self) -> dict[str, Any]:
        """The reference as the command line prints it."""
        return {
            "regulation": self.regulation_id,
            "version": self.version_id,
            "title": self.title,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "status": self.status,
            "source": self.source,
            "articles": self.articles,
        }


@dataclass
class ImportReport:
    """What an import did: references added, files skipped as duplicates, files that failed
    (path, Chinese message), and whether it was cancelled before the end."""

    imported: list[ReferenceInfo] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


def reference_files(paths: Iterable[Path | str]) -> list[Path]:
    """The files to import: each file given, and every .md/.txt/.docx under each folder
    (recursively, sorted by path). Raises LibraryError for a path that does not exist."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in REFERENCE_SUFFIXES
                    and not p.name.startswith(("~$", "."))
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise LibraryError(f"找不到文件或文件夹：{path}")
    return found


def import_references(
    library: Library,
    paths: Iterable[Path | str],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Import files and folders as references (see the module docstring); a file that cannot
    be read is listed in ``failed`` and the import goes on. Cancelling stops before the next
    file; the report's ``cancelled`` is then True."""
    from drafting.read.files import read_draft

    files = reference_files(paths)
    report = ImportReport()
    ensure_index(library.engine)
    for done, path in enumerate(files):
        progress(done, len(files), f"正在导入 {path.name}")
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        try:
            result = read_draft(path)
        except ParseError as exc:
            report.failed.append((str(path), str(exc)))
            continue
        except OSError as exc:
            report.failed.append((str(path), f"无法读取文件：{exc.strerror or exc}"))
            continue
        info = add_reference(library, result.draft, source=str(path), head=_head(path))
        if info is None:
            report.duplicates.append(str(path))
        else:
            report.imported.append(info)
    else:
        progress(len(files), len(files), "")
    return report


def add_reference(
    library: Library, draft: Draft, *, source: str = "", head: str = ""
) -> ReferenceInfo | None:
    """Store one text as a reference, with its facts read from it, and index it; None when
    the same text is already in the library. ``head``: the file's first lines, where a
    collection may print the status (时效性)."""
    ensure_index(library.engine)
    fingerprint = text_fingerprint(draft)
    facts = read_facts(draft, head)
    articles = sum(1 for u in draft.walk() if u.kind is UnitKind.ARTICLE)
    with database_errors("导入参考法规", library.location), library.engine.begin() as conn:
        exists = conn.execute(
            select(reference_table.c.regulation_id).where(
                reference_table.c.fingerprint == fingerprint
            )
        ).first()
        if exists is not None:
            return None
        regulation_id = _new_id(conn, regulation_table, title=draft.title)
        version_id = _new_id(
            conn,
            version_table,
            regulation_id=regulation_id,
            label=REFERENCE_LABEL,
            frozen=True,
            source=source,
            title=draft.title,
            title_note=draft.title_note,
            articles=articles,
            date=facts.date,
        )
        insert_units(conn, version_id, draft)
        insert_lineage(conn, version_id, draft)
        conn.execute(
            insert(reference_table).values(
                regulation_id=regulation_id,
                issuer=facts.issuer,
                place=facts.place,
                date=facts.date,
                status=facts.status,
                fingerprint=fingerprint,
                source=source,
            )
        )
        index_version(
            conn,
            regulation_id=regulation_id,
            version_id=version_id,
            kind="reference",
            draft=draft,
            revision=0,
        )
    return ReferenceInfo(
        regulation_id=regulation_id,
        version_id=version_id,
        title=draft.title,
        issuer=facts.issuer,
        place=facts.place,
        date=facts.date,
        status=facts.status,
        source=source,
        articles=articles,
    )


def references(library: Library) -> list[ReferenceInfo]:
    """Every reference, by place then date then title."""
    with database_errors("读取参考法规", library.location), library.engine.connect() as conn:
        rows = conn.execute(
            select(
                reference_table,
                regulation_table.c.title,
                version_table.c.id.label("version_id"),
                version_table.c.articles,
            )
            .join(regulation_table, regulation_table.c.id == reference_table.c.regulation_id)
            .join(version_table, version_table.c.regulation_id == reference_table.c.regulation_id)
            .order_by(reference_table.c.place, reference_table.c.date, regulation_table.c.title)
        ).all()
    return [_info(row) for row in rows]


def reference_ids(library: Library) -> set[int]:
    """The regulation ids that are references (the rest are the office's drafts)."""
    with database_errors("读取参考法规", library.location), library.engine.connect() as conn:
        return set(conn.execute(select(reference_table.c.regulation_id)).scalars())


def update_reference(
    library: Library,
    regulation_id: int,
    *,
    title: str | None = None,
    issuer: str | None = None,
    place: str | None = None,
    date: dt.date | None = None,
    status: str | None = None,
) -> None:
    """Correct a reference's facts (only the ones given). LibraryError for an unknown
    reference or status."""
    if status is not None and status not in REFERENCE_STATUSES:
        raise LibraryError(f"时效性应为：{'、'.join(REFERENCE_STATUSES)}")
    values: dict[str, Any] = {
        k: v
        for k, v in {"issuer": issuer, "place": place, "date": date, "status": status}.items()
        if v is not None
    }
    with database_errors("修改参考法规", library.location), library.engine.begin() as conn:
        found = conn.execute(
            select(reference_table.c.regulation_id).where(
                reference_table.c.regulation_id == regulation_id
            )
        ).first()
        if found is None:
            raise LibraryError(f"找不到参考法规 {regulation_id}")
        if values:
            conn.execute(
                update(reference_table)
                .where(reference_table.c.regulation_id == regulation_id)
                .values(values)
            )
        if title:
            conn.execute(
                update(regulation_table)
                .where(regulation_table.c.id == regulation_id)
                .values(title=title)
            )


def _info(row: Any) -> ReferenceInfo:
    return ReferenceInfo(
        regulation_id=row.regulation_id,
        version_id=row.version_id,
        title=row.title,
        issuer=row.issuer,
        place=row.place,
        date=row.date,
        status=row.status,
        source=row.source,
        articles=row.articles,
    )


def _new_id(conn: Any, table: Any, **values: Any) -> int:
    key = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _head(path: Path) -> str:
    """The first 2,000 characters of a text file ("" for .docx): where 时效性 is printed."""
    if path.suffix.lower() == ".docx":
        return ""
    try:
        with path.open("rb") as handle:
            return handle.read(6000).decode("utf-8", errors="ignore")[:2000]
    except OSError:
        return ""
