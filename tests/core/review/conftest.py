"""Shared builders for the review tests: a real township catalog written as a .zwgk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.storage import Document

UNIT = "甲镇人民政府"
DOMAINS = ["social-assistance", "elderly-care"]


def township_catalog(unit: str = UNIT, domains: list[str] | None = None) -> Catalog:
    catalog = new_catalog(
        CatalogMeta(unit=unit, region="乙县", year="2026", contact="张三"), domains or DOMAINS
    )
    for domain in catalog.domains:
        if domain.not_involved:
            domain.note = "本镇无该领域职能，由县级部门公开"
    return catalog


def write_submission(path: Path, catalog: Catalog | None = None) -> Path:
    Document.create(path, catalog or township_catalog()).close()
    return path


@pytest.fixture
def make_catalog() -> Callable[..., Catalog]:
    """Builder of a fresh township catalog (a function, so a test can make several)."""
    return township_catalog


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "收件"
    folder.mkdir()
    return write_submission(folder / "甲镇.zwgk")
