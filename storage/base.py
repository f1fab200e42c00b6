"""The one MetaData every library table is defined in, and the clock rows are stamped with.

Apart from ``storage.models`` so that the comment tables (``storage.comment_tables``) and the
version tables can both use it without importing each other.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData

# Stable constraint names, so later migrations (batch mode on SQLite) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    """The current time in UTC (stored without a zone; read back as UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base:
    """Holds the one MetaData of every library table (the migrations are checked against it).

    The tables are SQLAlchemy Core tables, not ORM classes: the library reads and writes rows
    with Core statements only, and leaving ``sqlalchemy.orm`` unimported shortens start-up.
    """

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
