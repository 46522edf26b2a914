"""Qt's standard dialogs (file, folder, text, question), each shown wide enough for its title.

The only place the app calls Qt's static dialog helpers (a test checks it): each runs
inside :func:`~zwgk_desktop.gui.dialogs.sizing.fitting_dialogs`, since a static helper
gives no object to fit. The arguments and results are Qt's own. Qt's dialog classes
are loaded with the first dialog, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from PySide6.QtWidgets import QMessageBox


def _fitting() -> AbstractContextManager[None]:
    """``sizing.fitting_dialogs()``, imported with the first dialog: sizing loads Qt's
    dialog classes, whose enums cost ~2 ms at start-up."""
    from zwgk_desktop.gui.dialogs.sizing import fitting_dialogs

    return fitting_dialogs()


def get_save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    with _fitting():
        return QFileDialog.getSaveFileName(*args, **kwargs)


def get_open_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    from PySide6.QtWidgets import QFileDialog

    with _fitting():
        return QFileDialog.getOpenFileName(*args, **kwargs)


def get_existing_directory(*args: Any, **kwargs: Any) -> str:
    from PySide6.QtWidgets import QFileDialog

    with _fitting():
        return QFileDialog.getExistingDirectory(*args, **kwargs)


def get_text(*args: Any, **kwargs: Any) -> tuple[str, bool]:
    from PySide6.QtWidgets import QInputDialog

    with _fitting():
        return QInputDialog.getText(*args, **kwargs)


def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
    from PySide6.QtWidgets import QMessageBox

    with _fitting():
        return QMessageBox.question(*args, **kwargs)
