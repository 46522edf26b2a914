"""Widgets for the county reviewer's workflow (and the township's view of the comments).

Everything here adapts ``zwgk_desktop.core.review``; no review rule lives in the GUI.

Integration API for the main window
===================================

Reviewer opens a received file (菜单“审核 → 打开提交文件…”)::

    from zwgk_desktop.core.review.session import ReviewSession
    from zwgk_desktop.gui.review import DiffView, ReviewBanner, ReviewPanel

    review = ReviewSession.open_for_review(path)          # ZwgkError → show str(e)
    document = review.open_document()                     # read-only Document (copy / temp)
    self.open_document(document)                          # the usual read-only editor views;
                                                          # rows == review.catalog rows
    banner.set_session(review); panel.set_session(review); diff_view.set_session(review)

- ``ReviewSession.open_for_review(path, reviewer="", review_path=None)`` registers a new
  round when the file's content is new; ``review.notices`` (Chinese lines) are shown by the
  banner. The reviewer's name defaults to ``settings.reviewer_name`` (then "审核人").
- Close: ``review.close()`` and ``document.close()``; ``set_session(None)`` on the widgets.

Township opens its own document and a review file lies beside it::

    from zwgk_desktop.core.review.files import find_review_file
    if find_review_file(path):
        review = ReviewSession.open_for_township(path, gui_session.catalog)
        banner.set_session(review); panel.set_session(review); diff_view.set_session(review)

  After every edit batch (e.g. on ``Session.cells_changed``/``rows_inserted``/``rows_removed``,
  debounced): ``review.refresh(gui_session.catalog); panel.refresh()`` so comments follow
  their items.

Widgets and signals
-------------------

``ReviewBanner(parent)``  — a QFrame for the top of the editor page.
    ``set_session(s)``, ``refresh()``; signals ``previous_diff_requested()`` and
    ``template_diff_requested()`` → show the DiffView dock and call
    ``diff_view.show_source("previous" | "template")`` (township: ``"since"``).

``ReviewPanel(parent)``  — put it in a dock “审核意见”.
    ``set_session(s)``; ``set_current(domain_id, row, field)`` whenever the table's current
    cell or the navigator's domain changes (row 0-based, -1 = the domain itself, field = a
    FIELDS key or "" for the whole item) — new comments go there;
    ``refresh()`` after the review session changed elsewhere.
    Signals: ``jump_requested(domain_id: str, row: int, field: str)`` → select that domain
    and cell (row -1: just the domain; field "": the row's first column);
    ``changed()`` → ``banner.refresh()`` and repaint cell marks.

``DiffView(parent)``  — a dock “比较”.
    ``set_session(s)`` offers 与上一轮 / 与标准模板 (reviewer) or 与审核时的版本 (township);
    ``show_source(key)``, ``compare_with_file(path)`` (an earlier submission of the same
    unit), ``set_diff(diff)`` for any ``core.review.diff.CatalogDiff``.
    Signal ``jump_requested(domain_id, row, field)`` as above.

``BatchReviewDialog(parent, folder="")`` — 菜单“审核 → 批量审核文件夹…”; ``show()`` it.
    ``start(folder)`` runs in the background with a progress bar and 取消.
    Signal ``open_requested(path: str)`` → open that file in 审核模式 as above.

Cell marks: ``review.index().cells()`` maps ``(domain_id, row, field)`` → comments
(row -1 = domain level, field "" = whole item); the table may tint those cells and show
the comment texts as tooltips. Exports: ``exports.ask_export_opinions(parent, review)``
(xlsx) and ``exports.ask_export_letter(parent, review)`` (PDF, via ``letter.py``); the
panel has buttons for both.
"""

from __future__ import annotations

from typing import Any

from zwgk_desktop.gui.review.banner import ReviewBanner
from zwgk_desktop.gui.review.diff_view import DiffView
from zwgk_desktop.gui.review.panel import ReviewPanel

__all__ = ["BatchReviewDialog", "DiffView", "ReviewBanner", "ReviewPanel"]


def __getattr__(name: str) -> Any:
    """BatchReviewDialog (and its worker pool) is imported on first use, not at start-up."""
    if name == "BatchReviewDialog":
        from zwgk_desktop.gui.review.batch_dialog import BatchReviewDialog

        return BatchReviewDialog
    raise AttributeError(name)
