"""User settings, declared once, stored as JSON in the config dir.

Only preferences live here (reviewer name, recent files, default export layout). Catalog
data never does: that belongs in the document.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from zwgk_desktop.core import paths
from zwgk_desktop.core.atomic import write_text_atomic

MAX_RECENT = 10


@dataclass
class Settings:
    reviewer_name: str = ""
    default_layout: str = "standard"  # standard | flat | html
    compact_channels: bool = False  # standard layout: list only the ticked channels
    continuous_pages: bool = False  # printed catalog: domains run on (PageFlow.CONTINUOUS)
    recent_files: list[str] = field(default_factory=list)
    last_folder: str = ""
    # A newer register of legal sources (TOML, docs/sources.md); "" = the bundled one.
    sources_register: str = ""

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]


def settings_path() -> Path:
    return paths.config_dir() / "settings.json"


def load_settings() -> Settings:
    """Read settings; a missing or damaged file gives the defaults (never an error)."""
    try:
        raw: Any = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    settings = Settings()
    for f in fields(Settings):
        value = raw.get(f.name)
        if value is not None and isinstance(value, type(getattr(settings, f.name))):
            setattr(settings, f.name, value)
    return settings


def save_settings(settings: Settings) -> None:
    write_text_atomic(settings_path(), json.dumps(asdict(settings), ensure_ascii=False, indent=2))
