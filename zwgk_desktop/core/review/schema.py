"""The review file's schema (sqlite-utils Migrations) and its own ``application_id``.

A review file (``.zwgkr``) travels between county and township, so it is checked like any
received file before use (``sqlite_gate``): our application_id, exactly the schema these
migrations make, ``quick_check`` and every row's values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_desktop.core.sqlite_gate import Schema

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x5A574752  # "ZWGR"
MIGRATION_SET = "zwgk-review"


def m001_review(db: Database) -> None:
    """Identity, rounds with catalog snapshots, comments, statuses and an event log."""
    db.execute("CREATE TABLE review_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE rounds (
            number INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            item_count INTEGER NOT NULL DEFAULT 0,
            received TEXT NOT NULL,
            catalog TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            round INTEGER NOT NULL,
            scope TEXT NOT NULL,
            domain_id TEXT NOT NULL DEFAULT '',
            domain_name TEXT NOT NULL DEFAULT '',
            item_index INTEGER,
            template_ref TEXT NOT NULL DEFAULT '',
            level1 TEXT NOT NULL DEFAULT '',
            level2 TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            anchor_round INTEGER NOT NULL,
            problem TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            rule TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'manual',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            status_by TEXT NOT NULL DEFAULT '',
            status_at TEXT NOT NULL DEFAULT '',
            reply TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX comments_domain ON comments(domain_id)")
    db.execute(
        """CREATE TABLE statuses (
            target TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            by TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            round INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            by TEXT NOT NULL DEFAULT '',
            round INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            comment_id INTEGER,
            status TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )"""
    )


# Every migration in order; a new one is appended here (and ``scripts/schema_signatures.py``
# run, see ``sqlite_gate``).
SCHEMA = Schema(MIGRATION_SET, (m001_review,))


def apply_migrations(db: Database) -> None:
    SCHEMA.migrations().apply(db)
