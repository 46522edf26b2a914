"""The TOML files read at every start (the 公开依据 register, the 26 templates), parsed once
per content.

tomllib is pure Python: the register (100 KB) took ~40 ms and the templates ~45 ms, just
after the window first painted, while the clerk may already be clicking. The parsed data
is kept as JSON in the user cache folder under a hash of the text, and ``json`` (C) reads
it back in ~2 ms. The cache holds data only, no code. The caller's ``build`` checks it as
it checks freshly parsed TOML; cached data it refuses (a damaged or altered cache file) is
dropped and the text parsed again, so a bad cache costs a parse, never a refusal. A file
that cannot be read or written only costs the parse too. TOML with dates or times (not
JSON types) is simply not cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")

CACHE_SUBDIR = "toml"


def loads_toml(text: str, build: Callable[[dict[str, Any]], _T] | None = None) -> Any:
    """``build(tomllib.loads(text))`` (the parsed table itself without ``build``), from the
    cache when this exact text was parsed before; raises ``tomllib.TOMLDecodeError`` as
    tomllib does, and whatever ``build`` raises for the freshly parsed table."""
    path = _cache_file(text)
    if path is not None:
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            cached = None
        if isinstance(cached, dict):
            try:
                return cached if build is None else build(cached)
            except Exception:  # noqa: BLE001 - refused from the cache: drop it, parse again
                with contextlib.suppress(OSError):
                    path.unlink()
    data = tomllib.loads(text)
    result = data if build is None else build(data)
    if path is not None:
        _store(path, data)  # only data that ``build`` accepted
    return result


def _cache_file(text: str) -> Path | None:
    from zwgk_desktop.core.paths import cache_dir

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]
    try:
        return cache_dir() / CACHE_SUBDIR / f"{digest}.json"
    except OSError:
        return None  # no cache folder (read-only profile): parse every time


def _store(path: Path, data: dict[str, Any]) -> None:
    from zwgk_desktop.core.atomic import write_text_atomic

    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # dates or times: not JSON
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
        return
