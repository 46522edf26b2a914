"""What is open: the session and the objects built on it, shared by every controller.

A plain holder, so a controller can read the state without reaching into the main window;
only ``DocumentController`` replaces it (``attach``/``close_session``) and the review
controller sets ``review``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zwgk_desktop.core.review.session import ReviewSession
    from zwgk_desktop.gui.editing import TableEditor
    from zwgk_desktop.gui.live_validation import LiveValidation
    from zwgk_desktop.gui.models.catalog_table import ItemTableModel
    from zwgk_desktop.gui.models.domain_list import DomainListModel
    from zwgk_desktop.gui.session import Session


class DocumentContext:
    """The open document (all None on the welcome page) and its review, if any."""

    def __init__(self) -> None:
        self.session: Session | None = None
        self.validation: LiveValidation | None = None
        self.table_model: ItemTableModel | None = None
        self.domain_model: DomainListModel | None = None
        self.editor: TableEditor | None = None
        self.review: ReviewSession | None = None

    @property
    def writable(self) -> bool:
        return self.session is not None and not self.session.read_only

    @property
    def reviewer(self) -> bool:
        """The county reviewer's 审核模式 (not the township's view of returned comments)."""
        return self.review is not None and self.review.is_reviewer

    def current_domain(self) -> str | None:
        return self.table_model.domain_id if self.table_model is not None else None

    def levels(self) -> list[str]:
        """The catalog's 公开层级 names (the table's level column offers these)."""
        return list(self.session.meta.levels) if self.session is not None else []
