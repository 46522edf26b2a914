"""Spare PySide6 from reading the source of every module the app imports.

PySide6 keeps a table of which modules use it, for its opt-in ``__feature__`` switches
(snake_case, true_property). On each import it fills the table for every loaded module not
yet in it by reading that module's whole source and looking for "PySide6": at start ~100
modules, ~15 ms before the first paint.

:func:`answer_known_modules` fills the table for the modules whose answer is known without
reading them: the standard library and our Qt-free ``core`` and ``cli`` (a test keeps Qt
out of both) get PySide's "ignore this module" (-1), the value its scan gives a source
without "PySide6"; our ``gui`` modules get "no feature" (0), the value its scan gives one
that imports PySide6. For the few ``gui`` helpers that do not import it the two values act
alike: PySide reads a module's value only to choose the feature set of that module's
attribute lookups, and with no module asking for a feature (a test checks ours never do)
every choice is "none". Third-party modules are still read by PySide. If a PySide release
keeps the table elsewhere, nothing is written and PySide reads every module as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

IGNORE = -1  # PySide's value for a module whose source does not mention PySide6
NO_FEATURE = 0  # its value for a module that uses PySide6 (and asks for no feature)
QT_FREE_PACKAGES = ("zwgk_desktop.core", "zwgk_desktop.cli")
GUI_PACKAGE = "zwgk_desktop.gui"


def pyside_table() -> dict[str, int] | None:
    """PySide's module table, or None where this PySide has none (or is not loaded)."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def known_value(name: str) -> int | None:
    """What PySide's scan would find for module ``name``, where that is known unread."""
    if name.partition(".")[0] in sys.stdlib_module_names or name == "zwgk_desktop":
        return IGNORE
    if any(_within(name, package) for package in QT_FREE_PACKAGES):
        return IGNORE
    if _within(name, GUI_PACKAGE):
        return NO_FEATURE
    return None


def package_module_names() -> Iterator[str]:
    """Every module of our package, loaded or not, named from the source tree (~0.5 ms;
    a frozen build has no tree, and PySide finds no source to read there either)."""
    root = Path(__file__).resolve().parents[1]
    for directory, _dirs, files in os.walk(root):
        parts = Path(directory).relative_to(root.parent).parts
        for file in files:
            if file == "__init__.py":
                yield ".".join(parts)
            elif file.endswith(".py"):
                yield ".".join((*parts, file[:-3]))


def answer_known_modules() -> int:
    """Fill PySide's table for every module whose answer is known; how many were added."""
    table = pyside_table()
    if table is None:
        return 0
    before = len(table)
    for name in [*list(sys.modules), *package_module_names()]:
        if name not in table:
            value = known_value(name)
            if value is not None:
                table[name] = value
    return len(table) - before
