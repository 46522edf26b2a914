"""GUI fixtures: real documents in tmp folders, a session over them, a main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.factories import UNIT, small_catalog
from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.storage import Document


@pytest.fixture(scope="session", autouse=True)
def _gc_on_the_ui_thread(qapp) -> None:
    """As ``app.main`` does: Python's cyclic GC runs only on the UI thread. Left automatic,
    a collection can start in a worker (a background export) and destroy there the Qt
    objects earlier tests left behind; a full-suite run once hung in such a worker."""
    from zwgk_desktop.gui.tasks import MainThreadGC

    if getattr(qapp, "_zwgk_gc", None) is None:
        qapp._zwgk_gc = MainThreadGC(qapp)


@pytest.fixture(autouse=True)
def _no_deletions_left_over(qapp) -> Iterator[None]:
    """Widgets an earlier test left for ``deleteLater`` are destroyed before this one runs,
    not inside its event loops: each test starts from a quiet application."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


@pytest.fixture
def doc_path(tmp_path: Path) -> Path:
    path = tmp_path / "测试目录.zwgk"
    Document.create(path, small_catalog()).close()
    return path


@pytest.fixture
def template_doc_path(tmp_path: Path) -> Path:
    """A catalog made from every bundled template, as 新建目录 makes it."""
    path = tmp_path / "模板目录.zwgk"
    Document.create(path, new_catalog(CatalogMeta(unit=UNIT, region="测试县", year="2026"))).close()
    return path


@pytest.fixture
def session(qapp, doc_path: Path) -> Iterator:
    from zwgk_desktop.gui.session import Session

    s = Session(Document.open(doc_path))
    yield s
    s.close()


@pytest.fixture
def window(qtbot, doc_path: Path) -> Iterator:
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    msgbox.set_test_mode(True)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.file.open_path(doc_path)
    w.show()
    qtbot.waitExposed(w)
    w.validation.wait_idle()  # the background pass: read the other domains, check them
    w.chrome.update_status()
    yield w
    w.doc.close_session()
    msgbox.set_test_mode(False)
