"""Catalogs handed down: county → township (乡级) → village (村级), without Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.handdown import (
    default_level,
    derive_catalog,
    derive_villages,
    level_of_unit,
    parse_village_names,
    replace_subject,
    same_unit,
)
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.storage import Document

COUNTY = "平安县人民政府"
TOWN = "城关镇人民政府"
DAY = dt.date(2026, 3, 1)


def county_catalog() -> Catalog:
    return new_catalog(CatalogMeta(unit=COUNTY, year="2026", date="2026-01-15"))


def _item(level1: str, level2: str, subject: str, level: list[str]) -> Item:
    return Item(
        level1=level1,
        level2=level2,
        content="办理条件、所需材料",
        basis="《中华人民共和国政府信息公开条例》",
        time_limit="信息形成或者变更之日起20个工作日内",
        subject=subject,
        channels=["政府网站"],
        audience=["全社会"],
        method=["主动"],
        level=level,
    )


def test_unit_names_compare_without_government_endings() -> None:
    assert same_unit("平安县人民政府", "平安县政府")
    assert same_unit("平安县", "平 安 县 人民政府")
    assert same_unit("东街街道办事处", "东街街道")
    assert not same_unit("县民政局", "平安县人民政府")
    assert not same_unit("平安县人民政府办公室", "平安县人民政府")
    assert level_of_unit("平安县人民政府") == "乡级"
    assert level_of_unit("城关镇人民政府") == "村级"
    assert level_of_unit("东街街道办事处") == "村级"
    assert level_of_unit("") == "乡级"


def test_subject_replaced_only_where_the_parent_unit_was_the_subject() -> None:
    assert replace_subject("平安县人民政府", COUNTY, TOWN) == (TOWN, True)
    assert replace_subject("平安县政府", COUNTY, TOWN) == (TOWN, True)
    assert replace_subject("县民政局", COUNTY, TOWN) == ("县民政局", False)
    assert replace_subject("平安县人民政府、县民政局", COUNTY, TOWN) == (
        f"{TOWN}、县民政局",
        True,
    )
    assert replace_subject("【单位名称】", COUNTY, TOWN) == (TOWN, True)


def test_county_to_township_keeps_township_items_and_records_the_source() -> None:
    county = county_catalog()
    result = derive_catalog(county, TOWN, "乡级", "/收件/平安县目录.zwgk", today=DAY)
    town = result.catalog
    county_items = [i for d in county.domains for i in d.items]
    expected = [i for i in county_items if "乡级" in i.level]
    assert result.level == "乡级"
    assert result.kept == len(expected) == town.item_count()
    assert result.dropped == len(county_items) - len(expected) > 0
    assert all("乡级" in i.level for d in town.domains for i in d.items)
    assert {i.subject for d in town.domains for i in d.items} == {TOWN}
    assert town.meta.unit == TOWN and town.meta.year == "2026"
    assert town.meta.source == {
        "file": "平安县目录.zwgk",
        "unit": COUNTY,
        "year": "2026",
        "date": "2026-01-15",
        "level": "乡级",
        "derived": "2026-03-01",
    }
    assert town.meta.date == "2026-03-01"
    assert result.validation is not None and result.validation.counts["error"] == 0
    # Template provenance survives, so the county can compare the township with itself.
    refs = [i.template_ref for d in town.domains for i in d.items]
    assert all(refs) and len(set(refs)) == len(refs)


def test_other_subjects_stay_and_empty_domains_become_not_involved() -> None:
    parent = Catalog(
        meta=CatalogMeta(unit=COUNTY, year="2025"),
        domains=[
            Domain(
                "social-assistance",
                "社会救助",
                [
                    _item("最低生活保障", "审核信息", "平安县人民政府", ["县级", "乡级"]),
                    _item("最低生活保障", "审批信息", "县民政局", ["县级", "乡级"]),
                    _item("综合业务", "政策法规文件", "平安县政府", ["县级"]),
                ],
            ),
            Domain("tax", "税收管理", [_item("政策法规", "税收法律", "县税务局", ["县级"])]),
            Domain("elderly-care", "养老服务", not_involved=True, note="本县另行公开"),
        ],
    )
    result = derive_catalog(parent, TOWN)  # the level follows from a county's name: 乡级
    domains = {d.id: d for d in result.catalog.domains}
    assert [i.subject for i in domains["social-assistance"].items] == [TOWN, "县民政局"]
    assert result.subjects_replaced == 1
    assert domains["tax"].not_involved and not domains["tax"].items
    assert domains["tax"].note == "上级目录中本领域没有需乡级公开的事项。"
    assert result.emptied == ["税收管理"]
    assert domains["elderly-care"].not_involved
    assert domains["elderly-care"].note == "上级目录中本领域未涉及。"
    # The parent is untouched.
    assert parent.domains[0].items[0].subject == "平安县人民政府"


def test_township_to_villages_gives_the_same_content_for_the_same_items() -> None:
    town = derive_catalog(county_catalog(), TOWN, "乡级", today=DAY).catalog
    assert level_of_unit(town.meta.unit) == "村级"
    town.meta.unit = "城关"  # the name does not tell; the recorded hand-down does
    assert default_level(town) == "村级" and default_level(county_catalog()) == "乡级"
    town.meta.unit = TOWN
    villages = derive_villages(town, ["甲村", "乙社区"], "城关镇目录.zwgk", today=DAY)
    a, b = (v.catalog for v in villages)
    assert a.item_count() == b.item_count() > 0
    assert all("村级" in i.level for d in a.domains for i in d.items)
    for da, db in zip(a.domains, b.domains, strict=True):
        assert da.not_involved == db.not_involved and da.note == db.note
        for ia, ib in zip(da.items, db.items, strict=True):
            assert ia.subject == "甲村" and ib.subject == "乙社区"
            ia.subject = ib.subject = ""
            assert ia.content_equals(ib)
    assert a.meta.source["unit"] == TOWN and a.meta.source["level"] == "村级"


def test_refuses_a_parent_without_levels_and_a_wrong_level() -> None:
    bare = Catalog(
        meta=CatalogMeta(unit=COUNTY),
        domains=[Domain("tax", "税收管理", [_item("政策法规", "税收法律", COUNTY, [])])],
    )
    with pytest.raises(ZwgkError, match="公开层级"):
        derive_catalog(bare, TOWN)
    with pytest.raises(ZwgkError, match="乡级”或“村级"):
        derive_catalog(county_catalog(), TOWN, "县级")
    with pytest.raises(ZwgkError, match="没有事项"):
        derive_catalog(Catalog(meta=CatalogMeta(unit=COUNTY)), TOWN)


def test_village_list_parsing() -> None:
    assert parse_village_names("\ufeff甲村\n\n乙村 \n甲村\n丙社区、丁村") == [
        "甲村",
        "乙村",
        "丙社区",
        "丁村",
    ]
    with pytest.raises(ZwgkError):
        parse_village_names(" \n ")


def test_source_survives_storage_json_and_xlsx(tmp_path: Path) -> None:
    town = derive_catalog(county_catalog(), TOWN, "乡级", "县.zwgk", today=DAY).catalog
    path = tmp_path / "镇.zwgk"
    Document.create(path, town).close()
    loaded = load_catalog(path)
    assert loaded.meta.source == town.meta.source
    data = loaded.to_dict()
    assert data["meta"]["source"]["unit"] == COUNTY
    assert Catalog.from_dict(data).meta.source == town.meta.source
    # A catalog not handed down keeps the old JSON shape.
    assert "source" not in county_catalog().to_dict()["meta"]
    from zwgk_desktop.core.xlsx import export_workbook

    xlsx = tmp_path / "镇.xlsx"
    export_workbook(loaded, xlsx)
    assert load_catalog(xlsx).meta.source == town.meta.source
