"""Schema migrations are recorded and idempotent; opening applies pending ones."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.schema import MIGRATION_SET, migrations
from zwgk_desktop.core.storage import Document


def test_migrations_are_recorded_and_reopening_applies_nothing_new(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    Document.create(path, Catalog(meta=CatalogMeta(unit="甲"))).close()
    with Document.open(path) as doc:
        applied = [m.name for m in migrations.applied(doc.db)]
        assert applied == [m.name for m in migrations._migrations]
        assert migrations.pending(doc.db) == []
        rows = doc.db.execute("SELECT migration_set FROM _sqlite_migrations").fetchall()
        assert {r[0] for r in rows} == {MIGRATION_SET}
