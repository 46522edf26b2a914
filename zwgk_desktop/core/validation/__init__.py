"""The validation engine: rules with stable ids, run over a catalog, a domain or one item.

    from zwgk_desktop.core.validation import validate_catalog
    result = validate_catalog(catalog)
    result.counts  # {"error": 0, "warning": 2, "info": 1}

The rule catalogue is :data:`RULES`; ``docs/rules.md`` is generated from it by
``python -m zwgk_desktop.core.validation.docs``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Where each name lives. Loaded on first use: ``Severity`` for a colour does not import
# the engine and every rule (~50 ms, which the app's first paint does not need).
_HOMES = {
    "ValidationResult": "engine",
    "catalog_issues": "engine",
    "count_issues": "engine",
    "domain_issues": "engine",
    "validate_catalog": "engine",
    "validate_domain": "engine",
    "validate_item": "engine",
    "Issue": "issue",
    "Scope": "issue",
    "Severity": "issue",
    "RULES": "registry",
    "Rule": "registry",
    "domain_checks_read": "registry",
    "domain_checks_reading": "registry",
}
_REGISTERED = {
    "RULES",
    "domain_checks_read",
    "domain_checks_reading",
}  # need the rules registered: the engine first

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name in _REGISTERED:
        importlib.import_module(f"{__name__}.engine")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
