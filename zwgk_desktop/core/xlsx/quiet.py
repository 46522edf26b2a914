"""Three openpyxl habits that must not reach a township clerk.

- Its ``UserWarning``s ("Workbook contains no default style", "Data Validation extension is
  not supported", out-of-range dates …) are English text on stderr about things we handle
  or ignore anyway: they are silenced for openpyxl's own modules.
- One number cell openpyxl cannot parse (``<v>nan</v>``, ``<v>1,5</v>``) raises ValueError
  from deep in its row parser, which refused the whole workbook: such a cell is read as
  its text instead (``nan`` and ``inf`` as the float they spell).
- Its shared-string reader drops the ``x005F_`` of Excel's escaped underscore, so a
  literal ``_x000D_`` came back as a carriage return: ours marks it instead
  (:data:`sanitize.ESCAPED_UNDERSCORE`, undone by ``sanitize.unescape_cell``).
"""

from __future__ import annotations

import warnings
from typing import Any

_installed = False


def _tolerant_cast(original: Any) -> Any:
    def cast(value: str) -> Any:
        try:
            return original(value)
        except (ValueError, TypeError):
            try:
                return float(value)
            except (ValueError, TypeError):
                return value

    return cast


def _read_string_table(xml_source: Any) -> list[str]:
    """openpyxl's ``read_string_table`` with escaped underscores marked, not dropped."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    from zwgk_desktop.core.xlsx.sanitize import ESCAPED_UNDERSCORE

    tag = f"{{{SHEET_MAIN_NS}}}si"
    strings = []
    for _, node in iterparse(xml_source):
        if node.tag == tag:
            text = Text.from_tree(node).content
            if "_x005F_" in text:
                text = text.replace("_x005F_", ESCAPED_UNDERSCORE)
            node.clear()
            strings.append(text)
    return strings


def install() -> None:
    """Apply both once per process (idempotent; called before a workbook is read)."""
    global _installed
    if _installed:
        return
    warnings.filterwarnings("ignore", module=r"openpyxl(\..*)?$")
    from openpyxl.worksheet import _reader

    _reader._cast_number = _tolerant_cast(_reader._cast_number)
    from openpyxl.reader import excel

    excel.read_string_table = _read_string_table
    _installed = True
