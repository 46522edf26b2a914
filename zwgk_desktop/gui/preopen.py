"""The file named on the command line is opened while the window is being built.

Opening checks the whole file before anything of it is shown (``sqlite_gate``: schema,
``quick_check``, every row; ~0.15 s at 16,000 items). SQLite does that work without
holding Python's lock, so a worker thread does it at the same time as the main thread
imports and builds the window (~0.5 s). The window then takes the checked document, or
the error, exactly as if it had opened the file itself: a file that fails the check is
refused before anything is shown. No Qt here: the worker starts before Qt is imported.

The worker imports nothing until Qt is loaded: PySide's start-up walks ``sys.modules``
while the UI thread imports Qt, and a module added from another thread at that moment
aborts the process ("dictionary changed size during iteration", a fatal error in
libshiboken). So when the app starts the worker before Qt, the worker waits for
:meth:`PreOpen.qt_loaded` before it opens; what opening loads on first use (filelock, the
schema signatures) the UI thread has imported before Qt, so the worker imports nothing
while both threads are busy. The edit lock is not taken here (``Document.open(...,
lock_later=True)``): the window takes it right after its first paint, or the first write
does. An older file that needs sqlite-utils to migrate it is left to the UI thread
(``migrate=False``).

While the worker runs, Python switches threads every 0.5 ms instead of 5: the UI thread is
busy importing and building (Python holding the GIL), and every SQLite call the check makes
must win the GIL back before the next one starts. With the default interval the check took
three to four times its own length and made the window wait for it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from zwgk_desktop.core.storage import SUFFIX, Document, MigrationNeeded

SWITCH_INTERVAL_S = 0.0005  # while the worker runs (Python's default: 0.005)
QT_WAIT_S = 10.0  # the worker's wait for qt_loaded(), should the app never call it


class PreOpen:
    """``Document.open(path)`` running in a worker thread; :meth:`take` waits for it."""

    def __init__(self, path: Path, hold_imports: bool = False) -> None:
        """``hold_imports``: Qt is about to be imported on the UI thread; the worker waits
        for :meth:`qt_loaded` before it imports anything."""
        self.path = path
        self._document: Document | None = None
        self._error: BaseException | None = None
        self._may_import = threading.Event()
        if not hold_imports:
            self._may_import.set()
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL_S))
        self._thread = threading.Thread(target=self._run, name="zwgk-open", daemon=True)
        self._thread.start()

    def qt_loaded(self) -> None:
        """The UI thread has imported PySide6: the worker may import now."""
        self._may_import.set()

    def _run(self) -> None:
        try:
            self._may_import.wait(QT_WAIT_S)
            self._document = Document.open(self.path, migrate=False, lock_later=True)
        except MigrationNeeded:
            pass  # an older file: take() opens (and migrates) it on the UI thread
        except BaseException as exc:  # handed to the UI thread by take()
            self._error = exc
        finally:
            sys.setswitchinterval(self._interval)

    def take(self, path: Path) -> Document:
        """The opened document (raises what opening raised); once, for ``self.path``."""
        if Path(path) != self.path:
            return Document.open(path)
        self._may_import.set()  # Qt is loaded by now
        self._thread.join()
        error, self._error = self._error, None
        document, self._document = self._document, None
        if error is not None:
            raise error
        if document is None:  # taken before, or an older file to migrate
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
    _load_what_the_worker_needs()
    return PreOpen(path, hold_imports="PySide6.QtCore" not in sys.modules)


def _load_what_the_worker_needs() -> None:
    """Import here, on the UI thread before Qt, what opening imports on first use.

    Imported by the worker, a module competes for the GIL with the UI thread's own
    imports, switching every 0.5 ms: both ran slower, and the window waited for the
    worker at the end (first paint ~50 ms later, paired runs, when it was filelock).
    The worker opens without the edit lock (``lock_later``): the window takes it after
    its first paint, so filelock is not loaded before it at all."""
    import zwgk_desktop.core.schema_signatures  # noqa: F401
