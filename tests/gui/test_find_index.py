"""查找下一个 through the joined-text index finds exactly what the cell scan finds."""

from __future__ import annotations

import random

from tests.gui.factories import small_catalog
from zwgk_desktop.gui.find_index import FindIndex
from zwgk_desktop.gui.search import ALL_KEYS, find_from


def _domains():
    catalog = small_catalog()
    for domain in catalog.domains:
        for n, item in enumerate(domain.items):
            item.id = item.id or (hash(domain.id) % 1000) * 100 + n + 1
    catalog.domains[0].items[1].content = "Abc 事项3 的说明"
    catalog.domains[0].items[3].content = "Straße ΣΑΣ ﬁle 事项"  # casefold changes lengths
    catalog.domains[1].items[-1].basis = "《条例》ABC"
    return catalog.domains


def test_index_agrees_with_the_scan_from_every_cursor() -> None:
    domains = _domains()
    index = FindIndex()
    rng = random.Random(7)
    terms = [
        "事项3",
        "abc",
        "ABC",
        "政务服务中心",
        "主动",
        "没有的词",
        "、",
        "Abc 事",
        "ss",
        "file 事",
    ]
    starts: list[tuple[int, int, str] | None] = [None]
    for d, domain in enumerate(domains):
        for row in range(-1, len(domain.items) + 1):
            starts.extend((d, row, key) for key in (*ALL_KEYS, "unknown"))
    checked = 0
    for term in terms:
        for start in rng.sample(starts, min(120, len(starts))):
            for forward in (True, False):
                for keys in (ALL_KEYS, ("content",), ("level2", "channels")):
                    want = find_from(domains, term, start, forward, keys)
                    got = index.find_from(domains, term, start, forward, keys)
                    assert got == want, (term, start, forward, keys)
                    checked += 1
    assert checked > 1000


def test_a_changed_domain_is_searched_as_it_is_now() -> None:
    domains = _domains()
    index = FindIndex()
    assert index.find_from(domains, "新写的词", None)[0] is None
    item = domains[1].items[0]
    item.time_limit = "新写的词"
    index.forget(domains[1].id)  # what the find dialog does on the session's cells_changed
    hit, _ = index.find_from(domains, "新写的词", None)
    assert hit is not None and (hit.domain_id, hit.row, hit.key) == (domains[1].id, 0, "time_limit")
    domains[1].items.insert(0, item.copy())  # a new list length is noticed even unsignalled
    hit, _ = index.find_from(domains, "新写的词", None)
    assert hit is not None and hit.row == 0
    hit, _ = index.find_from(domains, "新写的词", (1, 0, "time_limit"))
    assert hit is not None and hit.row == 1


def test_warming_in_small_steps_gives_the_same_answers() -> None:
    domains = _domains()
    index = FindIndex()
    steps = 0
    while not index.warm(domains, budget=0):  # one slice of rows per call
        steps += 1
        if steps == 1:
            domains[0].items[0].level2 = "中途改过"  # an edit between two slices …
            index.forget(domains[0].id)  # … is signalled, and that domain starts over
    assert steps >= 2
    hit, _ = index.find_from(domains, "中途改过", (1, 0, "level1"))
    assert hit is not None and (hit.domain_id, hit.row) == (domains[0].id, 0)
    for start in [None, (0, 2, "content"), (1, 1, "level2")]:
        assert index.find_from(domains, "事项", start) == find_from(domains, "事项", start)


def test_folded_texts_come_from_the_plain_ones_with_the_same_answers() -> None:
    """A search with ASCII letters needs case-folded texts: warmed from the plain texts
    in one call where folding keeps lengths, row by row where it does not (ß → ss)."""
    domains = _domains()
    index = FindIndex()
    assert index.warm(domains, budget=10)
    assert not index.ready(domains, folded=True)
    steps = 1
    while not index.warm(domains, budget=0, folded=True):
        steps += 1
    assert steps >= 2 and index.ready(domains, folded=True)
    for term in ("abc", "ABC", "ss", "file 事", "Abc 事"):
        for start in [None, (0, 2, "content"), (1, 1, "level2"), (0, 3, "content")]:
            for forward in (True, False):
                want = find_from(domains, term, start, forward)
                assert index.find_from(domains, term, start, forward) == want, (term, start)


def test_warming_reports_done_when_the_last_slice_finished_the_work() -> None:
    """Out of time after the final domain is still “done”: a small catalog is searched
    at once, even on a slow machine."""
    domains = _domains()[:1]  # under 200 rows: one slice joins it all
    index = FindIndex()
    assert index.warm(domains, budget=-1)  # the deadline passed before it started
    assert index.ready(domains)
