"""The controller rules: each area is one room with one door.

Every action is handled by exactly one controller, the live window binds each action to
that controller, and no controller imports the main window (checked on the source, so a
lazy import inside a function counts too).
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

import zwgk_desktop.gui.controllers as controllers_package
from zwgk_desktop.gui.actions import ACTIONS, handler_map, handler_name
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.controllers.domain import DomainController
from zwgk_desktop.gui.controllers.edit import EditController
from zwgk_desktop.gui.controllers.file import FileController
from zwgk_desktop.gui.controllers.help import HelpController
from zwgk_desktop.gui.controllers.review import ReviewController
from zwgk_desktop.gui.controllers.validation import ValidationController

CONTROLLERS = (
    ChromeController,
    DocumentController,
    FileController,
    EditController,
    DomainController,
    ValidationController,
    HelpController,
    ReviewController,
)


def test_every_action_has_exactly_one_controller_handler() -> None:
    for spec in ACTIONS:
        owners = [c.__name__ for c in CONTROLLERS if spec.id in c.HANDLES]
        assert len(owners) == 1, f"{spec.id}: handled by {owners or 'nobody'}"
        (owner,) = [c for c in CONTROLLERS if spec.id in c.HANDLES]
        assert callable(getattr(owner, handler_name(spec), None)), spec.id
    known = {spec.id for spec in ACTIONS}
    for controller in CONTROLLERS:
        assert set(controller.HANDLES) <= known, controller.__name__


def test_handler_map_refuses_a_gap_or_a_double_claim() -> None:
    class Claims:
        HANDLES = ("about",)

        def on_about(self) -> None:
            pass

    with pytest.raises(ValueError, match="without a handler"):
        handler_map(Claims())
    with pytest.raises(ValueError, match="handled twice"):
        handler_map(Claims(), Claims())


def test_the_window_binds_each_action_to_its_controller(window) -> None:
    assert {type(c) for c in window.controllers()} == set(CONTROLLERS)
    handlers = handler_map(*window.controllers())
    assert set(handlers) == {spec.id for spec in ACTIONS}
    # A real trigger reaches the owning controller: 筛选本领域 focuses the header's filter.
    window.actions_by_id["filter"].trigger()
    assert window.header.filter.hasFocus() or window.focusWidget() is window.header.filter
    window.actions_by_id["show_issues"].setChecked(False)
    assert window.issues_dock.isHidden()
    window.actions_by_id["show_issues"].setChecked(True)
    assert not window.issues_dock.isHidden()


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_controller_imports_the_main_window() -> None:
    folder = Path(controllers_package.__file__).parent
    modules = [m.name for m in pkgutil.iter_modules([str(folder)])]
    assert {"chrome", "document", "file", "edit", "review"} <= set(modules)
    for name in modules:
        imported = _imports(folder / f"{name}.py")
        bad = {i for i in imported if i.startswith("zwgk_desktop.gui.mainwindow")}
        assert not bad, f"controllers/{name}.py imports {bad}"
