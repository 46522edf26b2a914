"""Every message box of the app in one place, with a test mode that records instead of blocking.

In test mode nothing is shown: messages are appended to :data:`shown` and questions are
answered from :data:`answers` (default: yes), so tests never hang on a modal dialog.
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt's message box is loaded when the first box is shown, not at start-up
    from PySide6.QtWidgets import QMessageBox, QWidget

_test_mode = False
shown: list[tuple[str, str]] = []  # (kind, text) recorded in test mode
answers: list[bool] = []  # scripted answers to ask() in test mode


def set_test_mode(on: bool) -> None:
    global _test_mode
    _test_mode = on
    shown.clear()
    answers.clear()
    choices.clear()


def in_test_mode() -> bool:
    return _test_mode


def _box(icon: str, title: str, text: str, parent: QWidget | None, ok: bool) -> QMessageBox:
    """A message box with ``icon`` (Critical, Warning …) and an OK button or none yet,
    to be shown no narrower than its title."""
    from PySide6.QtWidgets import QMessageBox

    from zwgk_desktop.gui.dialogs.sizing import fit_when_shown

    buttons = QMessageBox.StandardButton.Ok if ok else QMessageBox.StandardButton.NoButton
    box = QMessageBox(getattr(QMessageBox.Icon, icon), title, text, buttons, parent)
    fit_when_shown(box)
    return box


def _show(
    parent: QWidget | None, icon: str, title: str, text: str, kind: str, details: str = ""
) -> None:
    if _test_mode:
        shown.append((kind, text))
        return
    box = _box(icon, title, text, parent, ok=True)
    if details:
        box.setDetailedText(details)
    box.exec()


def error(parent: QWidget | None, text: str, title: str = "出错了") -> None:
    _show(parent, "Critical", title, text, "error")


def warning(parent: QWidget | None, text: str, title: str = "注意") -> None:
    _show(parent, "Warning", title, text, "warning")


def info(parent: QWidget | None, text: str, title: str = "提示") -> None:
    _show(parent, "Information", title, text, "info")


def internal_error(parent: QWidget | None, exc: BaseException) -> None:
    """A bug, not a user error: say so in Chinese and keep the details for a report."""
    details = "".join(traceback.format_exception(exc))
    _show(
        parent,
        "Critical",
        "内部错误",
        "程序内部出错，已停止当前操作。请把“详细信息”中的内容发给技术支持。",
        "internal",
        details,
    )


def ask(
    parent: QWidget | None, text: str, title: str = "请确认", yes: str = "确定", no: str = "取消"
) -> bool:
    if _test_mode:
        shown.append(("ask", text))
        return answers.pop(0) if answers else True
    box = _box("Question", title, text, parent, ok=False)
    role = type(box).ButtonRole
    yes_button = box.addButton(yes, role.AcceptRole)
    box.addButton(no, role.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


choices: list[int | None] = []  # test mode: what choose() returns, in order (else 0)


def choose(
    parent: QWidget | None, text: str, options: list[str], title: str = "请选择"
) -> int | None:
    """One of ``options`` (its index; the first is the default button), or None when
    the box is closed with Esc or its close button."""
    if _test_mode:
        shown.append(("choose", text))
        return choices.pop(0) if choices else 0
    box = _box("Question", title, text, parent, ok=False)
    role = type(box).ButtonRole
    buttons = [box.addButton(option, role.ActionRole) for option in options]
    box.addButton("取消", role.RejectRole)
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


text_answers: list[str | None] = []  # test mode: what ask_text returns, in order (else None)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text from the user; None when cancelled."""
    if _test_mode:
        shown.append(("ask_text", label))
        return text_answers.pop(0) if text_answers else None
    from zwgk_desktop.gui.dialogs import standard

    value, ok = standard.get_text(parent, title, label, text=text)
    return value if ok else None
