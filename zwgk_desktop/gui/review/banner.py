"""The strip above the table that says whose file this is and where the review stands.

Reviewer: "审核模式：XX镇提交的文件（只读） · 第2轮 · 待审核", with buttons to show what
changed since the last round and how the file differs from the standard templates.
Township: "县级审核意见（第1轮，退回修改）：3 条待处理".
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from zwgk_desktop.core.review.session import ReviewSession

REVIEWER_STYLE = "#reviewBanner { background:#fff4c2; border-bottom:1px solid #e5c84a; } QLabel { color:#5c4400; }"
TOWNSHIP_STYLE = "#reviewBanner { background:#e3f0fb; border-bottom:1px solid #8db9e2; } QLabel { color:#143c63; }"


class ReviewBanner(QFrame):
    """Hidden until ``set_session``; call ``refresh`` after statuses change."""

    previous_diff_requested = Signal()
    template_diff_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBanner")
        self.session: ReviewSession | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 10, 5)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.previous_button = QPushButton("与上一轮比较", self)
        self.previous_button.clicked.connect(lambda _=False: self.previous_diff_requested.emit())
        layout.addWidget(self.previous_button)
        self.template_button = QPushButton("与标准模板比较", self)
        self.template_button.clicked.connect(lambda _=False: self.template_diff_requested.emit())
        layout.addWidget(self.template_button)
        self.setVisible(False)

    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        if session is not None:
            self.setStyleSheet(REVIEWER_STYLE if session.is_reviewer else TOWNSHIP_STYLE)
        self.refresh()

    def text(self) -> str:
        return self.label.text()

    def refresh(self) -> None:
        session = self.session
        self.setVisible(session is not None)
        if session is None:
            self.label.clear()
            return
        lines = [f"<b>{html.escape(session.banner_text())}</b>"]
        lines.extend(html.escape(n) for n in session.notices)
        self.label.setText("<br>".join(lines))
        self.label.setToolTip(f"审核文件：{session.store.path}")
        self.previous_button.setVisible(session.round.number > 1 or not session.is_reviewer)
        self.previous_button.setText(
            "与上一轮比较" if session.is_reviewer else "与审核时的版本比较"
        )
        self.template_button.setVisible(session.is_reviewer)
