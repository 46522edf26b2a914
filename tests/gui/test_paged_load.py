"""The background check reads unopened domains a page per event-loop turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import session as session_module
from zwgk_desktop.gui.session import Session


def _fields(items) -> list[tuple]:
    return [(i.id, i.level1, i.level2, i.content, tuple(i.channels)) for i in items]


def test_pages_join_into_the_whole_domain(doc_path: Path) -> None:
    with Document.open(doc_path, read_only=True) as doc:
        for domain in doc.domains():
            whole = doc.items(domain.id)
            pages, after = [], None
            while True:
                page, after = doc.items_page(domain.id, after, 2)
                pages.extend(page)
                if after is None:
                    break
            assert _fields(pages) == _fields(whole)


def _unloaded(session: Session) -> str:
    return next(
        d.id
        for d in session.domains
        if not session.is_loaded(d.id) and len(session.document.items(d.id)) >= 3
    )


@pytest.fixture
def paged(qapp, doc_path: Path, monkeypatch) -> Iterator[tuple[Session, str]]:
    """A session reading one item a page, and a domain it has not read yet."""
    monkeypatch.setattr(session_module, "LOAD_PAGE", 1)
    session = Session(Document.open(doc_path))
    try:
        yield session, _unloaded(session)
    finally:
        session.close()


def _read_to_the_end(session: Session, domain_id: str) -> int:
    """Calls of load_some, each out of time after one page, until the domain is read."""
    calls = 1
    while not session.load_some(domain_id, deadline=0.0):
        calls += 1
    return calls


def test_load_some_reads_a_page_per_call_then_installs(paged) -> None:
    session, domain_id = paged
    expected = _fields(session.document.items(domain_id))
    loaded: list[str] = []
    session.domain_loaded.connect(loaded.append)
    assert not session.load_some(domain_id, deadline=0.0)
    assert not session.is_loaded(domain_id)
    assert _read_to_the_end(session, domain_id) == len(expected)  # the rest, then the empty end
    assert loaded == [domain_id] and _fields(session.domain(domain_id).items) == expected


def test_a_write_meanwhile_restarts_the_read(paged) -> None:
    """Pages read before a write may be stale: the read starts again from the first."""
    session, domain_id = paged
    count = len(session.document.items(domain_id))
    assert not session.load_some(domain_id, deadline=0.0)  # one page read
    assert not session.load_some(domain_id, deadline=0.0)  # two
    other = next(d.id for d in session.domains if session.is_loaded(d.id))
    session.update_domain(other, note="改过的说明")  # a write to the document
    assert _read_to_the_end(session, domain_id) == count + 1  # every page again
    assert _fields(session.domain(domain_id).items) == _fields(session.document.items(domain_id))


def test_opening_the_domain_meanwhile_reads_it_whole(paged) -> None:
    session, domain_id = paged
    assert not session.load_some(domain_id, deadline=0.0)
    items = session.domain(domain_id).items  # the clerk opens it: read at once, whole
    assert _fields(items) == _fields(session.document.items(domain_id))
    assert session.load_some(domain_id, deadline=0.0)  # nothing left to read
    assert session.domain(domain_id).items is items


def test_opening_another_domain_keeps_the_pages_read(paged) -> None:
    """The clerk opening domain C while the background reads domain B must not make B
    start over."""
    session, domain_id = paged
    count = len(session.document.items(domain_id))
    assert not session.load_some(domain_id, deadline=0.0)  # one page of B
    other = next(d.id for d in session.domains if d.id != domain_id and not session.is_loaded(d.id))
    session.domain(other)  # C, read whole
    assert _read_to_the_end(session, domain_id) == count  # B's rest only, then the end


def test_a_reload_drops_the_pages_read_before_it(paged) -> None:
    """A snapshot is restored on the document directly (not through a session write) and
    the session re-reads everything: the pages read before belong to the old content."""
    session, domain_id = paged
    assert not session.load_some(domain_id, deadline=0.0)  # one page of the old content
    first = session.document.items(domain_id)[0]
    session.document.update_items([(first.id, "level2", "恢复快照后的名称")])
    session.reload()
    _read_to_the_end(session, domain_id)
    assert _fields(session.domain(domain_id).items) == _fields(session.document.items(domain_id))
    assert session.domain(domain_id).items[0].level2 == "恢复快照后的名称"
