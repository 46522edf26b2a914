"""The file suffixes read through :mod:`core.formats` (kept import-free: the xlsx reader and
the loader dispatch on it)."""

GRID_SUFFIXES = frozenset({".xls", ".et", ".ett", ".ods", ".csv", ".docx", ".html", ".htm"})
