"""Excel import and export: the standard review layout, the flat upload layout, and the
tolerant, hardened importer.

    from zwgk_desktop.core.xlsx import export_workbook, read_workbook
    warnings = export_workbook(catalog, "out.xlsx", layout="standard")
    result = read_workbook("submitted.xlsx")   # result.catalog, result.notes, result.own_export
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zwgk_desktop.core.xlsx.result import (
    Cancelled,
    ChannelStyle,
    ImportNote,
    ImportResult,
    Layout,
)

if TYPE_CHECKING:
    from zwgk_desktop.core.xlsx.reader import read_workbook
    from zwgk_desktop.core.xlsx.writer import export_workbook

__all__ = [
    "Cancelled",
    "ChannelStyle",
    "ImportNote",
    "ImportResult",
    "Layout",
    "export_workbook",
    "read_workbook",
]


def __getattr__(name: str) -> Any:
    """Load the reader (openpyxl) or the writer (xlsxwriter) only when it is used: an
    export never pays for openpyxl's import, a read never for xlsxwriter's."""
    if name == "read_workbook":
        from zwgk_desktop.core.xlsx.reader import read_workbook

        return read_workbook
    if name == "export_workbook":
        from zwgk_desktop.core.xlsx.writer import export_workbook

        return export_workbook
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
