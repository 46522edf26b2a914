"""The app's few accents — bold headings in the title blue, muted counts, bold column
headers — set on each widget in code.

An application-wide style sheet did this before, but with one Qt routes every widget's
polish and every cell's drawing through its style-sheet engine: the first paint of a
catalog came ~12 ms later (21 paired starts) for six label colours. Dialogs that colour
one of their own labels may still give that label a style sheet of its own.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QWidget

TITLE_BLUE = "#1f3a5f"
MUTED_GREY = "#555555"
LABEL_GREY = "#333333"


def text_color(widget: QWidget, color: str) -> None:
    """The widget's text in ``color`` (its own palette; children keep theirs)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    widget.setPalette(palette)


def heading(label: QLabel, color: str | None = TITLE_BLUE, point_size: float = 0) -> None:
    """Bold, in ``color`` (None: the usual text colour), at ``point_size`` if given."""
    font = QFont(label.font())
    font.setBold(True)
    if point_size:
        font.setPointSizeF(point_size)
    label.setFont(font)
    if color is not None:
        text_color(label, color)


def bold_column_headers(app: QApplication) -> None:
    """Column headers in bold everywhere: the default font of every QHeaderView. Views
    that show row numbers keep them plain with :func:`plain_row_numbers`."""
    font = QFont(app.font())
    font.setBold(True)
    QApplication.setFont(font, "QHeaderView")


def plain_row_numbers(view: QTableView) -> None:
    """Row numbers in the view's own (not bold) font."""
    font = QFont(view.font())
    font.setBold(False)
    view.verticalHeader().setFont(font)
