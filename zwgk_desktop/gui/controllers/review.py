"""审核 menu and the review docks.

The county reviewer opens a received file in 审核模式 (read-only, "XX镇提交的文件"); the
township clerk who opens its own document with a review file beside it sees the same
comments at their cells. Every review rule lives in ``core.review`` and every review
widget in ``gui.review``; this controller only connects them to the editor: the current
cell → the panel, a comment or diff jump → the table, a changed review → banner, cell marks
and the navigator's 已通过.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import FILTER, PATTERNS
from zwgk_desktop.core.review.files import CATALOG_TARGET, find_review_file
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.storage import COPY_PREFIX, Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.busy import busy_cursor
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.controllers.file import last_folder
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.widgets.issues_panel import IssuesPanel

if TYPE_CHECKING:  # built on first use (MainWindow._build_review_widgets)
    from zwgk_desktop.core.review.session import ReviewSession
    from zwgk_desktop.gui.review import DiffView, ReviewBanner, ReviewPanel

REFRESH_MS = 300  # township edits are batched before comments are re-located
REVIEW_FILTER = f"提交的目录 (*.zwgk {PATTERNS});;目录文件 (*.zwgk);;{FILTER}"


MERGE_FILTER = "审核文件 (*.zwgkr)"


def ask_review_path(parent: Any, folder: str) -> Path | None:
    text, _ = standard.get_open_file_name(parent, "打开提交文件（审核模式）", folder, REVIEW_FILTER)
    return Path(text) if text else None


def drop_review_copy(document: Document) -> None:
    """Delete the private copy a review was shown from (after the document is closed)."""
    folder = Path(document.path).parent
    if Path(document.path) != Path(document.source_path) and folder.name.startswith(COPY_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


class ReviewWidgets(NamedTuple):
    """The review's own widgets, built by the window: banner, comments dock, 比较 dock."""

    banner: ReviewBanner
    panel: ReviewPanel
    panel_dock: QDockWidget
    diff_view: DiffView
    diff_dock: QDockWidget


class ReviewController(QObject):
    """Handlers of the 审核 menu; keeps the review docks in step with the editor."""

    HANDLES: ClassVar[tuple[str, ...]] = (
        "review_open",
        "review_batch",
        "review_add_comment",
        "review_from_validation",
        "review_diff_template",
        "review_diff_previous",
        "review_diff_file",
        "review_export_opinions",
        "review_export_letter",
        "review_approve_domain",
        "review_approve_all",
        "review_return",
        "review_panels",
        "review_merge",
        "review_set_name",
    )

    def __init__(
        self,
        window: QMainWindow,
        ctx: DocumentContext,
        doc: DocumentController,
        chrome: ChromeController,
        actions: dict[str, QAction],
        widgets: Callable[[], ReviewWidgets],
        read_only_banner: QLabel,
        issues_dock: QDockWidget,
        issues_panel: IssuesPanel,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.doc = doc
        self.chrome = chrome
        self.actions = actions
        self._make_widgets = widgets
        self._widgets: ReviewWidgets | None = None
        self.read_only_banner = read_only_banner
        self.issues_dock = issues_dock
        self.issues_panel = issues_panel
        self.batch_dialog: Any = None
        self._name_asked = False
        self._diff_tabbed = False  # tabbed with 校验问题 when first shown (a hidden tab
        # group leaves a stale tab bar over the 校验问题 title)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_township_review)
        doc.closing.connect(self._detach)
        doc.closed.connect(drop_review_copy)
        doc.current_changed.connect(self._follow_cell)
        chrome.actions_updated.connect(self._update_actions)

    # ----------------------------------------------------------------- the review's widgets
    @property
    def widgets(self) -> ReviewWidgets:
        """Banner, panel and docks, built when a review first needs them (~40 ms that
        opening a catalog without a review does not pay)."""
        if self._widgets is None:
            made = self._widgets = self._make_widgets()
            made.banner.previous_diff_requested.connect(self.on_review_diff_previous)
            made.banner.template_diff_requested.connect(self.on_review_diff_template)
            made.panel.jump_requested.connect(self.jump_to_cell)
            made.panel.changed.connect(self._review_changed)
            made.diff_view.jump_requested.connect(self.jump_to_cell)
            made.diff_view.comments_added.connect(self._comments_from_diff)
            self.hide_docks()
        return self._widgets

    @property
    def banner(self) -> ReviewBanner:
        return self.widgets.banner

    @property
    def panel(self) -> ReviewPanel:
        return self.widgets.panel

    @property
    def panel_dock(self) -> QDockWidget:
        return self.widgets.panel_dock

    @property
    def diff_view(self) -> DiffView:
        return self.widgets.diff_view

    @property
    def diff_dock(self) -> QDockWidget:
        return self.widgets.diff_dock

    def hide_docks(self) -> None:
        """The review docks exist only while a review is open (a restored layout may show
        them)."""
        if self._widgets is None:
            return  # not built: nothing shown
        self._widgets.panel_dock.hide()
        self._widgets.diff_dock.hide()

    # ----------------------------------------------------------------- opening
    def on_review_open(self) -> None:
        path = ask_review_path(self.window, last_folder())
        if path is not None:
            self.open_for_review(path)

    def open_for_review(self, path: Path) -> bool:
        """Open a township's .zwgk or .xlsx read-only in 审核模式 (a new round if it is new)."""
        from zwgk_desktop.core.review.session import ReviewSession

        path = Path(path)
        reviewer = self._reviewer_name()
        try:
            with busy_cursor():  # reading a submitted workbook takes a moment
                review = ReviewSession.open_for_review(path, reviewer)
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "无法审核")
            return False
        try:
            with busy_cursor():
                document = review.open_document()
        except ZwgkError as exc:
            review.close()
            msgbox.error(self.window, str(exc), "无法审核")
            return False
        with busy_cursor():
            self.doc.attach(document)
            self._set_review(review)
        settings = load_settings()
        settings.last_folder = str(path.resolve().parent)
        save_settings(settings)
        return True

    def open_township_review(self, path: Path) -> bool:
        """The clerk's own document: show the returned comments if a review file lies beside it."""
        session = self.ctx.session
        if session is None or find_review_file(path) is None:
            return False
        from zwgk_desktop.core.review.session import ReviewSession

        try:
            review = ReviewSession.open_for_township(path, session.catalog)
        except ZwgkError as exc:
            msgbox.warning(self.window, str(exc))
            return False
        for signal in (
            session.cells_changed,
            session.rows_inserted,
            session.rows_removed,
            session.layout_changed,
            session.domains_reset,
        ):
            signal.connect(lambda *_: self._timer.start())
        self._set_review(review)
        return True

    def _set_review(self, review: ReviewSession | None) -> None:
        self.ctx.review = review
        if review is not None or self._widgets is not None:
            self.banner.set_session(review)
            self.panel.set_session(review)
            self.diff_view.set_session(None)  # compared on demand: opening stays fast
        if review is None:
            self.hide_docks()
        else:
            validation = self.ctx.validation
            if review.is_reviewer:
                self.read_only_banner.setVisible(False)  # the review banner says it is read-only
                gaps, cells = review.import_gaps, review.import_cell_gaps
                if (gaps or cells) and validation is not None:
                    validation.store.gaps = gaps  # shown as 未能识别
                    validation.store.cell_gaps = cells
                    validation.restart()
            self.panel_dock.show()
            self.panel_dock.raise_()
            if self.ctx.domain_model is not None:
                self._follow_cell()
        self._push_review_marks()
        self.chrome.update_title()
        self.chrome.update_actions()

    def _detach(self) -> None:
        """Close the review with its document (before the document is taken down)."""
        review = self.ctx.review
        if review is None:
            return
        self._timer.stop()
        self._set_review(None)
        review.close()

    # ----------------------------------------------------------------- following the editor
    def _follow_cell(self) -> None:
        """Tell the panel where a new comment goes: the current cell, else the domain."""
        if self.ctx.review is None:
            return
        position = self.doc.current_position()
        if position is None:
            self.panel.set_current(self.ctx.current_domain() or "", -1, "")
            return
        self.panel.set_current(*position)

    def jump_to_cell(self, domain_id: str, row: int, field: str) -> None:
        """Select a domain (row -1) or an item's cell (field "": its first column)."""
        from zwgk_desktop.core.review.comments import find_domain

        session = self.ctx.session
        if session is None:
            return
        if not session.has_domain(domain_id):
            domain = find_domain(session.partial_catalog, domain_id)
            if domain is None:
                return
            domain_id = domain.id
        self.doc.jump_to_row(domain_id, row, field or None)

    def _comments_from_diff(self, _ids: list[int]) -> None:
        self.panel.refresh()
        self._review_changed()
        self._show_panel()

    def _review_changed(self) -> None:
        self.banner.refresh()
        self._push_review_marks()
        self.chrome.update_actions()

    def _push_review_marks(self) -> None:
        review = self.ctx.review
        if self.ctx.table_model is not None:
            self.ctx.table_model.set_review_cells(review.index().cells() if review else None)
        if self.ctx.domain_model is not None:
            self.ctx.domain_model.set_passed(self._passed_domains())

    def _passed_domains(self) -> set[str]:
        from zwgk_desktop.core.review.comments import find_domain
        from zwgk_desktop.core.review.model import ReviewStatus

        review, session = self.ctx.review, self.ctx.session
        if review is None or session is None:
            return set()
        statuses = review.store.statuses()
        record = statuses.get(CATALOG_TARGET)
        domains = session.domains
        if record is not None and record.status is ReviewStatus.APPROVED:
            return {d.id for d in domains}
        passed = set()
        for target, record in statuses.items():
            if target and record.status is ReviewStatus.APPROVED:
                domain = find_domain(session.partial_catalog, target)
                if domain is not None:
                    passed.add(domain.id)
        return passed

    def _refresh_township_review(self) -> None:
        """After a batch of the clerk's edits: comments follow their items."""
        review, session = self.ctx.review, self.ctx.session
        if review is None or session is None:
            return
        review.refresh(session.catalog)
        self.panel.refresh()
        self._push_review_marks()
        if self.diff_dock.isVisible() and self.diff_view.session is review:
            self.diff_view.show_source(self.diff_view.source_combo.currentData())

    # ----------------------------------------------------------------- comments & statuses
    def _show_panel(self) -> None:
        self.panel_dock.show()
        self.panel_dock.raise_()

    def on_review_panels(self) -> None:
        if self.ctx.review is not None:
            self._show_panel()

    def on_review_add_comment(self) -> None:
        if self.ctx.reviewer:
            self._show_panel()
            self.panel.request_add()

    def on_review_from_validation(self) -> None:
        if self.ctx.review is not None:
            self._show_panel()
            self.panel.comments_from_validation()

    def on_review_approve_domain(self) -> None:
        from zwgk_desktop.core.review.model import ReviewStatus

        domain_id = self.ctx.current_domain()
        if self.ctx.review is not None and domain_id:
            self.panel.set_domain_status(ReviewStatus.APPROVED, domain_id)

    def on_review_approve_all(self) -> None:
        from zwgk_desktop.core.review.model import ReviewStatus

        if self.ctx.review is not None:
            self.panel.set_catalog_status(ReviewStatus.APPROVED)

    def on_review_return(self) -> None:
        from zwgk_desktop.core.review.model import ReviewStatus

        if self.ctx.review is not None:
            self.panel.set_catalog_status(ReviewStatus.RETURNED)

    # ----------------------------------------------------------------- comparisons
    def on_review_diff_template(self) -> None:
        self.show_review_diff("template")

    def on_review_diff_previous(self) -> None:
        if self.ctx.review is not None:
            self.show_review_diff("previous" if self.ctx.review.is_reviewer else "since")

    def on_review_diff_file(self) -> None:
        self.show_review_diff("file")

    def show_review_diff(self, key: str) -> bool:
        """Show the 比较 dock with ``previous``, ``template``, ``since`` or ``file``."""
        review = self.ctx.review
        if review is None:
            return False
        if self.diff_view.session is not review:
            self.diff_view.set_session(review)
        if not self.diff_view.show_source(key):
            msgbox.info(self.window, "这是第1轮提交，还没有上一轮可以比较。")
            return False
        first = not self.diff_dock.isVisible()
        if not self._diff_tabbed and not self.issues_dock.isHidden():
            self.window.tabifyDockWidget(self.issues_dock, self.diff_dock)
            self._diff_tabbed = True
        self.diff_dock.show()
        self.diff_dock.raise_()
        if first:
            self.window.resizeDocks([self.diff_dock], [300], Qt.Orientation.Vertical)
        return True

    def on_review_merge(self) -> None:
        review = self.ctx.review
        if review is None:
            return
        text, _ = standard.get_open_file_name(
            self.window, "选择要合并的审核文件", str(review.store.path.parent), MERGE_FILTER
        )
        if text:
            self.merge_review_file(Path(text))

    def merge_review_file(self, path: Path) -> bool:
        """Merge another copy of the open review file; comments and marks update at once."""
        review = self.ctx.review
        if review is None:
            return False
        try:
            report = review.merge_review_file(path)
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "无法合并")
            return False
        self.panel.refresh()
        self._review_changed()
        msgbox.info(self.window, report.summary(), "合并审核文件")
        return True

    # ----------------------------------------------------------------- exports & batch
    def on_review_export_opinions(self) -> None:
        from zwgk_desktop.gui.review.exports import ask_export_opinions

        if self.ctx.review is not None:
            ask_export_opinions(self.window, self.ctx.review)

    def on_review_export_letter(self) -> None:
        from zwgk_desktop.gui.review.exports import ask_export_letter

        if self.ctx.review is not None:
            ask_export_letter(self.window, self.ctx.review)

    def on_review_batch(self) -> None:
        from zwgk_desktop.gui.review import BatchReviewDialog

        if self.batch_dialog is None:
            self.batch_dialog = BatchReviewDialog(self.window, last_folder())
            self.batch_dialog.open_requested.connect(lambda p: self.open_for_review(Path(p)))
        self.batch_dialog.show()
        self.batch_dialog.raise_()
        self.batch_dialog.activateWindow()

    # ----------------------------------------------------------------- reviewer's name
    def on_review_set_name(self) -> None:
        current = load_settings().reviewer_name
        name, ok = standard.get_text(
            self.window, "设置审核人姓名", "审核人姓名（记入审核意见和意见函）：", text=current
        )
        if ok:
            self.set_reviewer_name(name)

    def _reviewer_name(self) -> str:
        """The reviewer's name from the settings; asked once when it was never given."""
        from zwgk_desktop.core.review.session import DEFAULT_REVIEWER

        name = load_settings().reviewer_name.strip()
        if name or self._name_asked:
            return name
        self._name_asked = True
        answer = msgbox.ask_text(
            self.window,
            "审核人姓名",
            "请输入审核人姓名（只需输入一次，记入审核意见和意见函；可在“审核”菜单中修改）：",
        )
        if answer and answer.strip():
            self.set_reviewer_name(answer)
            return answer.strip()
        self.chrome.message(
            f"未填写审核人姓名：审核意见署名为“{DEFAULT_REVIEWER}”，可在“审核 › 设置审核人姓名…”中填写",
            15000,
        )
        return ""

    def set_reviewer_name(self, name: str) -> None:
        settings = load_settings()
        settings.reviewer_name = name.strip()
        save_settings(settings)
        review = self.ctx.review
        if review is not None and review.is_reviewer and name.strip():
            review.user = name.strip()  # comments from now on carry the new name
        shown = name.strip() or "审核人"
        self.chrome.message(f"审核人姓名：{shown}", 5000)

    def _update_actions(self) -> None:
        """Texts and states that depend on the review's side and round."""
        review = self.ctx.review
        previous = self.actions["review_diff_previous"]
        township = review is not None and not review.is_reviewer
        previous.setText("与审核时的版本比较" if township else "与上一轮比较")
        previous.setEnabled(township or (review is not None and review.round.number > 1))
        approve = self.actions["review_approve_domain"]
        approve.setEnabled(approve.isEnabled() and bool(self.ctx.current_domain()))
        self.issues_panel.set_rule_ids(self.ctx.reviewer)
