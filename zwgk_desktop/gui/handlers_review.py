"""审核 menu and the review docks (a mixin of the main window).

The county reviewer opens a received file in 审核模式 (read-only, "XX镇提交的文件"); the
township clerk who opens its own document with a review file beside it sees the same
comments at their cells. Every review rule lives in ``core.review`` and every review
widget in ``gui.review``; this mixin only connects them to the editor: the current cell →
the panel, a comment or diff jump → the table, a changed review → banner, cell marks and
the navigator's 已通过.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog, QInputDialog

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import FILTER, PATTERNS
from zwgk_desktop.core.review.comments import find_domain
from zwgk_desktop.core.review.model import ReviewStatus
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.review.store import CATALOG_TARGET, find_review_file
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.review import DiffView, ReviewBanner, ReviewPanel

if TYPE_CHECKING:
    from zwgk_desktop.gui.mainwindow import MainWindow

REFRESH_MS = 300  # township edits are batched before comments are re-located
REVIEW_FILTER = f"提交的目录 (*.zwgk {PATTERNS});;目录文件 (*.zwgk);;{FILTER}"
COPY_PREFIX = "zwgk-review-"  # temp folders of ReviewSession.open_document / open_untrusted


MERGE_FILTER = "审核文件 (*.zwgkr)"


def ask_review_path(parent: Any, folder: str) -> Path | None:
    text, _ = QFileDialog.getOpenFileName(parent, "打开提交文件（审核模式）", folder, REVIEW_FILTER)
    return Path(text) if text else None


def drop_review_copy(document: Document) -> None:
    """Delete the private copy a review was shown from (after the document is closed)."""
    folder = Path(document.path).parent
    if Path(document.path) != Path(document.source_path) and folder.name.startswith(COPY_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


class ReviewHandlers:
    """Handlers of the 审核 menu and the review docks (mixed into MainWindow)."""

    # ----------------------------------------------------------------- layout
    def _build_review(self: MainWindow) -> None:
        self.batch_dialog: Any = None
        self.review_banner = ReviewBanner(self.editor_page)
        self.editor_page.layout().insertWidget(1, self.review_banner)  # below the 只读 strip
        self.review_banner.previous_diff_requested.connect(self.on_review_diff_previous)
        self.review_banner.template_diff_requested.connect(self.on_review_diff_template)
        self.review_panel = ReviewPanel(self)
        self.review_panel.jump_requested.connect(self.jump_to_cell)
        self.review_panel.changed.connect(self._review_changed)
        self.review_dock = QDockWidget("审核意见", self)
        self.review_dock.setObjectName("reviewDock")
        self.review_dock.setWidget(self.review_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.review_dock)
        self.tabifyDockWidget(self.form_dock, self.review_dock)
        self.diff_view = DiffView(self)
        self.diff_view.jump_requested.connect(self.jump_to_cell)
        self.diff_view.comments_added.connect(self._comments_from_diff)
        self.diff_dock = QDockWidget("比较", self)
        self.diff_dock.setObjectName("diffDock")
        self.diff_dock.setWidget(self.diff_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diff_dock)
        self._diff_tabbed = False  # tabbed with 校验问题 when first shown (a hidden tab
        # group leaves a stale tab bar over the 校验问题 title)
        self.review_dock.hide()
        self.diff_dock.hide()
        self._review_timer = QTimer(self)
        self._review_timer.setSingleShot(True)
        self._review_timer.setInterval(REFRESH_MS)
        self._review_timer.timeout.connect(self._refresh_township_review)

    # ----------------------------------------------------------------- opening
    def on_review_open(self: MainWindow) -> None:
        path = ask_review_path(self, self._folder())
        if path is not None:
            self.open_for_review(path)

    def open_for_review(self: MainWindow, path: Path) -> bool:
        """Open a township's .zwgk or .xlsx read-only in 审核模式 (a new round if it is new)."""
        path = Path(path)
        try:
            review = ReviewSession.open_for_review(path, self._reviewer_name())
        except ZwgkError as exc:
            msgbox.error(self, str(exc), "无法审核")
            return False
        try:
            document = review.open_document()
        except ZwgkError as exc:
            review.close()
            msgbox.error(self, str(exc), "无法审核")
            return False
        self.attach(document)
        self._set_review(review)
        settings = load_settings()
        settings.last_folder = str(path.resolve().parent)
        save_settings(settings)
        return True

    def open_township_review(self: MainWindow, path: Path) -> bool:
        """The clerk's own document: show the returned comments if a review file lies beside it."""
        if self.session is None or find_review_file(path) is None:
            return False
        try:
            review = ReviewSession.open_for_township(path, self.session.catalog)
        except ZwgkError as exc:
            msgbox.warning(self, str(exc))
            return False
        session = self.session
        for signal in (
            session.cells_changed,
            session.rows_inserted,
            session.rows_removed,
            session.layout_changed,
            session.domains_reset,
        ):
            signal.connect(lambda *_: self._review_timer.start())
        self._set_review(review)
        return True

    def _set_review(self: MainWindow, review: ReviewSession | None) -> None:
        self.review = review
        self.review_banner.set_session(review)
        self.review_panel.set_session(review)
        self.diff_view.set_session(None)  # compared on demand: opening stays fast
        if review is None:
            self.review_dock.hide()
            self.diff_dock.hide()
        else:
            if review.is_reviewer:
                self.banner.setVisible(False)  # the review banner says it is read-only
                if review.import_gaps and self.validation is not None:
                    self.validation.store.gaps = review.import_gaps  # shown as 未能识别
                    self.validation.restart()
            self.review_dock.show()
            self.review_dock.raise_()
            if self.domain_model is not None:
                self._review_follow_cell()
        self._push_review_marks()
        self.update_title()
        self._update_actions()

    def _detach_review(self: MainWindow) -> None:
        """Close the review with its document (called by close_session)."""
        review = self.review
        if review is None:
            return
        self._review_timer.stop()
        self._set_review(None)
        review.close()

    # ----------------------------------------------------------------- following the editor
    def _review_follow_cell(self: MainWindow) -> None:
        """Tell the panel where a new comment goes: the current cell, else the domain."""
        if self.review is None:
            return
        domain_id = self.current_domain() or ""
        index = self.table.currentIndex()
        if self.table_model is None or not index.isValid():
            self.review_panel.set_current(domain_id, -1, "")
            return
        self.review_panel.set_current(
            domain_id,
            self.table_model.domain_row(index.row()),
            self.table_model.fields[index.column()].key,
        )

    def jump_to_cell(self: MainWindow, domain_id: str, row: int, field: str) -> None:
        """Select a domain (row -1) or an item's cell (field "": its first column)."""
        if self.session is None:
            return
        if not self.session.has_domain(domain_id):
            domain = find_domain(self.session.partial_catalog, domain_id)
            if domain is None:
                return
            domain_id = domain.id
        items = self.session.items(domain_id)
        if row < 0 or row >= len(items):
            self.show_domain(domain_id)
            self.table.setFocus()
            return
        self.locate(domain_id, items[row].id, field or None)

    def _comments_from_diff(self: MainWindow, _ids: list[int]) -> None:
        self.review_panel.refresh()
        self._review_changed()
        self._show_review_dock()

    def _review_changed(self: MainWindow) -> None:
        self.review_banner.refresh()
        self._push_review_marks()
        self._update_actions()

    def _push_review_marks(self: MainWindow) -> None:
        review = self.review
        if self.table_model is not None:
            self.table_model.set_review_cells(review.index().cells() if review else None)
        if self.domain_model is not None:
            self.domain_model.set_passed(self._passed_domains())

    def _passed_domains(self: MainWindow) -> set[str]:
        if self.review is None or self.session is None:
            return set()
        statuses = self.review.store.statuses()
        record = statuses.get(CATALOG_TARGET)
        domains = self.session.domains
        if record is not None and record.status is ReviewStatus.APPROVED:
            return {d.id for d in domains}
        passed = set()
        for target, record in statuses.items():
            if target and record.status is ReviewStatus.APPROVED:
                domain = find_domain(self.session.partial_catalog, target)
                if domain is not None:
                    passed.add(domain.id)
        return passed

    def _refresh_township_review(self: MainWindow) -> None:
        """After a batch of the clerk's edits: comments follow their items."""
        if self.review is None or self.session is None:
            return
        self.review.refresh(self.session.catalog)
        self.review_panel.refresh()
        self._push_review_marks()
        if self.diff_dock.isVisible() and self.diff_view.session is self.review:
            self.diff_view.show_source(self.diff_view.source_combo.currentData())

    # ----------------------------------------------------------------- comments & statuses
    def _show_review_dock(self: MainWindow) -> None:
        self.review_dock.show()
        self.review_dock.raise_()

    def on_review_panels(self: MainWindow) -> None:
        if self.review is not None:
            self._show_review_dock()

    def on_review_add_comment(self: MainWindow) -> None:
        if self.review is not None and self.review.is_reviewer:
            self._show_review_dock()
            self.review_panel.request_add()

    def on_review_from_validation(self: MainWindow) -> None:
        if self.review is not None:
            self._show_review_dock()
            self.review_panel.comments_from_validation()

    def on_review_approve_domain(self: MainWindow) -> None:
        domain_id = self.current_domain()
        if self.review is not None and domain_id:
            self.review_panel.set_domain_status(ReviewStatus.APPROVED, domain_id)

    def on_review_approve_all(self: MainWindow) -> None:
        if self.review is not None:
            self.review_panel.set_catalog_status(ReviewStatus.APPROVED)

    def on_review_return(self: MainWindow) -> None:
        if self.review is not None:
            self.review_panel.set_catalog_status(ReviewStatus.RETURNED)

    # ----------------------------------------------------------------- comparisons
    def on_review_diff_template(self: MainWindow) -> None:
        self.show_review_diff("template")

    def on_review_diff_previous(self: MainWindow) -> None:
        if self.review is not None:
            self.show_review_diff("previous" if self.review.is_reviewer else "since")

    def on_review_diff_file(self: MainWindow) -> None:
        self.show_review_diff("file")

    def show_review_diff(self: MainWindow, key: str) -> bool:
        """Show the 比较 dock with ``previous``, ``template``, ``since`` or ``file``."""
        if self.review is None:
            return False
        if self.diff_view.session is not self.review:
            self.diff_view.set_session(self.review)
        if not self.diff_view.show_source(key):
            msgbox.info(self, "这是第1轮提交，还没有上一轮可以比较。")
            return False
        first = not self.diff_dock.isVisible()
        if not self._diff_tabbed and not self.issues_dock.isHidden():
            self.tabifyDockWidget(self.issues_dock, self.diff_dock)
            self._diff_tabbed = True
        self.diff_dock.show()
        self.diff_dock.raise_()
        if first:
            self.resizeDocks([self.diff_dock], [300], Qt.Orientation.Vertical)
        return True

    def on_review_merge(self: MainWindow) -> None:
        review = self.review
        if review is None:
            return
        text, _ = QFileDialog.getOpenFileName(
            self, "选择要合并的审核文件", str(review.store.path.parent), MERGE_FILTER
        )
        if text:
            self.merge_review_file(Path(text))

    def merge_review_file(self: MainWindow, path: Path) -> bool:
        """Merge another copy of the open review file; comments and marks update at once."""
        review = self.review
        if review is None:
            return False
        try:
            report = review.merge_review_file(path)
        except ZwgkError as exc:
            msgbox.error(self, str(exc), "无法合并")
            return False
        self.review_panel.refresh()
        self._review_changed()
        msgbox.info(self, report.summary(), "合并审核文件")
        return True

    # ----------------------------------------------------------------- exports & batch
    def on_review_export_opinions(self: MainWindow) -> None:
        from zwgk_desktop.gui.review.exports import ask_export_opinions

        if self.review is not None:
            ask_export_opinions(self, self.review)

    def on_review_export_letter(self: MainWindow) -> None:
        from zwgk_desktop.gui.review.exports import ask_export_letter

        if self.review is not None:
            ask_export_letter(self, self.review)

    def on_review_batch(self: MainWindow) -> None:
        from zwgk_desktop.gui.review import BatchReviewDialog

        if self.batch_dialog is None:
            self.batch_dialog = BatchReviewDialog(self, self._folder())
            self.batch_dialog.open_requested.connect(lambda p: self.open_for_review(Path(p)))
        self.batch_dialog.show()
        self.batch_dialog.raise_()
        self.batch_dialog.activateWindow()

    # ----------------------------------------------------------------- reviewer's name
    def on_review_set_name(self: MainWindow) -> None:
        current = load_settings().reviewer_name
        name, ok = QInputDialog.getText(
            self, "设置审核人姓名", "审核人姓名（记入审核意见和意见函）：", text=current
        )
        if ok:
            self.set_reviewer_name(name)

    def _reviewer_name(self: MainWindow) -> str:
        """The reviewer's name from the settings; asked once when it was never given."""
        name = load_settings().reviewer_name.strip()
        if name or getattr(self, "_reviewer_name_asked", False):
            return name
        self._reviewer_name_asked = True
        answer = msgbox.ask_text(
            self,
            "审核人姓名",
            "请输入审核人姓名（只需输入一次，记入审核意见和意见函；可在“审核”菜单中修改）：",
        )
        if answer and answer.strip():
            self.set_reviewer_name(answer)
            return answer.strip()
        return ""

    def set_reviewer_name(self: MainWindow, name: str) -> None:
        settings = load_settings()
        settings.reviewer_name = name.strip()
        save_settings(settings)
        if self.review is not None and self.review.is_reviewer and name.strip():
            self.review.user = name.strip()  # comments from now on carry the new name
        shown = name.strip() or "审核人"
        self.statusBar().showMessage(f"审核人姓名：{shown}", 5000)

    def _update_review_actions(self: MainWindow) -> None:
        """Texts and states that depend on the review's side and round."""
        review = self.review
        previous = self.actions_by_id["review_diff_previous"]
        township = review is not None and not review.is_reviewer
        previous.setText("与审核时的版本比较" if township else "与上一轮比较")
        previous.setEnabled(township or (review is not None and review.round.number > 1))
        approve = self.actions_by_id["review_approve_domain"]
        approve.setEnabled(approve.isEnabled() and bool(self.current_domain()))
