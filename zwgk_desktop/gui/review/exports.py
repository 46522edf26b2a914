"""导出审核意见 (xlsx) and 导出审核意见函 (PDF): ask for a file name, write, report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.review.letter import build_letter
from zwgk_desktop.core.review.opinions import export_opinions
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.review.letter import write_letter_pdf


def _ask(
    parent: QWidget | None, title: str, default: Path, pattern: str, suffix: str
) -> Path | None:
    name, _ = standard.get_save_file_name(parent, title, str(default), pattern)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def save_opinions(parent: QWidget | None, session: ReviewSession, target: Path) -> int | None:
    try:
        count = export_opinions(session, target)
    except ZwgkError as exc:
        msgbox.error(parent, str(exc))
        return None
    msgbox.info(parent, f"已导出审核意见 {count} 条：{target}")
    return count


def save_letter(
    parent: QWidget | None, session: ReviewSession, target: Path, sender: str = ""
) -> int | None:
    try:
        pages = write_letter_pdf(build_letter(session, sender), target)
    except ZwgkError as exc:
        msgbox.error(parent, str(exc))
        return None
    msgbox.info(parent, f"已导出审核意见函（{pages} 页）：{target}")
    return pages


def ask_export_opinions(parent: QWidget | None, session: ReviewSession) -> Path | None:
    default = session.submission.with_name(f"{session.submission.stem}审核意见.xlsx")
    target = _ask(parent, "导出审核意见", default, "Excel 工作簿 (*.xlsx)", ".xlsx")
    if target is None or save_opinions(parent, session, target) is None:
        return None
    return target


def ask_export_letter(
    parent: QWidget | None, session: ReviewSession, sender: str = ""
) -> Path | None:
    default = session.submission.with_name(f"{session.submission.stem}审核意见函.pdf")
    target = _ask(parent, "导出审核意见函", default, "PDF 文件 (*.pdf)", ".pdf")
    if target is None or save_letter(parent, session, target, sender) is None:
        return None
    return target
