"""A fingerprint of a sheet's visible cells, to tell whether a user edited an export.

Computed by the writer over the values it writes and by the reader over the values it
reads, so both ends must agree on what a value looks like: text as read back (underscores
dropped, because openpyxl mangles Excel's ``_x005F_`` escape), integers as digits, and
empty or blank cells skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


class SheetDigest:
    """Collects ``row, col, text`` triples; hashed once at the end (cheaper than per cell)."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def add(self, row: int, col: int, value: object) -> None:
        if value is None:
            return
        text = value if isinstance(value, str) else str(value)
        if not text or text.isspace():
            return
        self._parts.append(f"{row}\x1f{col}\x1f{text}\x1e")

    def add_text(self, row: int, col: int, text: str) -> None:
        """``add`` for text the caller knows is a non-blank string (the writer's hot path)."""
        self._parts.append(f"{row}\x1f{col}\x1f{text}\x1e")

    def add_rows(self, rows: Iterable[tuple[int, list[str | None]]]) -> None:
        """Rows as :func:`grid.read_grid` leaves them: None or non-blank text per cell."""
        parts = self._parts
        for r, values in rows:
            parts.extend(f"{r}\x1f{c}\x1f{v}\x1e" for c, v in enumerate(values) if v is not None)

    def hexdigest(self) -> str:
        text = "".join(self._parts).replace("_", "")
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
