"""The engine: ordering, counts, JSON, incremental checks and their cost, no false alarms."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from vcatalogs import UNIT, small_catalog, template_catalog

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta, Item
from zwgk_desktop.core.validation import (
    Issue,
    Severity,
    ValidationResult,
    domain_issues,
    validate_catalog,
    validate_domain,
    validate_item,
)


def test_bundled_templates_give_no_errors_and_no_warnings() -> None:
    catalog = template_catalog()
    result = validate_catalog(catalog)
    loud = [i for i in result.issues if i.severity is not Severity.INFO]
    assert loud == [], "\n".join(f"{i.rule} {i.domain} {i.item}: {i.message}" for i in loud)
    assert catalog.item_count() > 0


def test_a_new_catalog_with_every_domain_is_completely_clean() -> None:
    catalog = new_catalog(CatalogMeta(unit=UNIT, year="2026"))
    assert validate_catalog(catalog).issues == []


def test_a_new_catalog_asks_for_the_notes_of_the_domains_not_chosen() -> None:
    catalog = new_catalog(CatalogMeta(unit=UNIT, year="2026"), ["社会救助"])
    result = validate_catalog(catalog)
    assert {i.rule for i in result.issues} == {"DOMAIN-NOTE-MISSING"}
    assert result.counts["error"] == len(catalog.domains) - 1


def _messy_catalog():
    catalog = small_catalog()
    catalog.meta.year = ""
    items = catalog.domains[0].items
    items[2].time_limit = "尽快"
    items[2].basis = "相关法律法规"
    items[0].subject = ""
    items[0].audience = ["特定群体"]
    return catalog


def test_issues_are_ordered_by_domain_item_field_and_counted() -> None:
    result = validate_catalog(_messy_catalog())
    located = [(i.domain_id, i.item, i.field, i.rule) for i in result.issues]
    assert located == [
        (None, None, "year", "META-YEAR"),
        ("social-assistance", 1, "subject", "REQ-SUBJECT"),
        ("social-assistance", 1, "audience_note", "AUDIENCE-NOTE-MISSING"),
        ("social-assistance", 3, "basis", "BASIS-NO-CITATION"),
        ("social-assistance", 3, "time_limit", "TIME-VAGUE"),
    ]
    assert result.counts == {"error": 2, "warning": 2, "info": 1}
    assert result.has_errors
    assert [d for d, _ in result.by_domain()] == [None, "社会救助"]
    assert [i.rule for i in result.for_item("social-assistance", 3)] == [
        "BASIS-NO-CITATION",
        "TIME-VAGUE",
    ]


def test_json_form_is_the_cli_contract() -> None:
    data = validate_catalog(_messy_catalog()).to_json()
    assert set(data) == {"issues", "counts"}
    first = data["issues"][1]
    assert {"rule", "severity", "domain", "item", "field", "message"} <= set(first)
    assert first["severity"] == "error" and first["domain"] == "社会救助" and first["item"] == 1
    assert first["field"] == "subject" and first["domain_id"] == "social-assistance"


def test_severity_labels() -> None:
    assert [s.label for s in Severity] == ["错误", "警告", "提示"]
    assert [s.value for s in Severity] == ["error", "warning", "info"]


def test_validate_domain_is_domain_rules_plus_each_item() -> None:
    catalog = _messy_catalog()
    domain = catalog.domains[0]
    domain.items.append(domain.items[1].copy())  # a duplicate: a domain-level rule
    per_item = [i for n in range(len(domain.items)) for i in validate_item(catalog, domain, n)]
    combined = domain_issues(catalog, domain) + per_item
    assert sorted(validate_domain(catalog, domain), key=Issue.sort_key) == sorted(
        combined, key=Issue.sort_key
    )
    assert [i.rule for i in domain_issues(catalog, domain)] == ["DUPLICATE-ITEM"]
    assert all(i.item == 4 for i in domain_issues(catalog, domain))


def test_validate_item_of_a_not_involved_domain_is_empty() -> None:
    catalog = _messy_catalog()
    catalog.domains[0].not_involved = True
    assert validate_item(catalog, catalog.domains[0], 2) == []


def test_validate_item_is_fast() -> None:
    """The editor re-checks an edited item on every keystroke commit: well under 1 ms."""
    catalog = small_catalog()
    domain = catalog.domains[0]
    domain.items[1].basis = (
        "《中华人民共和国政府信息公开条例》（国务院令第492号）、民发〔2016 )115号" * 3
    )
    domain.items[1].channels.append("政府服务中心")
    timings = []
    for n in range(300):
        start = time.perf_counter()
        validate_item(catalog, domain, n % 3)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.001


def test_empty_result() -> None:
    result = ValidationResult()
    assert result.counts == {"error": 0, "warning": 0, "info": 0}
    assert not result.has_errors
    assert result.to_json() == {"issues": [], "counts": {"error": 0, "warning": 0, "info": 0}}


def test_an_item_without_names_is_called_by_its_number() -> None:
    catalog = small_catalog()
    catalog.domains[0].items.append(Item())
    issues = validate_item(catalog, catalog.domains[0], 3)
    assert {i.rule for i in issues} >= {"REQ-LEVEL1", "REQ-LEVEL2", "REQ-CONTENT"}
    assert all("第4项" in i.message for i in issues)


def test_validation_imports_no_qt() -> None:
    code = (
        "import sys, zwgk_desktop.core.validation, zwgk_desktop.core.validation.report_xlsx, "
        "zwgk_desktop.core.validation.docs, zwgk_desktop.cli.cmd_validate; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
