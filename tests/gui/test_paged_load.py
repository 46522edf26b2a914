"""The background check reads unopened domains a page per event-loop turn."""

from __future__ import annotations

from pathlib import Path

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


def test_load_some_reads_a_page_per_call_then_installs(qapp, doc_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(session_module, "LOAD_PAGE", 1)
    session = Session(Document.open(doc_path))
    try:
        domain_id = _unloaded(session)
        expected = _fields(session.document.items(domain_id))
        loaded: list[str] = []
        session.domain_loaded.connect(loaded.append)
        calls = 0
        while not session.load_some(domain_id, deadline=0.0):  # out of time after one page
            calls += 1
            assert not session.is_loaded(domain_id)
        assert calls == len(expected)  # one page (one item) a call, then the empty end
        assert loaded == [domain_id] and _fields(session.domain(domain_id).items) == expected
    finally:
        session.close()


def test_a_write_meanwhile_restarts_the_read(qapp, doc_path: Path, monkeypatch) -> None:
    """Pages read before a write may be stale: the read starts again from the first."""
    monkeypatch.setattr(session_module, "LOAD_PAGE", 1)
    session = Session(Document.open(doc_path))
    try:
        domain_id = _unloaded(session)
        count = len(session.document.items(domain_id))
        assert not session.load_some(domain_id, deadline=0.0)  # one page read
        assert not session.load_some(domain_id, deadline=0.0)  # two
        other = next(d.id for d in session.domains if session.is_loaded(d.id))
        session.update_domain(other, note="改过的说明")  # a write to the document
        calls = 1
        while not session.load_some(domain_id, deadline=0.0):
            calls += 1
        assert calls == count + 1  # every page again, not the rest only
        assert _fields(session.domain(domain_id).items) == _fields(
            session.document.items(domain_id)
        )
    finally:
        session.close()


def test_opening_the_domain_meanwhile_reads_it_whole(qapp, doc_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(session_module, "LOAD_PAGE", 1)
    session = Session(Document.open(doc_path))
    try:
        domain_id = _unloaded(session)
        assert not session.load_some(domain_id, deadline=0.0)
        items = session.domain(domain_id).items  # the clerk opens it: read at once, whole
        assert _fields(items) == _fields(session.document.items(domain_id))
        assert session.load_some(domain_id, deadline=0.0)  # nothing left to read
        assert session.domain(domain_id).items is items
    finally:
        session.close()
