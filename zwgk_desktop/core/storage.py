"""The .zwgk document: one SQLite file, every edit its own committed transaction.

Durability is chosen for office PCs, USB sticks and network shares: a rollback journal
(``journal_mode=DELETE``, so the document stays one file — WAL needs shared memory and
does not work over a network filesystem) with ``synchronous=FULL``. A second process
opening the same document gets read-only access (``DocumentLockedError`` tells it why);
a received document is opened as a read-only copy with SQLite's untrusted-schema
protections.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from zwgk_desktop.core.cell_block import CellBlock
from zwgk_desktop.core.errors import (
    FileUnreadableError,
    NotACatalogError,
    ReadOnlyError,
    ZwgkError,
)
from zwgk_desktop.core.fields import CHOICE_FIELDS, FIELD_BY_KEY, TEXT_FIELDS
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.os_reasons import os_reason, read_reason, store_reason
from zwgk_desktop.core.schema import APPLICATION_ID, SCHEMA, apply_migrations
from zwgk_desktop.core.sqlite_check import FileKind, check_sqlite_file
from zwgk_desktop.core.sqlite_gate import Gate, TableRule, reading

if TYPE_CHECKING:
    from filelock import FileLock
    from sqlite_utils import Database

SUFFIX = ".zwgk"
MAX_ITEMS = 200_000  # as many as the largest workbook we read (xlsx.grid.MAX_ROWS)
MAX_DOMAINS = 2_000
_ITEM_COLUMNS = (*TEXT_FIELDS, *CHOICE_FIELDS, "extra", "template_ref")
_LEVELS_BAD = (
    "SELECT rowid FROM meta WHERE key = 'levels' AND NOT (CASE WHEN json_valid(value) "
    "THEN json_type(value) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each(meta.value) "
    "WHERE type != 'text') ELSE 0 END) LIMIT 1"
)
CATALOG_GATE = Gate(
    SCHEMA,
    (
        TableRule(
            "meta",
            text=("key", "value"),
            max_rows=1_000,
            label="单位信息",
            extra_sql=(_LEVELS_BAD,),
        ),
        TableRule(
            "domains",
            text=("id", "name", "note"),
            integer=("position", "pilot", "not_involved"),
            str_lists=("aliases",),
            max_rows=MAX_DOMAINS,
            label="领域",
        ),
        TableRule(
            "items",
            text=("domain_id", *TEXT_FIELDS, "template_ref"),
            integer=("id", "position"),
            str_lists=CHOICE_FIELDS,
            str_maps=("extra",),
            few_values=("audience", "method", "level", "extra"),  # channels: thousands
            max_rows=MAX_ITEMS,
            label="事项",
        ),
        TableRule(
            "snapshots",
            text=("name", "created"),
            long_text=("data",),
            integer=("id", "item_count"),
            max_rows=10_000,
            label="版本快照",
        ),
    ),
)
CATALOG_FILE = FileKind(
    APPLICATION_ID,
    "“{name}”不是政务公开目录文件（.zwgk）",
    not_ours_error=NotACatalogError,
    gate=CATALOG_GATE,
)
_META_KEYS = ("unit", "region", "year", "contact", "date", "levels", "source")
_JSON_META_KEYS = ("levels", "source")  # stored as JSON text in the key/value meta table


class SnapshotInfo(NamedTuple):
    id: int
    name: str
    created: str
    item_count: int


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


_MAX_ROWID = 2**63 - 1
_PLAIN_KEYS = frozenset(FIELD_BY_KEY).difference(CHOICE_FIELDS) | {"template_ref"}


@functools.lru_cache(maxsize=8192)
def _encode_list(values: tuple[str, ...]) -> str:
    """Choice lists repeat a lot (the same channel sets): encode each distinct one once."""
    return json.dumps(list(values), ensure_ascii=False)


def _runs(pairs: Sequence[tuple[int, Item]]) -> Iterator[tuple[int, list[Item]]]:
    """Sorted ``(position, item)`` pairs as runs of consecutive positions."""
    start, run = 0, []
    for position, item in pairs:
        if run and position != start + len(run):
            yield start, run
            run = []
        if not run:
            start = position
        run.append(item)
    if run:
        yield start, run


def _item_values(item: Item) -> tuple[Any, ...]:
    """The item's stored values in ``_ITEM_COLUMNS`` order."""
    return tuple(map(_item_row(item).__getitem__, _ITEM_COLUMNS))


def _insert_sql(*leading: str) -> str:
    """INSERT of an item row: the ``leading`` columns, then ``_ITEM_COLUMNS``."""
    names = (*leading, *_ITEM_COLUMNS)
    return f"INSERT INTO items ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


def _item_row(item: Item) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(item, key) for key in TEXT_FIELDS}
    for key in CHOICE_FIELDS:
        row[key] = _encode_list(tuple(getattr(item, key)))
    row["extra"] = json.dumps(item.extra, ensure_ascii=False) if item.extra else "{}"
    row["template_ref"] = item.template_ref
    return row


@functools.lru_cache(maxsize=8192)
def _decode_list(text: str) -> tuple[str, ...]:
    """Choice lists repeat a lot (the same channel sets): decode each distinct one once."""
    return tuple(json.loads(text))


_TEXT_END = 1 + len(TEXT_FIELDS)  # a row: id, the text fields, the choice lists, extra, ref
_CHOICES_END = _TEXT_END + len(CHOICE_FIELDS)


def _row_item(row: sqlite3.Row | tuple[Any, ...]) -> Item:
    """The item of a row of ``("id", *_ITEM_COLUMNS)``.

    Filled in as ``Item.copy`` does, not through ``Item(**fields)``: the first domain
    (~600 items) is read before the window's first paint, and this takes under a third
    of the time.
    """
    item = object.__new__(Item)
    state = item.__dict__
    state.update(zip(TEXT_FIELDS, row[1:_TEXT_END], strict=True))
    for key, text in zip(CHOICE_FIELDS, row[_TEXT_END:_CHOICES_END], strict=True):
        state[key] = list(_decode_list(text))
    extra = row[_CHOICES_END]
    state["extra"] = {} if extra == "{}" else json.loads(extra)
    state["id"] = row[0]
    state["template_ref"] = row[_CHOICES_END + 1]
    return item


def _connect(uri: str, read_only: bool, name: str = "") -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise FileUnreadableError(f"无法打开“{name}”：{exc}") from exc
    try:
        return _configure(conn, read_only)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotACatalogError(f"“{name}”不是政务公开目录文件（.zwgk），或文件已损坏") from exc


def _configure(conn: sqlite3.Connection, read_only: bool) -> sqlite3.Connection:
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute("PRAGMA busy_timeout = 3000")
    if not read_only:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _file_uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


_SIDECARS = ("-journal", "-wal", "-shm")
COPY_PREFIX = "zwgk-review-"  # temp folders of private copies (the GUI knows this prefix)


def private_copy(path: Path, copy: Path) -> None:
    """Copy a document as SQLite sees it, with whatever its sidecar files hold.

    A read-only connection to the original takes a shared lock and sees committed WAL
    content; the backup API copies its pages consistently. A hot journal (a writer killed
    mid-transaction) cannot be rolled back read-only: then the file is copied with its
    ``-journal``/``-wal`` and SQLite recovers the private copy on first read.
    """
    try:
        with contextlib.closing(sqlite3.connect(_file_uri(path, "ro"), uri=True)) as source:
            source.execute("PRAGMA trusted_schema = OFF")
            source.execute("PRAGMA busy_timeout = 3000")
            with contextlib.closing(sqlite3.connect(copy)) as target:
                source.backup(target)
        return
    except sqlite3.DatabaseError:
        _remove_with_sidecars(copy)
    try:
        for suffix in ("", "-journal", "-wal"):
            side = Path(f"{path}{suffix}")
            if side.is_file():
                shutil.copyfile(side, Path(f"{copy}{suffix}"))
    except OSError as exc:
        raise FileUnreadableError(f"无法读取文件：{path.name}（{read_reason(exc)}）") from exc
    uri = _file_uri(copy, "rw")
    with (
        contextlib.suppress(sqlite3.DatabaseError),
        contextlib.closing(sqlite3.connect(uri, uri=True)) as recover,
    ):
        recover.execute("PRAGMA trusted_schema = OFF")
        recover.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls back


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *_SIDECARS):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _move_into_place(tmp: Path, path: Path, overwrite: bool) -> None:
    """The only step that touches ``path``: under its edit lock, one ``os.replace``."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ZwgkError(
            f"“{path.name}”正在编辑中（已在本程序中打开），不能覆盖；请先关闭它"
        ) from None
    try:
        if path.exists() and not overwrite:
            raise ZwgkError(f"文件已存在：{path}")
        for suffix in _SIDECARS:  # an old journal must never be applied to the new file
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, path)
    finally:
        _release(lock)


def _edit_lock(path: Path) -> tuple[FileLock | None, str]:
    """The document's edit lock; or None and why the document is read-only."""
    from filelock import FileLock, Timeout

    # Not per thread: the app may open a document in a worker thread while its window
    # is being built, and release the lock from the UI thread.
    lock = FileLock(str(path) + ".lock", timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        return None, "该文件正在另一个窗口或程序中编辑，已以只读方式打开"
    except OSError:  # read-only medium or folder: we can still read
        return None, "无法在该位置写入（只读介质或无权限），已以只读方式打开"
    return lock, ""


def _file_identity(path: Path) -> tuple[int, int]:
    """Which file ``path`` names: replaced by another (os.replace), it is another one."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_dev, stat.st_ino)


def _release(lock: FileLock | None) -> None:
    if lock is not None:
        lock.release()
        with contextlib.suppress(OSError):
            Path(lock.lock_file).unlink()


class MigrationNeeded(Exception):  # noqa: N818 - a signal to the caller, not a failure
    """An older document that :meth:`Document.open` was asked not to migrate."""


def _write_failure(path: Path, exc: BaseException) -> str:
    """One Chinese line for a document that could not be written."""
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text:
        return f"磁盘空间不足，无法生成“{path.name}”"
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        return f"无法在“{path.parent}”中写入（只读或无权限），未生成“{path.name}”"
    if isinstance(exc, OSError):
        return f"无法生成“{path.name}”：{os_reason(exc)}"
    return f"无法生成“{path.name}”：写入失败"


class Document:
    """An open .zwgk catalog document.

    Reads return core model objects; every mutating method is one committed transaction,
    so a crash or power cut never loses an acknowledged edit.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        read_only: bool,
        lock: FileLock | None,
        lock_message: str = "",
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.lock_message = lock_message  # why the document is read-only, if it is
        self._conn = conn
        self._lock = lock
        self.lock_pending = False  # opened with ``lock_later``, lock not taken yet
        self.changed_since_open = False  # (see take_lock)
        self._opened_as: tuple[tuple[int, int], int] = ((0, 0), 0)
        self.source_path = path  # the user's file; differs from ``path`` for a review copy
        self._temp_folder: Path | None = None  # the private copy's folder, removed on close

    @functools.cached_property
    def db(self) -> Database:
        """sqlite-utils over the connection, made when first written through: a command
        that only reads a document never pays for importing sqlite-utils."""
        from sqlite_utils import Database

        return Database(self._conn, execute_plugins=False)

    # ----------------------------------------------------------------- open / create
    @classmethod
    def create(cls, path: str | Path, catalog: Catalog, overwrite: bool = False) -> Document:
        """Write ``catalog`` to a new document at ``path`` and return it open for editing.

        The document is built in a temp file of its own (unique per call, so concurrent
        imports to one name never share it) and moved into place by one ``os.replace``,
        under the document's edit lock: a document open in the editor is never replaced.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise ZwgkError(f"文件已存在：{path}")
        if not path.parent.is_dir():
            raise ZwgkError(f"文件夹不存在：{path.parent}")
        tmp: Path | None = None
        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".creating", dir=path.parent
            )
            os.close(fd)
            tmp = Path(name)
            conn = _connect(_file_uri(tmp, "rw"), read_only=False)
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                doc = cls(tmp, conn, read_only=False, lock=None)
                apply_migrations(doc.db)
                with doc._transaction():
                    doc._write_meta(catalog.meta)
                    for position, domain in enumerate(catalog.domains):
                        doc._insert_domain(domain, position)
            finally:
                conn.close()
            _move_into_place(tmp, path, overwrite)
        except (OSError, sqlite3.Error) as exc:
            raise ZwgkError(_write_failure(path, exc)) from exc
        finally:
            if tmp is not None:
                _remove_with_sidecars(tmp)
        return cls.open(path)

    @classmethod
    def open(
        cls,
        path: str | Path,
        read_only: bool = False,
        migrate: bool = True,
        lock_later: bool = False,
    ) -> Document:
        """Open a document; if another process has it open, fall back to read-only.

        ``migrate=False``: an older file that needs its schema brought up to date raises
        :class:`MigrationNeeded` (nothing written) instead of loading sqlite-utils to do it.

        ``lock_later``: the edit lock is taken by :meth:`take_lock` (or by the first
        write, whichever comes first), not now: the app's start shows the file before it
        loads the lock library (~12 ms). An older file raises :class:`MigrationNeeded`
        (migrating writes, and writing needs the lock).
        """
        path = Path(path)
        if not path.is_file():
            raise FileUnreadableError(f"找不到文件：{path}")
        lock: FileLock | None = None
        lock_message = ""
        if not read_only and not lock_later:
            lock, lock_message = _edit_lock(path)
            read_only = lock is None
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(_file_uri(path, "ro" if read_only else "rw"), read_only, path.name)
            applied = cls._check(conn, path)
            if not read_only and applied != SCHEMA.names:  # only an older file needs sqlite-utils
                if not migrate or lock_later:
                    raise MigrationNeeded(path.name)
                from sqlite_utils import Database

                apply_migrations(Database(conn, execute_plugins=False))
        except BaseException:
            if conn is not None:
                conn.close()
            _release(lock)
            raise
        document = cls(path, conn, read_only, lock, lock_message)
        if lock_later and not read_only:
            document.lock_pending = True
            document._opened_as = (_file_identity(path), document._data_version())
        return document

    def take_lock(self) -> bool:
        """Take the edit lock of a document opened with ``lock_later``; True if it may be
        edited. False if another program edits it, its folder is read-only or the file
        was replaced meanwhile: the document is read-only from now on and
        :attr:`lock_message` says why. :attr:`changed_since_open` tells whether another
        window wrote to the file between opening and locking (what was read is stale)."""
        if not self.lock_pending:
            return not self.read_only
        self.lock_pending = False
        lock, message = _edit_lock(self.path)
        identity, version = self._opened_as
        if lock is not None and _file_identity(self.path) != identity:
            _release(lock)
            lock, message = None, "文件在打开时被另一程序替换，已以只读方式打开；请关闭后重新打开"
        self._lock, self.lock_message, self.read_only = lock, message, lock is None
        self.changed_since_open = lock is not None and self._data_version() != version
        return lock is not None

    def _data_version(self) -> int:
        """Changes other connections committed (SQLite's ``PRAGMA data_version``)."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    @classmethod
    def open_untrusted(cls, path: str | Path) -> Document:
        """Open a received document for review: a private read-only copy, never the original.

        The copy lives in a temp folder of its own, removed by :meth:`close` (and at once if
        opening fails or is interrupted).
        """
        path = Path(path)
        if not path.is_file():
            raise FileUnreadableError(f"找不到文件：{path}")
        folder = Path(tempfile.mkdtemp(prefix=f"{COPY_PREFIX}{os.getpid()}-"))
        try:
            copy = folder / path.name
            private_copy(path, copy)
            conn = _connect(_file_uri(copy, "ro"), read_only=True, name=path.name)
            try:
                cls._check(conn, path)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        doc = cls(
            copy, conn, read_only=True, lock=None, lock_message="审核模式：只读打开收到的文件副本"
        )
        doc.source_path = path
        doc._temp_folder = folder
        return doc

    @staticmethod
    def _check(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
        """Recognise our format and run an integrity check before anything is read;
        returns the names of the migrations the file has."""
        checked = check_sqlite_file(conn, path.name, CATALOG_FILE)
        tables = {n for t, n in checked.objects if t == "table"}
        if not {"meta", "domains", "items"} <= tables:
            raise NotACatalogError(f"“{path.name}”缺少目录数据表，不是有效的目录文件")
        return checked.applied

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._temp_folder is not None:
            shutil.rmtree(self._temp_folder, ignore_errors=True)
            self._temp_folder = None
        _release(self._lock)
        self._lock = None

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- transactions
    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.lock_pending:
            self.take_lock()  # an edit before the app took the lock after its first paint
        if self.read_only:
            raise ReadOnlyError(self.lock_message or "文件以只读方式打开，不能修改")
        with self.db.atomic():
            yield self._conn

    # ----------------------------------------------------------------- reading
    def meta(self) -> CatalogMeta:
        with reading(self.source_path.name):
            raw = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
            data: dict[str, Any] = {
                k: raw.get(k, "") for k in _META_KEYS if k not in _JSON_META_KEYS
            }
            if "levels" in raw:
                data["levels"] = json.loads(raw["levels"])
            if raw.get("source"):
                with contextlib.suppress(ValueError):
                    data["source"] = json.loads(raw["source"])
            meta = CatalogMeta.from_dict(data)
            if "levels" in raw:
                meta.levels = list(json.loads(raw["levels"]))
            return meta

    def domains(self) -> list[Domain]:
        """The domains in order, without their items."""
        with reading(self.source_path.name):
            rows = self._conn.execute(
                "SELECT id, name, pilot, not_involved, note, aliases FROM domains ORDER BY position"
            ).fetchall()
            return [
                Domain(
                    id=r[0],
                    name=r[1],
                    pilot=bool(r[2]),
                    not_involved=bool(r[3]),
                    note=r[4],
                    aliases=json.loads(r[5]),
                )
                for r in rows
            ]

    def items(self, domain_id: str) -> list[Item]:
        with reading(self.source_path.name):
            cursor = self._conn.execute(
                f"SELECT id, {', '.join(_ITEM_COLUMNS)} FROM items WHERE domain_id = ? ORDER BY position",
                (domain_id,),
            )
            return [_row_item(row) for row in cursor]

    def items_page(
        self, domain_id: str, after: tuple[int, int] | None, limit: int
    ) -> tuple[list[Item], tuple[int, int] | None]:
        """Up to ``limit`` items of ``domain_id`` in order, from after the (position, id)
        ``after`` (None: from the start); and where the next page starts, None when none
        is left. A big domain is read a page per event-loop turn in the background."""
        where = "domain_id = ?" + (" AND (position, id) > (?, ?)" if after else "")
        with reading(self.source_path.name):
            rows = self._conn.execute(
                f"SELECT position, id, {', '.join(_ITEM_COLUMNS)} FROM items WHERE {where} "
                "ORDER BY position, id LIMIT ?",
                (domain_id, *(after or ()), limit),
            ).fetchall()
        items = [_row_item(row[1:]) for row in rows]
        return items, ((rows[-1][0], rows[-1][1]) if len(rows) == limit else None)

    def item(self, item_id: int) -> Item:
        with reading(self.source_path.name):
            row = self._conn.execute(
                f"SELECT id, {', '.join(_ITEM_COLUMNS)} FROM items WHERE id = ?", (item_id,)
            ).fetchone()
            if row is None:
                raise KeyError(item_id)
            return _row_item(row)

    def load_catalog(self) -> Catalog:
        """The whole catalog in one pass (items carry their storage ids)."""
        with reading(self.source_path.name):
            domains = self.domains()
            by_id = {d.id: d for d in domains}
            cursor = self._conn.execute(
                f"SELECT id, domain_id, {', '.join(_ITEM_COLUMNS)} FROM items ORDER BY domain_id, position"
            )
            for row in cursor:
                domain = by_id.get(row[1])
                if domain is not None:
                    domain.items.append(_row_item((row[0], *row[2:])))
            return Catalog(meta=self.meta(), domains=domains)

    def item_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM items").fetchone()[0])

    # ----------------------------------------------------------------- meta & domains
    def _write_meta(self, meta: CatalogMeta) -> None:
        rows = [(k, str(getattr(meta, k))) for k in _META_KEYS if k not in _JSON_META_KEYS]
        rows.append(("levels", json.dumps(list(meta.levels), ensure_ascii=False)))
        rows.append(("source", json.dumps(dict(meta.source), ensure_ascii=False)))
        self._conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", rows)

    def set_meta(self, meta: CatalogMeta, changes: Iterable[tuple[int, str, Any]] = ()) -> None:
        """Write 目录信息, and item fields that follow it (公开主体), in one transaction."""
        with self._transaction():
            self._write_meta(meta)
            self._update_items(changes)

    def _insert_domain(self, domain: Domain, position: int) -> None:
        self._conn.execute(
            "INSERT INTO domains (id, name, position, pilot, not_involved, note, aliases) VALUES (?,?,?,?,?,?,?)",
            (
                domain.id,
                domain.name,
                position,
                int(domain.pilot),
                int(domain.not_involved),
                domain.note,
                json.dumps(domain.aliases, ensure_ascii=False),
            ),
        )
        self._insert_items(domain.id, 0, domain.items)

    def add_domain(self, domain: Domain, position: int | None = None) -> None:
        """Add a (usually user-made, non-pilot) domain with its items."""
        with self._transaction():
            if self._conn.execute("SELECT 1 FROM domains WHERE id = ?", (domain.id,)).fetchone():
                raise ZwgkError(f"领域“{domain.name}”已存在")
            count = self._conn.execute("SELECT count(*) FROM domains").fetchone()[0]
            position = count if position is None else position
            self._conn.execute(
                "UPDATE domains SET position = position + 1 WHERE position >= ?", (position,)
            )
            self._insert_domain(domain, position)

    def remove_domain(self, domain_id: str) -> Domain:
        """Remove a domain and its items; returns them so the caller can undo."""
        items = self.items(domain_id)
        domain = next(d for d in self.domains() if d.id == domain_id)
        domain.items = items
        with self._transaction():
            self._conn.execute("DELETE FROM items WHERE domain_id = ?", (domain_id,))
            self._conn.execute("DELETE FROM domains WHERE id = ?", (domain_id,))
        return domain

    def update_domain(self, domain_id: str, **changes: Any) -> None:
        """Change name, not_involved or note of a domain."""
        allowed = {"name", "not_involved", "note"}
        if not set(changes) <= allowed:
            raise KeyError(sorted(set(changes) - allowed))
        if not changes:
            return
        assignments = ", ".join(f"{k} = ?" for k in changes)
        values = [int(v) if k == "not_involved" else str(v) for k, v in changes.items()]
        with self._transaction():
            self._conn.execute(
                f"UPDATE domains SET {assignments} WHERE id = ?", (*values, domain_id)
            )

    # ----------------------------------------------------------------- items
    def _insert_items(self, domain_id: str, position: int, items: Sequence[Item]) -> list[int]:
        self._conn.execute(
            "UPDATE items SET position = position + ? WHERE domain_id = ? AND position >= ?",
            (len(items), domain_id, position),
        )
        rows = [
            (domain_id, position + offset, *_item_values(item)) for offset, item in enumerate(items)
        ]
        # The ids SQLite gives one by one (the largest + 1: no AUTOINCREMENT), given up
        # front so that one executemany inserts them all (a paste of 500 new rows).
        last = self._conn.execute("SELECT max(id) FROM items").fetchone()[0] or 0
        if last + len(items) < _MAX_ROWID:
            ids = list(range(last + 1, last + 1 + len(items)))
            self._conn.executemany(
                _insert_sql("id", "domain_id", "position"),
                [(item_id, *row) for item_id, row in zip(ids, rows, strict=True)],
            )
            return ids
        # a (hostile) file holding the largest id: SQLite picks free ids itself
        insert = _insert_sql("domain_id", "position")
        return [int(self._conn.execute(insert, row).lastrowid or 0) for row in rows]

    def insert_items(self, domain_id: str, position: int, items: Sequence[Item]) -> list[int]:
        """Insert ``items`` at 0-based ``position`` in the domain; returns their new ids."""
        with self._transaction():
            return self._insert_items(domain_id, position, items)

    def update_item(self, item_id: int, key: str, value: Any) -> None:
        """Set one field of one item (one cell edit)."""
        self.update_items([(item_id, key, value)])

    def update_items(self, changes: Iterable[tuple[int, str, Any]]) -> None:
        """Set many fields in one transaction (a paste, a fill-down, a replace-all)."""
        with self._transaction():
            self._update_items(changes)

    def _update_items(self, changes: Iterable[tuple[int, str, Any]]) -> None:
        by_item: dict[int, dict[str, Any]] = {}
        last_id: int | None = None
        values: dict[str, Any] = {}
        for item_id, key, value in changes:  # a paste is thousands of cells: cheap tests first
            if key in _PLAIN_KEYS:
                stored: Any = value if type(value) is str else str(value)  # noqa: E721
            elif key in CHOICE_FIELDS:
                stored = _encode_list(tuple(value))
            elif key == "extra":
                stored = json.dumps(dict(value), ensure_ascii=False)
            else:
                raise KeyError(key)
            if item_id != last_id:  # the cells of one item usually come together
                last_id = item_id
                values = by_item.setdefault(item_id, {})
            values[key] = stored
        # One statement per set of columns (a 500-row paste is one executemany).
        groups: dict[tuple[str, ...], list[list[Any]]] = {}
        for item_id, values in by_item.items():
            groups.setdefault(tuple(values), []).append([*values.values(), item_id])
        for keys, params in groups.items():
            sets = ", ".join(f"{key} = ?" for key in keys)
            self._conn.executemany(f"UPDATE items SET {sets} WHERE id = ?", params)

    def write_block(self, block: CellBlock) -> None:
        """Write a block of cells (a paste, its undo) in one transaction, one statement."""
        with self._transaction():
            if not block.item_ids or not block.keys:
                return
            if not FIELD_BY_KEY.keys() >= set(block.keys):  # the keys are put into the SQL
                raise KeyError(f"unknown field in {block.keys}")
            encoded = [
                column if key in _PLAIN_KEYS else list(map(_encode_list, column))
                for key, column in zip(block.keys, block.columns, strict=True)
            ]
            sets = ", ".join(f"{key} = ?" for key in block.keys)
            self._conn.executemany(
                f"UPDATE items SET {sets} WHERE id = ?", zip(*encoded, block.item_ids, strict=True)
            )

    def delete_items(self, item_ids: Iterable[int]) -> None:
        """Delete items; the rest of each affected domain is renumbered 0..n-1."""
        ids = list(item_ids)
        with self._transaction():
            marks = ",".join("?" * len(ids))
            domains = (
                [
                    r[0]
                    for r in self._conn.execute(
                        f"SELECT DISTINCT domain_id FROM items WHERE id IN ({marks})", ids
                    )
                ]
                if ids
                else []
            )
            self._conn.executemany("DELETE FROM items WHERE id = ?", [(i,) for i in ids])
            for domain_id in domains:
                self._renumber(domain_id)

    def set_order(self, domain_id: str, item_ids: Sequence[int]) -> None:
        """Make ``item_ids`` (all items of the domain) the new row order (move, drag)."""
        with self._transaction():
            self._conn.executemany(
                "UPDATE items SET position = ? WHERE id = ? AND domain_id = ?",
                [(n, item_id, domain_id) for n, item_id in enumerate(item_ids)],
            )

    def restore_items(self, domain_id: str, items: Sequence[tuple[int, Item]]) -> None:
        """Put deleted items back with their original ids at their 0-based positions (undo).

        A run of consecutive positions (the redo of a pasted block, the undo of deleting
        one) is one shift and one executemany: the same rows as inserting one by one.
        """
        insert = _insert_sql("id", "domain_id", "position")
        with self._transaction():
            for start, run in _runs(sorted(items, key=lambda p: p[0])):
                self._conn.execute(
                    "UPDATE items SET position = position + ? WHERE domain_id = ? AND position >= ?",
                    (len(run), domain_id, start),
                )
                self._conn.executemany(
                    insert,
                    [
                        (item.id, domain_id, start + k, *_item_values(item))
                        for k, item in enumerate(run)
                    ],
                )
            self._renumber(domain_id)

    def _renumber(self, domain_id: str) -> None:
        ids = [
            r[0]
            for r in self._conn.execute(
                "SELECT id FROM items WHERE domain_id = ? ORDER BY position, id", (domain_id,)
            )
        ]
        self._conn.executemany(
            "UPDATE items SET position = ? WHERE id = ?", [(n, i) for n, i in enumerate(ids)]
        )

    def replace_items(self, domain_id: str, items: Sequence[Item]) -> list[int]:
        """Replace all items of a domain (import into a domain, restore); one transaction."""
        with self._transaction():
            self._conn.execute("DELETE FROM items WHERE domain_id = ?", (domain_id,))
            return self._insert_items(domain_id, 0, items)

    def replace_catalog(self, catalog: Catalog) -> None:
        """Replace everything (restore a snapshot, import a whole workbook); one transaction."""
        with self._transaction():
            self._conn.execute("DELETE FROM items")
            self._conn.execute("DELETE FROM domains")
            self._write_meta(catalog.meta)
            for position, domain in enumerate(catalog.domains):
                self._insert_domain(domain, position)

    # ----------------------------------------------------------------- snapshots & copies
    def create_snapshot(self, name: str) -> int:
        """Store the whole catalog under ``name`` (版本快照) inside the document."""
        catalog = self.load_catalog()
        data = json.dumps(catalog.to_dict(), ensure_ascii=False)
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO snapshots (name, created, item_count, data) VALUES (?, ?, ?, ?)",
                (name.strip() or "未命名版本", _now(), catalog.item_count(), data),
            )
            return int(cursor.lastrowid or 0)

    def snapshots(self) -> list[SnapshotInfo]:
        rows = self._conn.execute(
            "SELECT id, name, created, item_count FROM snapshots ORDER BY id"
        ).fetchall()
        return [SnapshotInfo(*r) for r in rows]

    def snapshot_catalog(self, snapshot_id: int) -> Catalog:
        with reading(self.source_path.name):
            row = self._conn.execute(
                "SELECT data FROM snapshots WHERE id = ?", (snapshot_id,)
            ).fetchone()
            if row is None:
                raise ZwgkError("找不到该版本快照")
            return Catalog.from_dict(json.loads(row[0]))

    def restore_snapshot(self, snapshot_id: int) -> int:
        """Go back to a snapshot; the current state is kept first as an automatic snapshot."""
        catalog = self.snapshot_catalog(snapshot_id)
        safety = self.create_snapshot(f"恢复前自动保存 {_now()}")
        self.replace_catalog(catalog)
        return safety

    def delete_snapshot(self, snapshot_id: int) -> None:
        with self._transaction():
            self._conn.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,))

    def save_as(self, target: str | Path) -> Path:
        """A consistent copy of the document at ``target`` (另存为); this one stays open."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise ZwgkError("另存为的目标与当前文件相同")
        tmp = target.with_name(f".{target.name}.saving")
        tmp.unlink(missing_ok=True)
        try:
            self._conn.execute("VACUUM INTO ?", (str(tmp),))
            tmp.replace(target)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise ZwgkError(f"另存为失败：{store_reason(exc, writing=True)}") from exc
        return target


def create_from_templates(
    path: str | Path,
    meta: CatalogMeta,
    domain_keys: Sequence[str] | None = None,
    overwrite: bool = False,
) -> Document:
    """A new catalog: chosen domains start from their templates, the rest are 未涉及."""
    from zwgk_desktop.core.catalog_factory import new_catalog

    return Document.create(path, new_catalog(meta, domain_keys), overwrite=overwrite)
