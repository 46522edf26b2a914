"""One gate for every SQLite file we open, read or merge (catalog and review file alike).

A received file is hostile until proven ours. Before anything is read from it:

1. its schema must be exactly one our migrations produce (``sqlite_master`` rows with their
   SQL text, and ``PRAGMA table_xinfo`` per table, hidden and generated columns included),
   and the migrations it records as applied must be the ones its schema shows — a planted
   trigger, view, index, generated column, CHECK or unknown table is refused;
2. its rows must have the types, JSON shapes, vocabulary and sizes we write (one SQL scan
   per table that names the first offending row) — so no later read can fail with an
   internal error.

The expected schemas are those of running the migrations in memory. That needs sqlite-utils
(~0.1 s to import), so the schemas of the current migrations ship precomputed in
``schema_signatures`` (written by ``scripts/schema_signatures.py``; a test keeps them equal
to the live ones): a current file is recognised without sqlite-utils. A file whose schema
is not among them, or migrations the shipped list does not know yet, take the live path.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

from zwgk_desktop.core.errors import FileUnreadableError

MAX_TEXT_CHARS = 1_000_000  # one value; Excel holds 32,767 per cell
MAX_JSON_DEPTH = 4  # choice lists and extra columns are flat
_SPACE = re.compile(r"\s+")

Signature = tuple[frozenset[tuple[str, str, str, str]], tuple[tuple[str, tuple[tuple], ...], ...]]


def _longer(column: str) -> str:
    """SQL: the text in ``column`` has more than MAX_TEXT_CHARS characters.

    length() counts characters by walking the whole text; the byte length is known at
    once and is never less than the character count, so only a text of that many bytes
    needs counting (the items scan at open: ~70 ms -> ~45 ms at 16,000 items).
    """
    return (
        f"(length(CAST({column} AS BLOB)) > {MAX_TEXT_CHARS} "
        f"AND length({column}) > {MAX_TEXT_CHARS})"
    )


class TableRule(NamedTuple):
    """What each row of one table must hold; ``max_rows`` bounds the table (None: no bound)."""

    table: str
    text: tuple[str, ...] = ()
    long_text: tuple[str, ...] = ()  # text of any length (snapshots of a whole catalog)
    integer: tuple[str, ...] = ()
    integer_or_null: tuple[str, ...] = ()
    str_lists: tuple[str, ...] = ()  # JSON arrays of strings
    str_maps: tuple[str, ...] = ()  # JSON objects of string values
    json_objects: tuple[str, ...] = ()  # any JSON object (checked in depth when used)
    # JSON columns with few distinct values between them (audience, method…): the quick
    # check goes through their distinct combinations in one pass over the table.
    few_values: tuple[str, ...] = ()
    vocab: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra_sql: tuple[str, ...] = ()  # further queries naming a bad row's rowid
    max_rows: int | None = None
    label: str = ""  # Chinese name of the table for the message, e.g. "事项"

    def bad_row_sql(self) -> str:
        """A query naming (rowid) the first row that breaks a rule, or nothing."""
        where = " OR ".join(f"({c})" for c in self._row_conds() + self._json_conds()) or "0"
        return f"SELECT rowid FROM {self.table} WHERE {where} LIMIT 1"

    def clean_sqls(self) -> tuple[str, ...]:
        """Queries that all find nothing exactly when ``bad_row_sql`` finds nothing, and
        cost less on a table that is clean: the JSON checks run once per distinct value
        (choice lists repeat: ~3,000 distinct channel lists among 16,000 items, 3–5 of
        the others) instead of once per row (items at 16,000: ~100 -> ~40 ms). A value's
        verdict depends on the value alone, and DISTINCT keeps values of different types
        apart (the schema, checked first, gives the columns no collation)."""
        row = " OR ".join(f"({c})" for c in self._row_conds())
        queries = [f"SELECT rowid FROM {self.table} WHERE {row} LIMIT 1"] if row else []
        json_columns = (*self.str_lists, *self.str_maps)
        alone = [(c,) for c in json_columns if c not in self.few_values]
        together = tuple(c for c in json_columns if c in self.few_values)
        # Columns with few values share one pass over their distinct combinations: at
        # 16,000 items ~7 ms instead of ~22 for four passes (the file check before the
        # first paint). A combination holds every value of each column, so nothing is
        # missed; at worst (every row different) it is the row-by-row check.
        for columns in [*alone, *([together] if together else [])]:
            conds = " OR ".join(f"({c})" for c in self._json_conds(columns))
            listed = ", ".join(f"{c} AS {c}" for c in columns)
            queries.append(
                f"SELECT 1 FROM (SELECT DISTINCT {listed} FROM {self.table}) "
                f"AS {self.table} WHERE {conds} LIMIT 1"
            )
        return tuple(queries)

    def _json_conds(self, only: tuple[str, ...] | None = None) -> list[str]:
        """Per-value conditions of the JSON list and map columns (the costly ones)."""
        conds: list[str] = []
        t = self.table
        for columns, kind in ((self.str_lists, "array"), (self.str_maps, "object")):
            for c in columns:
                if only is None or c in only:
                    conds.append(
                        f"CASE WHEN typeof({c}) = 'text' AND NOT {_longer(c)} "
                        f"AND json_valid({c}) THEN json_type({c}) != '{kind}' "
                        f"OR EXISTS (SELECT 1 FROM json_each({t}.{c}) WHERE type != 'text') "
                        "ELSE 1 END"
                    )
        return conds

    def _row_conds(self) -> list[str]:
        """Per-row conditions of the other columns."""
        conds: list[str] = []
        for c in self.text:
            conds.append(f"typeof({c}) != 'text' OR {_longer(c)}")
        for c in self.long_text:
            conds.append(f"typeof({c}) != 'text'")
        for c in self.integer:
            conds.append(f"typeof({c}) != 'integer'")
        for c in self.integer_or_null:
            conds.append(f"typeof({c}) NOT IN ('integer', 'null')")
        for c in self.json_objects:
            conds.append(
                f"CASE WHEN typeof({c}) = 'text' AND json_valid({c}) "
                f"THEN json_type({c}) != 'object' ELSE 1 END"
            )
        for c, words in self.vocab:
            allowed = ", ".join("'" + w.replace("'", "''") + "'" for w in words)
            conds.append(f"typeof({c}) != 'text' OR {c} NOT IN ({allowed})")
        return conds


class Schema(NamedTuple):
    """One kind of file's migrations, in order, named without importing sqlite-utils."""

    name: str  # the migration set
    steps: tuple[Callable[[Database], None], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.__name__ for step in self.steps)

    def migrations(self) -> Migrations:
        """The sqlite-utils migration set (imports sqlite-utils: to create or migrate)."""
        return _migrations(self)


@functools.cache
def _migrations(schema: Schema) -> Migrations:
    from sqlite_utils import Migrations

    result = Migrations(schema.name)
    for step in schema.steps:
        result()(step)
    return result


class Gate(NamedTuple):
    """Our schema (its migrations) and the row rules of one kind of file."""

    schema: Schema
    rules: tuple[TableRule, ...] = ()


def _normal_sql(sql: object) -> str:
    return _SPACE.sub(" ", str(sql or "")).strip()


def _signature(conn: sqlite3.Connection) -> Signature:
    master = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    objects = frozenset((str(t), str(n), str(tb), _normal_sql(s)) for t, n, tb, s in master)
    columns = tuple(
        sorted(
            (str(n), tuple(tuple(r) for r in conn.execute(f"PRAGMA table_xinfo({_quote(n)})")))
            for t, n, _tb, _s in master
            if t == "table"
        )
    )
    return objects, columns


def _database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over ``conn`` without its plugins: no third-party code touches our
    connections, and finding plugins scans every installed package (~50 ms at start)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


Expected = tuple[tuple[tuple[str, ...], Signature], ...]


@functools.cache
def expected_live(schema: Schema) -> Expected:
    """The schema after each prefix of the migrations, with the names applied so far
    (runs them in memory: imports sqlite-utils)."""
    migrations = schema.migrations()
    names = schema.names
    result = []
    for k in range(len(names) + 1):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            migrations.apply(_database(conn), stop_before=names[k] if k < len(names) else None)
            result.append((tuple(names[:k]), _signature(conn)))
        finally:
            conn.close()
    return tuple(result)


@functools.cache
def expected_shipped(schema: Schema) -> Expected:
    """The precomputed ``expected_live``; empty if it was made for other migrations."""
    from zwgk_desktop.core.schema_signatures import SIGNATURES

    shipped = tuple(
        (tuple(names), (frozenset(tuple(o) for o in objects), columns))
        for names, objects, columns in SIGNATURES.get(schema.name, ())
    )
    if not shipped or shipped[-1][0] != schema.names:
        return ()
    return shipped  # type: ignore[return-value]


def _applied(expected: Expected, found: Signature) -> tuple[str, ...] | None:
    return next((names for names, sig in expected if sig == found), None)


def check_schema(conn: sqlite3.Connection, schema: Schema, refuse: str) -> tuple[str, ...]:
    """Raise ``FileUnreadableError(refuse)`` unless the schema is one our migrations make;
    returns the names of the migrations the file has."""
    try:
        found = _signature(conn)
    except sqlite3.DatabaseError as exc:
        raise FileUnreadableError(refuse) from exc
    applied = _applied(expected_shipped(schema), found)
    if applied is None:
        applied = _applied(expected_live(schema), found)
    if applied is None:
        raise FileUnreadableError(refuse)
    try:
        recorded = conn.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise FileUnreadableError(refuse) from exc
    mine = tuple(n for s, n in recorded if s == schema.name)
    if mine != applied or any(s != schema.name for s, _n in recorded):
        raise FileUnreadableError(refuse)
    return applied


def check_rows(conn: sqlite3.Connection, rules: Sequence[TableRule], refuse: str) -> None:
    """Raise ``FileUnreadableError`` naming the first table/row whose values are not ours."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for rule in rules:
        if rule.table not in tables:
            continue  # an older schema; the caller decides whether that is enough
        try:
            if rule.max_rows is not None:
                count = conn.execute(f"SELECT count(*) FROM {rule.table}").fetchone()[0]
                if count > rule.max_rows:
                    raise FileUnreadableError(
                        f"{refuse}：{rule.label or rule.table}共 {count} 条，超过上限 {rule.max_rows} 条"
                    )
            bad = None
            if any(conn.execute(sql).fetchone() is not None for sql in rule.clean_sqls()):
                # Something is wrong: the exact query names the first offending row.
                bad = conn.execute(rule.bad_row_sql()).fetchone() or ("?",)
            for sql in rule.extra_sql:
                bad = bad or conn.execute(sql).fetchone()
        except sqlite3.DatabaseError as exc:
            raise FileUnreadableError(f"{refuse}：{rule.label or rule.table}数据无法读取") from exc
        if bad is not None:
            raise FileUnreadableError(
                f"{refuse}：{rule.label or rule.table}第 {bad[0]} 条记录的内容格式不正确"
            )


@contextlib.contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn what an already-gated file can still throw while being read (text that is not
    UTF-8, JSON too deep for Python) into one Chinese line."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):
            raise
        raise FileUnreadableError(f"“{name}”中含有无效的文字编码，文件已损坏或被篡改") from exc
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        if isinstance(exc, FileUnreadableError):
            raise
        raise FileUnreadableError(f"“{name}”中的数据已损坏或格式不正确，无法读取") from exc


_F = TypeVar("_F", bound=Callable[..., Any])


def guarded(method: _F) -> _F:
    """A read method of a store whose errors on bad stored data become one Chinese line."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        path = getattr(self, "source_path", None) or getattr(self, "path", "")
        with reading(Path(path).name):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
