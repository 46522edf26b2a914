"""Every message box of the app in one place, with a test mode that records instead of blocking.

In test mode nothing is shown: messages are appended to :data:`shown` and questions are
answered from :data:`answers` (default: yes), so tests never hang on a modal dialog.
"""

from __future__ import annotations

import traceback

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


def _show(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    kind: str,
    details: str = "",
) -> None:
    if _test_mode:
        shown.append((kind, text))
        return
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def error(parent: QWidget | None, text: str, title: str = "出错了") -> None:
    _show(parent, QMessageBox.Icon.Critical, title, text, "error")


def warning(parent: QWidget | None, text: str, title: str = "注意") -> None:
    _show(parent, QMessageBox.Icon.Warning, title, text, "warning")


def info(parent: QWidget | None, text: str, title: str = "提示") -> None:
    _show(parent, QMessageBox.Icon.Information, title, text, "info")


def internal_error(parent: QWidget | None, exc: BaseException) -> None:
    """A bug, not a user error: say so in Chinese and keep the details for a report."""
    details = "".join(traceback.format_exception(exc))
    _show(
        parent,
        QMessageBox.Icon.Critical,
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
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
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
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
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
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None
