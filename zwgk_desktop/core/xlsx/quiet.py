"""Two openpyxl habits that must not reach a township clerk.

- Its ``UserWarning``s ("Workbook contains no default style", "Data Validation extension is
  not supported", out-of-range dates …) are English text on stderr about things we handle
  or ignore anyway: they are silenced for openpyxl's own modules.
- One number cell openpyxl cannot parse (``<v>nan</v>``, ``<v>1,5</v>``) raises ValueError
  from deep in its row parser, which refused the whole workbook: such a cell is read as
  its text instead (``nan`` and ``inf`` as the float they spell).
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


def install() -> None:
    """Apply both once per process (idempotent; called before a workbook is read)."""
    global _installed
    if _installed:
        return
    warnings.filterwarnings("ignore", module=r"openpyxl(\..*)?$")
    from openpyxl.worksheet import _reader

    _reader._cast_number = _tolerant_cast(_reader._cast_number)
    _installed = True
