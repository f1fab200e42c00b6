"""Issue 16 on both backends (the ``db_url`` fixture: an SQLite file, then a throwaway
PostgreSQL database): full-text search, filters, the index following a save, and similar
provisions. SQLite answers from its FTS5 trigram index; PostgreSQL from its bigram GIN index
over the same entries, LIKE checking the longer words. The answers must be the same.

A smaller library than tests/storage/test_search.py (80 generated references instead of
1,050): the point here is that each query is right on both servers, not the ranking at scale.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from consultation.model import Comment
from drafting.model.units import Draft, Unit, UnitKind
from drafting.search.articles import article_texts
from drafting.write.plain_text import render_text
from storage import search_index
from storage.comments import CommentStore
from storage.library import Library
from storage.references import add_reference, update_reference
from storage.search_index import SearchFilters, search
from storage.similar_provisions import similar_provisions
from tests.app_runner import run_app
from tests.storage.reference_corpus import generate, text_of

PHRASE = "萤火虫栖息地巡护"
PHRASE_REFERENCES = (3, 31, 70)
ORIGIN, ORIGIN_ARTICLE = 44, 3
REFERENCES = 80


def _article(text: str) -> Unit:
    return Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=text)])


@dataclass
class Built:
    db: str
    origin_text: str
    copied_text: str
    draft_regulation: int
    phrase_titles: list[str]


@pytest.fixture
def built(db_url: str) -> Iterator[Built]:
    origin_title = origin_text = ""
    phrase_titles: list[str] = []
    with Library.open(db_url) as library:
        for index, draft in enumerate(generate(REFERENCES, articles=6)):
            if index in PHRASE_REFERENCES:
                first = next(u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH)
                first.text += f"本市建立{PHRASE}制度。"
                phrase_titles.append(draft.title)
            if index == ORIGIN:
                origin_title, origin_text = draft.title, text_of(draft, ORIGIN_ARTICLE)
            assert add_reference(library, draft) is not None
        city = origin_title[: origin_title.index("市") + 1]
        copied = origin_text.replace(city, "江北市") + "违反本条规定的，由主管部门责令限期改正。"
        own = Draft(
            title="江北市示范条例",
            units=[
                _article("为了规范示范工作，根据有关法律、法规，结合本市实际，制定本条例。"),
                _article(copied),
                _article("本条例自2026年1月1日起施行。"),
            ],
        )
        version = library.import_draft(own)
        CommentStore(library).add_comments(
            version.regulation_id, [Comment(content=f"建议在第二条中增加{PHRASE}的内容。")]
        )
    yield Built(db_url, origin_text, copied, version.regulation_id, phrase_titles)


def test_a_phrase_in_three_references_and_one_comment_finds_exactly_those_four(
    built: Built,
) -> None:
    run = run_app("search", "--db", built.db, PHRASE, "--json")
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)["results"]
    assert sorted(r["kind"] for r in results) == ["comment", "reference", "reference", "reference"]
    assert sorted(r["regulation"] for r in results if r["kind"] == "reference") == sorted(
        built.phrase_titles
    )
    comment = next(r for r in results if r["kind"] == "comment")
    assert comment["regulation"] == "江北市示范条例" and comment["article"] is None
    for result in results:
        start, end = result["highlights"][0]
        assert result["text"][start:end] == PHRASE
    # Part of the phrase (two characters, then three) finds the same four and no more.
    with Library.open(built.db) as library:
        for part in ("萤火", "栖息地", "巡护 萤火虫"):
            assert len(search(library, part)) == 4, part
        assert search(library, "萤火虫栖息地巡查") == []
        # Scopes split them the same way on both servers.
        comments = search(library, PHRASE, SearchFilters(scope="comments"))
        assert [h.kind for h in comments] == ["comment"]
        references = search(library, PHRASE, SearchFilters(scope="references"))
        assert len(references) == 3
        if library.engine.dialect.name == "postgresql":
            # A pg_trgm index exactly when the database's LC_CTYPE makes trigrams of Chinese
            # (the test server's C does not: then the index would only slow the LIKEs down).
            assert _trigram_index(library) == bool(_chinese_trigrams(library))


def _trigram_index(library: Library) -> bool:
    with library.engine.connect() as conn:
        indexes = conn.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_entry'"
        ).scalars()
        return any("gin_trgm_ops" in d for d in indexes)


def _chinese_trigrams(library: Library) -> list[str]:
    with library.engine.connect() as conn:
        return list(conn.exec_driver_sql("SELECT show_trgm('萤火虫栖息地')").scalar() or [])


def test_postgresql_uses_pg_trgm_when_its_locale_reads_chinese(pg_server: Any) -> None:
    """On a UTF-8 LC_CTYPE a pg_trgm index is made and can serve a LIKE (the plan says so);
    searches find the same; under C (the server's default here) no index is made: proven both ways."""
    if pg_server is None:
        pytest.skip("PostgreSQL 未安装（bash scripts/test.sh 会安装它）")
    words = "萤火虫栖息地巡护"
    for ctype, indexed in (("C.UTF-8", True), (None, False)):
        with Library.open(pg_server.new_database(ctype)) as library:
            for i, draft in enumerate(generate(12, articles=4)):
                if i in (2, 9):
                    draft.articles()[0].children[0].text += words
                assert add_reference(library, draft) is not None
            assert len(search(library, words)) == 2
            # Similar provisions (through the bigram index, whatever the locale): the article
            # copied with an edit is first either way.
            origin = text_of(generate(12, articles=4).__next__(), 2)
            ranked = similar_provisions(library, origin.replace("应当", "应") + "责令改正。")
            assert ranked and ranked[0].candidate.text == origin
            assert (library.engine in search_index._trigram_ready) is indexed
            assert _trigram_index(library) is indexed
            assert bool(_chinese_trigrams(library)) is indexed
            if indexed:
                with library.engine.connect() as conn:
                    conn.exec_driver_sql("SET enable_seqscan = off")
                    plan = "\n".join(
                        conn.exec_driver_sql(
                            "EXPLAIN SELECT id FROM search_entry WHERE text LIKE %(w)s",
                            {"w": f"%{words}%"},
                        ).scalars()
                    )
                assert "ix_search_entry_text_trgm" in plan, plan


def test_filters_and_the_index_follow_edits(built: Built) -> None:
    with Library.open(built.db) as library:
        hits = search(library, PHRASE, SearchFilters(scope="references"))
        first = hits[0]
        update_reference(library, first.regulation_id, status="已废止")
        repealed = search(library, PHRASE, SearchFilters(status="已废止"))
        assert [h.regulation_id for h in repealed] == [first.regulation_id]
        place = search(library, PHRASE, SearchFilters(place=first.place))
        assert place and all(h.place == first.place for h in place)
        assert first.date is not None
        dated = search(library, PHRASE, SearchFilters(date_from=first.date, date_to=first.date))
        assert first.regulation_id in {h.regulation_id for h in dated}
        assert all(h.date == first.date for h in dated)
        # A save of the office's draft is searched at once; the old words are gone.
        current = max(library.regulation(built.draft_regulation).versions, key=lambda v: v.id)
        draft = library.load_draft(current.id)
        draft.articles()[2].children[0].text = "本条例自2027年3月1日起施行，湿地巡护同步开展。"
        library.save_draft(current.id, draft)
        assert [h.article for h in search(library, "湿地巡护")] == ["第三条"]
        assert search(library, "2026年1月1日") == []
        # Characters LIKE treats specially are plain words to a search.
        assert search(library, "100%") == []
        assert search(library, "a_b") == []


def test_a_copied_article_is_the_top_similar_provision(built: Built, tmp_path: object) -> None:
    with Library.open(built.db) as library:
        ranked = similar_provisions(library, built.copied_text, limit=5)
    assert ranked, "no similar provision found"
    assert ranked[0].candidate.text == built.origin_text
    assert ranked[0].candidate.kind == "reference"
    assert ranked[0].score > 0.8
    assert all(r.candidate.text != built.copied_text for r in ranked)
    # The same through the command line, with the draft as a file.
    from pathlib import Path

    path = Path(str(tmp_path)) / "draft.txt"
    own = Draft(
        title="江北市示范条例",
        units=[_article("为了规范示范工作。"), _article(built.copied_text)],
    )
    path.write_text(render_text(own), encoding="utf-8")
    run = run_app("similar", "--db", built.db, str(path), "第二条", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["results"][0]["text"] == built.origin_text


def _articles_holding(library: Library, word: str) -> set[tuple[str, str | None]]:
    """Every (text, article) of the current versions and the comments that holds ``word``:
    what a search for it must find, worked out without the index."""
    found: set[tuple[str, str | None]] = set()
    for regulation in library.regulations():
        current = min(regulation.versions, key=lambda v: (v.frozen, -v.id))
        draft = library.load_draft(current.id)
        for article in article_texts(draft):
            if word in article.text:
                found.add((article.text, article.label or None))
    with library.engine.connect() as conn:
        for (content,) in conn.exec_driver_sql("SELECT content FROM comment").all():
            if word in content:
                found.add((content, None))
    return found


def test_two_character_and_frequent_words_find_every_entry_holding_them(built: Built) -> None:
    """On both servers (PostgreSQL: through the bigram index, SQLite: FTS5): a two-character
    word and a word held by most articles find exactly the entries holding them; a limit
    keeps the densest, on PostgreSQL also past ``HIT_CAP`` hits."""
    with Library.open(built.db) as library:
        for word in ("萤火", "河道", "本条例"):
            expected = _articles_holding(library, word)
            hits = search(library, word, limit=5000)
            assert {(h.text, h.article) for h in hits} == expected, word
            assert all(h.highlights for h in hits)
        frequent = _articles_holding(library, "本条例")
        assert len(frequent) > 50  # held by a fifth of the articles: the slow case on a server
        top = search(library, "本条例", limit=20)
        assert len(top) == 20 and all("本条例" in h.text for h in top)
        if library.engine.dialect.name == "postgresql":
            densities = [h.score for h in top]
            assert densities == sorted(densities, reverse=True)
            # Past the cap: still 20 hits holding the word, best by density among those read.
            capped = search_index.HIT_CAP
            search_index.HIT_CAP = 30
            try:
                few = search(library, "本条例", limit=20)
            finally:
                search_index.HIT_CAP = capped
            assert len(few) == 20 and all("本条例" in h.text for h in few)
            assert [h.score for h in few] == sorted((h.score for h in few), reverse=True)


def test_postgresql_bigram_index_serves_short_words_under_any_locale(pg_server: Any) -> None:
    """The bigram index needs no extension and no UTF-8 locale: under C (where pg_trgm reads
    no Chinese) and C.UTF-8 alike the plan of a two-character word uses it, and similar
    provisions find the copied article both before ANALYZE (probes spread over the article)
    and after (the rarest probes by the index's statistics)."""
    if pg_server is None:
        pytest.skip("PostgreSQL 未安装（bash scripts/test.sh 会安装它）")
    for ctype in (None, "C.UTF-8"):
        with Library.open(pg_server.new_database(ctype)) as library:
            drafts = list(generate(20, articles=5))
            for i, draft in enumerate(drafts):
                if i in (4, 11):
                    draft.articles()[1].children[0].text += "设立萤火虫保护区。"
                assert add_reference(library, draft) is not None
            hits = search(library, "萤火")
            assert len(hits) == 2 and all(h.article == "第二条" for h in hits)
            assert search(library, "萤虫") == []
            origin = text_of(drafts[7], 3)
            edited = origin.replace("应当", "应") + "违反本条规定的，责令改正。"
            for analysed in (False, True):
                if analysed:
                    with library.engine.begin() as conn:
                        conn.exec_driver_sql("ANALYZE search_entry")
                probes = search_index._probes(library, edited, search_index.SERVER_PROBES)
                assert len(probes) == search_index.SERVER_PROBES
                ranked = similar_provisions(library, edited)
                assert ranked and ranked[0].candidate.text == origin, analysed
            with library.engine.connect() as conn:
                conn.exec_driver_sql("SET enable_seqscan = off")
                plan = "\n".join(
                    conn.exec_driver_sql(
                        "EXPLAIN SELECT id FROM search_entry e "
                        "WHERE string_to_array(e.grams, ' ') @> ARRAY['萤火']"
                    ).scalars()
                )
            assert "ix_search_entry_grams" in plan, plan


def test_postgresql_index_of_the_first_layout_is_rebuilt_with_bigrams(pg_server: Any) -> None:
    """A library indexed by the build before the bigrams (no ``grams`` column) is re-indexed
    on first use, and its two-character words are found; a current one is left alone."""
    if pg_server is None:
        pytest.skip("PostgreSQL 未安装（bash scripts/test.sh 会安装它）")
    with Library.open(pg_server.new_database()) as library:
        for i, draft in enumerate(generate(6, articles=3)):
            if i == 2:
                draft.articles()[0].children[0].text += "设立萤火虫保护区。"
            assert add_reference(library, draft) is not None
        with library.engine.begin() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM search_entry").scalar()
            conn.exec_driver_sql("DROP INDEX ix_search_entry_grams")
            conn.exec_driver_sql("ALTER TABLE search_entry DROP COLUMN grams")
        search_index._ready.discard(library.engine)
        assert [h.article for h in search(library, "萤火")] == ["第一条"]
        with library.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM search_entry").scalar() == count
            assert (
                conn.exec_driver_sql(
                    "SELECT count(*) FROM search_entry WHERE grams IS NULL"
                ).scalar()
                == 0
            )
            written = conn.exec_driver_sql("SELECT max(xmin::text) FROM search_entry").scalar()
        search_index._ready.discard(library.engine)
        search(library, "萤火")
        with library.engine.connect() as conn:  # not rebuilt again: rows of the same write
            again = conn.exec_driver_sql("SELECT max(xmin::text) FROM search_entry").scalar()
            assert again == written
