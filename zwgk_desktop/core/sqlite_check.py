"""The first look at an SQLite file someone hands us: is it ours, and is it intact?

Shared by the catalog document (``.zwgk``) and the review file (``.zwgkr``): both check the
``application_id`` before reading anything, then the gate of ``sqlite_gate`` (our schema
exactly, before even ``quick_check`` could evaluate a planted expression), ``quick_check``
and finally every row's types, JSON shapes, vocabulary and sizes.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.sqlite_gate import Gate, check_rows, check_schema


class FileKind(NamedTuple):
    """Our kind of file: its application id and how to say "not one" (``{name}`` is filled)."""

    application_id: int
    not_ours: str  # e.g. "“{name}”不是审核文件（.zwgkr）"
    not_ours_error: type[ZwgkError] = FileUnreadableError
    damaged_prefix: str = "“{name}”"  # e.g. "审核文件“{name}”"
    gate: Gate | None = None


class CheckedFile(NamedTuple):
    """What the check saw: the ``(type, name)`` rows of ``sqlite_master`` and the names
    of the migrations the file has (empty without a gate)."""

    objects: list[tuple[str, str]]
    applied: tuple[str, ...] = ()


def check_sqlite_file(conn: sqlite3.Connection, name: str, kind: FileKind) -> CheckedFile:
    """Raise a one-line Chinese error unless ``conn`` is our kind of file and intact."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise kind.not_ours_error(kind.not_ours.format(name=name) + "，或文件已损坏") from exc
    if app_id != kind.application_id:
        raise kind.not_ours_error(kind.not_ours.format(name=name))
    prefix = kind.damaged_prefix.format(name=name)
    damaged = prefix + "已损坏"
    applied: tuple[str, ...] = ()
    if kind.gate is not None:
        applied = check_schema(
            conn,
            kind.gate.schema,
            f"{prefix}含有不属于本程序的数据库结构（如触发器、视图或改动过的列），可能被篡改，已拒绝打开",
        )
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        raise FileUnreadableError(f"{damaged}，无法打开") from exc
    if result != "ok":
        raise FileUnreadableError(f"{damaged}，完整性检查未通过：{result}")
    if kind.gate is not None:
        check_rows(conn, kind.gate.rules, f"{prefix}的数据不是本程序写入的格式，已拒绝打开")
    return CheckedFile([(str(t), str(n)) for t, n in objects], applied)
