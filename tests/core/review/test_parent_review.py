"""Reviewing a township's catalog against the county's, and turning it into opinions."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.handdown import derive_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.review.diff import PARENT, diff_with_parent
from zwgk_desktop.core.review.diff_text import diff_text
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.storage import Document

COUNTY = "平安县人民政府"
TOWN = "城关镇人民政府"


def county() -> Catalog:
    return new_catalog(CatalogMeta(unit=COUNTY, year="2026"))


def edited_township(parent: Catalog) -> Catalog:
    """Handed down, then: one subject spelled differently (not a change), one time limit
    changed, one item dropped, one local item added, one domain marked 未涉及."""
    town = derive_catalog(parent, TOWN).catalog
    social = town.domain("social-assistance")
    assert social is not None
    social.items[0].subject = "城关镇政府"
    social.items[1].time_limit = "10个工作日内"
    dropped = social.items.pop(2)
    local = dropped.copy()
    local.level1, local.level2, local.template_ref = "本镇事项", "镇级临时救助备用金", ""
    local.content = "备用金额度、使用范围、审批流程"
    social.items.append(local)
    tax = town.domain("elderly-care")
    assert tax is not None
    tax.items, tax.not_involved, tax.note = [], True, "本镇无养老服务机构"
    return town


def test_a_faithful_township_has_no_differences_from_its_county() -> None:
    parent = county()
    town = derive_catalog(parent, TOWN).catalog
    diff = diff_with_parent(town, parent)
    assert diff.mode == PARENT and diff.is_empty
    assert diff.summary()["items_unchanged"] == town.item_count()
    # The township's own 未涉及说明 and unit details are not differences.
    for domain in town.domains:
        if domain.not_involved:
            domain.note = "本镇另有说明"
    town.meta.region, town.meta.contact = "平安县", "王芳"
    assert diff_with_parent(town, parent).is_empty


def test_dropped_added_and_changed_items_against_the_county() -> None:
    parent = county()
    diff = diff_with_parent(edited_township(parent), parent, label="城关镇.zwgk")
    s = diff.summary()
    tax_items = len(parent.domain("elderly-care").items)  # type: ignore[union-attr]
    tax_town = [i for i in parent.domain("elderly-care").items if "乡级" in i.level]  # type: ignore[union-attr]
    assert s["items_changed"] == 1 and s["items_added"] == 1
    assert s["items_removed"] == 1 + len(tax_town) and tax_items >= len(tax_town) > 0
    social = diff.domain("social-assistance")
    assert social is not None
    changed = next(c for c in social.items if c.change == "changed")
    assert [f.field for f in changed.fields] == ["time_limit"]  # the subject is not a change
    removed = next(c for c in social.items if c.change == "removed")
    assert removed.old_index == 3  # the row in the county's own catalog
    added = next(c for c in social.items if c.change == "added")
    assert added.level2 == "镇级临时救助备用金"
    tax = diff.domain("elderly-care")
    assert tax is not None and [a.field for a in tax.attributes] == ["not_involved"]
    text = diff_text(diff)
    assert "与上级目录比较" in text and "未采用上级事项" in text and "上级第3项" in text
    assert diff.to_json()["mode"] == "parent"


def test_differences_become_opinions_once(tmp_path: Path) -> None:
    parent = county()
    submission = tmp_path / "城关镇.zwgk"
    Document.create(submission, edited_township(parent)).close()
    with ReviewSession.open_for_review(submission, "县审核员") as session:
        diff = session.diff_to_parent(parent, parent_label="平安县.zwgk")
        ids = session.comments_from_parent(diff)
        summary = diff.summary()
        assert len(ids) == summary["items_removed"] + summary["items_added"] + 1 + 1
        comments = {c.id: c for c in session.comments()}
        rules = sorted({comments[i].rule for i in ids})
        assert rules == ["parent.added", "parent.changed", "parent.domain", "parent.removed"]
        changed = next(comments[i] for i in ids if comments[i].rule == "parent.changed")
        assert changed.anchor.field == "time_limit" and "10个工作日内" in changed.problem
        location = session.index().location(changed.id)
        assert (location.domain_id, location.row) == ("social-assistance", 1)
        assert all(comments[i].source == "parent" for i in ids)
        assert session.comments_from_parent(parent) == []  # nothing twice
