"""Every rule fires on a crafted defect, at the right place, and not on the clean catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from vcatalogs import small_catalog

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.validation import RULES, Severity, validate_catalog
from zwgk_desktop.core.validation.rules_required import rule_id_for


@dataclass(frozen=True)
class Case:
    rule: str
    mutate: Callable[[Catalog], None]
    domain: str | None  # domain id expected on the issue
    item: int | None
    field: str | None


SA = "social-assistance"


def _item(catalog: Catalog, n: int = 1):
    return catalog.domains[0].items[n - 1]


def _set(field: str, value: object, n: int = 2) -> Callable[[Catalog], None]:
    def mutate(catalog: Catalog) -> None:
        _item(catalog, n).set(field, value)

    return mutate


def _append_channel(value: str) -> Callable[[Catalog], None]:
    def mutate(catalog: Catalog) -> None:
        _item(catalog, 2).channels.append(value)

    return mutate


def _meta(field: str, value: str) -> Callable[[Catalog], None]:
    def mutate(catalog: Catalog) -> None:
        setattr(catalog.meta, field, value)

    return mutate


def _soon_replaced(catalog: Catalog) -> None:
    catalog.meta.year = "2025"  # judged on 2025-12-31: the 条例 is replaced from 2026-05-01
    _item(catalog, 2).basis = "《危险化学品安全管理条例》（国务院令第591号）"


def _no_domains(catalog: Catalog) -> None:
    catalog.domains.clear()


def _duplicate_domain(catalog: Catalog) -> None:
    copy = small_catalog().domains[0]
    catalog.domains.append(copy)


def _empty_domain(catalog: Catalog) -> None:
    catalog.domains[0].items.clear()


def _not_involved_without_note(catalog: Catalog) -> None:
    catalog.domains[0].items.clear()
    catalog.domains[0].not_involved = True


def _not_involved_with_items(catalog: Catalog) -> None:
    catalog.domains[0].not_involved = True
    catalog.domains[0].note = "本镇不承担社会救助审批职能，由县民政局公开。"


def _duplicate_item(catalog: Catalog) -> None:
    items = catalog.domains[0].items
    copy = items[0].copy()
    copy.level2 = f" {copy.level2} "  # spaces do not make it different
    items.append(copy)


def _apply_only(catalog: Catalog) -> None:
    item = _item(catalog, 2)
    item.method = ["依申请"]
    item.audience = ["全社会"]
    item.audience_note = ""


REQUIRED_CASES = [
    Case(rule_id_for(spec.key), _set(spec.key, [] if spec.is_choice else "  —  "), SA, 2, spec.key)
    for spec in FIELDS
    if spec.required
]

CASES = [
    *REQUIRED_CASES,
    Case("META-UNIT", _meta("unit", ""), None, None, "unit"),
    Case("META-YEAR", _meta("year", " "), None, None, "year"),
    Case("CATALOG-NO-DOMAINS", _no_domains, None, None, None),
    Case("DOMAIN-DUPLICATE", _duplicate_domain, SA, None, "name"),
    Case("DOMAIN-EMPTY", _empty_domain, SA, None, None),
    Case("DOMAIN-NOTE-MISSING", _not_involved_without_note, SA, None, "note"),
    Case("DOMAIN-NOT-INVOLVED-ITEMS", _not_involved_with_items, SA, None, None),
    Case(
        "CELL-SPAM",
        _set("content", "申请条件、申请材料、飞禽走兽老虎机、办理流程。"),
        SA,
        2,
        "content",
    ),
    Case("CELL-CONTROL-CHARS", _set("content", "申请条件\x07申请材料"), SA, 2, "content"),
    Case("CELL-TOO-LONG", _set("content", "申请条件" * 9000), SA, 2, "content"),
    Case("CELL-PLACEHOLDER", _set("subject", "【单位名称】"), SA, 2, "subject"),
    Case("CELL-DITTO", _set("time_limit", "同上"), SA, 2, "time_limit"),
    Case("TIME-VAGUE", _set("time_limit", "尽快"), SA, 2, "time_limit"),
    Case("TIME-UNRECOGNISED", _set("time_limit", "按有关规定公开"), SA, 2, "time_limit"),
    Case("BASIS-NO-CITATION", _set("basis", "相关法律法规"), SA, 2, "basis"),
    Case("BASIS-NO-TITLE-MARKS", _set("basis", "中华人民共和国政府信息公开条例"), SA, 2, "basis"),
    Case(
        "BASIS-TITLE-UNBALANCED",
        _set("basis", "《社会救助暂行办法（国务院令第649号）"),
        SA,
        2,
        "basis",
    ),
    Case(
        "BASIS-DOCNO-BROKEN",
        _set("basis", "《特困人员认定办法》（民发〔2016 )115号）"),
        SA,
        2,
        "basis",
    ),
    Case(
        "BASIS-DOCNO-BRACKETS",
        _set("basis", "《关于加强文化工作的通知》（文财务发[2011]5号）"),
        SA,
        2,
        "basis",
    ),
    Case(
        "BASIS-SUPERSEDED",
        _set("basis", "《中华人民共和国政府信息公开条例》（国务院令第492号）"),
        SA,
        2,
        "basis",
    ),
    Case("BASIS-REPLACED-SOON", _soon_replaced, SA, 2, "basis"),
    Case("CHANNEL-TYPO", _append_channel("政府服务中心"), SA, 2, "channels"),
    Case("CHANNEL-NONSTANDARD", _append_channel("乡镇党委例会"), SA, 2, "channels"),
    Case("VOCAB-UNKNOWN", _set("method", ["全文发布"]), SA, 2, "method"),
    Case("VOCAB-NONCANONICAL", _set("method", ["主动公开"]), SA, 2, "method"),
    Case("LEVEL-NOT-IN-CATALOG", _set("level", ["乡级", "村级"]), SA, 2, "level"),
    Case("APPLY-AUDIENCE", _apply_only, SA, 2, "audience"),
    Case("AUDIENCE-NOTE-MISSING", _set("audience", ["特定群体"]), SA, 2, "audience_note"),
    Case("DUPLICATE-ITEM", _duplicate_item, SA, 4, "level2"),
]


def test_the_base_catalog_is_clean() -> None:
    assert validate_catalog(small_catalog()).issues == []


def test_every_rule_has_a_crafted_case() -> None:
    assert {case.rule for case in CASES} == set(RULES)


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule_fires_at_its_location(case: Case) -> None:
    catalog = small_catalog()
    case.mutate(catalog)
    hits = [i for i in validate_catalog(catalog).issues if i.rule == case.rule]
    assert len(hits) == 1, hits
    issue = hits[0]
    assert issue.severity is RULES[case.rule].severity
    assert (issue.domain_id, issue.item, issue.field) == (case.domain, case.item, case.field)
    assert issue.message and "\n" not in issue.message
    assert issue.hint
    if issue.item is not None:
        # Messages name the item by its 一级/二级 names.
        item = catalog.domains[0].items[issue.item - 1]
        assert item.level2.strip() in issue.message or issue.rule.startswith("REQ-LEVEL")


def test_required_rules_follow_the_field_declarations() -> None:
    required = {rule_id_for(spec.key) for spec in FIELDS if spec.required}
    declared = {rule_id for rule_id in RULES if rule_id.startswith("REQ-")}
    assert declared == required
    assert all(RULES[r].severity is Severity.ERROR for r in required)


def test_level_is_only_required_when_the_catalog_uses_levels() -> None:
    catalog = small_catalog()
    catalog.meta.levels = []
    catalog.domains[0].items[0].level = []
    assert [i.rule for i in validate_catalog(catalog).issues] == []
    catalog.meta.levels = ["县级", "乡级"]
    assert [i.rule for i in validate_catalog(catalog).issues] == ["REQ-LEVEL"]


def test_not_involved_domain_is_skipped_except_for_its_note() -> None:
    catalog = small_catalog()
    domain = catalog.domains[0]
    domain.not_involved = True
    domain.note = "本镇未设社会救助经办机构，相关事项由县民政局公开。"
    domain.items[0].time_limit = "尽快"
    domain.items[1].basis = ""
    rules = [i.rule for i in validate_catalog(catalog).issues]
    assert rules == ["DOMAIN-NOT-INVOLVED-ITEMS"]
    domain.items.clear()
    assert validate_catalog(catalog).issues == []
