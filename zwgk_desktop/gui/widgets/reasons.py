"""The list of usual 未涉及说明, offered in every field where one is written."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from zwgk_desktop.core.vocab import NOT_INVOLVED_REASONS


def attach_reasons(edit: QLineEdit) -> QCompleter:
    """Offer the usual reasons under ``edit`` (type to filter, or ↓ to see all)."""
    completer = QCompleter(edit)
    completer.setModel(QStringListModel(list(NOT_INVOLVED_REASONS), completer))  # owned by Qt
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    edit.setCompleter(completer)
    return completer


def show_reasons(edit: QLineEdit) -> None:
    """Open the list of reasons under ``edit`` now."""
    completer = edit.completer()
    if completer is not None:
        completer.setCompletionPrefix("")
        completer.complete()
