"""The file named on the command line is opened while the window is being built.

Opening checks the whole file before anything of it is shown (``sqlite_gate``: schema,
``quick_check``, every row; ~0.15 s at 16,000 items). SQLite does that work without
holding Python's lock, so a worker thread does it at the same time as the main thread
imports and builds the window (~0.5 s). The window then takes the checked document, or
the error, exactly as if it had opened the file itself: a file that fails the check is
refused before anything is shown. No Qt here: the worker starts before Qt is imported.
"""

from __future__ import annotations

import threading
from pathlib import Path

from zwgk_desktop.core.storage import SUFFIX, Document


class PreOpen:
    """``Document.open(path)`` running in a worker thread; :meth:`take` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._document: Document | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="zwgk-open", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._document = Document.open(self.path)
        except BaseException as exc:  # handed to the UI thread by take()
            self._error = exc

    def take(self, path: Path) -> Document:
        """The opened document (raises what opening raised); once, for ``self.path``."""
        if Path(path) != self.path:
            return Document.open(path)
        self._thread.join()
        error, self._error = self._error, None
        document, self._document = self._document, None
        if error is not None:
            raise error
        if document is None:  # taken before
            return Document.open(path)
        return document


def preopen(file: str | None) -> PreOpen | None:
    """Start opening ``file`` if it is a catalog document (imports and the demo go
    their own way)."""
    if not file:
        return None
    path = Path(file)
    if path.suffix.lower() != SUFFIX or not path.is_file():
        return None  # the usual path says what is wrong
    return PreOpen(path)
