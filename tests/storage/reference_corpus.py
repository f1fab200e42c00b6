"""Many reference regulations made from the few real ones in ../shared/corpus (issue 16 tests
and bench/bench_search.py): no larger collection is at hand, so each generated text is a
corpus regulation moved to another city (its place names replaced in title, 题注 and
articles), with another adoption date, a varied title and varied wording (synonyms swapped and
sentences dropped at random, per article). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from drafting.model.units import Draft, UnitKind
from drafting.read.files import read_draft
from drafting.search.articles import article_text
from drafting.search.reference_meta import read_facts

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

#: City-level regulations of the corpus (the national codes are too large to vary usefully).
SOURCES = (
    "local_chongqing_ich_2012.md",
    "local_chongqing_village_planning_2015.md",
    "local_hangzhou_park_2014.md",
    "local_jinan_historic_city_2020.md",
    "local_liaocheng_historic_city_2020.md",
    "local_luoyang_ich_2016.md",
    "local_ningbo_river_2019.md",
    "local_ningbo_vegetable_market_2021.md",
    "local_qingdao_river_2020.md",
    "local_qingzhou_ancient_city_2020.md",
    "local_rizhao_park_2021.md",
    "local_shandong_historic_city_2019.md",
    "local_shaoxing_ancient_city_2018.md",
    "pair_luoyang_park_square_2021.md",
    "pair_beijing_lawmaking_2023.md",
)

CITIES = (
    "江州市 临川市 云阳市 汉源市 清河市 平江市 安宁市 永和市 嘉禾市 东阳市 南平市 西林市 "
    "北海市 长宁市 武陵市 兰溪市 河间市 泰和市 宁远市 怀德市 延平市 昌乐市 宜兴市 德安市 "
    "临江市 瑞安市 新昌市 阳春市 常宁市 广丰市 丰城市 高安市 樟树市 贵溪市 瑞金市 乐平市 "
    "安陆市 枝江市 当阳市 宜都市 松滋市 石首市 洪湖市 麻城市 武穴市 赤壁市 广水市 天门市"
).split()
#: (from, to) wording swaps, each applied to an article with some probability.
SYNONYMS = (
    ("应当", "应"),
    ("有关部门", "相关部门"),
    ("按照", "依照"),
    ("负责", "承担"),
    ("加强", "强化"),
    ("组织实施", "实施"),
    ("予以", "给予"),
    ("规定", "要求"),
    ("鼓励", "支持"),
    ("不得", "禁止"),
)
SUBJECTS = ("", "管理", "保护", "促进")


def load_sources() -> list[Draft]:
    """The corpus regulations the generated ones are made from, parsed once."""
    return [read_draft(CORPUS / name).draft for name in SOURCES]


def vary(source: Draft, index: int, *, seed: int = 16, articles: int | None = None) -> Draft:
    """Reference number ``index`` made from ``source``: another city, date, title, wording.
    ``articles``: keep only the first so many articles (a smaller library for fast tests)."""
    rng = random.Random(seed * 100_003 + index)
    draft = source.clone()
    facts = read_facts(source)
    old_place = facts.place or source.title[:3]
    city = CITIES[index % len(CITIES)]
    region = f"{index // len(CITIES) + 1}区" if index >= len(CITIES) else ""
    new_place = city + region.replace("区", "") if region else city
    names = [old_place]
    if old_place.endswith("市"):
        names.append(old_place[:-1])

    def move(text: str) -> str:
        for name in names:
            text = text.replace(name, new_place)
        return text

    title = move(source.title)
    subject = SUBJECTS[rng.randrange(len(SUBJECTS))]
    if subject and subject not in title and title.endswith("条例"):
        title = title[: -len("条例")] + subject + "条例"
    draft.title = title + ("" if index < len(CITIES) * len(SUBJECTS) else f"（{index}）")
    year = rng.randrange(2000, 2025)
    draft.title_note = (
        f"{year}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日{new_place}"
        f"第{rng.choice('十一二三四五六七八九')}届人民代表大会常务委员会第{rng.choice('一二三四五六七八九')}次会议通过"
    )
    kept = 0
    for unit in draft.walk():
        if unit.kind is UnitKind.ARTICLE:
            kept += 1
        if unit.text:
            text = move(unit.text)
            for old, new in SYNONYMS:
                if old in text and rng.random() < 0.3:
                    text = text.replace(old, new)
            sentences = text.split("。")
            if len(sentences) > 2 and rng.random() < 0.15:
                del sentences[rng.randrange(len(sentences) - 1)]
            unit.text = "。".join(sentences)
    if articles is not None:
        _keep_articles(draft, articles)
    return draft


def _keep_articles(draft: Draft, count: int) -> None:
    seen = 0

    def prune(units: list) -> list:  # type: ignore[type-arg]
        nonlocal seen
        kept = []
        for unit in units:
            if unit.kind is UnitKind.ARTICLE:
                seen += 1
                if seen > count:
                    continue
                kept.append(unit)
            else:
                unit.children = prune(unit.children)
                if unit.children or not unit.kind.is_heading:
                    kept.append(unit)
        return kept

    draft.units = prune(draft.units)
    draft.preamble = None
    draft.appendices = []


def generate(count: int, *, seed: int = 16, articles: int | None = None) -> Iterator[Draft]:
    """``count`` references, the sources taken in turn."""
    sources = load_sources()
    for index in range(count):
        yield vary(sources[index % len(sources)], index, seed=seed, articles=articles)


def text_of(draft: Draft, label_index: int) -> str:
    """The words of the draft's article at ``label_index`` (0-based)."""
    return article_text([u for u in draft.walk() if u.kind is UnitKind.ARTICLE][label_index])
