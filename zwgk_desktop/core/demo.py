"""The bundled demo catalog (示范镇): what the README's start command opens.

It is built from the bundled templates, adapted the way a clerk would (some domains
未涉及, a local item added, an item deleted) and with a few deliberate slips so that the
validator has something to show.
"""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core import paths
from zwgk_desktop.core.catalog_factory import default_own_level, new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta, Item
from zwgk_desktop.core.storage import Document

DEMO_FILE_NAME = "示范镇政务公开标准目录（示例）.zwgk"
DEMO_UNIT = "示范镇人民政府"

_NOT_INVOLVED = {
    "urban-law-enforcement": "本镇未设城市管理执法机构，相关事项由县综合行政执法局公开。",
    "municipal-services": "本镇不承担城镇燃气、市政设施建设类审批职能。",
    "tax-administration": "税收事项由县税务局及其派出机构负责公开。",
}


def demo_catalog() -> Catalog:
    """The demo catalog, the same every time."""
    meta = CatalogMeta(unit=DEMO_UNIT, region="示范县", year="2026", contact="李明 0771-1234567")
    catalog = new_catalog(meta, None, default_own_level(DEMO_UNIT))  # a township: 乡级 items
    for domain in catalog.domains:
        if domain.id in _NOT_INVOLVED:
            domain.items = []
            domain.not_involved = True
            domain.note = _NOT_INVOLVED[domain.id]
    assistance = catalog.domain("social-assistance")
    if assistance is not None and len(assistance.items) >= 4:
        assistance.items[1].time_limit = "尽快公开"
        assistance.items[2].basis = ""
        assistance.items[3].channels = [*assistance.items[3].channels, "政府服务中心"]
        assistance.items.append(
            Item(
                level1="临时救助",
                level2="困难群众临时生活补助发放",
                content="补助对象、补助标准、发放时间、发放方式、监督电话。",
                basis="《社会救助暂行办法》（国务院令第649号）",
                time_limit="发放后10个工作日内",
                subject=DEMO_UNIT,
                channels=["便民服务站", "社区/企事业单位/村公示栏(电子屏)"],
                audience=["全社会"],
                method=["主动"],
                level=["乡级"],
            )
        )
    elderly = catalog.domain("elderly-care")
    if elderly is not None and len(elderly.items) > 1:
        elderly.items.pop()
    return catalog


def ensure_demo_document(folder: Path | None = None) -> Path:
    """Path of a ready demo document in the user data folder (created on first use)."""
    folder = folder or paths.data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_FILE_NAME
    if not path.exists():
        Document.create(path, demo_catalog()).close()
    return path
