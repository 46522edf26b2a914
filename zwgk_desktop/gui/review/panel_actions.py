"""What the 审核意见 panel's buttons do (a mixin of :class:`ReviewPanel`).

Every action goes through the review session (core); a ZwgkError becomes a message box,
success refreshes the list and emits ``changed``. Confirmations go through ``msgbox`` so
tests answer them without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.review.model import CommentStatus, ReviewStatus
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.review.comment_dialog import CommentDialog

MANY_COMMENTS = 30  # ask before adding more generated comments than this at once

if TYPE_CHECKING:
    from zwgk_desktop.gui.review.panel import ReviewPanel


class PanelActions:
    """Mixed into ReviewPanel; ``self`` is the panel."""

    def _run(self: ReviewPanel, action: Callable[[], object]) -> bool:
        try:
            action()
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True

    def request_add(self: ReviewPanel) -> CommentDialog | None:
        """Open the comment dialog for the current position (non-blocking)."""
        if self.session is None:
            return None
        dialog = CommentDialog(self._target_text(), parent=self)
        dialog.accepted.connect(lambda: self.add_comment(dialog.text(), dialog.problem()))
        dialog.finished.connect(dialog.deleteLater)
        self.comment_dialog = dialog
        dialog.open()
        return dialog

    def add_comment(self: ReviewPanel, text: str, problem: str = "") -> int | None:
        """Add a comment at the current position; returns its id."""
        session = self.session
        if session is None:
            return None
        domain_id, row, field = self.current
        box: dict[str, int] = {}

        def add() -> None:
            box["id"] = session.add_comment(
                text, domain_id, None if row < 0 else row, field if row >= 0 else "", problem
            )

        if not self._run(add):
            return None
        self.select_comment(box["id"])
        return box["id"]

    def request_edit(self: ReviewPanel) -> CommentDialog | None:
        ids = self.selected_comment_ids()
        if self.session is None or len(ids) != 1:
            return None
        comment = self.session.store.comment(ids[0])
        dialog = CommentDialog(
            self._where(comment) or "整个目录", comment.problem, comment.text, self
        )
        dialog.accepted.connect(
            lambda: self._run(
                lambda: self.session.edit_comment(ids[0], dialog.text(), dialog.problem())
            )
        )  # type: ignore[union-attr]
        dialog.finished.connect(dialog.deleteLater)
        self.comment_dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self: ReviewPanel) -> None:
        ids = self.selected_comment_ids()
        session = self.session
        if (
            session is None
            or not ids
            or not msgbox.ask(self, f"删除所选的 {len(ids)} 条审核意见？")
        ):
            return

        def delete() -> None:
            for comment_id in ids:
                session.delete_comment(comment_id)

        self._run(delete)

    def mark_selected(self: ReviewPanel, status: CommentStatus) -> None:
        ids = self.selected_comment_ids()
        session = self.session
        if session is None or not ids:
            return
        reply = (  # an empty field keeps the reply given before
            self.reply_edit.text().strip() or None
            if status is CommentStatus.MODIFIED and not session.is_reviewer
            else None
        )
        if self._run(lambda: session.set_comment_status(ids, status, reply)):
            self.reply_edit.clear()

    def comments_from_validation(self: ReviewPanel) -> int:
        session = self.session
        if session is None:
            return 0
        box: dict[str, list] = {}
        if not self._run(lambda: box.setdefault("new", session.validation_comments())):
            return 0
        pending = len(box["new"])
        if pending > MANY_COMMENTS and not msgbox.ask(
            self, f"将把 {pending} 条校验结果转为审核意见，确定要添加吗？"
        ):
            return 0
        if self._run(lambda: box.setdefault("ids", session.comments_from_validation())):
            count = len(box["ids"])
            text = (
                f"已将 {count} 条校验结果转为审核意见" if count else "校验结果均已有对应的审核意见"
            )
            unread = len(session.unread_issues)
            if unread:
                from zwgk_desktop.core.review.import_gaps import left_out_note

                text += "；" + left_out_note(unread)
            msgbox.info(self, text)
            return count
        return 0

    def set_catalog_status(self: ReviewPanel, status: ReviewStatus) -> None:
        session = self.session
        if session is None:
            return
        force = False
        if status is ReviewStatus.APPROVED:
            pending = sum(1 for c in session.comments() if c.status is CommentStatus.OPEN)
            if pending:
                if not msgbox.ask(self, f"还有 {pending} 条审核意见待处理。仍然标记为通过吗？"):
                    return
                force = True
        self._run(lambda: session.set_catalog_status(status, force=force))

    def _domain_combo_chosen(self: ReviewPanel) -> None:
        status = self.domain_combo.currentData()
        if isinstance(status, ReviewStatus):
            self.set_domain_status(status)

    def set_domain_status(self: ReviewPanel, status: ReviewStatus, domain_id: str = "") -> None:
        session = self.session
        domain_id = domain_id or self.selected_domain_id()
        if session is None or not domain_id:
            return
        force = False
        if status is ReviewStatus.APPROVED:
            pending = [
                c for c in session.index().for_domain(domain_id) if c.status is CommentStatus.OPEN
            ]
            if pending:
                if not msgbox.ask(
                    self, f"该领域还有 {len(pending)} 条审核意见待处理。仍然标记为通过吗？"
                ):
                    self._selection_changed()
                    return
                force = True
        self._run(lambda: session.set_domain_status(domain_id, status, force=force))

    def resubmit(self: ReviewPanel) -> None:
        session = self.session
        if session is None:
            return
        open_count = sum(1 for c in session.comments() if c.status is CommentStatus.OPEN)
        if open_count and not msgbox.ask(
            self, f"还有 {open_count} 条意见未标记为已修改。仍然重新提交吗？"
        ):
            return
        if self._run(session.resubmit):
            msgbox.info(self, "已记录重新提交。请将目录文件和审核文件（.zwgkr）一并报送县级审核。")

    def _export_opinions(self: ReviewPanel) -> None:
        from zwgk_desktop.gui.review.exports import ask_export_opinions

        if self.session is not None:
            ask_export_opinions(self, self.session)

    def _export_letter(self: ReviewPanel) -> None:
        from zwgk_desktop.gui.review.exports import ask_export_letter

        if self.session is not None:
            ask_export_letter(self, self.session)
