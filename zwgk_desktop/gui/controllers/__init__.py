"""The main window's areas, one controller each: it owns its actions' handlers and gets only
the widgets and collaborators it needs (never the main window itself).

``document`` opens/closes the catalog and moves between domains and cells; ``chrome`` keeps
title, status bar, action states, docks and window geometry; ``file``, ``edit``, ``domain``,
``validation``, ``help`` and ``review`` handle their menus. Cross-area calls go through the
collaborators passed in or Qt signals; ``tests/gui/test_controllers.py`` checks that no
controller imports ``gui.mainwindow`` and that every action has exactly one handler.
"""
