"""A screen of new cells is painted over several frames, and the screen ends up complete."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from zwgk_desktop.gui import delegates
from zwgk_desktop.gui.paint_budget import MIN_NEW_CELLS, full_paint


def _on_screen(window) -> QImage:
    """What the window shows now (its backing store), without painting anything."""
    viewport = window.table.viewport()
    corner = viewport.mapTo(window, QPoint(0, 0))
    screen = QGuiApplication.primaryScreen()
    shot = screen.grabWindow(window.winId(), corner.x(), corner.y(), *viewport.size().toTuple())
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _rendered(window) -> QImage:
    with full_paint():
        image = window.table.viewport().grab().toImage()
    return image.convertToFormat(QImage.Format.Format_RGB32)


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
    window.table.viewport().update()
    window.table.frozen.viewport().update()
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
