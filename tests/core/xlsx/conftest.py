"""Fixtures for the Excel tests: small catalogs with every field kind filled."""

from __future__ import annotations

import pytest

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.templates import all_templates


@pytest.fixture
def template_catalog() -> Catalog:
    """Three pilot domains from the bundled templates, one not involved, one custom."""
    templates = all_templates()
    domains = [t.instantiate("示范镇人民政府") for t in templates[:3]]
    domains.append(
        Domain(templates[5].id, templates[5].name, not_involved=True, note="本镇无税务机构")
    )
    custom = Domain("custom-1", "政府文件信息", pilot=False)
    custom.items.append(
        Item(
            level1="政府文件",
            level2="规范性文件",
            content="文件名称、文号、正文",
            basis="《中华人民共和国政府信息公开条例》",
            time_limit="信息形成或者变更之日起20个工作日内",
            subject="示范镇人民政府",
            channels=["政府网站", "社区/企事业单位/村公示栏(电子屏)", "12345政务服务热线"],
            audience=["全社会", "特定群体"],
            audience_note="申请人",
            method=["主动", "依申请"],
            level=["乡级"],
            extra={"咨询电话": "0771-1234567", "责任科室": "党政办"},
        )
    )
    domains.append(custom)
    meta = CatalogMeta(
        unit="示范镇人民政府",
        region="示范县",
        year="2026年版",
        contact="张三 0000-1234567",
        date="2026-03-01",
    )
    return Catalog(meta=meta, domains=domains)
