"""A screen of new cells is painted over several frames, and the screen ends up complete."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.gui.paints import on_screen, rendered
from zwgk_desktop.gui import delegates
from zwgk_desktop.gui.paint_budget import MIN_NEW_CELLS, full_paint


def _on_screen(window) -> QImage:
    return on_screen(window, window.table.viewport())


def _rendered(window) -> QImage:
    return rendered(window.table.viewport())


def _content_changed(window) -> None:
    """Every cell of the table changed (as after a paste): the views repaint them."""
    model = window.table_model
    bottom_right = model.index(model.rowCount() - 1, model.columnCount() - 1)
    model.dataChanged.emit(model.index(0, 0), bottom_right, [])


def _frames_until_complete(window, qtbot, shot=None) -> tuple[int, int]:
    """Repaint the table with no cell cached; (frames, cells left out by the first)."""
    qtbot.wait(5)  # the frame before is over
    delegates._PIXMAPS.clear()
    budget = window.table.itemDelegate().budget
    left_out = []
    real_end = budget.end

    def end() -> int:
        left_out.append(budget.left_out)
        return real_end()

    budget.end = end
    _content_changed(window)
    frames = 0
    try:
        while frames < 200:
            QApplication.processEvents()
            frames += 1
            if shot is not None and frames == 1:
                shot(_on_screen(window))
            if not window.table.deferred_cells.pending and not (
                window.table.frozen.deferred_cells.pending
            ):
                break
            qtbot.wait(1)
    finally:
        del budget.end
    return frames, (left_out[0] if left_out else 0)


def test_a_frame_over_budget_leaves_cells_for_the_next_and_the_screen_ends_complete(
    window, qtbot
) -> None:
    window.table.select_cell(1, 2)
    qtbot.wait(20)
    budget = window.table.itemDelegate().budget
    assert window.table.frozen.itemDelegate().budget is budget  # one frame, one budget
    budget.seconds = 60.0
    _frames_until_complete(window, qtbot)
    complete = _on_screen(window)  # every cell drawn in one frame
    budget.seconds = 0  # only MIN_NEW_CELLS new cells a pass
    first_frames: list[QImage] = []
    try:
        frames, left_out = _frames_until_complete(window, qtbot, first_frames.append)
    finally:
        budget.seconds = delegates.NEW_CELLS_SECONDS
    assert left_out > 0 and first_frames[0] != complete  # the first frame was not whole …
    assert frames > 2  # … the rest came in later frames …
    qtbot.wait(20)
    assert _on_screen(window) == complete  # … and the screen shows the whole table


def test_within_the_budget_a_frame_draws_every_cell(window, qtbot) -> None:
    budget = window.table.itemDelegate().budget
    budget.seconds = 60.0
    try:
        frames, left_out = _frames_until_complete(window, qtbot)
    finally:
        budget.seconds = delegates.NEW_CELLS_SECONDS
    assert left_out == 0 and frames == 1


def test_a_grab_and_the_first_paint_draw_every_cell(window, qtbot) -> None:
    budget = window.table.itemDelegate().budget
    budget.seconds = 0
    try:
        delegates._PIXMAPS.clear()
        with full_paint():
            image = window.table.viewport().grab().toImage()
        assert budget.left_out == 0 and budget.drawn > MIN_NEW_CELLS
        assert image == _rendered(window)
        fresh = type(window.table)()  # a new view: its first pass is not limited
        fresh.setModel(window.table_model)
        delegate = delegates.ItemDelegate(lambda: ["乡级"], fresh)
        delegate.budget.seconds = 0
        passes = []
        real_end = delegate.budget.end
        delegate.budget.end = lambda: passes.append(delegate.budget.left_out) or real_end()
        fresh.setItemDelegate(delegate)
        fresh.resize(900, 400)
        delegates._PIXMAPS.clear()
        fresh.show()
        qtbot.waitExposed(fresh)
        qtbot.waitUntil(lambda: bool(passes))
        assert passes[0] == 0 and fresh.deferred_cells.started
        fresh.close()
    finally:
        budget.seconds = delegates.NEW_CELLS_SECONDS


def _leave_cells_out(window, qtbot) -> None:
    """One frame of the table with no cell cached and no time for new ones."""
    qtbot.wait(5)
    delegates._PIXMAPS.clear()
    _content_changed(window)
    QApplication.processEvents()


def test_checking_waits_a_frame_while_the_table_fills_in_new_cells(window, qtbot) -> None:
    """A slice of checking and a frame of new cells never share a turn (7 + 8 ms)."""
    from PySide6.QtCore import QTimer

    from zwgk_desktop.gui.live_validation import PAINT_WAIT_MS

    validation = window.ctx.validation
    budget = window.table.itemDelegate().budget
    budget.seconds = 0
    timer = QTimer()
    timer.setSingleShot(True)
    try:
        _leave_cells_out(window, qtbot)
        assert validation.painting()  # the window's own: the table is not whole yet
        assert validation._waits_for_painting(timer)
        assert timer.isActive() and timer.interval() == PAINT_WAIT_MS
        qtbot.waitUntil(lambda: not validation.painting())
        assert not validation._waits_for_painting(timer)
    finally:
        budget.seconds = delegates.NEW_CELLS_SECONDS


def test_a_table_that_never_finishes_painting_does_not_stop_the_checking(window) -> None:
    from PySide6.QtCore import QTimer

    from zwgk_desktop.gui.live_validation import PAINT_WAITS

    validation = window.ctx.validation
    validation.painting = lambda: True  # e.g. a minimised window: no frame ever comes
    timer = QTimer()
    waits = [validation._waits_for_painting(timer) for _ in range(PAINT_WAITS + 1)]
    assert waits == [True] * PAINT_WAITS + [False]


def test_a_big_paste_is_checked_whole_while_its_cells_come_frame_by_frame(window, qtbot) -> None:
    budget = window.table.itemDelegate().budget
    budget.seconds = 0
    try:
        window.table.select_cell(0, 0)
        from zwgk_desktop.gui.clipboard import format_cell

        first = window.session.items("alpha")[0]
        keys = [spec.key for spec in window.table_model.fields]
        rows = [
            [
                f"新事项{n}" if key == "level2" else "尽快" if key == "time_limit"
                else format_cell(key, getattr(first, key))
                for key in keys
            ]
            for n in range(100)
        ]  # fmt: skip
        window.editor.paste("".join("\t".join(row) + "\r\n" for row in rows))
        items = window.session.items("alpha")[:100]
        store = window.ctx.validation.store

        def checked() -> bool:
            return all(
                any(i.rule == "TIME-VAGUE" for i in store.item_issues(item.id)) for item in items
            )

        qtbot.waitUntil(checked, timeout=5000)
        qtbot.waitUntil(lambda: not window.ctx.validation.painting(), timeout=5000)
    finally:
        budget.seconds = delegates.NEW_CELLS_SECONDS


def test_a_scroll_draws_every_cell_in_one_frame(window, qtbot) -> None:
    """Only changed content is painted over frames: a clerk paging through rows never
    shown before sees their text in every frame."""
    from zwgk_desktop.core.model import Item

    items = [
        Item(level1="一级", level2=f"翻页事项{n}", content=f"翻页内容{n}") for n in range(200)
    ]  # new text under the frozen columns' view and beside it
    window.session.insert_items("alpha", len(window.session.items("alpha")), items)
    qtbot.wait(20)
    budget = window.table.itemDelegate().budget
    budget.seconds = 0
    try:
        _frames_until_complete(window, qtbot)  # a change, filled in over frames …
        qtbot.wait(5)
        passes: list[tuple[int, int]] = []
        real_end = budget.end

        def end() -> int:
            passes.append((budget.left_out, budget.drawn))
            return real_end()

        budget.end = end
        bar = window.table.verticalScrollBar()
        bar.setValue(bar.value() + bar.pageStep() * 3)  # … then rows never drawn
        qtbot.waitUntil(lambda: bool(passes))
        left_out, drawn = passes[0]
        assert left_out == 0 and drawn > MIN_NEW_CELLS
        assert not window.table.deferred_cells.pending
    finally:
        budget.__dict__.pop("end", None)
        budget.seconds = delegates.NEW_CELLS_SECONDS
