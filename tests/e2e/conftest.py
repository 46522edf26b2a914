"""The user stories drive the real window: the GUI tests' GC rule applies here too."""

from tests.gui.conftest import _gc_on_the_ui_thread  # noqa: F401  (session, autouse)
