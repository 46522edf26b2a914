"""``read_workbook``: import any reasonable catalog workbook, tolerantly and safely.

Order of work: the guard refuses hostile files from the zip directory alone; openpyxl
opens the rest read-only (defusedxml active, links and macros not kept); each visible
sheet is read into a bounded grid and interpreted. Workbooks this app exported carry a
metadata sheet: a domain sheet whose cells are unchanged is taken from it losslessly,
an edited one is read from its visible cells (the visible sheet wins) with a note.
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from bisect import bisect_right
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl.reader import excel
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

from zwgk_desktop.core.catalog_check import not_a_catalog
from zwgk_desktop.core.errors import FileUnreadableError, ZwgkError
from zwgk_desktop.core.formats.suffixes import GRID_SUFFIXES
from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.templates import find_template
from zwgk_desktop.core.xlsx import guard, metasheet, quiet
from zwgk_desktop.core.xlsx.catalogbuild import CatalogBuilder
from zwgk_desktop.core.xlsx.cover import COVER_NAMES, read_cover
from zwgk_desktop.core.xlsx.digest import SheetDigest
from zwgk_desktop.core.xlsx.fastsheet import FastSheets
from zwgk_desktop.core.xlsx.grid import MAX_ROWS, Grid, read_grid
from zwgk_desktop.core.xlsx.metacheck import PayloadCheck
from zwgk_desktop.core.xlsx.records import DomainHint, SheetParser, SheetResult
from zwgk_desktop.core.xlsx.result import (
    CancelCheck,
    ImportNote,
    ImportResult,
    Progress,
    check_cancel,
)
from zwgk_desktop.core.xlsx.strike import StrikeIndex
from zwgk_desktop.core.xlsx.writer import META_PROPERTY, PROPERTY_NAME

_PARSE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    ParseError,
    DefusedXmlException,
    UnicodeError,
    RecursionError,
)


_DISAGREES = "{sheet}与文件内嵌的目录数据不一致（文件可能被改动过），已按表格中显示的内容读取"


def _causes(exc: BaseException | None) -> list[BaseException]:
    chain: list[BaseException] = []
    while exc is not None and len(chain) < 10:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return chain


def _damaged(name: str, exc: BaseException) -> FileUnreadableError:
    if any(isinstance(e, DefusedXmlException) for e in _causes(exc)):
        return FileUnreadableError(
            f"“{name}”含不安全的 XML 内容（实体或 DTD 声明），为安全起见不予打开"
        )
    return FileUnreadableError(f"“{name}”已损坏或格式不正确，无法读取")


def read_workbook(
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ImportResult:
    """Import a catalog workbook; raises FileUnreadableError (one Chinese line) if it cannot."""
    path = Path(path)
    renamed = path.suffix.lower() in GRID_SUFFIXES and _xlsx_inside(path)
    if (path.suffix.lower() in GRID_SUFFIXES and not renamed) or _other_content(path):
        return _read_other(path, progress, cancel)
    guard.check_file(path, any_suffix=renamed)
    quiet.install()
    check_cancel(cancel)
    # A file object, not the path: openpyxl judges a path by its suffix (an .xlsx renamed
    # .xls is still an .xlsx, with every defence of this path).
    with open(path, "rb") as source:
        try:
            workbook = open_workbook(source)
        except _PARSE_ERRORS as exc:
            raise _damaged(path.name, exc) from exc
        fast = FastSheets(path)
        try:
            return _Import(workbook, progress, cancel, path.name, fast).run()
        except ZwgkError:
            raise
        except _PARSE_ERRORS as exc:
            raise _damaged(path.name, exc) from exc
        finally:
            fast.close()
            workbook.close()


def _xlsx_inside(path: Path) -> bool:
    """An ".xls"/".et"/… that is really an .xlsx package (offices rename files freely)."""
    from zwgk_desktop.core.formats.dispatch import sniff

    try:
        return path.is_file() and sniff(path) == "xlsx"
    except ZwgkError:
        return False


class _LazyStrings(list):  # type: ignore[type-arg]
    """The shared-string table, parsed only when openpyxl reads a cell that needs it: a
    workbook whose sheets all go through calamine never pays for openpyxl's parse."""

    def __init__(self, load: Any) -> None:
        super().__init__()
        self._load = load

    def __getitem__(self, index: Any) -> Any:
        if self._load is not None:
            load, self._load = self._load, None
            self.extend(load())
        return super().__getitem__(index)


class _Reader(ExcelReader):
    def read_strings(self) -> None:
        found = self.package.find(SHARED_STRINGS)
        if found is None:
            return
        archive, part = self.archive, found.PartName[1:]

        def load() -> list[str]:
            with archive.open(part) as source:
                return excel.read_string_table(source)  # quiet's reader, once installed

        self.shared_strings = _LazyStrings(load)


def open_workbook(path: Path | BinaryIO) -> Any:
    """openpyxl's ``load_workbook(read_only=True, keep_links=False, keep_vba=False)`` with a
    lazily parsed shared-string table (and :mod:`quiet`'s fixes installed)."""
    quiet.install()
    reader = _Reader(path, read_only=True, keep_vba=False, data_only=False, keep_links=False)
    reader.read()
    return reader.wb


def _other_content(path: Path) -> bool:
    """An ".xlsx" that is really a web page, a CSV or an .xls (files get renamed)."""
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return False
    from zwgk_desktop.core.formats.dispatch import sniff

    try:
        return sniff(path) in ("html", "text", "ole")
    except ZwgkError:
        return False


def _read_other(path: Path, progress: Progress | None, cancel: CancelCheck | None) -> ImportResult:
    """.xls/.et/.ods/.csv/.docx/.html: the format's reader yields grids, interpreted as sheets."""
    from zwgk_desktop.core.formats.dispatch import read_grids

    notes: list[ImportNote] = []
    try:
        grids, quiet = read_grids(path, notes, cancel)
    except ZwgkError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise FileUnreadableError(f"“{path.name}”过大或结构异常，无法读取") from exc
    job = _Import(None, progress, cancel, path.name)
    job.quiet_tables = quiet
    job.notes.extend(notes)
    return job.run_grids(grids)


def _own_properties(workbook: Any) -> dict[str, str]:
    """This app's custom document properties (layout, and meta for flat exports)."""
    props = getattr(getattr(workbook, "custom_doc_props", None), "props", None) or []
    found = {}
    for prop in props:
        name, value = getattr(prop, "name", ""), getattr(prop, "value", None)
        if name in (PROPERTY_NAME, META_PROPERTY) and isinstance(value, str):
            found[name] = value
    return found


def _meta_from_property(text: str | None) -> CatalogMeta | None:
    if not text:
        return None
    try:
        data = json.loads(text)
        meta = CatalogMeta.from_dict(data)
        meta.levels = [str(v) for v in data.get("levels") or []]
    except (ValueError, TypeError, AttributeError):
        return None
    return meta


class _Import:
    def __init__(
        self,
        workbook: Any,
        progress: Progress | None,
        cancel: CancelCheck | None,
        name: str = "",
        fast: FastSheets | None = None,
    ) -> None:
        self.wb = workbook
        self.fast = fast
        self.name = name
        self.progress = progress
        self.cancel = cancel
        self.notes: list[ImportNote] = []
        self.builder = CatalogBuilder(self.notes)
        self.payload: metasheet.MetaPayload | None = None
        self.check: PayloadCheck | None = None  # the payload rendered again, per sheet
        self.strike: StrikeIndex | None = None  # struck styles and strings, read on need
        self.mismatches: list[str] = []
        self.notices: list[str] = []
        self.cover_unchanged = False
        self.rows_done = 0
        self.rows_total = 0
        self.quiet_tables = False  # documents and pages hold other tables: skip them silently

    def run(self) -> ImportResult:
        try:
            return self._run()
        finally:
            if self.check is not None:
                self.check.close()

    def _run(self) -> ImportResult:
        try:
            self.payload = metasheet.read(self.wb, self.fast.rows if self.fast else None)
            self.check = PayloadCheck(self.payload) if self.payload is not None else None
        except (ValueError, KeyError, TypeError, AttributeError):
            self.notes.append(
                ImportNote(
                    metasheet.SHEET_NAME,
                    None,
                    "",
                    "warning",
                    "内嵌的目录数据已损坏，按表格内容读取",
                )
            )
        sheets = [ws for ws in self.wb.worksheets if ws.title != metasheet.SHEET_NAME]
        for ws in sheets:
            declared = ws.max_row if isinstance(ws.max_row, int) else 0
            self.rows_total += min(declared, MAX_ROWS)
        seen: set[str] = set()
        for ws in sheets:
            check_cancel(self.cancel)
            if ws.sheet_state != "visible":
                self.notes.append(
                    ImportNote(ws.title, None, "", "warning", f"隐藏的工作表“{ws.title}”未读取")
                )
                continue
            seen.add(ws.title)
            grid = self.fast.grid(ws, self.cancel) if self.fast is not None else None
            if grid is None:
                grid = read_grid(ws, self.cancel, self._on_rows)
            grid.struck_rows = self._struck_rows(ws, grid.mentions_strike)
            self.rows_done += len(grid.rows)
            self._on_rows(0)  # a sheet read whole (calamine) moves the progress once
            if not grid.is_empty():
                self._note_marks(grid, self._sheet(grid))
        props = _own_properties(self.wb)
        base = _meta_from_property(props.get(META_PROPERTY))
        if self.payload is not None:
            self._finish_payload(seen)
            base = self.payload.catalog.meta
        catalog = self.builder.build(base)
        own = self.payload is not None or PROPERTY_NAME in props
        if not catalog.domains and not own:
            # a workbook without any catalog table (payroll, a title only) is not a catalog
            raise not_a_catalog(self.name)
        if self.progress is not None:
            self.progress(self.rows_total, self.rows_total)
        return ImportResult(
            catalog,
            self.notes,
            own,
            self.mismatches,
            gaps=self.builder.gaps(),
            notices=self.notices,
            cell_gaps=self.builder.cell_gaps(),
        )

    def run_grids(self, grids: list[Grid]) -> ImportResult:
        """The interpretation of grids read from another format (no own-export metadata)."""
        self.rows_total = sum(len(g.rows) for g in grids)
        for grid in grids:
            check_cancel(self.cancel)
            if not grid.is_empty():
                self._note_marks(grid, self._sheet(grid))
            self.rows_done += len(grid.rows)
            self._on_rows(0)
        catalog = self.builder.build(None)
        if not catalog.domains:
            raise not_a_catalog(self.name)
        if self.progress is not None:
            self.progress(self.rows_total, self.rows_total)
        return ImportResult(
            catalog,
            self.notes,
            False,
            gaps=self.builder.gaps(),
            notices=self.notices,
            cell_gaps=self.builder.cell_gaps(),
        )

    def _note_marks(self, grid: Grid, result: SheetResult | None) -> None:
        """What the cell values do not show but whoever looks at the table sees (or does
        not): rows Excel hides are read like the others (a filter hides real items), but
        are named with the items they hold, so that an item a township hid instead of
        deleting is checked, not silently taken; rows with struck-through text (a revised
        draft's “to be deleted”) likewise; and a Word table's pending tracked changes."""
        self._note_rows(
            grid,
            result,
            grid.hidden_rows,
            "在原表中是隐藏行，已按表中内容读取；如其中有已删除的事项，请与编制单位核对",
            "是隐藏行（已读取），请核对",
        )
        self._note_rows(
            grid,
            result,
            grid.struck_rows,
            "有带删除线的文字，已按原样读取（删除线不算删除）；如是标出的删除内容，请与编制单位核对",
            "有带删除线的文字（已按原样读取），请核对",
        )
        if grid.revisions:  # read with the changes accepted (formats.docxtable)
            self._tell(
                grid,
                None,
                f"表格中有 {grid.revisions} 处未接受的修订，已按“接受所有修订”后的内容读取"
                "（删除的文字和行未读取，插入的文字已读取）；请编制单位接受或拒绝修订后再报送",
                f"“{grid.title}”有 {grid.revisions} 处未接受的修订（已按接受后的内容读取），请核对",
            )

    def _tell(self, grid: Grid, row: int | None, note: str, notice: str) -> None:
        """A warning in the import report and a line for the reviewer's banner."""
        self.notes.append(ImportNote(grid.title, row, "", "warning", note))
        self.notices.append(notice)

    def _note_rows(
        self, grid: Grid, result: SheetResult | None, numbers: list[int], note: str, notice: str
    ) -> None:
        rows = [n for n in numbers if n <= len(grid.rows) and any(grid.rows[n - 1])]
        if not rows:
            return
        shown = f"第{'、'.join(str(n) for n in rows[:10])}行"
        if len(rows) > 10:
            shown += "等"
        details = [f"共 {len(rows)} 行"] if len(rows) > 1 else []
        names = _items_on_rows(result, rows) if result is not None else []
        if names:
            details.append("、".join(names[:3]) + ("等" if len(names) > 3 else ""))
        if details:
            shown += f"（{'；'.join(details)}）"
        self._tell(grid, rows[0], shown + note, f"工作表“{grid.title}”{shown}{notice}")

    def _struck_rows(self, ws: Any, mentions_strike: bool) -> list[int]:
        archive = getattr(getattr(ws, "parent", None), "_archive", None)
        path = getattr(ws, "_worksheet_path", None)
        if archive is None or path is None:
            return []
        if self.strike is None:
            self.strike = StrikeIndex(archive)
        return self.strike.rows(path, mentions_strike)

    def _on_rows(self, rows: int) -> None:
        if self.progress is not None:
            self.progress(min(self.rows_done + rows, self.rows_total), self.rows_total)

    # ------------------------------------------------------------ sheets

    def _sheet(self, grid: Grid) -> SheetResult | None:
        """Read one sheet into the builder; the parse of it, if it was parsed."""
        payload = self.payload
        hint_index: int | None = None
        if payload is not None:
            if grid.title == payload.cover_title:
                digest = _digest(grid, 0)
                agrees = self.check is not None and self.check.cover_agrees(grid, digest)
                if digest == payload.cover_digest and agrees:
                    self.cover_unchanged = True
                    return None
                if digest == payload.cover_digest:
                    self.mismatches.append(_DISAGREES.format(sheet="封面"))
                self.notes.append(
                    ImportNote(
                        grid.title,
                        None,
                        "",
                        "warning",
                        "封面在导出后被修改，单位信息和未涉及说明按封面内容读取"
                        if digest != payload.cover_digest
                        else _DISAGREES.format(sheet="封面"),
                    )
                )
                self.builder.add_cover(read_cover(grid), grid.title, payload.catalog.domains)
                return None
            info = next((s for s in payload.sheets if s.title == grid.title), None)
            if info is not None:
                source = payload.catalog.domains[info.domain]
                digest = _digest(grid, info.data_row)
                unchanged = digest == info.digest
                if unchanged and self.check is not None and self.check.sheet_agrees(info, digest):
                    self.builder.take_domain(info.domain, source)
                    return None
                hint_index = info.domain
                if unchanged:
                    self.mismatches.append(_DISAGREES.format(sheet=f"工作表“{grid.title}”"))
                self.notes.append(
                    ImportNote(
                        grid.title,
                        None,
                        source.name,
                        "warning",
                        _DISAGREES.format(sheet=f"工作表“{grid.title}”")
                        if unchanged
                        else f"工作表“{grid.title}”在导出后被修改，已按表格内容读取",
                    )
                )
        hint = None
        if hint_index is not None and payload is not None:
            source = payload.catalog.domains[hint_index]
            hint = DomainHint(source.name, find_template(source.id) if source.pilot else None)
        result = SheetParser(grid, self.notes, hint).parse()
        if not result.found_header:
            cover = read_cover(grid)
            if cover:
                self.builder.add_cover(cover, grid.title)
            elif grid.title.strip() not in COVER_NAMES and not self.quiet_tables:
                self.notes.append(
                    ImportNote(
                        grid.title,
                        None,
                        "",
                        "warning",
                        f"工作表“{grid.title}”中没有找到目录表头（如“二级事项”“公开内容”），未读取",
                    )
                )
            return None
        if hint_index is not None and payload is not None:
            self.builder.add_hinted(
                hint_index, payload.catalog.domains[hint_index], result, grid.title
            )
        else:
            self.builder.add_sheet(result, grid.title)
        return result

    def _finish_payload(self, seen: set[str]) -> None:
        """Own-export domains without a sheet read so far: from the metadata, or noted as gone."""
        payload = self.payload
        assert payload is not None
        with_sheet = {s.domain: s for s in payload.sheets}
        for index, domain in enumerate(payload.catalog.domains):
            if f"p:{index}" in self.builder.entries:
                continue
            info = with_sheet.get(index)
            if info is not None and info.title not in seen:
                self.notes.append(
                    ImportNote(
                        info.title,
                        None,
                        domain.name,
                        "warning",
                        f"工作表“{info.title}”已被删除或隐藏，领域“{domain.name}”未导入",
                    )
                )
            elif info is None and self.cover_unchanged:
                self.builder.take_domain(index, domain)
            elif info is None:
                self.notes.append(
                    ImportNote(
                        payload.cover_title,
                        None,
                        domain.name,
                        "warning",
                        f"封面中已没有“{domain.name}”，该未涉及领域未导入",
                    )
                )


def _digest(grid: Grid, first_row: int) -> str:
    digest = SheetDigest()
    digest.add_rows((r, grid.rows[r]) for r in range(first_row, len(grid.rows)))
    return digest.hexdigest()


def _items_on_rows(result: SheetResult, rows: list[int]) -> list[str]:
    """“domain：一级/二级” of the items the 1-based sheet ``rows`` belong to, in order (an
    item runs from its first row to the next item's)."""
    starts: list[tuple[int, str]] = []
    for section in result.sections:
        for first, item in zip(section.rows, section.items, strict=False):
            label = "/".join(part for part in (item.level1, item.level2) if part) or item.content
            starts.append((first, f"{section.name}：{label[:20]}"))
    starts.sort()
    firsts = [first for first, _ in starts]
    names: list[str] = []
    for row in rows:
        at = bisect_right(firsts, row) - 1
        if at >= 0 and starts[at][1] not in names:
            names.append(starts[at][1])
    return names
