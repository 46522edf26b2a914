"""Merging catalogs read from several workbooks; private copies."""

from __future__ import annotations

from zwgk_desktop.core.merge import merge_catalogs
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item


def test_merge_concatenates_same_domain_and_takes_first_meta() -> None:
    a = Catalog(
        meta=CatalogMeta(unit="甲镇", levels=["县级"]),
        domains=[Domain("d1", "社会救助", [Item(level1="a")])],
    )
    b = Catalog(
        meta=CatalogMeta(unit="乙镇", year="2026", levels=["乡级"]),
        domains=[
            Domain("d1", "社会救助", [Item(level1="b")]),
            Domain("d2", "扶贫", [Item(level1="c")]),
        ],
    )
    merged, notes = merge_catalogs([a, b])
    assert merged.meta.unit == "甲镇" and merged.meta.year == "2026"
    assert merged.meta.levels == ["县级", "乡级"]
    assert [i.level1 for i in merged.domain("d1").items] == ["a", "b"]
    assert merged.domain("d2") is not None
    assert len(notes) == 1 and "社会救助" in notes[0]
    assert [i.level1 for i in a.domains[0].items] == ["a"]  # inputs untouched


def test_catalog_copy_is_independent() -> None:
    original = Catalog(
        domains=[Domain("d1", "社会救助", [Item(level1="a", channels=["政府网站"])])]
    )
    copy = original.copy()
    copy.domains[0].items[0].channels.append("其他")
    copy.domains[0].items.append(Item())
    copy.meta.levels.append("村级")
    assert original.domains[0].items[0].channels == ["政府网站"]
    assert len(original.domains[0].items) == 1
    assert original.meta.levels == ["县级", "乡级"]
    assert copy.to_dict()["domains"][0]["items"][0]["channels"] == ["政府网站", "其他"]
