"""Bring two copies of one review file back together.

A review file travels: the county returns it with the catalog, the township marks comments
已修改 in its copy and sends it back, while the county may have gone on commenting in the copy
it kept. Opening the resubmission with the township's copy would silently drop those later
comments, so the reviewer (or the township, the other way round) merges the other copy in:

- comments only in the other copy are added (unless this copy deleted them);
- a comment in both keeps this copy's wording and takes the newer status and reply (by
  ``status_at``);
- a comment the other copy deleted is deleted here too;
- catalog and domain statuses keep the newer record;
- rounds the other copy has beyond this one's are copied (both must share their history:
  the same submissions, in the same order, up to where one of them stops);
- the other copy's events join the audit trail.

Everything happens in one transaction of this copy; the other file is only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.review.store import ReviewStore
from zwgk_desktop.core.review.store_comments import _COMMENT_COLUMNS
from zwgk_desktop.core.sqlite_gate import reading
from zwgk_desktop.core.text import fold

_ROUND_COLUMNS = ("number", "file_name", "sha256", "unit", "item_count", "received", "catalog")
_STATUS_COLUMNS = ("target", "status", "by", "at", "note", "round")
_SAME_MOMENT_S = 5
_EVENT_COLUMNS = ("at", "by", "round", "kind", "target", "comment_id", "status", "note")


@dataclass(frozen=True)
class MergeReport:
    comments_added: int
    comments_updated: int
    statuses_updated: int
    rounds_added: int
    comments_removed: int = 0

    def summary(self) -> str:
        """One Chinese line for the user."""
        counts = (
            (self.comments_added, "新增意见 {} 条"),
            (self.comments_updated, "更新意见状态 {} 条"),
            (self.comments_removed, "删除意见 {} 条"),
            (self.statuses_updated, "更新审核状态 {} 项"),
            (self.rounds_added, "补充提交轮次 {} 轮"),
        )
        parts = [label.format(n) for n, label in counts if n]
        if not parts:
            return "两份审核文件内容一致，没有需要合并的内容"
        return "已合并：" + "，".join(parts)


def _rows(
    store: ReviewStore, table: str, columns: tuple[str, ...], order: str
) -> list[dict[str, Any]]:
    with reading(store.path.name):
        cursor = store._conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
        return [dict(zip(columns, row, strict=True)) for row in cursor]


def _identity(comment: dict[str, Any]) -> tuple[Any, ...]:
    """A comment is the same comment in both copies when made by the same person at the same
    moment with the same id (ids alone collide once the copies have diverged)."""
    return (comment["id"], comment["created"], comment["author"])


def _check_same_review(ours: ReviewStore, other: ReviewStore, other_path: Path) -> None:
    if ours.path.resolve() == other_path.resolve():
        raise ZwgkError("不能把审核文件与它自己合并")
    unit, other_unit = ours.unit, other.unit
    if unit and other_unit and fold(unit) != fold(other_unit):
        raise ZwgkError(f"“{other_path.name}”是“{other_unit}”的审核文件，不是“{unit}”的，未合并")
    mine = [r.sha256 for r in ours.rounds()]
    theirs = [r.sha256 for r in other.rounds()]
    shared = min(len(mine), len(theirs))
    if mine[:shared] != theirs[:shared]:
        raise ZwgkError(
            f"“{other_path.name}”记录的提交轮次与当前审核文件不一致，不是同一份审核记录的副本，未合并"
        )


def merge_review_files(ours: ReviewStore, other_path: str | Path, by: str) -> MergeReport:
    """Merge the review file at ``other_path`` into ``ours`` (see the module docstring)."""
    other_path = Path(other_path)
    with ReviewStore.open(other_path, read_only=True) as other:
        _check_same_review(ours, other, other_path)
        their_rounds = _rows(other, "rounds", _ROUND_COLUMNS, "number")
        their_comments = _rows(other, "comments", _COMMENT_COLUMNS, "id")
        their_statuses = _rows(other, "statuses", _STATUS_COLUMNS, "target")
        their_events = _rows(other, "events", _EVENT_COLUMNS, "id")
    conn = ours._conn
    my_rounds = {r.number for r in ours.rounds()}
    my_comments = {_identity(c): c for c in _rows(ours, "comments", _COMMENT_COLUMNS, "id")}
    my_statuses = {s["target"]: s for s in _rows(ours, "statuses", _STATUS_COLUMNS, "target")}
    my_events = {tuple(e.values()) for e in _rows(ours, "events", _EVENT_COLUMNS, "id")}
    added = updated = statuses = rounds = removed = 0
    id_map: dict[int, int] = {}
    latest_round = max(my_rounds, default=0)
    with ours.transaction():
        for round_row in their_rounds:
            if round_row["number"] not in my_rounds:
                conn.execute(
                    f"INSERT INTO rounds ({', '.join(_ROUND_COLUMNS)}) VALUES (?,?,?,?,?,?,?)",
                    tuple(round_row.values()),
                )
                rounds += 1
                latest_round = max(latest_round, round_row["number"])
        for comment in their_comments:
            mine = my_comments.get(_identity(comment))
            if mine is None:
                if _deleted_here(conn, comment):
                    continue
                values = {k: v for k, v in comment.items() if k != "id"}
                cursor = conn.execute(
                    f"INSERT INTO comments ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                    tuple(values.values()),
                )
                id_map[comment["id"]] = int(cursor.lastrowid or 0)
                added += 1
                continue
            id_map[comment["id"]] = mine["id"]
            if comment["status_at"] > mine["status_at"] and (
                comment["status"],
                comment["reply"],
                comment["status_by"],
            ) != (mine["status"], mine["reply"], mine["status_by"]):
                conn.execute(
                    "UPDATE comments SET status = ?, status_by = ?, status_at = ?, reply = ? WHERE id = ?",
                    (
                        comment["status"],
                        comment["status_by"],
                        comment["status_at"],
                        comment["reply"],
                        mine["id"],
                    ),
                )
                updated += 1
        for comment in _deleted_there(their_events, my_comments):
            conn.execute("DELETE FROM comments WHERE id = ?", (comment["id"],))
            removed += 1
        for record in their_statuses:
            mine_status = my_statuses.get(record["target"])
            if mine_status is None or record["at"] > mine_status["at"]:
                if mine_status is not None and all(
                    record[k] == mine_status[k] for k in ("status", "by", "note", "round")
                ):
                    continue
                conn.execute(
                    f"INSERT OR REPLACE INTO statuses ({', '.join(_STATUS_COLUMNS)}) VALUES (?,?,?,?,?,?)",
                    tuple(record.values()),
                )
                statuses += 1
        for event in their_events:
            if event["comment_id"] is not None:
                event = {
                    **event,
                    "comment_id": id_map.get(event["comment_id"], event["comment_id"]),
                }
            if tuple(event.values()) not in my_events:
                conn.execute(
                    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?)",
                    tuple(event.values()),
                )
        report = MergeReport(added, updated, statuses, rounds, removed)
        ours._event("merge", by, latest_round, note=f"{other_path.name}：{report.summary()}")
    return report


def _deleted_here(conn: Any, comment: dict[str, Any]) -> bool:
    """True when this copy once had ``comment`` (its 'comment' event, written within seconds
    of ``created`` by the same author) and has since deleted it."""
    rows = conn.execute(
        "SELECT at FROM events WHERE kind = 'comment' AND comment_id = ? AND by = ?",
        (comment["id"], comment["author"]),
    ).fetchall()
    return any(_close(comment["created"], at) for (at,) in rows)


def _deleted_there(
    events: list[dict[str, Any]], mine: dict[tuple[Any, ...], dict[str, Any]]
) -> list[dict[str, Any]]:
    """Comments of this copy that the other copy created (same id, author, moment) and then
    deleted, read from the other copy's events."""
    made = {e["comment_id"]: e for e in events if e["kind"] == "comment"}
    gone = []
    for event in events:
        if event["kind"] != "delete" or event["comment_id"] not in made:
            continue
        birth = made[event["comment_id"]]
        for comment in mine.values():
            if (
                comment["id"] == event["comment_id"]
                and comment["author"] == birth["by"]
                and _close(comment["created"], birth["at"])
            ):
                gone.append(comment)
    return gone


def _close(a: str, b: str) -> bool:
    try:
        delta = datetime.fromisoformat(a) - datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return False
    return abs(delta.total_seconds()) <= _SAME_MOMENT_S
