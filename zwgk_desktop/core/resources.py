"""Where bundled data lives: ``catalogs/`` and ``resources/``.

A wheel carries them inside the package (``zwgk_desktop/_data``, see pyproject's
force-include); a source checkout or editable install uses the top-level folders; a
PyInstaller bundle sets ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _first_existing(name: str) -> Path:
    candidates = [_PACKAGE / "_data" / name, _PACKAGE.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "zwgk_desktop" / "_data" / name)
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(f"找不到程序数据目录 {name}（安装不完整，请重新安装）")


def catalogs_dir() -> Path:
    """Folder of the bundled domain templates (``*.toml``)."""
    return _first_existing("catalogs")


def resources_dir() -> Path:
    """Folder of icons, style sheets and the demo catalog."""
    return _first_existing("resources")
