"""Parsed TOML is kept as JSON by the hash of its text; anything odd falls back to tomllib."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from zwgk_desktop.core import toml_cache
from zwgk_desktop.core.toml_cache import loads_toml

TEXT = 'name = "社会救助"\ncount = 3\nratio = 0.5\nok = true\n[[item]]\nlevel2 = "办事指南"\n'


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("ZWGK_HOME", str(tmp_path))
    return tmp_path / "cache" / toml_cache.CACHE_SUBDIR


def test_second_read_comes_from_the_cache_and_is_equal(cache: Path, monkeypatch) -> None:
    first = loads_toml(TEXT)
    assert first == tomllib.loads(TEXT)
    assert len(list(cache.glob("*.json"))) == 1

    def no_parse(_text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(toml_cache.tomllib, "loads", no_parse)
    assert loads_toml(TEXT) == first


def test_other_text_other_entry(cache: Path) -> None:
    loads_toml(TEXT)
    assert loads_toml(TEXT.replace("3", "4"))["count"] == 4
    assert len(list(cache.glob("*.json"))) == 2


def test_a_damaged_cache_file_is_parsed_again(cache: Path) -> None:
    loads_toml(TEXT)
    (entry,) = cache.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert loads_toml(TEXT) == tomllib.loads(TEXT)
    entry.write_text("[1, 2]", encoding="utf-8")  # JSON, but not a table
    assert loads_toml(TEXT) == tomllib.loads(TEXT)


def test_dates_are_not_cached_and_bad_toml_still_raises(cache: Path) -> None:
    dated = "checked = 2026-12-07\n"
    assert loads_toml(dated) == tomllib.loads(dated)
    assert not cache.exists() or not list(cache.glob("*.json"))  # a date is no JSON type
    with pytest.raises(tomllib.TOMLDecodeError):
        loads_toml("name = \n")


def test_an_unwritable_cache_only_costs_the_parse(tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "home"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("ZWGK_HOME", str(blocked))
    assert loads_toml(TEXT) == tomllib.loads(TEXT)
