"""The shipped schema signatures: equal to what the migrations make, and what lets a
current file open without importing sqlite-utils (issue 14: first paint)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.review.schema import SCHEMA as REVIEW_SCHEMA
from zwgk_desktop.core.schema import SCHEMA
from zwgk_desktop.core.sqlite_gate import (
    Schema,
    check_schema,
    expected_live,
    expected_shipped,
)
from zwgk_desktop.core.storage import Document


@pytest.mark.parametrize("schema", [SCHEMA, REVIEW_SCHEMA], ids=["catalog", "review"])
def test_shipped_signatures_are_what_the_migrations_make(schema: Schema) -> None:
    shipped = expected_shipped(schema)
    assert shipped, "run scripts/schema_signatures.py after adding a migration"
    assert shipped == expected_live(schema)


def test_signatures_of_other_migrations_are_not_used(tmp_path: Path) -> None:
    """A migration added without regenerating: the shipped list is ignored, files still
    open (the slow way) and the new schema is recognised."""

    def m002_extra(db) -> None:
        db.execute("CREATE TABLE extra (x TEXT)")

    grown = Schema(SCHEMA.name, (*SCHEMA.steps, m002_extra))
    assert expected_shipped(grown) == ()
    conn = sqlite3.connect(tmp_path / "a.db", isolation_level=None)
    try:
        grown.migrations().apply(_database(conn))
        assert check_schema(conn, grown, "拒绝") == ("m001_catalog", "m002_extra")
        with pytest.raises(FileUnreadableError, match="拒绝"):
            check_schema(conn, SCHEMA, "拒绝")  # a table our migrations never make
    finally:
        conn.close()


def _database(conn: sqlite3.Connection):
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def test_opening_a_current_file_for_editing_needs_no_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    Document.create(path, Catalog(meta=CatalogMeta(unit="甲"))).close()
    script = (
        "import sys\n"
        "from zwgk_desktop.core.storage import Document\n"
        "doc = Document.open(sys.argv[1])\n"
        "assert not doc.read_only and doc.meta().unit == '甲'\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines()[0] == "False"


def test_a_file_without_the_migrations_record_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.zwgk"
    Document.create(path, Catalog(meta=CatalogMeta(unit="甲"))).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM _sqlite_migrations")
    conn.close()
    with pytest.raises(FileUnreadableError, match="篡改"):
        Document.open(path)
