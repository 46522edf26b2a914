"""The hidden metadata sheet that lets the app read its own exports back losslessly.

It holds the interchange JSON (plus what the interchange omits: level names, dates,
domain provenance) chunked over cells of column A, and a digest of every visible sheet.
On import, a sheet whose digest still matches is taken from the JSON; a sheet a user
edited is read from its visible cells instead (the visible sheet wins), with a note.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from zwgk_desktop.core.fields import CHOICE_FIELDS, TEXT_FIELDS
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.xlsx.sanitize import needs_quote_prefix

SHEET_NAME = "_zwgk_meta"
MARKER = "zwgk-catalog-meta"
VERSION = 1
CHUNK_CHARS = 16_000  # <= 32,000 UTF-16 units even if every character is astral
MAX_CHUNKS = 20_000  # ~320 M characters: far beyond any real catalog
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass
class SheetInfo:
    title: str
    domain: int  # index into catalog.domains
    data_row: int  # 0-based first data row
    digest: str
    # the 公开渠道和载体 width the sheet was fitted to: its line breaks are in the digest, and
    # the check renders the sheet again at this width instead of fitting it again (0: fit)
    channel_width: float = 0.0


@dataclass
class MetaPayload:
    catalog: Catalog
    sheets: list[SheetInfo] = field(default_factory=list)
    cover_title: str = ""
    cover_digest: str = ""
    compact: bool = False  # 公开渠道和载体 lists only the ticked channels


def encode(
    catalog: Catalog,
    sheets: list[SheetInfo],
    cover_title: str,
    cover_digest: str,
    compact: bool = False,
) -> list[str]:
    """The JSON payload as cell-sized chunks."""
    payload = {
        "format": MARKER,
        "version": VERSION,
        "catalog": catalog.to_dict(),
        "levels": list(catalog.meta.levels),
        "date": catalog.meta.date,
        "domains": [{"pilot": d.pilot, "aliases": list(d.aliases)} for d in catalog.domains],
        "sheets": [s.__dict__ for s in sheets],
        "cover": {"title": cover_title, "digest": cover_digest},
        "channels": "compact" if compact else "full",
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # Lone surrogates cannot be stored; "_x" would be taken for an Excel escape on reading.
    text = _SURROGATE_RE.sub("", text).replace("_x", "_\\u0078")
    return [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)] or ["{}"]


def write(workbook: Any, chunks: list[str]) -> None:
    sheet = workbook.add_worksheet(SHEET_NAME)
    quoted = workbook.add_format({"quote_prefix": True})
    sheet.write_string(0, 0, MARKER)
    sheet.write_number(0, 1, VERSION)
    for n, chunk in enumerate(chunks, start=1):
        sheet.write_string(n, 0, chunk, quoted if needs_quote_prefix(chunk) else None)
    sheet.very_hidden()


def decode(chunks: list[str]) -> MetaPayload:
    """Parse the chunks; raises ValueError/KeyError/TypeError on anything malformed."""
    data = json.loads("".join(chunks))
    if (
        not isinstance(data, dict)
        or data.get("format") != MARKER
        or int(data.get("version", 0)) > VERSION
    ):
        raise ValueError("not a zwgk metadata payload")
    catalog = _catalog(data["catalog"])
    levels = data.get("levels")
    if isinstance(levels, list):
        catalog.meta.levels = [str(v) for v in levels]
    catalog.meta.date = str(data.get("date") or catalog.meta.date)
    for domain, extra in zip(catalog.domains, data.get("domains") or [], strict=False):
        domain.pilot = bool(extra.get("pilot", True))
        domain.aliases = [str(a) for a in extra.get("aliases") or []]
    sheets = [
        SheetInfo(
            str(s["title"]),
            int(s["domain"]),
            int(s["data_row"]),
            str(s["digest"]),
            _width(s.get("channel_width")),
        )
        for s in data.get("sheets") or []
    ]
    for info in sheets:
        if not 0 <= info.domain < len(catalog.domains):
            raise ValueError("sheet refers to a missing domain")
    cover = data.get("cover") or {}
    return MetaPayload(
        catalog,
        sheets,
        str(cover.get("title", "")),
        str(cover.get("digest", "")),
        compact=data.get("channels") == "compact",
    )


def _width(value: Any) -> float:
    """A recorded column width, or 0 (fit again) when absent or out of Excel's range."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if 1 <= value <= 255 else 0.0


def _item(data: dict[str, Any]) -> Item:
    """Item.from_dict for our own, well-formed payload, without per-field checks (fast)."""
    values: dict[str, Any] = {key: str(data.get(key) or "") for key in TEXT_FIELDS}
    for key in CHOICE_FIELDS:
        values[key] = [str(v) for v in data.get(key) or []]
    extra = data.get("extra") or {}
    values["extra"] = {str(k): "" if v is None else str(v) for k, v in extra.items()}
    return Item(**values)


def _catalog(data: dict[str, Any]) -> Catalog:
    domains = []
    for raw in data.get("domains") or []:
        domain = Domain.from_dict({**raw, "items": []})
        domain.items = [_item(d) for d in raw.get("items") or []]
        domains.append(domain)
    return Catalog(CatalogMeta.from_dict(data.get("meta") or {}), domains)


def read(workbook: Any, fast_rows: Callable[[Any], Any] | None = None) -> MetaPayload | None:
    """The payload of an openpyxl (read-only) workbook, or None if it has none.

    ``fast_rows(sheet)`` may give the sheet's rows (calamine) or None (then openpyxl reads).
    Raises ValueError when the sheet is there but damaged.
    """
    if SHEET_NAME not in workbook.sheetnames:
        return None
    sheet = workbook[SHEET_NAME]
    chunks: list[str] = []
    rows = fast_rows(sheet) if fast_rows is not None else None
    if rows is None:
        rows = sheet.iter_rows(min_row=1, max_row=MAX_CHUNKS + 1, max_col=2, values_only=True)
    for n, row in enumerate(islice(rows, MAX_CHUNKS + 1)):
        if n == 0:
            if not row or row[0] != MARKER:
                return None
            continue
        value = row[0] if row else None
        if value is None or value == "":  # calamine gives "" for an empty cell
            break
        chunks.append(str(value))
    return decode(chunks)
