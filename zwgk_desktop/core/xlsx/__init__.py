"""Excel import and export: the standard review layout, the flat upload layout, and the
tolerant, hardened importer.

    from zwgk_desktop.core.xlsx import export_workbook, read_workbook
    warnings = export_workbook(catalog, "out.xlsx", layout="standard")
    result = read_workbook("submitted.xlsx")   # result.catalog, result.notes, result.own_export
"""

from __future__ import annotations

from zwgk_desktop.core.xlsx.reader import read_workbook
from zwgk_desktop.core.xlsx.result import (
    Cancelled,
    ChannelStyle,
    ImportNote,
    ImportResult,
    Layout,
)
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
