"""Every per-user directory the app uses, resolved through platformdirs in one place.

platformdirs is the maintained successor of the deprecated appdirs. Tests (and portable
installs) set ``ZWGK_HOME`` to redirect everything to one folder, so that no test ever
touches a real profile.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_DIR_NAME = "zwgk-desktop"
APP_AUTHOR = "zwgk"
HOME_ENV = "ZWGK_HOME"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_DIR_NAME, APP_AUTHOR, ensure_exists=True)


def _override(sub: str) -> Path | None:
    home = os.environ.get(HOME_ENV)
    if not home:
        return None
    path = Path(home) / sub
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings (settings.json, the GUI's window state)."""
    return _override("config") or _dirs().user_config_path


def data_dir() -> Path:
    """App data: received submissions copied for review, recovery copies."""
    return _override("data") or _dirs().user_data_path


def log_dir() -> Path:
    return _override("log") or _dirs().user_log_path


def cache_dir() -> Path:
    """What can be made again from the app's own files (parsed TOML, see toml_cache)."""
    return _override("cache") or _dirs().user_cache_path


def documents_dir() -> Path:
    """Default folder for new catalogs and exports (the user's 文档 folder)."""
    override = _override("documents")
    if override:
        return override
    from platformdirs import user_documents_path

    return user_documents_path()
