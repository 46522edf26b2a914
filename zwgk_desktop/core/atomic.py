"""Write a file so that the target is either the old or the complete new version.

Exports go to a temp file in the same folder, are fsync'ed, then ``os.replace``d over the
target. On Windows the replace is retried briefly, because antivirus, the indexer or a
sync client may hold the target for a moment; Excel holding it gives a clear message.

The new file gets the permissions a normal save would give it (the umask's, or those of
the file it replaces), so a colleague on the same PC or a network share can open it.
Names Windows cannot store are refused before anything is written: files travel to the
office's Windows PCs even when they are made elsewhere.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from zwgk_desktop.core.errors import ExportError, TargetExistsError
from zwgk_desktop.core.os_reasons import os_reason

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


_RESERVED_STEMS = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
_BAD_CHARS_RE = re.compile(r'[<>:"|?*\x00-\x1f]')
_MAX_NAME_BYTES = 255  # one path component on ext4/NTFS-as-UTF-8 (85 Chinese characters)
_MAX_WINDOWS_PATH = 259  # MAX_PATH without the long-path opt-in


def os_error_in(exc: BaseException) -> OSError | None:
    """The OSError behind ``exc`` (itself, or one a writer library wrapped), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        wrapped = [a for a in getattr(current, "args", ()) if isinstance(a, OSError)]
        if wrapped:
            return wrapped[0]
        current = current.__cause__ or current.__context__
    return None


def name_problem(target: str | os.PathLike[str]) -> str:
    """Why ``target`` cannot be stored as a file name on Windows (or here), or ""."""
    name = Path(target).name
    if not name or name in {".", ".."}:
        return "文件名为空"
    bad = sorted(set(_BAD_CHARS_RE.findall(name)))
    if bad:
        shown = " ".join(c if c.isprintable() else f"U+{ord(c):04X}" for c in bad)
        return f"文件名含有 Windows 不允许的字符（{shown}）"
    if name.endswith((" ", ".")):
        return "文件名不能以空格或句点结尾"
    if name.split(".")[0].strip().upper() in _RESERVED_STEMS:
        return f"“{name.split('.')[0]}”是 Windows 的保留设备名，不能用作文件名"
    if len(name.encode("utf-8", "surrogateescape")) > _MAX_NAME_BYTES:
        return "文件名太长（请少于 80 个汉字）"
    if os.name == "nt" and len(str(Path(target).absolute())) > _MAX_WINDOWS_PATH:
        return "完整路径太长（超过 259 个字符），请换一个较短的文件夹或文件名"
    return ""


def check_target(target: str | os.PathLike[str], overwrite: bool) -> Path:
    """Refuse a target that cannot be written, before any work is done.

    Raises :class:`TargetExistsError` when the file exists and ``overwrite`` is false (the
    one overwrite policy of every command that writes), :class:`ExportError` otherwise.
    """
    target = Path(target)
    problem = name_problem(target)
    if problem:
        raise ExportError(f"无法写入“{target.name}”：{problem}")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"目标文件夹不存在：{folder}")
    if target.is_dir():
        raise ExportError(f"无法写入“{target.name}”：目标是一个文件夹")
    if target.exists() and not overwrite:
        raise TargetExistsError(f"文件“{target}”已存在")
    return target


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The mode a plain save gives ``target``: the replaced file's, or 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_current_umask()


def _temp_name_parts(target: Path) -> dict[str, str]:
    return {"prefix": f".{target.stem}.", "suffix": target.suffix + ".tmp"}


def remove_left_temps(target: str | os.PathLike[str], since: float) -> int:
    """Remove the temp files of ``target`` that a writer killed mid-write left behind
    (created at or after ``since``, a ``time.time()``; older ones may be another writer's);
    returns how many."""
    target = Path(target)
    parts = _temp_name_parts(target)
    pattern = glob.escape(parts["prefix"]) + "*" + glob.escape(parts["suffix"])
    removed = 0
    for tmp in target.parent.glob(pattern):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime >= since - 1:
                tmp.unlink()
                removed += 1
    return removed


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success it replaces ``target`` atomically.

    The caller writes the whole file to the yielded path (any library that takes a path).
    On an exception the temp file is removed and ``target`` is untouched.
    """
    target = check_target(target, overwrite=True)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(**_temp_name_parts(target), dir=folder)
    except OSError as exc:
        raise ExportError(f"无法写入“{target.name}”：{os_reason(exc)}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        if os.name != "nt":
            os.chmod(tmp, _mode_for(target))
        replace_with_retry(tmp, target)
    except ExportError as exc:
        cause = os_error_in(exc)
        if cause is None or str(exc).endswith(os_reason(cause)):
            raise
        raise ExportError(f"无法写入“{target.name}”：{os_reason(cause)}") from exc
    except Exception as exc:
        cause = os_error_in(exc)
        if cause is None:
            raise
        raise ExportError(f"无法写入“{target.name}”：{os_reason(cause)}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))
