"""The review file (``<name>.审核.zwgkr``): a small SQLite file beside the submission.

It holds the submission's identity, a snapshot of the catalog per round, the comments and
the statuses. It never holds item data of its own and is the only thing the review writes:
the submission itself is never opened for writing. Every change is one transaction with
``journal_mode=DELETE`` and ``synchronous=FULL`` (one file, safe on USB sticks and shares).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.review.files import CATALOG_TARGET
from zwgk_desktop.core.review.model import (
    Anchor,
    CommentStatus,
    ReviewStatus,
    Round,
    Scope,
    StatusRecord,
    now,
)
from zwgk_desktop.core.review.schema import APPLICATION_ID, SCHEMA, apply_migrations
from zwgk_desktop.core.review.store_comments import CommentRecords
from zwgk_desktop.core.sqlite_check import FileKind, check_sqlite_file
from zwgk_desktop.core.sqlite_gate import Gate, TableRule, guarded

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_COMMENTS = 200_000
REVIEW_GATE = Gate(
    SCHEMA,
    (
        TableRule("review_meta", text=("key", "value"), max_rows=1_000, label="审核信息"),
        TableRule(
            "rounds",
            text=("file_name", "sha256", "unit", "received"),
            integer=("number", "item_count"),
            json_objects=("catalog",),
            max_rows=1_000,
            label="提交轮次",
        ),
        TableRule(
            "comments",
            text=(
                "domain_id",
                "domain_name",
                "template_ref",
                "level1",
                "level2",
                "field",
                "problem",
                "text",
                "rule",
                "source",
                "author",
                "created",
                "status_by",
                "status_at",
                "reply",
            ),
            integer=("id", "round", "anchor_round"),
            integer_or_null=("item_index",),
            vocab=(
                ("scope", tuple(s.value for s in Scope)),
                ("status", tuple(s.value for s in CommentStatus)),
            ),
            max_rows=MAX_COMMENTS,
            label="审核意见",
        ),
        TableRule(
            "statuses",
            text=("target", "by", "at", "note"),
            integer=("round",),
            vocab=(("status", tuple(s.value for s in ReviewStatus)),),
            max_rows=MAX_COMMENTS,
            label="审核状态",
        ),
        TableRule(
            "events",
            text=("at", "by", "kind", "target", "status", "note"),
            integer=("id", "round"),
            integer_or_null=("comment_id",),
            max_rows=4 * MAX_COMMENTS,
            label="审核记录",
        ),
    ),
)
REVIEW_FILE = FileKind(
    APPLICATION_ID,
    "“{name}”不是审核文件（.zwgkr）",
    damaged_prefix="审核文件“{name}”",
    gate=REVIEW_GATE,
)


class ReviewStore(CommentRecords):
    """An open review file. Reads return value objects; each write is one transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """sqlite-utils on demand: importing it cost ~100 ms of the main window's start."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self._conn, execute_plugins=False)
        return self._db

    # ------------------------------------------------------------------ open / create
    @classmethod
    def open(cls, path: str | Path, create: bool = False, read_only: bool = False) -> ReviewStore:
        """Open (or with ``create``, make) a review file; a foreign or damaged file is refused.

        ``read_only`` (for summaries) never writes, not even a migration.
        """
        path = Path(path)
        exists = path.is_file()
        if not exists and (not create or read_only):
            raise FileUnreadableError(f"找不到审核文件：{path}")
        if not exists and not path.parent.is_dir():
            raise ZwgkError(f"文件夹不存在：{path.parent}")
        mode = "ro" if read_only else ("rw" if exists else "rwc")
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode={mode}",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise FileUnreadableError(f"无法打开审核文件“{path.name}”：{exc}") from exc
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA cell_size_check = ON")
            conn.execute("PRAGMA mmap_size = 0")
            conn.execute("PRAGMA busy_timeout = 3000")
            if exists:
                cls._check(conn, path)
            if read_only:
                return cls(path, conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
            if not exists:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            from sqlite_utils import Database

            apply_migrations(Database(conn, execute_plugins=False))
        except sqlite3.DatabaseError as exc:
            conn.close()
            if not exists:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise FileUnreadableError(f"审核文件“{path.name}”已损坏或无法写入（{exc}）") from exc
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    @staticmethod
    def _check(conn: sqlite3.Connection, path: Path) -> None:
        check_sqlite_file(conn, path.name, REVIEW_FILE)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change; callers may group several store writes in it."""
        try:
            with self.db.atomic():
                yield self._conn
        except sqlite3.OperationalError as exc:
            raise ZwgkError(f"无法写入审核文件“{self.path.name}”：{exc}") from exc

    def _event(
        self,
        kind: str,
        by: str,
        round_: int,
        target: str = "",
        comment_id: int | None = None,
        status: str = "",
        note: str = "",
    ) -> None:
        self._conn.execute(
            "INSERT INTO events (at, by, round, kind, target, comment_id, status, note) VALUES (?,?,?,?,?,?,?,?)",
            (now(), by, round_, kind, target, comment_id, status, note),
        )

    # ------------------------------------------------------------------ identity
    @guarded
    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM review_meta").fetchall())

    def set_meta(self, **values: str) -> None:
        with self.transaction():
            self._conn.executemany(
                "INSERT OR REPLACE INTO review_meta (key, value) VALUES (?, ?)",
                [(k, str(v)) for k, v in values.items()],
            )

    @property
    def unit(self) -> str:
        return self.meta().get("unit", "")

    # ------------------------------------------------------------------ rounds
    @guarded
    def rounds(self) -> list[Round]:
        rows = self._conn.execute(
            "SELECT number, file_name, sha256, unit, item_count, received FROM rounds ORDER BY number"
        ).fetchall()
        return [Round(*r) for r in rows]

    def latest_round(self) -> Round | None:
        rounds = self.rounds()
        return rounds[-1] if rounds else None

    def round_by_sha(self, sha256: str) -> Round | None:
        return next((r for r in self.rounds() if r.sha256 == sha256), None)

    def round_catalog(self, number: int) -> Catalog:
        row = self._conn.execute(
            "SELECT catalog FROM rounds WHERE number = ?", (number,)
        ).fetchone()
        if row is None:
            raise ZwgkError(f"审核文件中没有第{number}轮的记录")
        try:
            return Catalog.from_dict(json.loads(row[0]))
        except (ValueError, TypeError, AttributeError, RecursionError) as exc:
            raise FileUnreadableError(f"审核文件中第{number}轮的目录快照已损坏") from exc

    def add_round(
        self,
        file_name: str,
        sha256: str,
        catalog: Catalog,
        by: str,
        moved: Iterable[tuple[int, Anchor]] = (),
        statuses: Iterable[StatusRecord] = (),
    ) -> Round:
        """Record a new submitted version, re-anchor comments and reset statuses, atomically."""
        data = json.dumps(catalog.to_dict(), ensure_ascii=False)
        with self.transaction():
            latest = self._conn.execute("SELECT coalesce(max(number), 0) FROM rounds").fetchone()[0]
            number = int(latest) + 1
            received = now()
            self._conn.execute(
                "INSERT INTO rounds (number, file_name, sha256, unit, item_count, received, catalog) VALUES (?,?,?,?,?,?,?)",
                (
                    number,
                    file_name,
                    sha256,
                    catalog.meta.unit,
                    catalog.item_count(),
                    received,
                    data,
                ),
            )
            if number == 1 or not self.meta().get("unit"):
                self._conn.execute(
                    "INSERT OR REPLACE INTO review_meta (key, value) VALUES ('unit', ?)",
                    (catalog.meta.unit,),
                )
                self._conn.execute(
                    "INSERT OR REPLACE INTO review_meta (key, value) VALUES ('created', ?)",
                    (received,),
                )
            for comment_id, anchor in moved:
                self._conn.execute(
                    "UPDATE comments SET item_index = ?, template_ref = ?, level1 = ?, level2 = ?, anchor_round = ? WHERE id = ?",
                    (
                        anchor.item_index,
                        anchor.template_ref,
                        anchor.level1,
                        anchor.level2,
                        number,
                        comment_id,
                    ),
                )
            self._conn.execute("UPDATE comments SET anchor_round = ?", (number,))
            for record in statuses:
                self._write_status(record.target, record.status, record.by, record.note, number)
            self._event("round", by, number, note=file_name)
        return Round(number, file_name, sha256, catalog.meta.unit, catalog.item_count(), received)

    # ------------------------------------------------------------------ statuses
    def _write_status(
        self, target: str, status: ReviewStatus, by: str, note: str, round_: int
    ) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO statuses (target, status, by, at, note, round) VALUES (?,?,?,?,?,?)",
            (target, status.value, by, now(), note.strip(), round_),
        )
        self._event("review-status", by, round_, target, status=status.value, note=note)

    def set_status(
        self, target: str, status: ReviewStatus, by: str, round_: int, note: str = ""
    ) -> None:
        """Status of a domain (its id) or of the catalog (``CATALOG_TARGET``)."""
        with self.transaction():
            self._write_status(target, status, by, note, round_)

    @guarded
    def statuses(self) -> dict[str, StatusRecord]:
        rows = self._conn.execute(
            "SELECT target, status, by, at, note, round FROM statuses"
        ).fetchall()
        return {r[0]: StatusRecord(r[0], ReviewStatus(r[1]), r[2], r[3], r[4], r[5]) for r in rows}

    def status(self, target: str = CATALOG_TARGET) -> StatusRecord:
        return self.statuses().get(target) or StatusRecord(target, ReviewStatus.PENDING)

    @guarded
    def events(self) -> list[dict[str, Any]]:
        """The audit trail (who did what when), oldest first."""
        cursor = self._conn.execute(
            "SELECT at, by, round, kind, target, comment_id, status, note FROM events ORDER BY id"
        )
        keys = ("at", "by", "round", "kind", "target", "comment_id", "status", "note")
        return [dict(zip(keys, row, strict=True)) for row in cursor]

    def log(self, kind: str, by: str, round_: int, note: str = "") -> None:
        """Record an event that changes nothing else (e.g. 乡镇重新提交)."""
        with self.transaction():
            self._event(kind, by, round_, note=note)
