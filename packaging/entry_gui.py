"""PyInstaller entry script for the windowed editor (zwgk-desktop)."""

import sys

from zwgk_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
