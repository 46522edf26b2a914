"""The .zwgk schema and its migrations (sqlite-utils Migrations).

A .zwgk file is an SQLite database (SQLite as an application file format). It is marked
with ``PRAGMA application_id`` so that a foreign SQLite file is recognised as such, and its
schema evolves only through the migrations below, applied on open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_desktop.core.sqlite_gate import Schema

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x5A57474B  # "ZWGK"
MIGRATION_SET = "zwgk"


def m001_catalog(db: Database) -> None:
    """meta, domains, items and snapshots."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE domains (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            pilot INTEGER NOT NULL DEFAULT 1,
            not_involved INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            aliases TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute(
        """CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            domain_id TEXT NOT NULL REFERENCES domains(id),
            position INTEGER NOT NULL,
            level1 TEXT NOT NULL DEFAULT '',
            level2 TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL DEFAULT '',
            basis TEXT NOT NULL DEFAULT '',
            time_limit TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            channels TEXT NOT NULL DEFAULT '[]',
            audience TEXT NOT NULL DEFAULT '[]',
            audience_note TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '[]',
            level TEXT NOT NULL DEFAULT '[]',
            extra TEXT NOT NULL DEFAULT '{}',
            template_ref TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX items_domain_position ON items(domain_id, position)")
    db.execute(
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created TEXT NOT NULL,
            item_count INTEGER NOT NULL,
            data TEXT NOT NULL
        )"""
    )


# Every migration in order; a new one is appended here (and ``scripts/schema_signatures.py``
# run, see ``sqlite_gate``).
SCHEMA = Schema(MIGRATION_SET, (m001_catalog,))


def apply_migrations(db: Database) -> None:
    SCHEMA.migrations().apply(db)
