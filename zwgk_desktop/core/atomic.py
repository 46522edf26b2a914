"""Write a file so that the target is either the old or the complete new version.

Exports go to a temp file in the same folder, are fsync'ed, then ``os.replace``d over the
target. On Windows the replace is retried briefly, because antivirus, the indexer or a
sync client may hold the target for a moment; Excel holding it gives a clear message.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from zwgk_desktop.core.errors import ExportError

_RETRY_SECONDS = 2.0


def replace_with_retry(source: Path, target: Path) -> None:
    """``os.replace`` with a short retry loop for transient Windows sharing errors."""
    deadline = time.monotonic() + _RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if time.monotonic() >= deadline:
                raise ExportError(
                    f"无法写入“{target.name}”：文件可能正在被 Excel/WPS 打开，请关闭后重试"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success it replaces ``target`` atomically.

    The caller writes the whole file to the yielded path (any library that takes a path).
    On an exception the temp file is removed and ``target`` is untouched.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"目标文件夹不存在：{folder}")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=folder
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        replace_with_retry(tmp, target)
    except OSError as exc:
        raise ExportError(f"无法写入“{target.name}”：{exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))
