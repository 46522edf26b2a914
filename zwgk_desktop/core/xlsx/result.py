"""Result types shared by the exporter and the importer, and the cancel protocol."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Self

from zwgk_desktop.core.errors import ExportError, ZwgkError
from zwgk_desktop.core.model import Catalog

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
NoteLevel = Literal["guess", "warning", "error"]


class Cancelled(ZwgkError):
    """The user cancelled a long export or import."""

    def __init__(self, message: str = "已取消") -> None:
        super().__init__(message)


class _Option(StrEnum):
    """An export option read from a command line or a setting; ``REFUSAL`` says in Chinese
    which values there are."""

    @classmethod
    def parse(cls, value: str) -> Self:
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ExportError(cls._refusal(value)) from None

    @classmethod
    def _refusal(cls, value: str) -> str:
        raise NotImplementedError


class Layout(_Option):
    """The two workbook shapes: the printed review layout and the flat upload table."""

    STANDARD = "standard"
    FLAT = "flat"

    @classmethod
    def _refusal(cls, value: str) -> str:
        return f"未知的导出版式“{value}”：请使用 standard 或 flat"


class ChannelStyle(_Option):
    """How the standard layout prints 公开渠道和载体: the guideline's full ■/□ list of the
    13 standard channels, or only the ticked ones (a shorter, denser printout)."""

    FULL = "full"
    COMPACT = "compact"

    @classmethod
    def _refusal(cls, value: str) -> str:
        return f"未知的渠道列样式“{value}”：请使用 full（完整 ■/□ 清单）或 compact（仅已选渠道）"


class PageFlow(_Option):
    """How the printed catalog runs over pages: each domain starting a page of its own (as
    counties publish one table per domain), or the domains one after another, a new one
    starting wherever the last ended (fewer pages; each page still names its domain)."""

    BY_DOMAIN = "domain"
    CONTINUOUS = "continuous"

    @classmethod
    def _refusal(cls, value: str) -> str:
        return (
            f"未知的排页方式“{value}”：请使用 domain（每个领域另起一页）"
            "或 continuous（各领域接续排页）"
        )


@dataclass
class ImportNote:
    """One thing the importer guessed, changed or could not read, located to a sheet row."""

    sheet: str
    row: int | None  # 1-based sheet row, None for sheet- or file-level notes
    domain: str
    level: NoteLevel
    message: str  # one Chinese line, e.g. "第12行：“同上”取上一行的公开依据"
    field: str = ""  # the item field a whole-column note is about

    def __str__(self) -> str:
        where = f"[{self.sheet}]" if self.sheet else ""
        return f"{where}{self.message}"


@dataclass
class ImportResult:
    """What :func:`read_workbook` gives back: the catalog and every note about it."""

    catalog: Catalog
    notes: list[ImportNote] = field(default_factory=list)
    own_export: bool = (
        False  # written by this app (standard layout with its metadata sheet, or flat)
    )
    # Sheets whose hidden metadata disagreed with the visible cells (read from the cells);
    # a reviewer must be told even where notes are not shown (show, review).
    mismatches: list[str] = field(default_factory=list)
    # Other things a reviewer must be told about the file as a whole (rows hidden in it)
    notices: list[str] = field(default_factory=list)
    # domain id -> item fields whose column had content the importer could not read: issues
    # on them are import gaps (未能识别), not the township's errors
    gaps: dict[str, set[str]] = field(default_factory=dict)
    # domain id -> (item number, field) read from a cell held as a number or a date, which
    # Excel may show as other text (a cell format): issues on them are import gaps too
    cell_gaps: dict[str, set[tuple[int, str]]] = field(default_factory=dict)

    def count(self, level: NoteLevel) -> int:
        return sum(1 for n in self.notes if n.level == level)


def check_cancel(cancel: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` when the caller asked to stop."""
    if cancel is not None and cancel():
        raise Cancelled()
