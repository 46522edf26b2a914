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


class _CountingView(QTableView):
    """Counts finished paints of its viewport."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.paints += 1


def _shown_and_painted(qtbot) -> _CountingView:
    table = _CountingView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    qtbot.waitUntil(lambda: table.paints > 0)
    return table


def test_after_next_paint_waits_for_that_paint_to_finish(qtbot) -> None:
    table = _shown_and_painted(qtbot)
    watch = PaintWatch(table.viewport(), next_paint_fallback_ms=60_000)
    table.viewport().update()
    qtbot.waitUntil(lambda: watch.painted)  # the first paint is behind us
    before = table.paints
    seen: list[int] = []
    watch.after_next_paint(lambda: seen.append(table.paints))
    qtbot.wait(50)
    assert seen == []  # nothing painted yet: still waiting
    table.viewport().update()
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [before + 1]  # ran once, after the paint had finished
    assert not watch._filtering  # the widget's events are no longer filtered


def test_after_next_paint_falls_back_when_nothing_repaints(qtbot) -> None:
    table = _shown_and_painted(qtbot)
    watch = PaintWatch(table.viewport(), next_paint_fallback_ms=20)
    table.viewport().update()
    qtbot.waitUntil(lambda: watch.painted)
    table.viewport().setUpdatesEnabled(False)  # the change was out of view
    seen: list[str] = []
    watch.after_next_paint(lambda: seen.append("ran"))
    qtbot.waitUntil(lambda: seen == ["ran"], timeout=2000)
    assert not watch._filtering


def test_after_next_paint_runs_at_once_for_a_hidden_widget(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    watch = PaintWatch(table.viewport())
    seen: list[str] = []
    watch.after_next_paint(lambda: seen.append("ran"))
    assert seen == ["ran"]
