"""Full-text search over the library: drafts (every version), references and comments.

The index is derived data, kept in the library's own database but outside its schema (no
migration: it is made on first use and can be dropped and rebuilt at any time):

- ``search_entry``: one row per article of each version (kind ``draft`` or ``reference``) and
  one per comment (kind ``comment``), with the words searched;
- ``search_fts`` (SQLite): an FTS5 table over ``search_entry.text`` with the **trigram**
  tokenizer (SQLite 3.34+), which finds any substring of three or more characters — right for
  Chinese, which has no spaces to split words at; triggers keep it in step with the entries;
- ``search_state``: what each part of the index was built from — a version's revision, a
  regulation's comments as (count, last id, total length).

**Kept up to date by stamps, not by hooks in every save**: before each search, ``refresh``
compares the stamps with the library (one query over the version table, one aggregate over
the comments) and re-indexes only the versions saved since and the regulations whose comments
changed. A save thus needs no code of its own, a library changed by an older program or
another computer is caught up too, and the cost of a search that finds nothing stale is two
small queries. Importing references indexes them as they are stored (``index_version``).

On SQLite, queries of three or more characters use the FTS index (ranked by its bm25); a word
of two characters (河道) is the OR of the index's trigrams starting with it, and one of one
character is matched with LIKE (a scan, ranked by how densely the word occurs).

On PostgreSQL each entry also keeps its **bigrams** (``grams``: every two-character piece,
space-separated, written with the entry) under a GIN index of their array
(``ix_search_entry_grams``, plain array_ops: no extension, any locale). A search asks the
index for the entries holding every piece of every word (``@>``) and checks the longer words
with LIKE on those few; it reads at most ``HIT_CAP`` hits and ranks them by density, so a
word found in thousands of articles costs no more than a rare one. Similar-provision
candidates are the entries holding most of 16 of the article's rarest bigrams (``&&`` through
the same index; rarity from the index's ANALYZE statistics). Before this index, two-character
words (no trigram) and pg_trgm's ``%`` over an article's hundreds of trigrams read the whole
table: see ``bench/bench_search.py --postgresql``. Where pg_trgm can be created and the
database's LC_CTYPE counts Chinese characters as letters (a UTF-8 locale, not C), a pg_trgm
GIN index on the text is made too (``_postgres_trigram_index``) for other LIKE queries; the
search does not need it. Other servers match every word with LIKE (a scan).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    exc,
    func,
    insert,
    select,
    text,
)

from drafting.jobs import CancelToken, Progress, no_progress
from drafting.model.units import Draft
from drafting.search.articles import article_texts
from storage.comment_tables import comment_table
from storage.models import version_table
from storage.reference_tables import reference_table

if TYPE_CHECKING:
    from storage.library import Library

log = logging.getLogger(__name__)

#: The index's own MetaData: not the library's schema (see the module docstring).
index_metadata = MetaData()

entry_table = Table(
    "search_entry",
    index_metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # draft / reference / comment
    Column("regulation_id", Integer, nullable=False, index=True),
    Column("version_id", Integer, nullable=True, index=True),  # None for a comment
    Column("uid", String(32), nullable=False, default=""),  # the article's (or target's) uid
    Column("comment_id", Integer, nullable=True),
    Column("article", Text, nullable=True),  # 第十二条; None for a comment
    Column("position", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    # PostgreSQL only (None elsewhere): the text's distinct bigrams, space-separated
    # (``entry_bigrams``), under a GIN index of their array (``_POSTGRES_GRAMS_INDEX``).
    Column("grams", Text, nullable=True),
)

state_table = Table(
    "search_state",
    index_metadata,
    Column("key", String(40), primary_key=True),  # v:<version id> / c:<regulation id>
    Column("stamp", Text, nullable=False),
)

#: The kinds of entry, and the ``scope`` filter words that select them.
SCOPES: dict[str, tuple[str, ...]] = {
    "references": ("reference",),
    "drafts": ("draft",),
    "comments": ("comment",),
    "articles": ("reference", "draft"),
}

#: Two ideographic spaces after each text in the FTS index (never in a query: queries are
#: split at blanks), so that every occurrence of a two-character word, even at the very end,
#: starts a trigram: 河道 is found as the trigrams 河道X listed by the vocabulary.
_TAIL = "\u3000\u3000"
_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "text, content='search_entry', content_rowid='id', tokenize='trigram')",
    # The index's terms (trigrams) with how many entries hold each.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab USING fts5vocab(search_fts, 'row')",
    "CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON search_entry BEGIN "
    f"INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text || '{_TAIL}'); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text) "
    f"VALUES ('delete', old.id, old.text || '{_TAIL}'); END",
)


class SearchError(Exception):
    """A query that cannot be run (empty, or the index unusable); the message is Chinese."""


@dataclass
class SearchFilters:
    """What to search: ``scope`` a key of SCOPES (None: everything); ``place`` a substring of
    the reference's place or the regulation's title; ``date_from``/``date_to`` bound the
    reference's date (inclusive; drafts and comments have none and drop out when a bound is
    given); ``status`` a reference status; ``all_versions`` searches every version of a
    draft, not only the current one (the working version, else the newest frozen one); ``exclude`` regulation ids left out."""

    scope: str | None = None
    place: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: str | None = None
    all_versions: bool = False
    exclude: Sequence[int] = ()


@dataclass
class SearchHit:
    """One hit: an article of a version, or a comment. ``highlights``: (start, end) offsets
    of each occurrence of a query word in ``text``; ``score`` higher is better (comparable
    within one search only)."""

    kind: str
    regulation_id: int
    regulation: str
    version_id: int | None
    article: str | None
    uid: str
    comment_id: int | None
    text: str
    place: str
    date: dt.date | None
    status: str
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The hit as the command line prints it."""
        return {
            "kind": self.kind,
            "regulation": self.regulation,
            "regulation_id": self.regulation_id,
            "version": self.version_id,
            "article": self.article,
            "uid": self.uid or None,
            "comment": self.comment_id,
            "text": self.text,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "status": self.status,
            "score": round(self.score, 4),
            "highlights": [list(span) for span in self.highlights],
        }


# ---- building and keeping the index -------------------------------------------------------


def uses_fts(engine: Engine) -> bool:
    """True when the library is SQLite (the FTS5 trigram index); else LIKE only."""
    return engine.dialect.name == "sqlite"


_ready: weakref.WeakSet[Engine] = weakref.WeakSet()
#: PostgreSQL engines whose entries have a pg_trgm index that reads Chinese.
_trigram_ready: weakref.WeakSet[Engine] = weakref.WeakSet()

#: The layout of the index's tables; an index of another layout is dropped and rebuilt.
INDEX_FORMAT = "1"
_FORMAT_KEY = "format"


#: PostgreSQL: the GIN index over each entry's bigrams (array_ops: ``@>`` for the words of a
#: search, ``&&`` for similar-provision candidates). Plain arrays of strings, so it needs no
#: extension and reads Chinese under any locale, C included.
_POSTGRES_GRAMS_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_search_entry_grams "
    "ON search_entry USING gin (string_to_array(grams, ' '))"
)
#: The expression the queries must spell exactly as the index does, for the index to serve.
_GRAMS = "string_to_array(e.grams, ' ')"


def ensure_index(engine: Engine) -> None:
    """Make the index tables if missing (once per engine: free after the first call)."""
    if engine in _ready:
        return
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        index_metadata.create_all(conn, checkfirst=True)
        built = conn.execute(
            select(state_table.c.stamp).where(state_table.c.key == _FORMAT_KEY)
        ).scalar()
        if postgres and built == INDEX_FORMAT and not _has_grams(conn):
            built = None  # an index of the first layout (no bigrams): entries lack them
        if built != INDEX_FORMAT:
            # Made by another build of this module (or half made): start again, empty.
            for name in ("search_vocab", "search_fts"):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
            index_metadata.drop_all(conn)
            index_metadata.create_all(conn)
            conn.execute(insert(state_table).values(key=_FORMAT_KEY, stamp=INDEX_FORMAT))
        if uses_fts(engine):
            for ddl in _FTS_DDL:
                conn.exec_driver_sql(ddl)
        if postgres:
            conn.exec_driver_sql(_POSTGRES_GRAMS_INDEX)
    if postgres and _postgres_trigram_index(engine):
        _trigram_ready.add(engine)
    _ready.add(engine)


def _has_grams(conn: Connection) -> bool:
    """True when the server's search_entry has the ``grams`` column."""
    return bool(
        conn.exec_driver_sql(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'search_entry' AND column_name = 'grams'"
        ).scalar()
    )


def entry_bigrams(body: str) -> str:
    """Every distinct two-character piece of ``body`` without a blank, in text order,
    joined by spaces: "河道管理" → "河道 道管 管理". A query word (never blank: queries are
    split at blanks) of two characters occurs in ``body`` exactly when its piece is listed,
    and a longer word only if all its pieces are: the index finds the few entries that can
    hold the word, LIKE then checks them."""
    return " ".join(word_bigrams(body))


def word_bigrams(word: str) -> list[str]:
    """The distinct two-character pieces of ``word`` holding no blank, in text order."""
    seen: dict[str, None] = {}
    for i in range(len(word) - 1):
        piece = word[i : i + 2]
        if not _BLANK.search(piece):
            seen.setdefault(piece, None)
    return list(seen)


_BLANK = re.compile(r"\s")


def _with_grams(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their bigrams where the server keeps them (PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        for row in rows:
            row["grams"] = entry_bigrams(row["text"])
    return rows


def _postgres_trigram_index(engine: Engine) -> bool:
    """On PostgreSQL, a pg_trgm GIN index on the entries' text, which the server then uses
    for every LIKE '%words%' of three or more characters (no query changes). Creating the
    extension needs rights an office server may not grant: without it the LIKEs scan, and
    the log says so. True when the index is there."""
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            # pg_trgm makes trigrams of the characters the database's LC_CTYPE calls letters:
            # under the C locale no Chinese character is one, the index would hold nothing
            # for Chinese words and every LIKE would read all of it.
            if not conn.exec_driver_sql("SELECT show_trgm('河道管理')").scalar():
                log.info(
                    "检索索引未使用 pg_trgm：数据库的 LC_CTYPE 为 %s，不把汉字当作文字"
                    "（查找由二字索引承担，不受影响）",
                    conn.exec_driver_sql("SHOW lc_ctype").scalar(),
                )
                conn.exec_driver_sql("DROP INDEX IF EXISTS ix_search_entry_text_trgm")
                return False
            conn.exec_driver_sql(
                "CREATE INDEX IF NOT EXISTS ix_search_entry_text_trgm "
                "ON search_entry USING gin (text gin_trgm_ops)"
            )
        return True
    except exc.SQLAlchemyError as error:
        log.info("检索索引未使用 pg_trgm（%s）：查找由二字索引承担", str(error).splitlines()[0])
        return False


def index_version(
    conn: Connection,
    *,
    regulation_id: int,
    version_id: int,
    kind: str,
    draft: Draft,
    revision: int,
) -> int:
    """(Re)write the entries of one version from its draft and stamp it; returns how many."""
    conn.execute(delete(entry_table).where(entry_table.c.version_id == version_id))
    rows = [
        {
            "kind": kind,
            "regulation_id": regulation_id,
            "version_id": version_id,
            "uid": a.uid,
            "comment_id": None,
            "article": a.label or None,
            "position": a.position,
            "text": a.text,
        }
        for a in article_texts(draft)
        if a.text
    ]
    if rows:
        conn.execute(insert(entry_table), _with_grams(conn, rows))
    _stamp(conn, f"v:{version_id}", str(revision))
    return len(rows)


def refresh(
    library: Library, *, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> int:
    """Bring the index up to date with the library; returns how many versions and comment
    sets were (re)indexed. Each part is written in its own transaction, so a cancelled
    refresh keeps what it finished and the next one goes on from there."""
    engine = library.engine
    ensure_index(engine)
    with engine.connect() as conn:
        versions = conn.execute(
            select(version_table.c.id, version_table.c.regulation_id, version_table.c.revision)
        ).all()
        stamps = dict(conn.execute(select(state_table.c.key, state_table.c.stamp)).all())
        references = set(conn.execute(select(reference_table.c.regulation_id)).scalars())
        comment_stamps = {
            row[0]: f"{row[1]}:{row[2]}:{row[3]}"
            for row in conn.execute(
                select(
                    comment_table.c.regulation_id,
                    func.count(),
                    func.max(comment_table.c.id),
                    func.coalesce(func.sum(func.length(comment_table.c.content)), 0),
                ).group_by(comment_table.c.regulation_id)
            )
        }
    stale = [v for v in versions if stamps.get(f"v:{v.id}") != str(v.revision)]
    live = {f"v:{v.id}" for v in versions} | {f"c:{r}" for r in comment_stamps}
    gone = [key for key in stamps if key not in live and key != _FORMAT_KEY]
    stale_comments = [r for r, s in comment_stamps.items() if stamps.get(f"c:{r}") != s]
    total = len(stale) + len(stale_comments) + (1 if gone else 0)
    done = 0
    if gone:
        with engine.begin() as conn:
            for key in gone:
                kind, _, number = key.partition(":")
                column = entry_table.c.version_id if kind == "v" else entry_table.c.regulation_id
                where = [column == int(number)]
                if kind == "c":
                    where.append(entry_table.c.kind == "comment")
                conn.execute(delete(entry_table).where(*where))
                conn.execute(delete(state_table).where(state_table.c.key == key))
        done += 1
    for version in stale:
        if cancel is not None:
            cancel.check()
        progress(done, total, "正在更新检索索引…")
        draft = library.load_draft(version.id)
        kind = "reference" if version.regulation_id in references else "draft"
        with engine.begin() as conn:
            index_version(
                conn,
                regulation_id=version.regulation_id,
                version_id=version.id,
                kind=kind,
                draft=draft,
                revision=draft.base_revision if draft.base_revision is not None else 0,
            )
        done += 1
    for regulation_id in stale_comments:
        if cancel is not None:
            cancel.check()
        progress(done, total, "正在更新检索索引…")
        with engine.begin() as conn:
            _index_comments(conn, regulation_id, comment_stamps[regulation_id])
        done += 1
    if total:
        progress(total, total, "")
    return len(stale) + len(stale_comments)


def _index_comments(conn: Connection, regulation_id: int, stamp: str) -> None:
    conn.execute(
        delete(entry_table).where(
            entry_table.c.regulation_id == regulation_id, entry_table.c.kind == "comment"
        )
    )
    rows = [
        {
            "kind": "comment",
            "regulation_id": regulation_id,
            "version_id": None,
            "uid": row.target_uid or "",
            "comment_id": row.id,
            "article": None,
            "position": 0,
            "text": row.content,
        }
        for row in conn.execute(
            select(comment_table.c.id, comment_table.c.target_uid, comment_table.c.content).where(
                comment_table.c.regulation_id == regulation_id
            )
        )
        if row.content
    ]
    if rows:
        conn.execute(insert(entry_table), _with_grams(conn, rows))
    _stamp(conn, f"c:{regulation_id}", stamp)


def _stamp(conn: Connection, key: str, stamp: str) -> None:
    conn.execute(delete(state_table).where(state_table.c.key == key))
    conn.execute(insert(state_table).values(key=key, stamp=stamp))


def index_size(engine: Engine) -> int:
    """Bytes the index takes on disk (SQLite: its tables and their indexes), 0 if unknown."""
    if not uses_fts(engine):
        return 0
    with engine.connect() as conn:
        try:
            value = conn.exec_driver_sql(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%' "
                "OR name LIKE 'ix_search%' OR name LIKE 'sqlite_autoindex_search%'"
            ).scalar()
        except Exception:  # dbstat is a compile-time option of SQLite
            return 0
    return int(value or 0)


# ---- searching ----------------------------------------------------------------------------

_SPLIT = re.compile(r"\s+")


def query_words(query: str) -> list[str]:
    """The words of a query: split at blanks, empty ones dropped, each kept once."""
    words: list[str] = []
    for word in _SPLIT.split(query.strip()):
        if word and word not in words:
            words.append(word)
    return words


def search(
    library: Library,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 50,
    refresh_first: bool = True,
) -> list[SearchHit]:
    """Entries holding every word of ``query``, best first (at most ``limit``).

    Raises SearchError for a query without words. The index is refreshed first unless
    ``refresh_first`` is False (the caller just did).
    """
    words = query_words(query)
    if not words:
        raise SearchError("请输入要查找的文字")
    filters = filters or SearchFilters()
    if refresh_first:
        refresh(library)
    fts = uses_fts(library.engine)
    if library.engine.dialect.name == "postgresql":
        return _postgres_search(library, words, filters, limit=limit)
    params: dict[str, Any] = {"limit": limit}
    where = _filter_sql(filters, params)
    groups: list[str] = []  # FTS5 query parts, all required
    scanned: list[str] = []  # words matched by a scan
    with library.engine.connect() as conn:
        for word in words:
            if not fts:
                scanned.append(word)
            elif len(word) >= 3:
                groups.append(_phrase(word))
            else:
                grams = _trigrams_starting(conn, word) if len(word) == 2 else None
                if grams is None:
                    scanned.append(word)
                elif not grams:
                    return []  # no entry holds the word
                else:
                    groups.append("(" + " OR ".join(_phrase(g) for g in grams) + ")")
    for i, word in enumerate(scanned):
        params[f"w{i}"] = "%" + _like_escape(word) + "%"
        where.append(f"e.text LIKE :w{i} ESCAPE '\\'")
    if groups:
        params["match"] = " AND ".join(groups)
        sql = (
            f"SELECT {_COLUMNS}, -bm25(search_fts) AS score FROM search_fts "
            "JOIN search_entry e ON e.id = search_fts.rowid "
            f"{_JOINS} WHERE search_fts MATCH :match AND {' AND '.join(where)} "
            "ORDER BY bm25(search_fts) LIMIT :limit"
        )
    else:
        params["w"] = words[0]
        density = _DENSITY
        sql = (
            f"SELECT {_COLUMNS}, {density} AS score FROM search_entry e {_JOINS} "
            f"WHERE {' AND '.join(where)} ORDER BY score DESC, e.id LIMIT :limit"
        )
    with library.engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    return [_hit(row, words) for row in rows]


#: The score of a hit found without FTS: the density of the first word, as occurrences per
#: 100 characters.
_DENSITY = (
    "(length(e.text) - length(replace(e.text, :w, ''))) * 100.0 "
    "/ (length(:w) * (length(e.text) + 1))"
)

#: PostgreSQL: at most this many hits are read and ranked by density. A word held by more
#: entries (人民政府 in thousands of articles) is ranked among the first ``HIT_CAP`` hits in
#: the table's order instead of all of them: reading and sorting every hit is what made such
#: words take 200 ms and more, and no drafter pages past the first 50.
HIT_CAP = 1000


def _postgres_search(
    library: Library, words: list[str], filters: SearchFilters, *, limit: int
) -> list[SearchHit]:
    """``search`` on PostgreSQL: the bigram index (``ix_search_entry_grams``) narrows the
    entries to those holding every two-character piece of every word; LIKE then checks the
    words of three or more characters (a two-character word is its own piece: the index is
    exact for it) and of one (no piece: a scan). Ranked by the first word's density, among
    at most ``HIT_CAP`` hits."""
    params: dict[str, Any] = {"limit": limit, "cap": max(HIT_CAP, limit), "w": words[0]}
    where = _filter_sql(filters, params, postgres=True)
    grams: dict[str, None] = {}
    for word in words:
        grams.update(dict.fromkeys(word_bigrams(word)))
    if grams:
        params["grams"] = list(grams)
        where.append(f"{_GRAMS} @> CAST(:grams AS text[])")
    for i, word in enumerate(words):
        if len(word) != 2:
            params[f"w{i}"] = "%" + _like_escape(word) + "%"
            where.append(f"e.text LIKE :w{i} ESCAPE '\\'")
    sql = (
        f"SELECT * FROM (SELECT {_COLUMNS}, e.id, {_DENSITY} AS score FROM search_entry e "
        f"{_JOINS} WHERE {' AND '.join(where)} LIMIT :cap) hits "
        "ORDER BY score DESC, id LIMIT :limit"
    )
    with library.engine.begin() as conn:
        if grams:
            _use_index(conn)
        rows = conn.execute(text(sql), params).all()
    return [_hit(row, words) for row in rows]


def _use_index(conn: Connection) -> None:
    """Have this transaction read the entries through the bigram index. Under a LIMIT the
    planner would often rather read the table from its start and stop at the limit, costing
    each row's ``string_to_array`` as nearly free: in truth splitting every entry's bigrams
    made such a scan (河道: 7,700 rows read for 1,000 hits) three times slower than the index
    (EXPLAIN ANALYZE on 3,000 references)."""
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")


def candidates(
    library: Library,
    article: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 100,
    terms: int = 32,
) -> list[SearchHit]:
    """Articles sharing the most character trigrams with ``article``, best first.

    On SQLite, FTS5 ranks by bm25 an OR of the ``terms`` rarest of the article's trigrams
    (the ones that tell one wording from another; common ones like 人民政 would only make
    the OR slow). On PostgreSQL, by ``SERVER_PROBES`` rare bigrams through the bigram index
    (``_bigram_candidates``). On another server, up to ``SERVER_TERMS`` trigrams are matched
    with LIKE and articles ranked by how many they hold (a scan: slower, the same kind).
    The index is not refreshed here: call ``refresh``."""
    fts = uses_fts(library.engine)
    ensure_index(library.engine)
    if library.engine.dialect.name == "postgresql":
        return _bigram_candidates(library, article, filters, limit=limit)
    grams = article_trigrams(article)
    if fts:
        grams = _rarest(library, grams, terms)
    else:
        grams = _spread(grams, SERVER_TERMS)
    if not grams:
        return []
    filters = filters or SearchFilters(scope="articles")
    params: dict[str, Any] = {"limit": limit}
    where = _filter_sql(filters, params)
    if fts:
        params["match"] = " OR ".join(_phrase(g) for g in grams)
        sql = (
            f"SELECT {_COLUMNS}, -bm25(search_fts) AS score FROM search_fts "
            "JOIN search_entry e ON e.id = search_fts.rowid "
            f"{_JOINS} WHERE search_fts MATCH :match AND {' AND '.join(where)} "
            "ORDER BY bm25(search_fts) LIMIT :limit"
        )
    else:
        likes = []
        for i, gram in enumerate(grams):
            params[f"g{i}"] = "%" + _like_escape(gram) + "%"
            likes.append(f"e.text LIKE :g{i} ESCAPE '\\'")
        shared = " + ".join(f"(CASE WHEN {like} THEN 1 ELSE 0 END)" for like in likes)
        sql = (
            f"SELECT {_COLUMNS}, {shared} AS score FROM search_entry e {_JOINS} "
            f"WHERE ({' OR '.join(likes)}) AND {' AND '.join(where)} "
            "ORDER BY score DESC, e.id LIMIT :limit"
        )
    with library.engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    return [_hit(row, []) for row in rows]


#: How many of an article's bigrams PostgreSQL looks candidates up by.
SERVER_PROBES = 16


def _bigram_candidates(
    library: Library, article: str, filters: SearchFilters | None, *, limit: int
) -> list[SearchHit]:
    """PostgreSQL: the entries holding the most of ``SERVER_PROBES`` of the article's rarer
    bigrams (``_probes``), found through the bigram index (``&&``: any of them) and counted
    with strpos on the few found. A cheap first step: the sequence ratio then ranks the
    best ``limit`` (``storage.similar_provisions``). Common pieces (人民, 政府) are left out:
    each would bring in most of the library and tell one wording from another not at all."""
    probes = _probes(library, article, SERVER_PROBES)
    if not probes:
        return []
    filters = filters or SearchFilters(scope="articles")
    params: dict[str, Any] = {"limit": limit}
    where = _filter_sql(filters, params, postgres=True)
    shared = []
    for i, gram in enumerate(probes):
        params[f"p{i}"] = gram
        shared.append(f"(CASE WHEN strpos(e.text, :p{i}) > 0 THEN 1 ELSE 0 END)")
    # Probes in pairs, an entry holding both of a pair: any one rare bigram alone still
    # brought in a sixth of 3,000 references (10,000 entries to fetch and count); two of
    # the article's rare bigrams together are held by the articles worded like it, and an
    # edited copy keeps most pairs. A lone last probe is paired with the first.
    pairs = []
    for i in range(0, len(probes), 2):
        params[f"pair{i}"] = [probes[i], probes[i + 1] if i + 1 < len(probes) else probes[0]]
        pairs.append(f"{_GRAMS} @> CAST(:pair{i} AS text[])")
    sql = (
        f"SELECT {_COLUMNS}, {' + '.join(shared)} AS score FROM search_entry e {_JOINS} "
        f"WHERE ({' OR '.join(pairs)}) AND {' AND '.join(where)} "
        "ORDER BY score DESC, e.id LIMIT :limit"
    )
    with library.engine.begin() as conn:
        _use_index(conn)
        rows = conn.execute(text(sql), params).all()
    return [_hit(row, []) for row in rows]


def _probes(library: Library, article: str, count: int) -> list[str]:
    """``count`` of the article's bigrams (of its runs of letters), the rarest first by the
    server's statistics of the bigram index (pg_stats' most common elements, gathered by
    ANALYZE: a bigram missing from them is rarer than any listed), evenly spread over the
    article among equally rare ones; in text order. Without statistics (a new library not
    yet analysed), evenly spread over the whole article."""
    grams: dict[str, None] = {}
    for run in _WORD_CHARS.findall(article):
        grams.update(dict.fromkeys(word_bigrams(run)))
    ordered = list(grams)
    with library.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'ix_search_entry_grams'"
        ).first()
    frequency: dict[str, float] = {}
    if row is not None and row[0]:
        frequency = dict(zip(row[0], row[1] or (), strict=False))
    tiers: dict[float, list[str]] = {}
    for gram in ordered:
        tiers.setdefault(frequency.get(gram, 0.0), []).append(gram)
    chosen: set[str] = set()
    for share in sorted(tiers):
        tier = tiers[share]
        chosen.update(_spread(tier, count - len(chosen)))
        if len(chosen) >= count:
            break
    return [g for g in ordered if g in chosen]


#: Above this many index terms a two-character word is scanned for instead.
MAX_WORD_TERMS = 2000


def _trigrams_starting(conn: Connection, word: str) -> list[str] | None:
    """The index's trigrams that begin with ``word`` (None: too many to OR, scan instead)."""
    rows = conn.exec_driver_sql(
        "SELECT term FROM search_vocab WHERE term >= ? AND term < ? LIMIT ?",
        (word, word + chr(0x10FFFF), MAX_WORD_TERMS + 1),
    ).all()
    if len(rows) > MAX_WORD_TERMS:
        return None
    return [row[0] for row in rows]


def _rarest(library: Library, grams: list[str], count: int) -> list[str]:
    """The ``count`` grams held by the fewest entries (but at least one), in text order."""
    held: dict[str, int] = {}
    with library.engine.connect() as conn:
        for gram in grams:
            found = conn.exec_driver_sql(
                "SELECT doc FROM search_vocab WHERE term = ?", (gram,)
            ).scalar()
            if found:
                held[gram] = int(found)
    keep = set(sorted(held, key=held.__getitem__)[:count])  # a stable sort: ties in order
    return [g for g in grams if g in keep]


#: How many of an article's trigrams a server (no FTS index) matches with LIKE.
SERVER_TERMS = 16


def _spread(grams: list[str], count: int) -> list[str]:
    """At most ``count`` of the grams, evenly spread over the list."""
    if len(grams) <= count:
        return grams
    step = len(grams) / count
    return [grams[int(i * step)] for i in range(count)]


_WORD_CHARS = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]+")


def article_trigrams(article: str) -> list[str]:
    """The distinct trigrams of the article's runs of letters (none across punctuation), in
    text order."""
    seen: dict[str, None] = {}
    for run in _WORD_CHARS.findall(article):
        for i in range(len(run) - 2):
            seen.setdefault(run[i : i + 3], None)
    return list(seen)


_COLUMNS = (
    "e.kind, e.regulation_id, r.title AS regulation, e.version_id, e.article, e.uid, "
    "e.comment_id, e.text, ri.place, ri.date, ri.status"
)
_JOINS = (
    "JOIN regulation r ON r.id = e.regulation_id "
    "LEFT JOIN reference_info ri ON ri.regulation_id = e.regulation_id"
)


def _filter_sql(
    filters: SearchFilters, params: dict[str, Any], *, postgres: bool = False
) -> list[str]:
    where = ["1 = 1"]
    if filters.scope:
        kinds = SCOPES.get(filters.scope)
        if kinds is None:
            raise SearchError(f"未知的检索范围：{filters.scope}")
        names = []
        for i, kind in enumerate(kinds):
            params[f"kind{i}"] = kind
            names.append(f":kind{i}")
        where.append(f"e.kind IN ({', '.join(names)})")
    if not filters.all_versions and postgres:
        # The same in one pass over the versions (not a lookup per regulation: 10–20 ms of
        # every query at 3,000 references, by EXPLAIN ANALYZE).
        where.append(
            "(e.version_id IS NULL OR e.version_id IN (SELECT DISTINCT ON (v.regulation_id) "
            "v.id FROM version v ORDER BY v.regulation_id, v.frozen, v.id DESC))"
        )
    elif not filters.all_versions:
        # The current version of each regulation, listed once (not a subquery per row).
        where.append(
            "(e.version_id IS NULL OR e.version_id IN (SELECT (SELECT v.id FROM version v "
            "WHERE v.regulation_id = cr.id ORDER BY v.frozen, v.id DESC LIMIT 1) "
            "FROM regulation cr))"
        )
    if filters.place:
        params["place"] = "%" + _like_escape(filters.place) + "%"
        where.append(
            "(ri.place LIKE :place ESCAPE '\\' OR "
            "(ri.place IS NULL AND r.title LIKE :place ESCAPE '\\'))"
        )
    if filters.date_from is not None:
        params["date_from"] = filters.date_from.isoformat()
        where.append("ri.date >= :date_from")
    if filters.date_to is not None:
        params["date_to"] = filters.date_to.isoformat()
        where.append("ri.date <= :date_to")
    if filters.status:
        params["status"] = filters.status
        where.append("ri.status = :status")
    for i, regulation_id in enumerate(filters.exclude):
        params[f"x{i}"] = regulation_id
        where.append(f"e.regulation_id != :x{i}")
    return where


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _hit(row: Any, words: Iterable[str]) -> SearchHit:
    date = row.date
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    return SearchHit(
        kind=row.kind,
        regulation_id=row.regulation_id,
        regulation=row.regulation,
        version_id=row.version_id,
        article=row.article,
        uid=row.uid,
        comment_id=row.comment_id,
        text=row.text,
        place=row.place or "",
        date=date,
        status=row.status or "",
        score=float(row.score or 0.0),
        highlights=highlights(row.text, words),
    )


def highlights(body: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each word in ``body``, in text order."""
    spans: list[tuple[int, int]] = []
    for word in words:
        start = body.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = body.find(word, start + len(word))
    return sorted(spans)
