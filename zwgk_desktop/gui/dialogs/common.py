"""Small helpers shared by the dialogs: message boxes, hints, file pickers, folders.

Message boxes here are opened with ``open()`` (window-modal, non-blocking), so nothing in
a background callback ever blocks, and tests can look at ``MESSAGES`` instead of clicking.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from zwgk_desktop.core.model import Catalog
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.dialogs.sizing import fit_when_shown

_KEEP: set[QMessageBox] = set()
_BAD_FILENAME_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

HINT_STYLE = "color: #c0392b;"
MUTED_STYLE = "color: #777777;"


@dataclass(frozen=True)
class ShownMessage:
    kind: str  # "error" | "internal" | "info"
    title: str
    text: str


MESSAGES: deque[ShownMessage] = deque(maxlen=50)  # what was shown, newest last


def _open_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    kind: str,
    title: str,
    text: str,
    details: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    fit_when_shown(box)
    if details:
        box.setDetailedText(details)
    MESSAGES.append(ShownMessage(kind, title, text))
    _KEEP.add(box)
    box.finished.connect(lambda _=0, b=box: _KEEP.discard(b))
    box.open()
    return box


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A user-actionable problem: the core's one Chinese line."""
    return _open_box(parent, QMessageBox.Icon.Warning, "error", title, message)


def show_internal_error(
    parent: QWidget | None, title: str, exc: BaseException, details: str
) -> QMessageBox:
    """A bug: say so plainly, keep the traceback under 显示详细信息 for the report."""
    text = (
        f"{title}时发生内部错误：{type(exc).__name__}: {exc}\n"
        "您的目录文件未受影响。请将详细信息复制给技术支持人员。"
    )
    return _open_box(parent, QMessageBox.Icon.Critical, "internal", "内部错误", text, details)


def show_info(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    return _open_box(parent, QMessageBox.Icon.Information, "info", title, message)


def show_done(parent: QWidget | None, title: str, message: str, path: Path) -> QMessageBox:
    """导出完成: the file's location with 打开文件 / 打开文件夹 / 关闭."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.NoButton, parent
    )
    fit_when_shown(box)
    open_file_button = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    open_folder_button = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    open_file_button.clicked.connect(lambda: open_file(path))
    open_folder_button.clicked.connect(lambda: open_folder(path))
    MESSAGES.append(ShownMessage("done", title, message))
    _KEEP.add(box)
    box.finished.connect(lambda _=0, b=box: _KEEP.discard(b))
    box.open()
    return box


def copy_catalog(catalog: Catalog) -> Catalog:
    """A private copy for a worker thread (see :meth:`Catalog.copy`)."""
    return catalog.copy()


def ok_cancel_buttons(
    parent: QWidget, ok_text: str, on_ok: Callable[[], Any], on_cancel: Callable[[], Any]
) -> QDialogButtonBox:
    """确定/取消 (or another 确定 label) in Chinese whatever Qt's translation says."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(on_cancel)
    return buttons


def level_checkboxes(
    terms: list[str], checked: Collection[str], on_toggle: Callable[[], Any]
) -> tuple[QHBoxLayout, dict[str, QCheckBox]]:
    """The 公开层级 names as a row of check boxes (新建目录 and 目录信息 share it)."""
    row = QHBoxLayout()
    boxes: dict[str, QCheckBox] = {}
    for term in terms:
        box = QCheckBox(term)
        box.setChecked(term in checked)
        box.toggled.connect(on_toggle)
        boxes[term] = box
        row.addWidget(box)
    return row, boxes


def hint_label(text: str = "") -> QLabel:
    """A red validation hint under a field (红字提示)."""
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def safe_filename(text: str, fallback: str = "目录") -> str:
    """``text`` usable as a file name on Windows and Linux (no \\ / : * ? " < > |)."""
    cleaned = _BAD_FILENAME_CHARS.sub("", text).strip().strip(".")
    return cleaned[:120] or fallback


def ask_save_path(
    parent: QWidget | None, title: str, default: Path, name_filter: str, suffix: str
) -> Path | None:
    """The save dialog; the returned path always ends with ``suffix``."""
    chosen, _ = standard.get_save_file_name(parent, title, str(default), name_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


def ask_open_path(
    parent: QWidget | None, title: str, folder: Path, name_filter: str
) -> Path | None:
    chosen, _ = standard.get_open_file_name(parent, title, str(folder), name_filter)
    return Path(chosen) if chosen else None


def open_folder(path: Path) -> bool:
    """Show ``path`` (a folder, or a file's folder) in the system file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_file(path: Path) -> bool:
    """Open ``path`` with its associated program (Excel/WPS, a PDF viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def existing_folder(text: str, fallback: Path) -> Path:
    """``text`` if it names an existing folder, else ``fallback``."""
    if text:
        path = Path(text)
        if path.is_dir():
            return path
    return fallback
