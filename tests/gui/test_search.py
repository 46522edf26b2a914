"""Filtering and find/replace over the in-memory catalog (no Qt)."""

from __future__ import annotations

from tests.gui.factories import small_catalog
from zwgk_desktop.gui.search import Needle, filter_rows, find_all, replace_in_text, replaced_value


def test_filter_rows_matches_text_and_choice_terms() -> None:
    catalog = small_catalog()
    items = catalog.domains[0].items
    assert filter_rows(items, "") is None
    assert filter_rows(items, "事项3") == [2]
    assert filter_rows(items, "政务服务中心") == [0, 1, 2, 3, 4]
    assert filter_rows(items, "不存在的词") == []


def test_find_all_scopes_to_domains_and_fields() -> None:
    catalog = small_catalog()
    all_hits = find_all(catalog, "事项1")
    assert {(m.domain_id, m.row, m.key) for m in all_hits} == {
        ("alpha", 0, "level2"),
        ("beta", 0, "level2"),
    }
    assert [m.domain_id for m in find_all(catalog, "事项1", domain_ids=["beta"])] == ["beta"]
    assert find_all(catalog, "办理流程", keys=["level2"]) == []


def test_replace_is_case_insensitive_for_ascii_only() -> None:
    assert replace_in_text("App官网与app", Needle("APP"), "应用") == "应用官网与应用"
    assert replace_in_text("政务公开", Needle("公开"), "服务") == "政务服务"


def test_replaced_choice_value_is_canonicalised() -> None:
    item = small_catalog().domains[0].items[0]
    assert replaced_value(item, "channels", "政务服务中心", "便民服务站") == [
        "政府网站",
        "便民服务站",
    ]
    assert replaced_value(item, "level2", "不在", "x") is None
    assert replaced_value(item, "level2", "事项", "条目") == "条目1"
