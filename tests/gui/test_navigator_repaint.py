"""The domain navigator repaints only what changed: an edit that leaves a domain's count and
status as they were repaints no navigator row, one that changes them repaints that row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect

from zwgk_desktop.gui.models.domain_list import STATUS_TEXT_ROLE


class PaintLog(QObject):
    """The rectangles a widget is asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


def _settle(qtbot, window) -> None:
    window.issues_panel.flush()
    qtbot.wait(50)


def test_edit_that_changes_no_status_repaints_no_navigator_row(window, qtbot) -> None:
    nav = window.navigator
    log = PaintLog()
    nav.view.viewport().installEventFilter(log)
    announced: list[tuple[int, int]] = []
    nav.model.dataChanged.connect(lambda a, b, *_: announced.append((a.row(), b.row())))
    _settle(qtbot, window)
    log.rects.clear()
    model = window.table_model
    col = model.column_of("content")
    model.setData(model.index(1, col), "公开内容：办理条件、办理流程、办理结果")
    _settle(qtbot, window)
    assert announced == []
    assert log.rects == []
    assert nav.model.index(0).data(STATUS_TEXT_ROLE) == "编制中"


def test_status_change_repaints_only_that_row(window, qtbot) -> None:
    nav = window.navigator
    log = PaintLog()
    nav.view.viewport().installEventFilter(log)
    _settle(qtbot, window)
    log.rects.clear()
    model = window.table_model
    model.setData(model.index(2, model.column_of("time_limit")), "尽快")  # a warning
    qtbot.waitUntil(lambda: bool(log.rects))
    _settle(qtbot, window)
    row_rect = nav.view.visualRect(nav.model.index(0))
    assert nav.model.index(0).data(STATUS_TEXT_ROLE) == "1 警告"
    assert log.rects and all(row_rect.contains(rect) for rect in log.rects), (
        [r.getRect() for r in log.rects],
        row_rect.getRect(),
    )
    log.rects.clear()
    window.edit.on_undo()
    qtbot.waitUntil(lambda: nav.model.index(0).data(STATUS_TEXT_ROLE) == "编制中")
    qtbot.waitUntil(lambda: bool(log.rects))
    assert all(row_rect.contains(rect) for rect in log.rects)
