"""A small fixed draft for the export tests (.docx, Akoma Ntoso, printing)."""

from __future__ import annotations

from drafting.model.units import Draft, Numbering, Unit, UnitKind


def small_draft() -> Draft:
    """Two chapters, a section, items with sub-items, a 之一 article; fixed uids."""
    counter = iter(range(1, 1000))

    def u(kind: UnitKind, text: str = "", heading: str = "", children: list[Unit] | None = None,
          numbering: Numbering = Numbering.REGULAR) -> Unit:  # fmt: skip
        return Unit(kind, text=text, heading=heading, children=children or [],
                    uid=f"u{next(counter):03d}", numbering=numbering)  # fmt: skip

    p, a = UnitKind.PARAGRAPH, UnitKind.ARTICLE
    return Draft(
        title="某市公园条例",
        title_note="2024年1月1日某市第十六届人民代表大会常务委员会第十次会议通过",
        units=[
            u(UnitKind.CHAPTER, heading="总则", children=[
                u(a, children=[u(p, "为了加强公园管理，制定本条例。")]),
                u(a, children=[
                    u(p, "公园管理应当遵循下列原则：", children=[
                        u(UnitKind.ITEM, "公益优先；"),
                        u(UnitKind.ITEM, "统筹规划：", children=[
                            u(UnitKind.SUBITEM, "统一规划；"),
                            u(UnitKind.SUBITEM, "分步实施；"),
                        ]),
                        u(UnitKind.ITEM, "共建共享。"),
                    ]),
                    u(p, "前款规定适用于全市。"),
                ]),
                u(a, numbering=Numbering.INSERTED, children=[u(p, "“公园”是指供公众游览的场所。")]),
            ]),
            u(UnitKind.CHAPTER, heading="管理", children=[
                u(UnitKind.SECTION, heading="一般规定", children=[
                    u(a, children=[u(p, "公园管理机构应当依照本条例第二条第一款第（二）项规定执行。")]),
                ]),
            ]),
            u(UnitKind.CHAPTER, heading="附则", children=[
                u(a, children=[u(p, "本条例自2025年1月1日起施行。")]),
            ]),
        ],
    )  # fmt: skip
