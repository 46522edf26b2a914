"""Dialogs and pages around the main window (new, import, export, snapshots, about)."""
