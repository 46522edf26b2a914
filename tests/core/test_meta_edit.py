"""目录信息 changes: which 公开主体 cells follow a new unit name (no Qt)."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.meta_edit import changed_fields, following_subjects, levels_in_use
from zwgk_desktop.core.model import UNIT_PLACEHOLDER, CatalogMeta, Domain, Item
from zwgk_desktop.core.storage import Document

OLD = "城关镇人民政府"
NEW = "城关街道办事处"


def _stored_catalog(tmp_path: Path, unit: str = OLD):
    path = tmp_path / "c.zwgk"
    Document.create(path, new_catalog(CatalogMeta(unit=unit, year="2026"), ["社会救助"])).close()
    with Document.open(path) as doc:
        return doc.load_catalog()


def test_generated_subjects_follow_and_hand_edited_ones_stay(tmp_path: Path) -> None:
    catalog = _stored_catalog(tmp_path)
    domain = next(d for d in catalog.domains if d.items)
    generated = [item for item in domain.items if item.subject == OLD]
    assert len(generated) >= 3
    generated[0].subject = "城关镇民政办"  # the clerk's own wording
    generated[1].subject = OLD + "（民政办）"
    changes = following_subjects(catalog, OLD, NEW)
    changed_ids = {c.item_id for c in changes}
    assert generated[0].id not in changed_ids
    assert generated[1].id not in changed_ids
    assert {item.id for item in generated[2:]} <= changed_ids
    assert all(c.old == OLD and c.new == NEW for c in changes)


def test_no_change_for_same_unit_custom_domains_or_items_without_template(tmp_path: Path) -> None:
    catalog = _stored_catalog(tmp_path)
    assert following_subjects(catalog, OLD, OLD) == []
    catalog.domains.append(
        Domain(id="custom-x", name="自定义", pilot=False, items=[Item(subject=OLD, id=99999)])
    )
    inserted = Item(subject=OLD, id=88888)  # typed by hand in a new row: no template_ref
    next(d for d in catalog.domains if d.items).items.append(inserted)
    ids = {c.item_id for c in following_subjects(catalog, OLD, NEW)}
    assert 99999 not in ids and 88888 not in ids


def test_empty_unit_placeholder_is_filled_and_cleared_again(tmp_path: Path) -> None:
    catalog = _stored_catalog(tmp_path, unit="")
    domain = next(d for d in catalog.domains if d.items)
    assert any(item.subject == UNIT_PLACEHOLDER for item in domain.items)
    changes = following_subjects(catalog, "", NEW)
    assert changes and all(c.old == UNIT_PLACEHOLDER and c.new == NEW for c in changes)
    for change in changes:
        next(i for i in domain.items if i.id == change.item_id).subject = change.new
    back = following_subjects(catalog, NEW, "")
    assert {c.item_id for c in back} == {c.item_id for c in changes}
    assert all(c.new == UNIT_PLACEHOLDER for c in back)


def test_changed_fields_and_levels_in_use(tmp_path: Path) -> None:
    old = CatalogMeta(unit=OLD, year="2026")
    new = CatalogMeta(unit=NEW, year="2026", contact="张三", levels=["县级"])
    assert changed_fields(old, new) == ["单位名称", "联系人", "公开层级"]
    assert changed_fields(old, CatalogMeta(unit=OLD, year="2026")) == []
    counts = levels_in_use(_stored_catalog(tmp_path))
    assert counts.get("乡级", 0) > 0


def test_document_writes_meta_and_subjects_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "c.zwgk"
    Document.create(path, new_catalog(CatalogMeta(unit=OLD, year="2026"), ["社会救助"])).close()
    with Document.open(path) as doc:
        catalog = doc.load_catalog()
        change = following_subjects(catalog, OLD, NEW)[0]
        doc.set_meta(CatalogMeta(unit=NEW, year="2027"), [(change.item_id, "subject", NEW)])
    with Document.open(path) as doc:
        assert doc.meta().unit == NEW and doc.meta().year == "2027"
        assert doc.item(change.item_id).subject == NEW
