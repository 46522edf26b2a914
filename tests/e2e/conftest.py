"""The user stories drive the real window: the GUI tests' GC and deletion rules apply here too."""

from tests.gui.conftest import (  # noqa: F401  (autouse fixtures)
    _gc_on_the_ui_thread,
    _no_deletions_left_over,
)
