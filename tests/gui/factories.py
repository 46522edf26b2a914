"""Small real catalogs for GUI tests."""

from __future__ import annotations

from pathlib import Path

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


def hand_made_workbook(path: Path, *, fuller: bool = False) -> Path:
    """A county-style sheet as people type it: title row, two-row header, 同上, variant words.

    ``fuller`` (the import dialog's screenshot) adds a 特定群众 note and a 临时救助 row.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "社会救助"
    ws.append(["城关镇社会救助领域基层政务公开标准目录"])
    ws.append(
        [
            "序号",
            "公开事项",
            None,
            "公开内容（要素）",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            None,
            "公开方式",
            None,
            "公开层级",
            None,
        ]
    )
    ws.append(
        [
            None,
            "一级事项",
            "二级事项",
            None,
            None,
            None,
            None,
            None,
            "全社会",
            "特定群众",
            "主动",
            "依申请公开",
            "区级",
            "乡级",
        ]
    )
    ws.append(
        [
            1,
            "低保",
            "最低生活保障审批",
            "申请条件、办理流程",
            "《社会救助暂行办法》",
            "20个工作日",
            "城关镇人民政府",
            "■政府门户网站 □政府公报 ■便民服务中心",
            "√",
            None,
            "√",
            None,
            None,
            "√",
        ]
    )
    ws.append(
        [
            2,
            "低保",
            "低保对象名单",
            "姓名、保障人数、金额",
            "同上",
            "同上",
            "城关镇人民政府",
            "■公示栏",
            None,
            "√(申请人)" if fuller else "√",
            "√",
            None,
            None,
            "√",
        ]
    )
    if fuller:
        ws.append(
            [
                3,
                "临时救助",
                "临时救助审批",
                "救助对象、救助金额",
                "同上",
                "信息形成之日起20个工作日内",
                "城关镇人民政府",
                "政府网站、微信公众号",
                "√",
                None,
                "√",
                None,
                "√",
                "√",
            ]
        )
    wb.save(path)
    return path
