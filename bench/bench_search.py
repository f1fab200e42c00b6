"""Issue 16: the reference library and search at 100 and 3,000 regulations.

No collection of thousands of local regulations is at hand, so the references are generated
from the corpus's 15 city-level regulations (tests/storage/reference_corpus.py): each moved to
another city (place names replaced), with another date, a varied title and varied wording
(synonyms swapped and sentences dropped at random per article).

Prints, for each size: the text's size (UTF-8 bytes of the stored words), the import time
(parse-free: drafts stored and indexed one transaction each), the index build time from an
empty index (``refresh``: every version loaded and indexed), the time of a search (median of
several queries, long and short) and of similar provisions for one article (median), and the
index's size on disk next to the whole library file.

    .venv/bin/python bench/bench_search.py [--sizes 100 3000] [--postgresql]

``--postgresql`` runs the same on a throwaway PostgreSQL server (tests/pg_server.py; the
entries' bigram GIN index, LIKE checking the words on the entries it finds) instead of SQLite
files; the index size is then PostgreSQL's size of the entry table and its indexes. The
database is made with LC_CTYPE C.UTF-8, as an office server would be (the bigram index needs
no particular locale; pg_trgm's index, made too, reads Chinese only under a UTF-8 one).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from drafting.model.units import Draft  # noqa: E402
from storage.library import Library  # noqa: E402
from storage.references import add_reference  # noqa: E402
from storage.search_index import SearchFilters, index_size, refresh, search  # noqa: E402
from storage.similar_provisions import similar_provisions  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402
from tests.storage.reference_corpus import generate, text_of  # noqa: E402

QUERIES = (
    "河道管理范围",
    "人民政府应当加强",
    "历史文化街区",
    "河道",
    "公园 门票",
    "违反本条例规定",
)


def _size(draft: Draft) -> int:
    return sum(len((u.text + u.heading).encode()) for u in draft.walk())


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def run(count: int, folder: Path, server: PostgresServer | None = None) -> None:
    path = folder / f"lib{count}.sqlite3"
    # A UTF-8 LC_CTYPE, as an office server would have: pg_trgm then reads Chinese.
    target = server.new_database("C.UTF-8") if server is not None else str(path)
    drafts = list(generate(count))
    megabytes = sum(_size(d) for d in drafts) / 1e6
    with Library.open(target) as library:
        sqlite = library.engine.dialect.name == "sqlite"
        start = time.perf_counter()
        for draft in drafts:
            add_reference(library, draft)
        imported = time.perf_counter() - start
        with library.engine.begin() as conn:  # an empty index: build it from the library
            conn.execute(text("DELETE FROM search_entry"))
            conn.execute(text("DELETE FROM search_state"))
            if sqlite:
                conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
        start = time.perf_counter()
        refresh(library)
        built = time.perf_counter() - start
        with library.engine.begin() as conn:
            if sqlite:
                conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
            else:
                conn.execute(text("ANALYZE search_entry"))
        search_times: list[float] = []
        per_query: dict[str, list[float]] = {}
        for query in QUERIES * 3:
            start = time.perf_counter()
            hits = search(library, query, SearchFilters(), limit=50)
            search_times.append(time.perf_counter() - start)
            per_query.setdefault(query, []).append(search_times[-1])
            assert hits, query
        worst_query = max(search_times)
        similar_times: list[float] = []
        for index in range(0, min(count, 30), 3):
            article = text_of(drafts[index], 4).replace("应当", "应") + "违反本条规定的，责令改正。"
            start = time.perf_counter()
            found = similar_provisions(library, article, limit=10)
            similar_times.append(time.perf_counter() - start)
            assert found
        size = index_size(library.engine)
        if not sqlite:
            with library.engine.connect() as conn:
                size = int(
                    conn.execute(text("SELECT pg_total_relation_size('search_entry')")).scalar()
                    or 0
                )
                whole = int(
                    conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0
                )
    if sqlite:
        with Library.open(path) as library:  # the checkpoint folds the WAL into the file
            pass
        whole = path.stat().st_size
    print(
        ("PostgreSQL " if not sqlite else "SQLite     ")
        + f"{count:>5} regulations, {megabytes:6.1f} MB of text: import {imported:6.1f} s; "
        f"index build {built:6.1f} s; search median {_median_ms(search_times):5.1f} ms "
        f"(worst {worst_query * 1000:5.1f} ms); similar median {_median_ms(similar_times):5.1f} ms "
        f"(worst {max(similar_times) * 1000:5.1f} ms); index {size / 1e6:6.1f} MB "
        f"of a {whole / 1e6:6.1f} MB library"
    )
    # Each query's fastest of its three runs (the first run of all also pays a cold cache).
    print(
        "      per query (best of 3): "
        + "; ".join(f"{q} {min(t) * 1000:.1f} ms" for q, t in per_query.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 3000])
    parser.add_argument("--postgresql", action="store_true", help="on a throwaway PostgreSQL")
    args = parser.parse_args()
    server = PostgresServer.start() if args.postgresql else None
    if args.postgresql and server is None:
        sys.exit("PostgreSQL 未安装")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for count in args.sizes:
                run(count, Path(folder), server)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
