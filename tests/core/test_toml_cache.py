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


def test_cached_data_the_caller_refuses_is_dropped_and_parsed_again(cache: Path) -> None:
    def build(data: dict) -> int:
        if data.get("count") != 3:
            raise ValueError("not what the file says")
        return data["count"]

    assert loads_toml(TEXT, build) == 3
    (entry,) = cache.glob("*.json")
    entry.write_text('{"count": "altered"}', encoding="utf-8")  # JSON, a table, but wrong
    assert loads_toml(TEXT, build) == 3  # refused from the cache: parsed again
    assert loads_toml(TEXT) == tomllib.loads(TEXT)  # and the entry is good again


def test_what_the_caller_refuses_in_the_file_itself_is_raised_and_not_cached(
    cache: Path,
) -> None:
    def build(_data: dict) -> None:
        raise ValueError("the file is wrong")

    with pytest.raises(ValueError, match="the file is wrong"):
        loads_toml(TEXT, build)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_an_altered_cache_of_the_bundled_register_is_not_a_refusal(cache: Path) -> None:
    """One JSON file with the wrong content made every check fail with “source 应写成
    [[source]] 表” until someone found and deleted it."""
    import hashlib

    from zwgk_desktop.core.sources.register import bundled_register_path, load_register

    path = bundled_register_path()
    text = path.read_bytes().decode("utf-8-sig")
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]
    (cache / f"{digest}.json").write_text(
        '{"schema_version": 1, "checked": "2026-01-01", "source": "oops"}', encoding="utf-8"
    )
    register = load_register(path, bundled=True)
    assert len(register.sources) > 200
