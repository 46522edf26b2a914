"""Work queued at open waits for the table's first paint, and never waits forever."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from zwgk_desktop.gui.first_paint import PaintWatch


def test_hidden_widget_is_not_waited_for(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    watch = PaintWatch(table.viewport())
    assert watch.hold(lambda: None) is False  # hidden (tests, not shown yet): go ahead


def test_work_runs_after_the_first_paint_only(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    watch = PaintWatch(table.viewport(), fallback_ms=60_000)
    seen: list[bool] = []
    table.show()  # visible, the paint is still to come
    assert watch.hold(lambda: seen.append(watch.painted)) is True
    assert seen == []
    qtbot.waitUntil(lambda: seen == [True])
    assert watch.hold(lambda: None) is False  # painted: nothing to wait for any more


def test_fallback_runs_work_when_no_paint_comes(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    table.show()
    watch = PaintWatch(table.viewport(), fallback_ms=10)
    table.viewport().setUpdatesEnabled(False)  # shown but never painted (minimised)
    seen: list[str] = []
    assert watch.hold(lambda: seen.append("ran")) is True
    qtbot.waitUntil(lambda: seen == ["ran"], timeout=2000)
    assert watch.painted


def test_opened_catalog_is_checked_after_the_window_painted(qtbot, doc_path) -> None:
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    msgbox.set_test_mode(True)
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        window.file.open_path(doc_path)
        window.show()  # as the app does: open, then show
        validation = window.validation
        assert validation.busy  # nothing checked before the window has painted
        qtbot.waitUntil(lambda: not validation.busy, timeout=5000)
        assert window.doc.paint_watch.painted
    finally:
        window.doc.close_session()
        msgbox.set_test_mode(False)
