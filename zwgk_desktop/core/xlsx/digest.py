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
    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)

    def add(self, row: int, col: int, value: object) -> None:
        if value is None:
            return
        text = value if isinstance(value, str) else str(value)
        if not text or text.isspace():
            return
        self._hash.update(
            f"{row}\x1f{col}\x1f{text.replace('_', '')}\x1e".encode("utf-8", "surrogatepass")
        )

    def add_rows(self, rows: Iterable[tuple[int, list[str | None]]]) -> None:
        for r, values in rows:
            for c, value in enumerate(values):
                if value is not None:
                    self.add(r, c, value)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()
