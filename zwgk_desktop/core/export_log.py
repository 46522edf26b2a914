"""Which file each earlier export wrote, so that writing it again needs no confirmation.

The overwrite policy of every command that writes: an existing file is replaced only when
the user says so (``--force`` / the GUI's question), unless it is the file this program
itself last exported from the same source and nobody has changed it since (same size and
modification time as when it was written). Re-exporting after each edit stays one step;
a colleague's workbook, another catalog's export, or an export later edited in Excel/WPS
is never replaced silently.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from zwgk_desktop.core.atomic import write_text_atomic
from zwgk_desktop.core.paths import data_dir

_LOG_NAME = "exports.json"
_MAX_ENTRIES = 500


def _log_path() -> Path:
    return data_dir() / _LOG_NAME


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.abspath(path))


def _load() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_log_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def record_export(target: str | os.PathLike[str], source: str | os.PathLike[str]) -> None:
    """Remember that ``target`` was just written from ``source`` (best effort)."""
    stamp = _stamp(Path(target))
    if stamp is None:
        return
    log = _load()
    log.pop(_key(target), None)
    log[_key(target)] = {"source": _key(source), "stamp": stamp}
    while len(log) > _MAX_ENTRIES:
        log.pop(next(iter(log)))
    with contextlib.suppress(Exception):
        data_dir().mkdir(parents=True, exist_ok=True)
        write_text_atomic(_log_path(), json.dumps(log, ensure_ascii=False))


def is_previous_export(target: str | os.PathLike[str], source: str | os.PathLike[str]) -> bool:
    """True when ``target`` is, unchanged, what we last exported from ``source``."""
    entry = _load().get(_key(target))
    if not isinstance(entry, dict) or entry.get("source") != _key(source):
        return False
    return entry.get("stamp") == _stamp(Path(target))
