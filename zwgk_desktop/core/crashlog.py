"""A bug's details go to a log file, so the user gets one Chinese line and a file to send.

Only for true internal errors (never for a bad input, which is a ``ZwgkError``).
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from zwgk_desktop.core.paths import log_dir


def write_crash_log(exc: BaseException, argv: list[str] | None = None) -> Path | None:
    """Write the traceback of ``exc`` to a new file in the log folder; None if impossible."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"zwgk-error-{stamp}-{os.getpid()}.log"
        text = "".join(traceback.format_exception(exc))
        if argv is not None:
            text = f"argv: {argv!r}\n\n{text}"
        path.write_text(text, encoding="utf-8", errors="backslashreplace")
    except OSError:
        return None
    return path
