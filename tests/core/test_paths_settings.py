"""Paths go through one module with an override; settings survive damage."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core import paths
from zwgk_desktop.core.settings import Settings, load_settings, save_settings, settings_path


def test_every_path_is_under_the_test_home(zwgk_home: Path) -> None:
    for folder in (paths.config_dir(), paths.data_dir(), paths.log_dir(), paths.documents_dir()):
        assert folder.is_dir()
        assert zwgk_home in folder.parents


def test_settings_round_trip_and_recent_files(tmp_path: Path) -> None:
    settings = Settings(reviewer_name="王审核")
    for n in range(15):
        settings.add_recent(tmp_path / f"{n}.zwgk")
    settings.add_recent(tmp_path / "3.zwgk")
    save_settings(settings)
    loaded = load_settings()
    assert loaded.reviewer_name == "王审核"
    assert len(loaded.recent_files) == 10
    assert loaded.recent_files[0].endswith("3.zwgk")


def test_damaged_settings_give_defaults() -> None:
    settings_path().write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()
    settings_path().write_text('{"reviewer_name": 5, "recent_files": "x"}', encoding="utf-8")
    assert load_settings() == Settings()
