"""Diffs: against an earlier submission and against the standard templates."""

from __future__ import annotations

import json
from collections.abc import Callable

from zwgk_desktop.core.model import Catalog, Item
from zwgk_desktop.core.review.diff import diff_catalogs, diff_with_templates
from zwgk_desktop.core.review.diff_text import diff_text
from zwgk_desktop.core.templates import find_template


def test_identical_catalogs_have_no_diff(make_catalog: Callable[..., Catalog]) -> None:
    a, b = make_catalog(), make_catalog()
    diff = diff_catalogs(a, b, "一", "二")
    assert diff.is_empty
    assert diff.summary()["items_unchanged"] == a.item_count()
    assert "没有差异" in diff_text(diff)


def test_spacing_width_and_traditional_characters_are_not_changes(
    make_catalog: Callable[..., Catalog],
) -> None:
    a, b = make_catalog(), make_catalog()
    item = b.domain("social-assistance").items[0]
    item.level2 = item.level2.replace("", " ").strip()
    item.time_limit = (
        item.time_limit.replace("10", "１０") if "10" in item.time_limit else item.time_limit + " "
    )
    item.channels = list(reversed(item.channels))
    assert diff_catalogs(a, b).is_empty


def test_changes_are_reported_per_field_with_rows(make_catalog: Callable[..., Catalog]) -> None:
    a, b = make_catalog(), make_catalog()
    domain = b.domain("social-assistance")
    domain.items[1].time_limit = "自收到申请之日起20个工作日内"
    domain.items[2].channels = [*domain.items[2].channels, "精准推送"]
    removed = domain.items.pop(3)
    domain.items.insert(0, Item(level1="本地事项", level2="镇级补充事项"))
    elderly = b.domain("elderly-care")
    elderly.not_involved, elderly.note, elderly.items = True, "已划转", []
    b.meta.contact = "李四"

    diff = diff_catalogs(a, b, "第1轮", "第2轮")
    s = diff.summary()
    assert (s["items_added"], s["items_removed"], s["items_changed"]) == (
        1,
        1 + len(a.domain("elderly-care").items),
        2,
    )
    assert [m.field for m in diff.meta] == ["contact"]
    sa = diff.domain("social-assistance")
    changed = {c.new_index: [f.field for f in c.fields] for c in sa.items if c.change == "changed"}
    assert changed == {3: ["time_limit"], 4: ["channels"]}  # rows shifted by the insert
    channel_change = next(c for c in sa.items if c.new_index == 4).fields[0]
    assert channel_change.added == ["精准推送"] and channel_change.removed == []
    gone = next(c for c in sa.items if c.change == "removed")
    assert (gone.old_index, gone.level2) == (4, removed.level2)
    assert [a.field for a in diff.domain("elderly-care").attributes] == ["not_involved", "note"]
    text = diff_text(diff)
    assert "公开时限" in text and "+精准推送" in text and "原第4项" in text and "未涉及" in text


def test_json_shape_is_stable(make_catalog: Callable[..., Catalog]) -> None:
    a, b = make_catalog(), make_catalog()
    b.domain("social-assistance").items[0].content = "新的内容"
    data = json.loads(json.dumps(diff_catalogs(a, b, "A", "B").to_json(), ensure_ascii=False))
    assert data["format"] == "zwgk-diff" and data["version"] == 1 and data["mode"] == "catalog"
    assert set(data["summary"]) == {
        "items_added",
        "items_removed",
        "items_changed",
        "items_unchanged",
        "domains_added",
        "domains_removed",
        "domains_changed",
        "meta_changed",
    }
    domain = next(d for d in data["domains"] if d["id"] == "social-assistance")
    item = domain["items"][0]
    assert set(item) == {
        "change",
        "change_label",
        "old_item",
        "new_item",
        "level1",
        "level2",
        "matched_by",
        "fields",
    }
    assert (
        item["fields"][0]["field"] == "content" and item["fields"][0]["label"] == "公开内容(要素)"
    )


def test_a_fresh_catalog_equals_the_templates(make_catalog: Callable[..., Catalog]) -> None:
    diff = diff_with_templates(make_catalog())
    s = diff.summary()
    assert diff.is_empty and s["items_unchanged"] > 0
    statuses = {d.domain_id: d.status for d in diff.domains}
    assert statuses["social-assistance"] == "unchanged"
    assert statuses["health"] == "not_involved"


def test_template_diff_finds_missing_added_and_changed(
    make_catalog: Callable[..., Catalog],
) -> None:
    catalog = make_catalog()
    domain = catalog.domain("social-assistance")
    template = find_template("social-assistance")
    assert template is not None
    missing = domain.items.pop(0)
    domain.items[0].basis = "《某某办法》"
    domain.items[1].subject = "甲镇社会事务办"  # the township fills 公开主体 in: not a difference
    domain.items.append(Item(level1="本地", level2="本镇特色救助"))
    catalog.domains = [d for d in catalog.domains if d.id != "health"]

    diff = diff_with_templates(catalog, "甲镇.zwgk")
    sa = diff.domain("social-assistance")
    assert [(c.change, c.old_index, c.level2) for c in sa.items if c.change == "removed"] == [
        ("removed", 1, missing.level2)
    ]
    assert [c.level2 for c in sa.items if c.change == "added"] == ["本镇特色救助"]
    assert [[f.field for f in c.fields] for c in sa.items if c.change == "changed"] == [["basis"]]
    assert diff.domain("health").status == "removed"
    text = diff_text(diff)
    assert "缺少标准事项" in text and "标准第1项" in text and "缺少该领域" in text
    assert len(template.items) == len(domain.items)  # one removed, one added
    quick = diff_with_templates(catalog, compare_fields=False).summary()
    assert (quick["items_removed"], quick["items_added"], quick["items_changed"]) == (1, 1, 0)


def test_local_domain_is_reported_as_non_standard(make_catalog: Callable[..., Catalog]) -> None:
    from zwgk_desktop.core.model import Domain

    catalog = make_catalog()
    catalog.domains.append(
        Domain("local-1", "政府文件信息", [Item(level1="文件", level2="规范性文件")], pilot=False)
    )
    diff = diff_with_templates(catalog)
    local = diff.domain("local-1")
    assert local is not None and local.status == "added" and local.count("added") == 1
