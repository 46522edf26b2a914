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


def test_find_from_resumes_after_the_cursor_and_wraps() -> None:
    from zwgk_desktop.gui.search import find_from

    domains = small_catalog().domains
    for domain in domains:
        for n, item in enumerate(domain.items):
            item.id = n + 1
    hit, wrapped = find_from(domains, "事项3", (0, 0, "level1"))
    assert (hit.domain_id, hit.row, hit.key, wrapped) == ("alpha", 2, "level2", False)
    hit, wrapped = find_from(domains, "事项3", (0, 2, "level2"))
    assert (hit.domain_id, hit.row, wrapped) == ("beta", 2, False)
    hit, wrapped = find_from(domains, "事项3", (1, 2, "level2"))
    assert (hit.domain_id, hit.row, wrapped) == ("alpha", 2, True)  # past the end: from the top
    hit, wrapped = find_from(domains, "事项3", (1, 2, "level2"), forward=False)
    assert (hit.domain_id, hit.row, wrapped) == ("alpha", 2, False)
    hit, wrapped = find_from(domains, "事项3", (0, 2, "level2"), forward=False)
    assert (hit.domain_id, hit.row, wrapped) == ("beta", 2, True)
    only = find_from(domains[:1], "事项3", (0, 2, "level2"))  # the only match is the cursor
    assert (only[0].row, only[0].key, only[1]) == (2, "level2", True)
    assert find_from(domains, "事项3", None, keys=["content"])[0] is None
    assert find_from(domains, "政务服务中心", (0, 0, "level1"))[0].key == "channels"
    assert find_from(domains, "没有的词", (0, 0, "level1")) == (None, False)
