"""Crafted SQLite files (issue 12, findings 1, 2, 3 and 9) through the installed ``zwgk``.

Each file is made by code from a genuine document or review file, then altered the way an
attacker or a broken tool would: a planted trigger, a generated column, values of the wrong
type or shape. Every one must end in exit 2 with one Chinese line, quickly, and never change
the user's own files.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"
BOMB = "printf('%.*c', 200000000, 'A')"


def zwgk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, env=env, timeout=120)


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _catalog(tmp_path: Path, name: str = "甲镇.zwgk") -> Path:
    path = tmp_path / name
    made = zwgk("new", str(path), "--unit", "甲镇人民政府", "--domains", "社会救助,养老服务")
    assert made.returncode == 0, made.stderr
    return path


def _alter(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = OFF")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _replace_column(
    table: str, column: str, definition: str
) -> Callable[[sqlite3.Connection], None]:
    """Rebuild ``table`` with ``column`` defined as ``definition`` (keeps the other columns)."""

    def run(conn: sqlite3.Connection) -> None:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        start = sql.index(f" {column} TEXT") + 1
        end = sql.index(",", start)
        new_sql = sql[:start] + f"{column} {definition}" + sql[end:]
        keep = [c for c in cols if c != column]
        conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
        conn.execute(new_sql)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(keep)}) SELECT {', '.join(keep)} FROM old_{table}"
        )
        conn.execute(f"DROP TABLE old_{table}")
        conn.commit()

    return run


# ----------------------------------------------------------------- finding 1 and 2: schema
def test_planted_trigger_is_refused_by_every_command(tmp_path: Path) -> None:
    doc = _catalog(tmp_path)
    _alter(doc, "CREATE TRIGGER wipe AFTER UPDATE ON items BEGIN DELETE FROM items; END")
    for args in (("show", str(doc)), ("validate", str(doc)), ("review", str(doc))):
        _refused(zwgk(*args), "可能被篡改", doc.name)
    _refused(zwgk("export", str(doc), "-o", str(tmp_path / "x.xlsx")), "可能被篡改")
    assert not (tmp_path / "x.xlsx").exists()
    conn = sqlite3.connect(doc)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] > 0
    conn.close()


@pytest.mark.parametrize(
    "plant",
    [
        "ALTER TABLE items ADD COLUMN evil TEXT GENERATED ALWAYS AS (" + BOMB + ") VIRTUAL",
        "CREATE VIEW v AS SELECT 1",
        "CREATE INDEX extra_idx ON items(content)",
        "CREATE TABLE unknown_table (x)",
        "ALTER TABLE items ADD COLUMN more TEXT",
    ],
    ids=["generated-column", "view", "index", "table", "added-column"],
)
def test_foreign_schema_objects_are_refused_quickly(tmp_path: Path, plant: str) -> None:
    doc = _catalog(tmp_path)
    _alter(doc, plant)
    started = time.monotonic()
    _refused(zwgk("export", str(doc), "-o", str(tmp_path / "x.xlsx")), "可能被篡改")
    assert time.monotonic() - started < 20


def test_generated_content_column_is_refused(tmp_path: Path) -> None:
    doc = _catalog(tmp_path)
    conn = sqlite3.connect(doc)
    _replace_column("items", "content", f"TEXT GENERATED ALWAYS AS ({BOMB}) VIRTUAL")(conn)
    conn.close()
    started = time.monotonic()
    _refused(zwgk("show", str(doc)), "可能被篡改")
    assert time.monotonic() - started < 20


# ----------------------------------------------------------------- finding 9: values
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE items SET channels = '[\"政府网站\"' WHERE id = 1",  # malformed JSON
        "UPDATE items SET channels = '{\"a\": 1}' WHERE id = 1",  # not a list
        "UPDATE items SET channels = '[1, 2]' WHERE id = 1",  # not strings
        "UPDATE items SET extra = '5' WHERE id = 1",
        "UPDATE items SET extra = '[1]' WHERE id = 1",
        'UPDATE items SET extra = \'{"x": {"y": 1}}\' WHERE id = 1',
        "UPDATE items SET content = x'00ff' WHERE id = 1",  # a BLOB
        "UPDATE items SET content = CAST(x'e4b8ff' AS TEXT) WHERE id = 1",  # not UTF-8
        "UPDATE items SET level = '" + "[" * 5000 + "]" * 5000 + "' WHERE id = 1",
        "UPDATE items SET position = 'abc' WHERE id = 1",
        "UPDATE domains SET aliases = 'nope'",
        "UPDATE meta SET value = '{\"a\":1}' WHERE key = 'levels'",
        "UPDATE items SET content = zeroblob(10)",
        "UPDATE items SET content = printf('%.*c', 1000001, 'x') WHERE id = 1",  # too long
        "UPDATE items SET channels = '[\"' || printf('%.*c', 1000001, 'x') || '\"]' WHERE id = 1",
    ],
)
def test_bad_values_are_exit_2_with_one_chinese_line(tmp_path: Path, sql: str) -> None:
    doc = _catalog(tmp_path)
    _alter(doc, sql)
    for args in (("show", str(doc), "--json"), ("validate", str(doc))):
        _refused(zwgk(*args), doc.name)


def test_a_long_chinese_text_within_the_character_limit_is_read(tmp_path: Path) -> None:
    """The length check counts characters (bytes only as a shortcut): 400,000 Chinese
    characters are 1.2 MB of UTF-8 but within the 1,000,000-character limit."""
    doc = _catalog(tmp_path)
    _alter(
        doc,
        "UPDATE items SET content = replace(printf('%.*c', 400000, 'x'), 'x', '政') WHERE id = 1",
    )
    result = zwgk("show", str(doc), "--json")
    assert result.returncode == 0, result.stderr


def test_dropped_column_is_refused(tmp_path: Path) -> None:
    doc = _catalog(tmp_path)
    _alter(doc, "ALTER TABLE items DROP COLUMN basis")
    _refused(zwgk("show", str(doc)), "可能被篡改")


# ----------------------------------------------------------------- finding 3: review files
def _reviewed(tmp_path: Path) -> tuple[Path, Path]:
    sub = _catalog(tmp_path)
    added = zwgk("review", str(sub), "--comment", "请补充依据", "--domain", "社会救助")
    assert added.returncode == 0, added.stderr
    return sub, tmp_path / "甲镇.审核.zwgkr"


def _returned_copy(tmp_path: Path, review: Path) -> Path:
    other = tmp_path / "乡镇"
    other.mkdir()
    return Path(shutil.copy2(review, other / review.name))


def test_merging_a_copy_with_a_bad_status_changes_nothing(tmp_path: Path) -> None:
    sub, review = _reviewed(tmp_path)
    copy = _returned_copy(tmp_path, review)
    _alter(copy, "UPDATE comments SET status = 'hacked', status_at = '2999-01-01T00:00:00'")
    before = review.read_bytes()
    _refused(zwgk("review", str(sub), "--merge", str(copy)), "审核文件", copy.name)
    assert review.read_bytes() == before
    assert zwgk("review", str(sub)).returncode == 0


def test_merging_a_generated_column_review_file_is_refused(tmp_path: Path) -> None:
    sub, review = _reviewed(tmp_path)
    copy = _returned_copy(tmp_path, review)
    conn = sqlite3.connect(copy)
    _replace_column("comments", "problem", f"TEXT GENERATED ALWAYS AS ({BOMB}) VIRTUAL")(conn)
    conn.close()
    size = review.stat().st_size
    started = time.monotonic()
    _refused(zwgk("review", str(sub), "--merge", str(copy)), "可能被篡改")
    assert time.monotonic() - started < 20
    assert review.stat().st_size == size


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE comments SET status = 'hacked'",
        "UPDATE comments SET scope = 'everything'",
        "UPDATE comments SET item_index = 'x'",
        "INSERT INTO statuses (target, status) VALUES ('', 'approved-ish')",
        "UPDATE rounds SET catalog = '[1'",
    ],
)
def test_review_file_with_bad_values_is_exit_2(tmp_path: Path, sql: str) -> None:
    sub, review = _reviewed(tmp_path)
    _alter(review, sql)
    _refused(zwgk("review", str(sub)), review.name)


def test_review_file_with_dropped_column_is_exit_2(tmp_path: Path) -> None:
    sub, review = _reviewed(tmp_path)
    _alter(review, "ALTER TABLE comments DROP COLUMN reply")
    _refused(zwgk("review", str(sub)), "可能被篡改")
