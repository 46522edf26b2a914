"""Fixtures for the validation tests."""

from __future__ import annotations

import pytest
from vcatalogs import small_catalog

from zwgk_desktop.core.model import Catalog


@pytest.fixture
def catalog() -> Catalog:
    return small_catalog()
