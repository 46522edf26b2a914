"""PyInstaller entry script for the console command line (zwgk)."""

import sys

from zwgk_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
