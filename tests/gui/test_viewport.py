"""own_viewport: a viewport made from Python behaves as the one Qt makes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QTableView, QTreeView, QWidget

from zwgk_desktop.gui.widgets.viewport import own_viewport


def _traits(view) -> tuple:
    viewport: QWidget = view.viewport()
    attributes = {a for a in Qt.WidgetAttribute if viewport.testAttribute(a)}
    return (
        attributes,
        viewport.objectName(),
        viewport.backgroundRole(),
        viewport.autoFillBackground(),
        viewport.focusPolicy(),
        viewport.focusProxy() is view,
        viewport.hasMouseTracking(),
        viewport.acceptDrops(),
    )


@pytest.mark.parametrize("view_class", [QTableView, QListView, QTreeView])
def test_own_viewport_has_the_traits_of_qts_own(qtbot, view_class) -> None:
    theirs, ours = view_class(), view_class()
    qtbot.addWidget(theirs)
    qtbot.addWidget(ours)
    made = own_viewport(ours)
    assert ours.viewport() is made
    assert _traits(ours) == _traits(theirs)
