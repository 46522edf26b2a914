"""The validation engine: rules with stable ids, run over a catalog, a domain or one item.

    from zwgk_desktop.core.validation import validate_catalog
    result = validate_catalog(catalog)
    result.counts  # {"error": 0, "warning": 2, "info": 1}

The rule catalogue is :data:`RULES`; ``docs/rules.md`` is generated from it by
``python -m zwgk_desktop.core.validation.docs``.
"""

from __future__ import annotations

from zwgk_desktop.core.validation.engine import (
    ValidationResult,
    catalog_issues,
    count_issues,
    domain_issues,
    validate_catalog,
    validate_domain,
    validate_item,
)
from zwgk_desktop.core.validation.issue import Issue, Scope, Severity
from zwgk_desktop.core.validation.registry import (
    RULES,
    Rule,
    domain_checks_read,
    domain_checks_reading,
)

__all__ = [
    "RULES",
    "Issue",
    "Rule",
    "Scope",
    "Severity",
    "ValidationResult",
    "catalog_issues",
    "count_issues",
    "domain_checks_read",
    "domain_checks_reading",
    "domain_issues",
    "validate_catalog",
    "validate_domain",
    "validate_item",
]
