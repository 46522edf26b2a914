"""Work queued at open waits for the table's first paint, and never waits forever."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableView

from zwgk_desktop.gui.first_paint import PaintWatch


class _CountingView(QTableView):
    """Counts finished paints of its cells and says so, as ``ItemTableView`` does."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.paints += 1
        self.painted.emit()


def test_hidden_widget_is_not_waited_for(qtbot) -> None:
    table = _CountingView()
    qtbot.addWidget(table)
    watch = PaintWatch(table.viewport(), table.painted)
    assert watch.hold(lambda: None) is False  # hidden (tests, not shown yet): go ahead


def test_work_runs_after_the_first_paint_only(qtbot) -> None:
    table = _CountingView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    watch = PaintWatch(table.viewport(), table.painted, fallback_ms=60_000)
    seen: list[bool] = []
    table.show()  # visible, the paint is still to come
    assert watch.hold(lambda: seen.append(watch.painted)) is True
    assert seen == []
    qtbot.waitUntil(lambda: seen == [True])
    assert watch.hold(lambda: None) is False  # painted: nothing to wait for any more


def test_fallback_runs_work_when_no_paint_comes(qtbot) -> None:
    table = _CountingView()
    qtbot.addWidget(table)
    table.show()
    watch = PaintWatch(table.viewport(), table.painted, fallback_ms=10)
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


def _shown_and_painted(qtbot) -> _CountingView:
    table = _CountingView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    qtbot.waitUntil(lambda: table.paints > 0)
    return table


def test_after_next_paint_waits_for_that_paint_to_finish(qtbot) -> None:
    table = _shown_and_painted(qtbot)
    watch = PaintWatch(table.viewport(), table.painted, next_paint_fallback_ms=60_000)
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
    assert not watch._listening  # no Python call per paint any more


def test_after_next_paint_falls_back_when_nothing_repaints(qtbot) -> None:
    table = _shown_and_painted(qtbot)
    watch = PaintWatch(table.viewport(), table.painted, next_paint_fallback_ms=20)
    table.viewport().update()
    qtbot.waitUntil(lambda: watch.painted)
    table.viewport().setUpdatesEnabled(False)  # the change was out of view
    seen: list[str] = []
    watch.after_next_paint(lambda: seen.append("ran"))
    qtbot.waitUntil(lambda: seen == ["ran"], timeout=2000)
    assert not watch._listening


def test_after_next_paint_runs_at_once_for_a_hidden_widget(qtbot) -> None:
    table = _CountingView()
    qtbot.addWidget(table)
    watch = PaintWatch(table.viewport(), table.painted)
    seen: list[str] = []
    watch.after_next_paint(lambda: seen.append("ran"))
    assert seen == ["ran"]


def test_warmup_steps_run_one_a_turn_before_the_held_work(qtbot) -> None:
    """The held work's needs (the register…) are met piece by piece after the first
    paint: done at once by the first check, they froze the new window for ~150 ms."""
    from PySide6.QtWidgets import QApplication

    turns: list[int] = [0]
    order: list[tuple[str, int]] = []

    def step(name: str):
        return lambda: order.append((name, turns[0]))

    def broken() -> None:
        raise RuntimeError("the held work will meet this again and report it")

    table = _CountingView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    watch = PaintWatch(
        table.viewport(), table.painted, fallback_ms=60_000, warmup=[step("a"), broken, step("b")]
    )
    table.show()
    assert watch.hold(lambda: order.append(("held", turns[0]))) is True
    while not any(name == "held" for name, _ in order):
        QApplication.processEvents()
        turns[0] += 1
        assert turns[0] < 500
    names = [name for name, _ in order]
    assert names == ["a", "b", "held"]  # in order, the broken step skipped
    assert len({turn for _, turn in order}) == 3  # each in a turn of its own
    assert watch.hold(lambda: None) is False  # nothing left to wait for


def test_work_held_after_the_first_paint_still_waits_for_the_warmup_and_runs(qtbot) -> None:
    """Held only after the window has painted (nothing was waiting at the paint): the
    warm-up must still run and then the work, not wait forever."""
    table = _CountingView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    done: list[str] = []
    watch = PaintWatch(table.viewport(), table.painted, warmup=[lambda: done.append("warm")])
    table.show()
    qtbot.waitUntil(lambda: table.paints > 0)
    qtbot.waitUntil(lambda: done == ["warm"])  # started by the paint itself
    assert watch.hold(lambda: done.append("held")) is False  # warm already: go ahead
    late = PaintWatch(table.viewport(), table.painted, warmup=[lambda: done.append("warm2")])
    table.viewport().update()
    qtbot.waitUntil(lambda: late.painted)
    late._warmup.append(lambda: done.append("warm3"))  # still warming up when held
    assert late.hold(lambda: done.append("held2")) is True
    qtbot.waitUntil(lambda: "held2" in done, timeout=2000)
    assert done.index("warm3") < done.index("held2")


def test_soon_runs_right_after_the_first_paint_before_the_warm_up(qtbot) -> None:
    """The form's fields and 最近打开 come in the first turn after the paint; the
    register and the rules warm up after them, each in a turn of its own."""
    order: list[str] = []
    table = _CountingView()
    qtbot.addWidget(table)
    table.resize(400, 300)
    watch = PaintWatch(
        table.viewport(),
        table.painted,
        fallback_ms=60_000,
        warmup=[lambda: order.append("warm-up")],
    )
    watch.soon(lambda: order.append(f"soon, painted={watch.painted}"))  # before show()
    table.show()  # as the app does: open, then show
    assert watch.hold(lambda: order.append("held")) is True
    qtbot.waitUntil(lambda: "held" in order)
    assert order == ["soon, painted=True", "warm-up", "held"]


def test_soon_on_a_hidden_or_painted_widget_runs_in_the_next_turn(qtbot) -> None:
    table = _CountingView()
    qtbot.addWidget(table)
    watch = PaintWatch(table.viewport(), table.painted, fallback_ms=60_000)
    seen: list[str] = []
    watch.soon(lambda: seen.append("hidden"))
    assert seen == []  # never inside the caller
    qtbot.waitUntil(lambda: seen == ["hidden"])
    table.show()
    qtbot.waitUntil(lambda: watch.painted)
    watch.soon(lambda: seen.append("painted"))
    qtbot.waitUntil(lambda: seen == ["hidden", "painted"])
