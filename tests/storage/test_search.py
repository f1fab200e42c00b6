"""Issue 16: the reference library, full-text search and similar provisions, on a real SQLite
library holding 1,000+ references generated from the corpus (built once for the module)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from consultation.model import Comment
from drafting.jobs import CancelToken
from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.plain_text import render_text
from storage.comments import CommentStore
from storage.library import Library
from storage.references import add_reference, import_references, update_reference
from storage.search_index import SearchFilters, search
from tests.app_runner import run_app
from tests.storage.reference_corpus import CORPUS, generate, text_of

#: A phrase put into exactly three references and one comment.
PHRASE = "萤火虫栖息地巡护"
PHRASE_REFERENCES = (5, 250, 700)
#: The reference (index) and article (0-based) the office's draft copies with edits.
ORIGIN, ORIGIN_ARTICLE = 123, 3
REFERENCES = 1050


@dataclass
class Built:
    path: Path
    origin_title: str
    origin_text: str
    copied_text: str
    draft_file: Path
    draft_regulation: int


def _article(text: str) -> Unit:
    return Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text=text)])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("search")
    path = folder / "lib.sqlite3"
    origin_title = origin_text = ""
    with Library.open(path) as library:
        for index, draft in enumerate(generate(REFERENCES, articles=6)):
            if index in PHRASE_REFERENCES:
                first = next(u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH)
                first.text += f"本市建立{PHRASE}制度。"
            if index == ORIGIN:
                origin_title, origin_text = draft.title, text_of(draft, ORIGIN_ARTICLE)
            assert add_reference(library, draft) is not None
        # The office's draft: the origin's article moved to another city, with a clause added.
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
    draft_file = folder / "draft.txt"
    draft_file.write_text(render_text(own), encoding="utf-8")
    yield Built(path, origin_title, origin_text, copied, draft_file, version.regulation_id)


def _results(*args: str) -> list[dict]:  # type: ignore[type-arg]
    run = run_app(*args, "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["results"]


def test_a_copied_article_is_found_first_among_a_thousand_references(built: Built) -> None:
    results = _results("similar", "--db", str(built.path), str(built.draft_file), "第二条")
    top = results[0]
    # Generated siblings may carry the same wording; the words must be the origin's.
    assert top["text"] == built.origin_text
    assert top["kind"] == "reference" and top["article"] is not None
    assert top["score"] > 0.8
    assert top["place"] and top["date"]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    # The diff turns the current article into the reference's wording.
    new = "".join(words for op, words in top["diff"] if op >= 0)
    old = "".join(words for op, words in top["diff"] if op <= 0)
    assert (old, new) == (built.copied_text, built.origin_text)
    # The draft's own article (stored in the library too) is not proposed to itself.
    assert all(r["text"] != built.copied_text for r in results)


def test_a_phrase_in_three_references_and_one_comment_finds_exactly_those(built: Built) -> None:
    results = _results("search", "--db", str(built.path), PHRASE)
    kinds = sorted(r["kind"] for r in results)
    assert kinds == ["comment", "reference", "reference", "reference"]
    for result in results:
        start, end = result["highlights"][0]
        assert result["text"][start:end] == PHRASE
        assert (result["article"] is None) == (result["kind"] == "comment")
    comments = _results("search", "--db", str(built.path), PHRASE, "--scope", "comments")
    assert [r["kind"] for r in comments] == ["comment"]
    assert comments[0]["regulation"] == "江北市示范条例"


def test_two_character_queries_work(built: Built) -> None:
    results = _results("search", "--db", str(built.path), "河道", "--scope", "references")
    assert len(results) == 50
    for result in results:
        assert "河道" in result["text"]
        assert all(result["text"][s:e] == "河道" for s, e in result["highlights"])
    # Two short words and a long one: every word must occur.
    mixed = _results("search", "--db", str(built.path), "河道 管理 人民政府")
    assert mixed and all(all(w in r["text"] for w in ("河道", "管理", "人民政府")) for r in mixed)


def test_filters_by_place_date_and_status(built: Built) -> None:
    db = str(built.path)
    some = _results("search", "--db", db, "河道", "--scope", "references")[-1]["place"]
    place = _results("search", "--db", db, "河道", "--place", some)
    assert place and all(r["place"] == some for r in place)
    assert len(place) < 50
    dated = _results("search", "--db", db, "人民政府", "--from", "2010-01-01", "--to", "2012-12-31")
    assert dated and all("2010-01-01" <= r["date"] <= "2012-12-31" for r in dated)
    hit = _results("search", "--db", db, PHRASE, "--scope", "references")[0]
    with Library.open(built.path) as library:
        update_reference(library, hit["regulation_id"], status="已废止")
    repealed = _results("search", "--db", db, PHRASE, "--status", "已废止")
    assert [r["regulation_id"] for r in repealed] == [hit["regulation_id"]]
    with Library.open(built.path) as library:
        update_reference(library, hit["regulation_id"], status="现行有效")


def test_words_grouped_by_place(built: Built) -> None:
    run = run_app("similar", "--db", str(built.path), "--words", "河道 管理范围", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    places = [group["place"] for group in data["places"]]
    assert len(places) == len(set(places)) > 1
    for group in data["places"]:
        assert all(r["place"] == group["place"] for r in group["results"])


def test_the_index_follows_a_save(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        draft = Draft(title="某市测试条例", units=[_article("城市绿地实行分级养护管理。")])
        version = library.import_draft(draft)
        assert [h.text for h in search(library, "分级养护")] == ["城市绿地实行分级养护管理。"]
        loaded = library.load_draft(version.id)
        loaded.articles()[0].children[0].text = "城市绿地实行网格化巡查。"
        library.save_draft(version.id, loaded)
        assert search(library, "分级养护") == []
        assert [h.article for h in search(library, "网格化巡查")] == ["第一条"]
        assert [h.article for h in search(library, "巡查")] == ["第一条"]
        library.delete_regulation(version.regulation_id)
        assert search(library, "巡查") == []


def test_the_working_version_or_every_version(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        version = library.import_draft(Draft(title="某市测试条例", units=[_article("旧的措辞。")]))
        library.snapshot(version.id, label="征求意见稿", frozen=True)
        loaded = library.load_draft(version.id)
        loaded.articles()[0].children[0].text = "新的措辞。"
        library.save_draft(version.id, loaded)
        assert [h.text for h in search(library, "措辞")] == ["新的措辞。"]
        everything = search(library, "措辞", SearchFilters(all_versions=True))
        assert sorted(h.text for h in everything) == ["新的措辞。", "旧的措辞。"]
        library.freeze(version.id, label="一审稿")
        assert [h.text for h in search(library, "措辞")] == ["旧的措辞。"]


def test_reference_import_of_a_folder_skips_duplicates_and_keeps_drafts_apart(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "refs"
    (folder / "sub").mkdir(parents=True)
    for name in ("local_ningbo_river_2019.md", "local_rizhao_park_2021.md"):
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(CORPUS / "local_ningbo_river_2019.md", folder / "sub" / "again.txt")
    db = str(tmp_path / "lib.sqlite3")
    run = run_app("import", str(CORPUS / "local_qingdao_river_2020.md"), "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    run = run_app("reference", "import", str(folder), "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["imported"]) == 2 and len(data["duplicates"]) == 1
    ningbo = next(r for r in data["imported"] if r["title"] == "宁波市河道管理条例")
    assert ningbo["place"] == "宁波市"
    assert ningbo["issuer"] == "宁波市人民代表大会常务委员会"
    assert ningbo["date"] == "2019-08-01"
    assert ningbo["status"] == "现行有效"
    listed = json.loads(run_app("list", "--db", db, "--json").stdout)
    assert [r["title"] for r in listed["regulations"]] == ["青岛市河道管理条例"]
    assert "references" not in listed
    both = json.loads(run_app("list", "--db", db, "--references", "--json").stdout)
    assert sorted(r["title"] for r in both["references"]) == [
        "宁波市河道管理条例",
        "日照市公园条例",
    ]
    edited = run_app(
        "reference",
        "edit",
        str(ningbo["regulation"]),
        "--db",
        db,
        "--status",
        "已修改",
        "--place",
        "浙江省宁波市",
        "--json",
    )
    assert edited.returncode == 0, edited.stderr
    assert json.loads(edited.stdout)["status"] == "已修改"
    drafts = _results("search", "--db", db, "河道", "--scope", "drafts")
    assert drafts and {r["regulation"] for r in drafts} == {"青岛市河道管理条例"}


def test_a_cancelled_import_keeps_what_it_finished(tmp_path: Path) -> None:
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int, text: str = "") -> None:
        seen.append(done)
        if done == 1:
            token.cancel()

    files = [CORPUS / "local_ningbo_river_2019.md", CORPUS / "local_rizhao_park_2021.md"]
    with Library.open(tmp_path / "lib.sqlite3") as library:
        report = import_references(library, files, progress=progress, cancel=token)
        assert report.cancelled and len(report.imported) == 1
        again = import_references(library, files)
    assert [r.title for r in again.imported] == ["日照市公园条例"]
    assert len(again.duplicates) == 1


def test_short_words_at_the_very_end_and_single_characters(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as library:
        draft = Draft(title="某市测试条例", units=[_article("第一款"), _article("加强管理河道")])
        library.import_draft(draft)
        assert [h.article for h in search(library, "河道")] == ["第二条"]
        assert [h.article for h in search(library, "道")] == ["第二条"]
        assert [h.highlights for h in search(library, "管理 河道")] == [[(2, 4), (4, 6)]]
        assert search(library, "河流") == []


def test_an_index_of_another_format_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    from storage import search_index

    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as library:
        library.import_draft(Draft(title="某市测试条例", units=[_article("城市绿地分级养护。")]))
        assert len(search(library, "分级养护")) == 1
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE search_state SET stamp = 'old' WHERE key = 'format'")
        conn.execute("DELETE FROM search_fts")  # as if made some other way
    conn.close()
    with Library.open(path) as library:
        assert len(search(library, "分级养护")) == 1
        with library.engine.connect() as check:
            format_row = check.exec_driver_sql(
                "SELECT stamp FROM search_state WHERE key = 'format'"
            ).scalar()
        assert format_row == search_index.INDEX_FORMAT
