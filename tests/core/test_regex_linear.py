"""No pattern of ours takes quadratic time on a long cell (hostile input is normal).

A township's file may hold 32,767 characters in a cell (Excel's limit; the document takes up
to a million). Patterns such as ``[\\u4e00-\\u9fff]{2,}(?:法|条例)`` are tried from every
position of a long run and backtrack over the rest of it: one such 公开依据 cell kept the
checker busy for 12 s, a run of capitals for 31 s, and a 200,000-character paste never
finished. Every module-level pattern in ``zwgk_desktop.core`` is run here over long runs of
the characters that start or continue its matches, and the whole check of a catalog whose
cells are such runs must stay quick.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import zwgk_desktop.core as core
from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.validation.engine import clear_caches, validate_catalog
from zwgk_desktop.core.xlsx.headers import classify_top

# Runs of these (alone or in pairs) start or continue the matches of our patterns: brackets
# and quotes left open, numbers, blanks, list marks, ideographs, capitals, document words.
RUNS = (
    "长", "法", "A", "Ａ", "a", "1", "１", "二", " ", "\u3000", "\t", "\n", "、", "，", "。",
    "（", "）", "(", "【", "[", "“", "”", '"', "'", "《", "》", "〔", "第", "令", "号", "年",
    "个", "日", "随", "-", ".", "/", "·", "…", "\\", "）（", "（a", "“a", "《a", "令第",
    "GB", "20", "条例",
)  # fmt: skip
LONG = 20_000
# A linear pattern scans 20,000 characters in about a millisecond; the quadratic ones took
# seconds. The bound leaves room for a slow, shared machine.
BOUND_S = 0.25
# Applied only to short text, where its cost is bounded (the reason is next to its use).
BOUNDED_AT_USE = {
    "zwgk_desktop.core.xlsx.headers._ANNOTATION_RE": "header labels up to 200 characters",
}


def _module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for info in pkgutil.walk_packages(core.__path__, "zwgk_desktop.core."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value))
    return found


def _run(text: str, length: int = LONG) -> str:
    return (text * (length // len(text) + 1))[:length]


def test_patterns_are_found() -> None:
    names = {name for name, _ in _module_patterns()}
    assert "zwgk_desktop.core.validation.rules_basis._LAWLIKE_RE" in names
    assert len(names) > 50
    assert set(BOUNDED_AT_USE) <= names  # an exemption names a pattern that exists


@pytest.mark.parametrize("run", RUNS)
def test_every_pattern_scans_a_long_run_in_linear_time(run: str) -> None:
    text = _run(run)
    slow = []
    for name, pattern in _module_patterns():
        if name in BOUNDED_AT_USE:
            continue
        started = time.perf_counter()
        pattern.search(text)
        for _ in zip(range(1000), pattern.finditer(text), strict=False):
            pass  # substitutions and splits walk the matches the same way
        took = time.perf_counter() - started
        if took > BOUND_S:
            slow.append(f"{name}: {took:.2f} s")
    assert not slow, f"slow on a run of {run!r}: {slow}"


def test_a_long_header_cell_is_classified_at_once_and_as_no_field() -> None:
    """The annotation pattern is exempt above because labels are short: a long header cell
    (even one that starts like a label) is an extra column, classified at once."""
    assert classify_top("公开内容（要素）", 0).key == "content"  # an annotation is still read
    for run in ("“", "（", "【a", "(说明", "公开内容（"):
        started = time.perf_counter()
        column = classify_top(_run(run), 0)
        assert time.perf_counter() - started < BOUND_S
        assert column is not None and column.kind == "extra"


def _item(**values: object) -> Item:
    item = Item(
        level1="一级",
        level2="二级",
        content="内容",
        basis="《中华人民共和国政府信息公开条例》",
        time_limit="信息形成或者变更之日起20个工作日内",
        subject="某镇人民政府",
        channels=["政府网站"],
        audience=["全社会"],
        method=["主动"],
        level=["乡级"],
    )
    for key, value in values.items():
        setattr(item, key, value)
    return item


@pytest.mark.parametrize("key", [spec.key for spec in FIELDS if not spec.is_choice])
def test_checking_cells_of_excel_size_stays_quick(key: str) -> None:
    """A 32,767-character cell (Excel's limit) of each kind of run, in every text field."""
    slow = []
    for run in RUNS:
        value = _run(run, 32_767)
        catalog = Catalog(
            CatalogMeta(unit="某镇人民政府"), [Domain("d1", "社会救助", [_item(**{key: value})])]
        )
        clear_caches()
        started = time.perf_counter()
        validate_catalog(catalog)
        took = time.perf_counter() - started
        if took > 1.0:
            slow.append(f"{run!r}: {took:.1f} s")
    assert not slow, f"checking a long {key} cell: {slow}"
