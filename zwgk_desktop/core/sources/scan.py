"""Every outdated citation in a catalog: for ``zwgk sources --check`` and reviewers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.sources.outdated import OutdatedCitation, outdated_citations
from zwgk_desktop.core.sources.register import Register
from zwgk_desktop.core.sources.status import AsOf, as_of_for
from zwgk_desktop.core.validation.textutil import item_label

CATALOG_SUFFIXES = (".zwgk", ".xlsx", ".json")


@dataclass(frozen=True)
class Finding:
    """One outdated citation located to domain, item (1-based) and the field 公开依据."""

    domain: str
    item: int
    label: str
    citation: OutdatedCitation

    def message(self, as_of: AsOf) -> str:
        return self.citation.message(f"“{self.label}”的公开依据", as_of)


def scan_catalog(
    catalog: Catalog, register: Register, today: date | None = None
) -> tuple[AsOf, list[Finding]]:
    """The outdated (and soon replaced) citations of every item's 公开依据."""
    as_of = as_of_for(catalog.meta.year, today)
    findings: list[Finding] = []
    for domain in catalog.domains:
        for n, item in enumerate(domain.items, start=1):
            if not item.basis:
                continue
            for citation in outdated_citations(item.basis, register, as_of.day):
                findings.append(Finding(domain.name, n, item_label(item, n), citation))
    return as_of, findings


def catalog_files(paths: list[str]) -> list[Path]:
    """Files as given, and the catalog files inside given folders (sorted, recursive)."""
    result: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            result.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in CATALOG_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
        else:
            result.append(path)
    return result
