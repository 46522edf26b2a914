"""Rule declarations and the check functions that emit them.

A :class:`Rule` is documentation plus identity: a stable id, a severity, a scope and the
Chinese title/description/hint shown to clerks and reviewers (``docs/rules.md`` is
generated from these). Check functions are separate: one check may emit several related
rules in a single pass over a field, which keeps validation of 100,000 items cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from zwgk_desktop.core.model import Catalog, Domain, Item
from zwgk_desktop.core.validation.issue import Issue, Scope, Severity
from zwgk_desktop.core.validation.textutil import item_label

# Families in documentation order: (key, Chinese heading).
FAMILIES: tuple[tuple[str, str], ...] = (
    ("meta", "目录信息"),
    ("domain", "领域"),
    ("required", "必填要素"),
    ("cell", "单元格内容"),
    ("time", "公开时限"),
    ("basis", "公开依据"),
    ("channels", "公开渠道和载体"),
    ("choices", "公开对象、方式与层级"),
    ("consistency", "一致性与重复"),
)
_FAMILY_KEYS = {key for key, _ in FAMILIES}


@dataclass(frozen=True)
class Rule:
    """The declaration of one rule; ``id`` never changes once released."""

    id: str
    severity: Severity
    scope: Scope
    family: str
    title: str
    description: str
    hint: str


RULES: dict[str, Rule] = {}


def declare(
    rule_id: str,
    severity: Severity,
    scope: Scope,
    family: str,
    title: str,
    description: str,
    hint: str,
) -> Rule:
    """Register a rule; ids are unique and families known (a developer error otherwise)."""
    if rule_id in RULES:
        raise ValueError(f"duplicate rule id {rule_id}")
    if family not in _FAMILY_KEYS:
        raise ValueError(f"unknown rule family {family}")
    rule = Rule(rule_id, severity, scope, family, title, description, hint)
    RULES[rule_id] = rule
    return rule


class ItemContext:
    """What an item check sees, and where it puts its issues."""

    __slots__ = ("catalog", "domain", "number", "item", "levels", "issues", "_label")

    def __init__(
        self,
        catalog: Catalog,
        domain: Domain,
        index0: int,
        levels: tuple[str, ...],
        issues: list[Issue],
    ) -> None:
        self.catalog = catalog
        self.domain = domain
        self.number = index0 + 1
        self.item: Item = domain.items[index0]
        self.levels = levels  # catalog.meta.levels as a tuple (empty: the catalog uses no levels)
        self.issues = issues
        self._label: str | None = None

    @property
    def label(self) -> str:
        """The item as messages name it, e.g. "最低生活保障/审核信息"."""
        if self._label is None:
            self._label = item_label(self.item, self.number)
        return self._label

    def report(self, rule: Rule, field: str | None, message: str, hint: str = "") -> None:
        self.issues.append(
            Issue(
                rule.id,
                rule.severity,
                self.domain.id,
                self.domain.name,
                self.number,
                field,
                message,
                hint or rule.hint,
            )
        )


class DomainContext:
    """What a domain-level check sees; ``duplicates`` is a :class:`DuplicateIndex` of the
    domain's current items when the caller keeps one (live validation), else None."""

    __slots__ = ("catalog", "domain", "issues", "duplicates")

    def __init__(
        self, catalog: Catalog, domain: Domain, issues: list[Issue], duplicates: Any = None
    ) -> None:
        self.catalog = catalog
        self.domain = domain
        self.issues = issues
        self.duplicates = duplicates

    def report(
        self, rule: Rule, field: str | None, message: str, hint: str = "", item: int | None = None
    ) -> None:
        self.issues.append(
            Issue(
                rule.id,
                rule.severity,
                self.domain.id,
                self.domain.name,
                item,
                field,
                message,
                hint or rule.hint,
            )
        )


class CatalogContext:
    """What a catalog-level check sees."""

    __slots__ = ("catalog", "issues")

    def __init__(self, catalog: Catalog, issues: list[Issue]) -> None:
        self.catalog = catalog
        self.issues = issues

    def report(
        self,
        rule: Rule,
        field: str | None,
        message: str,
        hint: str = "",
        domain: Domain | None = None,
    ) -> None:
        domain_id = domain.id if domain else None
        domain_name = domain.name if domain else None
        self.issues.append(
            Issue(
                rule.id,
                rule.severity,
                domain_id,
                domain_name,
                None,
                field,
                message,
                hint or rule.hint,
            )
        )


ItemCheck = Callable[[ItemContext], None]
DomainCheck = Callable[[DomainContext], None]
CatalogCheck = Callable[[CatalogContext], None]

ITEM_CHECKS: list[ItemCheck] = []
DOMAIN_CHECKS: list[DomainCheck] = []
CATALOG_CHECKS: list[CatalogCheck] = []


def item_check(fn: ItemCheck) -> ItemCheck:
    ITEM_CHECKS.append(fn)
    return fn


# The item fields any domain check reads; an edit of other fields cannot change what the
# domain checks find, so live validation skips them (at 100,000 items they cost a stall).
DOMAIN_CHECK_ITEM_KEYS: set[str] = set()
_ITEM_KEYS_OF: dict[DomainCheck, frozenset[str]] = {}  # each domain check's item fields


def domain_check(fn: DomainCheck | None = None, *, item_keys: Iterable[str] = ()) -> Any:
    """Register a domain check; ``item_keys`` are the item fields it reads (none: only the
    domain's own fields and its number of items)."""

    def register(check: DomainCheck) -> DomainCheck:
        DOMAIN_CHECKS.append(check)
        DOMAIN_CHECK_ITEM_KEYS.update(item_keys)
        _ITEM_KEYS_OF[check] = frozenset(item_keys)
        return check

    return register(fn) if fn is not None else register


def domain_checks_read(keys: Iterable[str]) -> bool:
    """True if a change of these item fields can change a domain check's findings."""
    return not DOMAIN_CHECK_ITEM_KEYS.isdisjoint(keys)


def domain_checks_reading(keys: Iterable[str]) -> list[DomainCheck]:
    """The domain checks whose findings a change of these item fields can change."""
    wanted = set(keys)
    return [check for check in DOMAIN_CHECKS if not _ITEM_KEYS_OF[check].isdisjoint(wanted)]


def catalog_check(fn: CatalogCheck) -> CatalogCheck:
    CATALOG_CHECKS.append(fn)
    return fn
