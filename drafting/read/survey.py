"""A first look at a file before it is imported: how big it is and about how many articles.

A regulation is small (the 民法典: 330 KB of text, 1,260 articles). A text of 20 MB parsed for
60 s into 80,000 articles and 1 GB of memory before anyone was asked. ``survey_file`` answers
at once (it reads at most the first 2 MB: ~30 ms) so that the window can ask — 取消 / 仍然导入 —
and the command line refuse without ``--force``, before anything is parsed.

Shapes: ``Survey(size, articles, estimated)``; ``articles`` is None for a Word document (its
count is known only once read). Errors: OSError from reading the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafting.read.limits import HARD_MAX_ARTICLES, MAX_ARTICLES, MiB

#: A text larger than this is far larger than any regulation (the 民法典 is ~0.3 MB): ask first.
ASK_BYTES = 2 * MiB
#: More articles than this: ask first (the reader refuses them unless told to go on).
ASK_ARTICLES = MAX_ARTICLES
#: How much of a text is read to count its articles; a larger one is estimated from it.
SAMPLE_BYTES = 2 * MiB

_ARTICLE = re.compile(r"^[ \t\u3000]*第[零〇一二两三四五六七八九十百千万0-9０-９]+条", re.MULTILINE)


@dataclass(frozen=True)
class Survey:
    """What a first look at a file found."""

    size: int  # bytes on disk
    articles: int | None  # article headings counted (None: a Word document, not counted)
    estimated: bool = False  # counted in the first SAMPLE_BYTES and scaled to the whole file

    @property
    def too_large(self) -> bool:
        """Far larger than any regulation: ask (window) or refuse (command line) first."""
        return self.size > ASK_BYTES or (self.articles or 0) > ASK_ARTICLES

    @property
    def beyond_reach(self) -> bool:
        """More articles than can be numbered at all (HARD_MAX_ARTICLES): no use asking, the
        reader would fail after reading most of the file."""
        return (self.articles or 0) > HARD_MAX_ARTICLES

    def refusal(self, name: str) -> str:
        """Why a text beyond reach is not imported, one Chinese line with the hard cap."""
        return (
            f"《{name}》条文数量过多（{self.describe()}），超过可编号的上限 "
            f"{HARD_MAX_ARTICLES} 条（第100000条无法用中文数字编号），无法导入；"
            "请检查文件是否是一部法规的正文"
        )

    def describe(self) -> str:
        """One Chinese phrase: 21.1 MB，约 94036 条."""
        size = f"{self.size / MiB:.1f} MB" if self.size >= MiB // 10 else f"{self.size} 字节"
        if self.articles is None:
            return size
        return f"{size}，{'约 ' if self.estimated else ''}{self.articles} 条"

    def question(self, name: str) -> str:
        """The question (or the refusal's reason): what was found and why it matters."""
        if (self.articles or 0) > ASK_ARTICLES:
            found = f"条文数量过多（{self.describe()}，上限 {MAX_ARTICLES} 条）"
        else:
            found = f"很大（{self.describe()}）"
        return (
            f"《{name}》{found}：任何法规都远小于此（民法典约 0.3 MB、1260 条），"
            "这可能不是一部法规的正文；导入可能需要很长时间并占用大量内存。"
        )


def survey_file(path: Path) -> Survey:
    """Size and article count of a file to import, reading at most SAMPLE_BYTES of it."""
    path = Path(path)
    size = path.stat().st_size
    if path.suffix.lower() == ".docx":
        return Survey(size, None)
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    whole = len(sample) >= size
    if not whole:
        cut = sample.rfind(b"\n")  # whole lines only
        sample = sample[: cut + 1] if cut > 0 else sample
    text = _decode(sample)
    count = sum(1 for _ in _ARTICLE.finditer(text))
    if whole or not sample:
        return Survey(size, count)
    return Survey(size, round(count * size / len(sample)), estimated=True)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")
