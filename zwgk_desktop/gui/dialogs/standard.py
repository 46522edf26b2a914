"""Qt's standard dialogs (file, folder, text, question), each shown wide enough for its title.

The only place the app calls Qt's static dialog helpers (a test checks it): each runs
inside :func:`~zwgk_desktop.gui.dialogs.sizing.fitting_dialogs`, since a static helper
gives no object to fit. The arguments and results are Qt's own. Qt's dialog classes
are loaded with the first dialog, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zwgk_desktop.gui.dialogs.sizing import fitting_dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


def get_save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    with fitting_dialogs():
        return QFileDialog.getSaveFileName(*args, **kwargs)


def get_open_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    with fitting_dialogs():
        return QFileDialog.getOpenFileName(*args, **kwargs)


def get_existing_directory(*args: Any, **kwargs: Any) -> str:
    from PySide6.QtWidgets import QFileDialog

    with fitting_dialogs():
        return QFileDialog.getExistingDirectory(*args, **kwargs)


def get_text(*args: Any, **kwargs: Any) -> tuple[str, bool]:
    from PySide6.QtWidgets import QInputDialog

    with fitting_dialogs():
        return QInputDialog.getText(*args, **kwargs)


def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
    from PySide6.QtWidgets import QMessageBox

    with fitting_dialogs():
        return QMessageBox.question(*args, **kwargs)
