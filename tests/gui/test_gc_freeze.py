"""A loaded catalog stays out of the cyclic GC's scans until its session closes."""

from __future__ import annotations

import gc

from zwgk_desktop.core.storage import Document


def test_loaded_items_are_frozen_until_close(qapp, doc_path) -> None:
    from zwgk_desktop.gui.session import Session

    gc.unfreeze()
    session = Session(Document.open(doc_path))
    try:
        session.ensure_all_loaded()
        assert gc.get_freeze_count() > 0
        items = [item for domain in session.domains for item in domain.items]
        assert items and gc.is_tracked(items[0])
        frozen = {id(o) for o in gc.get_objects()}  # only the unfrozen ones are listed
        assert not any(id(item) in frozen for item in items)
    finally:
        session.close()
    assert gc.get_freeze_count() == 0
