"""Reason templates for bulk answers (理由模板): a small built-in list and the user's own.

Pure data and rules: the window keeps the user's templates in its settings (one a line) and the
command line can name a template by its number (``--template N``). A template is plain text the
user may edit after choosing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from consultation.model import Disposition

#: Built-in templates per disposition, the phrases 汇总表 answers use most.
BUILT_IN: dict[Disposition, tuple[str, ...]] = {
    Disposition.ADOPTED: ("已据此修改。",),
    Disposition.PARTLY_ADOPTED: (
        "已吸收其合理部分，其余部分与上位法规定不一致，未予采纳。",
        "已部分吸收，具体表述作了调整。",
    ),
    Disposition.NOT_ADOPTED: (
        "上位法已有规定，本条例不再重复规定。",
        "该事项不属于本条例调整范围。",
        "该意见与上位法规定不一致。",
        "该事项宜由配套文件作出规定。",
        "经研究，现行规定已能满足实践需要。",
    ),
    Disposition.REFLECTED_ELSEWHERE: ("该意见已在其他条款中体现。",),
    Disposition.DEFERRED: ("该意见涉及面较广，留待下一步研究。",),
}


def templates_for(disposition: Disposition | None, own: Iterable[str] = ()) -> list[str]:
    """The templates offered for ``disposition`` (all built-in ones when None): the built-in
    ones first, then the user's own (blank lines and repeats dropped), in order."""
    built = (
        [t for ts in BUILT_IN.values() for t in ts]
        if disposition is None
        else list(BUILT_IN.get(disposition, ()))
    )
    out: list[str] = []
    for text in [*built, *own]:
        text = text.strip()
        if text and text not in out:
            out.append(text)
    return out


def add_own(own: Sequence[str], text: str) -> list[str]:
    """The user's templates with ``text`` added at the end (stripped; no repeat, no blank)."""
    text = text.strip()
    kept = [t for t in own if t.strip()]
    if text and text not in kept and not any(text in ts for ts in BUILT_IN.values()):
        kept.append(text)
    return kept


def remove_own(own: Sequence[str], text: str) -> list[str]:
    """The user's templates without ``text``."""
    return [t for t in own if t.strip() and t.strip() != text.strip()]
