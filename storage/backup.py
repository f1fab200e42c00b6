"""Backup and restore of a whole library file (SQLite's online backup API).

A backup is a copy made page by page while the library may be open elsewhere: SQLite's backup
API copies a consistent snapshot (WAL included), which copying the file would not. Restore
checks the backup (a library, pages whole), refuses to replace a library holding changes newer
than the backup unless forced, keeps the replaced library as ``NAME.bak`` and copies the backup
in through the same API, so a library open in another program sees the restored pages.

A library on a PostgreSQL server is backed up with the server's own tool (pg_dump / pg_restore)
or regulation by regulation as packages (``storage.package``); both functions say so.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from storage.comment_tables import comment_table, round_table
from storage.errors import LibraryError
from storage.library import Library, database_errors
from storage.models import regulation_table, version_table

SERVER_MESSAGE = (
    "服务器上的法规库请用数据库自带的工具备份和恢复（pg_dump -Fc 与 pg_restore），"
    "或用 python app.py package export 逐部导出法规"
)


@dataclass(frozen=True)
class BackupReport:
    """A backup written or restored: the file, its size, and the newest change it holds."""

    path: Path
    bytes: int
    newest_change: dt.datetime | None
    kept: Path | None = None  # restore: where the replaced library was kept


def _sqlite_path(library: Library) -> Path:
    if library.engine.url.get_backend_name() != "sqlite" or not library.engine.url.database:
        raise LibraryError(SERVER_MESSAGE)
    return Path(library.engine.url.database)


def newest_change(library: Library) -> dt.datetime | None:
    """The newest time anything in the library was made, saved or decided (UTC, naive)."""
    stamps = [
        select(func.max(regulation_table.c.created)),
        select(func.max(version_table.c.created)),
        select(func.max(version_table.c.modified)),
        select(func.max(round_table.c.created)),
        select(func.max(comment_table.c.created)),
        select(func.max(comment_table.c.decided_at)),
    ]
    with database_errors("读取法规库", library.location), library.engine.connect() as conn:
        found = [conn.execute(query).scalar() for query in stamps]
    times = [t if isinstance(t, dt.datetime) else _parse(t) for t in found if t is not None]
    return max((t.replace(tzinfo=None) for t in times if t is not None), default=None)


def _parse(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def backup(library: Library, out: Path) -> BackupReport:
    """Copy the open library to ``out`` (a new file; an existing one is replaced whole).

    Written to ``out.part`` and moved in place, so a failed backup leaves no half file.
    Raises LibraryError (a server library: use pg_dump).
    """
    source = _sqlite_path(library)
    if out.resolve() == source.resolve():
        raise LibraryError("备份文件不能是法规库本身")
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        _copy(source, tmp)
        tmp.replace(out)
    except sqlite3.Error as error:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"备份失败：{error}") from error
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"无法写出备份文件：{out}（{error.strerror}）") from error
    return BackupReport(out, out.stat().st_size, newest_change(library))


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup from one file to another (the target's pages replaced whole)."""
    src = sqlite3.connect(source, timeout=5)
    try:
        dst = sqlite3.connect(target, timeout=5)
        try:
            src.backup(dst, pages=1024)
        finally:
            dst.close()
    finally:
        src.close()


def restore(target: str | Path, backup_file: Path, *, force: bool = False) -> BackupReport:
    """Replace the library file ``target`` by the backup ``backup_file``.

    The backup must open as a library with whole pages (LibraryError otherwise, nothing
    changed). A target with changes newer than the backup's newest is refused unless
    ``force``. The target as it was is kept as ``target.bak`` (when it exists).
    """
    if isinstance(target, str) and "://" in target:
        if not target.startswith("sqlite"):
            raise LibraryError(SERVER_MESSAGE)
        target = target.split(":///", 1)[-1]
    target = Path(target)
    if not backup_file.is_file():
        raise LibraryError(f"找不到备份文件：{backup_file}")
    with Library.open(backup_file, create=False) as saved:  # refuses a damaged or foreign file
        theirs = newest_change(saved)
    kept: Path | None = None
    if target.exists():
        with Library.open(target, create=False) as current:
            mine = newest_change(current)
        if not force and mine is not None and (theirs is None or mine > theirs):
            raise LibraryError(
                f"法规库中有比备份更新的修改（库中最新 {mine:%Y-%m-%d %H:%M:%S}，"
                f"备份中最新 {theirs:%Y-%m-%d %H:%M:%S}）；确需恢复请加 --force"
                if theirs
                else "法规库中有备份里没有的内容；确需恢复请加 --force"
            )
        kept = target.with_name(target.name + ".bak")
        try:
            kept.unlink(missing_ok=True)
            _copy(target, kept)
            _copy(backup_file, target)
        except sqlite3.Error as error:
            raise LibraryError(f"恢复失败：{error}（原库已保存为 {kept}）") from error
        except OSError as error:
            raise LibraryError(f"恢复失败：{error.strerror}（{target}）") from error
    else:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy(backup_file, target)
        except (sqlite3.Error, OSError) as error:
            raise LibraryError(f"恢复失败：{error}") from error
    return BackupReport(target, target.stat().st_size, theirs, kept)
