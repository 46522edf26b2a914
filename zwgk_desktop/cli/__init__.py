"""The ``zwgk`` command line: thin commands over ``zwgk_desktop.core`` (never Qt)."""
