"""The comment records of a review file (a mixin of :class:`ReviewStore`).

Kept apart from the file handling in ``store``: adding, editing, deleting comments and
changing their status (who/when, the township's reply), each call one transaction with
an audit event.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.review.model import Anchor, Comment, CommentStatus, NewComment, Scope, now
from zwgk_desktop.core.sqlite_gate import guarded

_COMMENT_COLUMNS = (
    "id",
    "round",
    "scope",
    "domain_id",
    "domain_name",
    "item_index",
    "template_ref",
    "level1",
    "level2",
    "field",
    "anchor_round",
    "problem",
    "text",
    "rule",
    "source",
    "author",
    "created",
    "status",
    "status_by",
    "status_at",
    "reply",
)


def _row_comment(row: Sequence[Any]) -> Comment:
    d = dict(zip(_COMMENT_COLUMNS, row, strict=True))
    anchor = Anchor(
        scope=Scope(d["scope"]),
        domain_id=d["domain_id"],
        domain_name=d["domain_name"],
        item_index=d["item_index"],
        template_ref=d["template_ref"],
        level1=d["level1"],
        level2=d["level2"],
        field=d["field"],
    )
    return Comment(
        id=d["id"],
        anchor=anchor,
        text=d["text"],
        problem=d["problem"],
        author=d["author"],
        created=d["created"],
        round=d["round"],
        status=CommentStatus(d["status"]),
        status_by=d["status_by"],
        status_at=d["status_at"],
        reply=d["reply"],
        rule=d["rule"],
        source=d["source"],
    )


class CommentRecords:
    """Comment methods; the host provides ``_conn``, ``transaction()`` and ``_event()``."""

    _conn: sqlite3.Connection
    transaction: Callable[[], contextlib.AbstractContextManager[sqlite3.Connection]]
    _event: Callable[..., None]  # ReviewStore._event(kind, by, round_, target, comment_id, …)

    @guarded
    def comments(self) -> list[Comment]:
        rows = self._conn.execute(
            f"SELECT {', '.join(_COMMENT_COLUMNS)} FROM comments ORDER BY id"
        ).fetchall()
        return [_row_comment(r) for r in rows]

    @guarded
    def comment(self, comment_id: int) -> Comment:
        row = self._conn.execute(
            f"SELECT {', '.join(_COMMENT_COLUMNS)} FROM comments WHERE id = ?", (comment_id,)
        ).fetchone()
        if row is None:
            raise ZwgkError(f"找不到编号为 {comment_id} 的审核意见")
        return _row_comment(row)

    def add_comments(self, new: Sequence[NewComment], author: str, round_: int) -> list[int]:
        """Add several comments in one transaction; returns their ids."""
        created = now()
        ids: list[int] = []
        with self.transaction():
            for c in new:
                a = c.anchor
                cursor = self._conn.execute(
                    """INSERT INTO comments (round, scope, domain_id, domain_name, item_index, template_ref,
                       level1, level2, field, anchor_round, problem, text, rule, source, author, created,
                       status, status_by, status_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (
                        round_,
                        a.scope.value,
                        a.domain_id,
                        a.domain_name,
                        a.item_index,
                        a.template_ref,
                        a.level1,
                        a.level2,
                        a.field,
                        round_,
                        c.problem.strip(),
                        c.text.strip(),
                        c.rule,
                        c.source,
                        author,
                        created,
                        CommentStatus.OPEN.value,
                        author,
                        created,
                    ),
                )
                comment_id = int(cursor.lastrowid or 0)
                ids.append(comment_id)
                self._event(
                    "comment", author, round_, a.domain_id, comment_id, CommentStatus.OPEN.value
                )
        return ids

    def add_comment(self, new: NewComment, author: str, round_: int) -> int:
        return self.add_comments([new], author, round_)[0]

    def edit_comment(
        self, comment_id: int, text: str, problem: str | None, by: str, round_: int
    ) -> None:
        self.comment(comment_id)
        with self.transaction():
            if problem is None:
                self._conn.execute(
                    "UPDATE comments SET text = ? WHERE id = ?", (text.strip(), comment_id)
                )
            else:
                self._conn.execute(
                    "UPDATE comments SET text = ?, problem = ? WHERE id = ?",
                    (text.strip(), problem.strip(), comment_id),
                )
            self._event("edit", by, round_, comment_id=comment_id)

    def delete_comment(self, comment_id: int, by: str, round_: int) -> None:
        self.comment(comment_id)
        with self.transaction():
            self._conn.execute("DELETE FROM comments WHERE id = ?", (comment_id,))
            self._event("delete", by, round_, comment_id=comment_id)

    def set_comment_status(
        self,
        comment_ids: Iterable[int],
        status: CommentStatus,
        by: str,
        round_: int,
        reply: str | None = None,
    ) -> None:
        """Change the status of one or more comments (with who/when), in one transaction."""
        ids = list(comment_ids)
        for comment_id in ids:
            self.comment(comment_id)
        at = now()
        with self.transaction():
            for comment_id in ids:
                if reply is None:
                    self._conn.execute(
                        "UPDATE comments SET status = ?, status_by = ?, status_at = ? WHERE id = ?",
                        (status.value, by, at, comment_id),
                    )
                else:
                    self._conn.execute(
                        "UPDATE comments SET status = ?, status_by = ?, status_at = ?, reply = ? WHERE id = ?",
                        (status.value, by, at, reply.strip(), comment_id),
                    )
                self._event(
                    "status",
                    by,
                    round_,
                    comment_id=comment_id,
                    status=status.value,
                    note=reply or "",
                )
