"""Which register validation uses: the bundled one, or a county's newer file.

The CLI (``--register`` or the settings) and the GUI (settings) choose it once at start;
validation and reports ask :func:`active_register`. A bad county file never stops work:
the caller gets the Chinese reason and the bundled register stays in use.
"""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.sources.register import (
    Register,
    RegisterError,
    bundled_register,
    cached_register,
)

_active: Register | None = None


def active_register() -> Register:
    """The register in use (the bundled one unless another was chosen)."""
    return _active if _active is not None else bundled_register()


def register_ready() -> bool:
    """Whether the register in use is read and its matcher compiled (~0.1 s the first
    time): the item form waits for it rather than delay the window's first paint."""
    if _active is None and bundled_register.cache_info().currsize == 0:
        return False
    return "matcher" in active_register()._cache


def use_register(register: Register | None) -> None:
    """Make ``register`` the one validation uses (None: back to the bundled one)."""
    global _active
    _active = register


def use_register_file(path: Path | str | None) -> str | None:
    """Use the register file at ``path``; on a bad file keep the bundled one.

    Returns None on success (or when ``path`` is empty), else one Chinese line saying why
    the file was not used.
    """
    if not path:
        use_register(None)
        return None
    try:
        register = cached_register(Path(path))
    except RegisterError as exc:
        use_register(None)
        return f"{exc}；已改用程序自带的登记册（{bundled_register().checked}）"
    use_register(register)
    return None


def register_label(register: Register | None = None) -> str:
    """How reports name the register: "程序自带登记册（2026-12-06）" or the file's path."""
    register = register or active_register()
    if register.bundled:
        return f"程序自带登记册（核对日期 {register.checked}）"
    return f"{register.path}（核对日期 {register.checked}）"


def clear_match_caches() -> None:
    """Forget memoised per-cell results of the active register (for cold benchmarks)."""
    register = active_register()
    register._cache.pop("outdated", None)
    matcher = register._cache.get("matcher")
    if matcher is not None:
        matcher.clear_caches()


def use_settings_register(path_text: str) -> str | None:
    """Apply the settings' register entry; the Chinese reason if the file was not usable."""
    return use_register_file(path_text or None)
