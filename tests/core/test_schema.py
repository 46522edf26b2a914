"""Schema migrations are recorded and idempotent; opening applies pending ones."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.schema import MIGRATION_SET, SCHEMA
from zwgk_desktop.core.storage import Document


def test_migrations_are_recorded_and_reopening_applies_nothing_new(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    Document.create(path, Catalog(meta=CatalogMeta(unit="甲"))).close()
    with Document.open(path) as doc:
        migrations = SCHEMA.migrations()
        applied = [m.name for m in migrations.applied(doc.db)]
        assert applied == [m.name for m in migrations._migrations]
        assert migrations.pending(doc.db) == []
        rows = doc.db.execute("SELECT migration_set FROM _sqlite_migrations").fetchall()
        assert {r[0] for r in rows} == {MIGRATION_SET}


def test_sqlite_utils_plugins_never_touch_our_connections(tmp_path: Path) -> None:
    """Installed sqlite-utils plugins would run on every connection (and finding them
    scans every installed package at start): create, open and check without them."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path\n"
        "from zwgk_desktop.core.model import Catalog, CatalogMeta\n"
        "from zwgk_desktop.core.storage import Document\n"
        "path = Path(sys.argv[1])\n"
        "Document.create(path, Catalog(meta=CatalogMeta(unit='甲'))).close()\n"
        "Document.open(path).close()\n"
        "import sqlite_utils.plugins as p; print(p._plugins_loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "a.zwgk")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
