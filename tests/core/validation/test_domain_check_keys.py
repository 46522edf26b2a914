"""Live validation skips the domain checks after an edit of a field none of them reads:
that is only safe if such an edit really cannot change their findings."""

from __future__ import annotations

from vcatalogs import small_catalog

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.validation import domain_checks_read, domain_issues


def _findings(catalog) -> list[tuple[str, str | None, int | None, str]]:
    domain = catalog.domains[0]
    return [(i.rule, i.field, i.item, i.message) for i in domain_issues(catalog, domain)]


def test_duplicates_read_level1_and_level2() -> None:
    assert domain_checks_read(["level2"])
    assert domain_checks_read(["time_limit", "level1"])
    assert not domain_checks_read(["time_limit", "content"])
    assert not domain_checks_read([])


def test_copying_a_field_the_domain_checks_do_not_read_changes_nothing() -> None:
    """Make item 1 equal to item 2 field by field; only the declared fields may matter."""
    for spec in FIELDS:
        catalog = small_catalog()
        items = catalog.domains[0].items
        for key in ("level1", "level2"):
            # one field short of a duplicate (or a full one if neither is the field)
            items[0].set(key, getattr(items[1], key) if key != spec.key else "独有的名称")
        middle = _findings(catalog)
        items[0].set(spec.key, getattr(items[1], spec.key))
        after = _findings(catalog)
        if domain_checks_read([spec.key]):
            assert spec.key in ("level1", "level2")
            assert after != middle, spec.key  # completes the duplicate
        else:
            assert after == middle, spec.key
