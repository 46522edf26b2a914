"""Small real catalogs for GUI tests."""

from __future__ import annotations

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item

UNIT = "测试镇人民政府"


def small_catalog() -> Catalog:
    """Two hand-made domains and one 未涉及 domain: small enough to reason about."""

    def item(n: int, level1: str = "政策文件") -> Item:
        return Item(
            level1=level1,
            level2=f"事项{n}",
            content=f"公开内容{n}：办理条件、办理流程",
            basis="《中华人民共和国政府信息公开条例》",
            time_limit="信息形成或者变更之日起20个工作日内",
            subject=UNIT,
            channels=["政府网站", "政务服务中心"],
            audience=["全社会"],
            method=["主动"],
            level=["乡级"],
        )

    return Catalog(
        meta=CatalogMeta(unit=UNIT, region="测试县", year="2026"),
        domains=[
            Domain(id="alpha", name="甲领域", items=[item(n) for n in range(1, 6)], pilot=False),
            Domain(
                id="beta",
                name="乙领域",
                items=[item(n, "办事服务") for n in range(1, 4)],
                pilot=False,
            ),
            Domain(
                id="gamma", name="丙领域", not_involved=True, note="本镇无此职能。", pilot=False
            ),
        ],
    )
