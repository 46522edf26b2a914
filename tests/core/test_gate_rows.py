"""The row gate's quick check (JSON columns once per distinct value) refuses exactly
what the row-by-row query refuses, and still names the first bad row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.gui.factories import small_catalog
from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.sqlite_gate import check_rows
from zwgk_desktop.core.storage import CATALOG_GATE, Document

ITEMS = next(rule for rule in CATALOG_GATE.rules if rule.table == "items")
BAD_VALUES = {
    "channels": ["1", "x'5b5d'", "'[1]'", "'{}'", "'[\"a\"'", "'[[\"a\"]]'"],
    "extra": ["'[]'", "'{\"a\": 1}'", "'nope'", "2.5"],
    # checked together with extra, in one pass over their distinct combinations
    "audience": ["'[1]'", "'{}'", "x'5b5d'"],
    "method": ["'[\"a\"'", "3"],
    "level": ["'[[\"a\"]]'"],
    "content": ["x'00'", "x'e4b8ad'"],  # TEXT affinity turns numbers into text
    "position": ["1.5", "'一'"],
}


def _document(tmp_path: Path) -> Path:
    path = tmp_path / "a.zwgk"
    Document.create(path, small_catalog()).close()
    return path


def _verdicts(conn: sqlite3.Connection) -> tuple[object, bool]:
    exact = conn.execute(ITEMS.bad_row_sql()).fetchone()
    quick = any(conn.execute(sql).fetchone() is not None for sql in ITEMS.clean_sqls())
    return exact, quick


def test_a_clean_table_passes_both_ways(tmp_path: Path) -> None:
    conn = sqlite3.connect(_document(tmp_path))
    try:
        assert _verdicts(conn) == (None, False)
        check_rows(conn, CATALOG_GATE.rules, "拒绝")
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("column", "value"), [(c, v) for c, values in BAD_VALUES.items() for v in values]
)
def test_a_planted_value_is_found_by_both_and_its_row_named(
    tmp_path: Path, column: str, value: str
) -> None:
    conn = sqlite3.connect(_document(tmp_path), isolation_level=None)
    try:
        rowids = [r[0] for r in conn.execute("SELECT rowid FROM items ORDER BY rowid")]
        target = rowids[len(rowids) // 2]
        conn.execute(f"UPDATE items SET {column} = {value} WHERE rowid = ?", (target,))
        exact, quick = _verdicts(conn)
        assert exact == (target,) and quick
        with pytest.raises(FileUnreadableError, match=f"事项第 {target} 条记录"):
            check_rows(conn, CATALOG_GATE.rules, "拒绝")
    finally:
        conn.close()


def test_the_quick_check_passes_over_the_items_three_times() -> None:
    """Rows, channel lists (thousands of distinct sets), and the few-valued JSON columns
    together: four separate passes for those cost ~15 ms more at each open of 16,000 items."""
    queries = ITEMS.clean_sqls()
    assert len(queries) == 3
    assert all(c in queries[2] for c in ("audience", "method", "level", "extra"))
