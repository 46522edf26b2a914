"""Run the rules: a whole catalog, one domain (for live re-check) or one item (<1 ms).

Item rules see only their item and the catalog's level names, so re-validating an edited
item is independent of catalog size; the domain rules (duplicates, status) are O(n) in
the domain's items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from zwgk_desktop.core.model import Catalog, Domain
from zwgk_desktop.core.sources.active import clear_match_caches

# Importing the rule modules registers their rules and checks, in documentation order.
from zwgk_desktop.core.validation import (  # noqa: F401
    rules_basis,
    rules_catalog,
    rules_cells,
    rules_channels,
    rules_choices,
    rules_consistency,
    rules_required,
    rules_time,
)
from zwgk_desktop.core.validation.duplicates import DuplicateIndex
from zwgk_desktop.core.validation.issue import Issue, Severity
from zwgk_desktop.core.validation.registry import (
    CATALOG_CHECKS,
    DOMAIN_CHECKS,
    ITEM_CHECKS,
    CatalogContext,
    DomainContext,
    ItemContext,
)


def clear_caches() -> None:
    """Forget the memoised per-text results (phrasings repeat, so they are cached)."""
    for cached in (
        rules_time.time_problem,
        rules_basis.basis_findings,
        rules_channels.channel_suggestion,
    ):
        cached.cache_clear()
    clear_match_caches()


def count_issues(issues: Iterable[Issue]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for issue in issues:
        counts[issue.severity.value] += 1
    return counts


@dataclass
class ValidationResult:
    """All issues of a catalog, ordered by domain, item, field."""

    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: count_issues(()))

    @property
    def has_errors(self) -> bool:
        return self.counts["error"] > 0

    def to_json(self) -> dict[str, Any]:
        return {"issues": [issue.to_json() for issue in self.issues], "counts": dict(self.counts)}

    def by_domain(self) -> list[tuple[str | None, list[Issue]]]:
        """Issues grouped by domain name (None = the catalog itself), in result order."""
        groups: dict[str | None, list[Issue]] = {}
        for issue in self.issues:
            groups.setdefault(issue.domain, []).append(issue)
        return list(groups.items())

    def for_item(self, domain_id: str, item: int) -> list[Issue]:
        """The issues of one item (``item`` 1-based), e.g. for the editor's cell marks."""
        return [i for i in self.issues if i.domain_id == domain_id and i.item == item]


def _sorted(issues: list[Issue]) -> list[Issue]:
    issues.sort(key=Issue.sort_key)
    return issues


def _run_item(
    catalog: Catalog, domain: Domain, index0: int, levels: tuple[str, ...], out: list[Issue]
) -> None:
    ctx = ItemContext(catalog, domain, index0, levels, out)
    for check in ITEM_CHECKS:
        check(ctx)


def validate_item(catalog: Catalog, domain: Domain, index0: int) -> list[Issue]:
    """The item-local rules for ``domain.items[index0]`` (domain rules such as duplicates
    are in :func:`domain_issues`)."""
    if domain.not_involved:
        return []
    issues: list[Issue] = []
    _run_item(catalog, domain, index0, tuple(catalog.meta.levels), issues)
    return _sorted(issues)


def domain_issues(
    catalog: Catalog, domain: Domain, duplicates: DuplicateIndex | None = None
) -> list[Issue]:
    """Only the domain-level rules (status, 说明, duplicates): O(n), for live re-checks.

    ``duplicates``: an index of the domain's items that the caller keeps up to date
    (then the duplicate rule reads it instead of building its own)."""
    issues: list[Issue] = []
    ctx = DomainContext(catalog, domain, issues, duplicates)
    for check in DOMAIN_CHECKS:
        check(ctx)
    return _sorted(issues)


def validate_domain(catalog: Catalog, domain: Domain) -> list[Issue]:
    """Domain-level rules plus every item of the domain (nothing per item if 未涉及)."""
    issues: list[Issue] = []
    ctx = DomainContext(catalog, domain, issues)
    for check in DOMAIN_CHECKS:
        check(ctx)
    if not domain.not_involved:
        levels = tuple(catalog.meta.levels)
        for index0 in range(len(domain.items)):
            _run_item(catalog, domain, index0, levels, issues)
    return _sorted(issues)


def catalog_issues(catalog: Catalog) -> list[Issue]:
    """Only the catalog-level rules (meta, duplicate domains)."""
    issues: list[Issue] = []
    ctx = CatalogContext(catalog, issues)
    for check in CATALOG_CHECKS:
        check(ctx)
    return issues


def validate_catalog(catalog: Catalog) -> ValidationResult:
    issues = catalog_issues(catalog)
    for domain in catalog.domains:
        issues.extend(validate_domain(catalog, domain))
    return ValidationResult(issues=issues, counts=count_issues(issues))
