"""The duplicate index kept up to date by edits finds what a check from scratch finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.validation import domain_issues
from zwgk_desktop.core.validation.duplicates import DuplicateIndex
from zwgk_desktop.core.validation.rules_consistency import duplicate_issue

# Few distinct names, written in ways that fold alike, so pairs collide often.
_LEVEL1 = st.sampled_from(["政策文件", "政策 文件", "政策文件　", "办事服务", ""])
_LEVEL2 = st.sampled_from(["低保", "低 保", "低保審核", "低保审核", "临时救助", ""])


def _domain(pairs: list[tuple[str, str]]) -> Domain:
    items = [Item(level1=a, level2=b) for a, b in pairs]
    return Domain(id="d", name="社会救助", items=items, pilot=False)


def _findings(index: DuplicateIndex, domain: Domain) -> dict[int, str]:
    return {
        row: duplicate_issue(domain, row, first).message
        for row in range(len(index))
        if (first := index.first_of(row)) is not None
    }


@settings(max_examples=200, deadline=None)
@given(
    start=st.lists(st.tuples(_LEVEL1, _LEVEL2), min_size=1, max_size=12),
    edits=st.lists(
        st.tuples(st.integers(0, 11), st.sampled_from(["level1", "level2"]), _LEVEL1 | _LEVEL2),
        max_size=15,
    ),
)
def test_updated_index_matches_a_fresh_one(start, edits) -> None:
    domain = _domain(start)
    index = DuplicateIndex(domain.items)
    for row, key, value in edits:
        row %= len(domain.items)
        before = _findings(index, domain)
        setattr(domain.items[row], key, value)
        affected = index.update(domain.items, [row])
        fresh = DuplicateIndex(domain.items)
        after = _findings(index, domain)
        assert after == _findings(fresh, domain)
        assert list(index.repeats()) == list(fresh.repeats())
        # Only the rows it names can have a different finding (or message) now.
        changed = {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}
        assert row in affected and changed <= affected


def test_first_row_edited_away_repoints_the_others() -> None:
    domain = _domain([("政策文件", "低保")] * 3 + [("政策文件", "临时救助")])
    index = DuplicateIndex(domain.items)
    assert list(index.repeats()) == [(1, 0), (2, 0)]
    domain.items[0].level2 = "临时救助"  # row 0 leaves its pair and comes before row 3
    assert index.update(domain.items, [0]) == {0, 1, 2, 3}
    assert list(index.repeats()) == [(2, 1), (3, 0)]
    catalog = Catalog(meta=CatalogMeta(unit="示范镇人民政府", year="2026"), domains=[domain])
    messages = [i.message for i in domain_issues(catalog, domain, index)]
    assert messages == [i.message for i in domain_issues(catalog, domain)]
    assert "与第2项重复" in messages[0] and "与第1项重复" in messages[1]


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(st.tuples(_LEVEL1, _LEVEL2), max_size=20))
def test_an_index_grown_row_by_row_is_the_one_built_whole(pairs) -> None:
    """The background check grows a domain's index an item at a time."""
    domain = _domain(pairs)
    grown = DuplicateIndex()
    for item in domain.items:
        grown.append(item)
    whole = DuplicateIndex(domain.items)
    assert len(grown) == len(whole) == len(pairs)
    assert list(grown.repeats()) == list(whole.repeats())
    assert _findings(grown, domain) == _findings(whole, domain)
