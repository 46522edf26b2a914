"""文件 menu: new, open, import, 目录信息, export, print/PDF, snapshots, save-as, close, quit.

The dialogs are imported inside the handlers, so the window starts without loading them.
Opening the clerk's own file emits ``own_file_opened`` (the review controller then shows
the comments of a returned review beside it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from zwgk_desktop.core import paths
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import FILTER, READABLE_SUFFIXES
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.storage import SUFFIX, Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.controllers.chrome import ChromeController
from zwgk_desktop.gui.controllers.context import DocumentContext
from zwgk_desktop.gui.controllers.document import DocumentController
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.widgets.item_form import ItemForm

if TYPE_CHECKING:
    from zwgk_desktop.gui.dialogs.print_options import PrintChoice

OPEN_FILTER = f"目录文件 (*.zwgk);;{FILTER};;目录 JSON (*.json);;所有文件 (*)"
# Above this many items the print preview, which lays out every page on the UI thread
# (about 3 s for the 292 template items, 17 s for 2,000), suggests 导出PDF instead.
PREVIEW_WARN_ITEMS = 600


def ask_save_path(
    parent: Any, title: str, suggested: Path, file_filter: str = "目录文件 (*.zwgk)"
) -> Path | None:
    """A save dialog (monkeypatched in tests); the .zwgk suffix is added if missing."""
    text, _ = standard.get_save_file_name(parent, title, str(suggested), file_filter)
    if not text:
        return None
    path = Path(text)
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


def ask_open_path(parent: Any, folder: str) -> Path | None:
    text, _ = standard.get_open_file_name(parent, "打开目录", folder, OPEN_FILTER)
    return Path(text) if text else None


def last_folder() -> str:
    """Where file dialogs start: the folder of the last opened file, else 文档."""
    folder = load_settings().last_folder
    return folder if folder and Path(folder).is_dir() else str(paths.documents_dir())


def remember(path: Path) -> None:
    """Put ``path`` on top of 最近打开 and start the next dialog in its folder."""
    settings = load_settings()
    settings.add_recent(path)
    settings.last_folder = str(Path(path).resolve().parent)
    save_settings(settings)


class FileController(QObject):
    """Handlers of the 文件 menu."""

    HANDLES: ClassVar[tuple[str, ...]] = (
        "new",
        "open",
        "import_excel",
        "edit_meta",
        "export_excel",
        "export_pdf",
        "print",
        "snapshots",
        "save_as",
        "close_doc",
        "quit",
    )

    own_file_opened = Signal(object)  # the Path of a .zwgk opened for editing

    def __init__(
        self,
        window: QWidget,
        ctx: DocumentContext,
        doc: DocumentController,
        chrome: ChromeController,
        form: ItemForm,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.doc = doc
        self.chrome = chrome
        self.form = form
        self.meta_dialog: Any = None

    # ----------------------------------------------------------------- opening
    def open_path(
        self,
        path: Path,
        opener: Callable[[Path], Document] | None = None,
        at_start: bool = False,
    ) -> bool:
        """Open a .zwgk; a workbook, CSV, Word table, web page or .json goes through import
        into a new .zwgk. ``opener`` replaces ``Document.open`` (the app's start, which
        opens the file while the window is built: ``preopen``). ``at_start``: the app's
        first window, not shown yet; 最近打开 is written after its first paint (a settings
        file written and synced to disk: ~10-20 ms the clerk would wait for)."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in READABLE_SUFFIXES or suffix == ".ett":
            return self.import_excel(path)
        if suffix == ".json":
            return self._import_json(path)
        from zwgk_desktop.gui.busy import busy_cursor

        try:
            with busy_cursor():  # checking a large file takes a moment
                document = (opener or Document.open)(path)
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "无法打开")
            return False
        with busy_cursor():
            self.doc.attach(document)
        if at_start:
            self.doc.paint_watch.soon(lambda: remember(path))
        else:
            remember(path)
        self.own_file_opened.emit(path)  # comments of a returned review, at their cells
        return True

    def on_new(self) -> None:
        from zwgk_desktop.gui.dialogs.new_catalog import ask_new_catalog

        path = ask_new_catalog(self.window)
        if path is not None:
            self.open_path(path)

    def on_open(self) -> None:
        path = ask_open_path(self.window, last_folder())
        if path is not None:
            self.open_path(path)

    def on_import_excel(self) -> None:
        self.import_excel(None)

    def import_excel(self, path: Path | None) -> bool:
        from zwgk_desktop.gui.dialogs.import_dialog import ask_import, ask_import_path

        if path is None:
            path = ask_import_path(self.window)
            if path is None:
                return False
        result = ask_import(self.window, path)
        if result is None:
            return False
        return self.create_from_catalog(result.catalog, path)

    def _import_json(self, path: Path) -> bool:
        from zwgk_desktop.core.loader import load_catalog

        try:
            catalog = load_catalog(path)
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "无法打开")
            return False
        return self.create_from_catalog(catalog, path)

    def create_from_catalog(self, catalog: Catalog, source: Path) -> bool:
        """Save an imported catalog as a new .zwgk (asking where) and open it."""
        folder = source.parent if source.parent.is_dir() else Path(last_folder())
        target = ask_save_path(self.window, "保存为目录文件", folder / (source.stem + SUFFIX))
        if target is None:
            return False
        overwrite = False
        if target.exists():
            if not msgbox.ask(self.window, f"“{target.name}”已存在，要替换它吗？", yes="替换"):
                return False
            overwrite = True
        try:
            Document.create(target, catalog, overwrite=overwrite).close()
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "无法保存")
            return False
        return self.open_path(target)

    # ----------------------------------------------------------------- 目录信息
    def on_edit_meta(self, focus: str | None = None) -> None:
        """Open the 目录信息 dialog (menu, validation panel); OK is one undoable change."""
        session = self.ctx.session
        if session is None:
            return
        if self.meta_dialog is not None:  # already open: bring it forward
            self.meta_dialog.raise_()
            self.meta_dialog.activateWindow()
            self.meta_dialog.focus_field(focus)
            return
        self.form.commit_all()
        from zwgk_desktop.core.meta_edit import levels_in_use
        from zwgk_desktop.gui.dialogs.meta_dialog import MetaDialog

        dialog = MetaDialog(
            self.window, session.meta, levels_in_use(session.catalog), session.read_only
        )
        dialog.focus_field(focus)
        dialog.accepted.connect(lambda: self.apply_meta(dialog.meta()))
        dialog.finished.connect(lambda _result: setattr(self, "meta_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.meta_dialog = dialog
        dialog.open()

    def apply_meta(self, meta: CatalogMeta) -> bool:
        """Change 目录信息 through the undo stack; True if something changed."""
        session = self.ctx.session
        if session is None or session.read_only:
            return False
        from zwgk_desktop.gui import commands

        command = commands.edit_meta(session, meta)
        if command is None or not commands.push(session, command):
            return False
        follow = command.ops[0].subjects  # type: ignore[attr-defined]
        extra = f"，{len(follow)} 个事项的公开主体随单位名称更新" if follow else ""
        self.chrome.message(f"已修改目录信息{extra}（Ctrl+Z 可撤销）", 8000)
        return True

    # ----------------------------------------------------------------- output
    def _catalog_for_output(self) -> Catalog | None:
        if self.ctx.session is None:
            return None
        self.form.commit_all()
        return self.ctx.session.catalog

    def on_export_excel(self) -> None:
        catalog = self._catalog_for_output()
        if catalog is None:
            return
        from zwgk_desktop.gui.dialogs.export_dialog import ask_export

        ask_export(self.window, catalog, self.standing_issues())

    def standing_issues(self) -> list[str]:
        """Errors and warnings still open, one line each, for the export result."""
        validation, session = self.ctx.validation, self.ctx.session
        if validation is None or session is None:
            return []
        from zwgk_desktop.core.validation import Severity

        validation.wait_idle()
        found = validation.store.standing(session.domains, (Severity.ERROR, Severity.WARNING))
        lines = []
        for issue in found:
            where = [issue.domain or "目录信息"]
            if issue.item:
                where.append(f"第{issue.item}项")
            if issue.field_label:
                where.append(issue.field_label)
            lines.append(f"{issue.severity.label}｜{' · '.join(where)}：{issue.message}")
        return lines

    def _ask_print_choice(self, title: str, ok_label: str) -> PrintChoice | None:
        """范围 (when a domain is current), 简洁版 and 接续排页, remembered for next time."""
        from zwgk_desktop.gui.dialogs.print_options import ask_print_choice

        domain_id = self.ctx.current_domain()
        name = ""
        if domain_id and self.ctx.session is not None:
            name = self.ctx.session.domain(domain_id).name
        else:
            domain_id = None
        return ask_print_choice(self.window, title, domain_id, name, ok_label)

    def on_export_pdf(self) -> None:
        catalog = self._catalog_for_output()
        if catalog is None:
            return
        choice = self._ask_print_choice("导出 PDF", "导出…")
        if choice is not None:
            from zwgk_desktop.gui.printing import ask_export_pdf

            ask_export_pdf(self.window, catalog, choice.domain_id, choice.channels, choice.flow)

    def on_print(self) -> None:
        catalog = self._catalog_for_output()
        if catalog is None:
            return
        choice = self._ask_print_choice("打印", "打印预览…")
        if choice is None:
            return
        from zwgk_desktop.gui.printing import ask_export_pdf, print_preview

        domain = catalog.domain(choice.domain_id) if choice.domain_id else None
        items = len(domain.items) if domain is not None else catalog.item_count()
        if items > PREVIEW_WARN_ITEMS:
            answer = msgbox.choose(
                self.window,
                f"要打印的部分有 {items} 个事项。打印预览要先排好全部页面，"
                "这需要一段时间，期间程序不能操作。\n\n"
                "建议改为“导出PDF”：在后台生成，可以随时取消，生成后用 PDF 阅读器打印。",
                ["导出PDF…", "仍然预览"],
                "打印",
            )
            if answer is None:
                return
            if answer == 0:
                ask_export_pdf(self.window, catalog, choice.domain_id, choice.channels, choice.flow)
                return
        print_preview(self.window, catalog, choice.domain_id, choice.channels, choice.flow)

    # ----------------------------------------------------------------- document
    def on_snapshots(self) -> None:
        if self.ctx.session is None:
            return
        self.form.commit_all()
        from zwgk_desktop.gui.dialogs.snapshots import SnapshotsDialog

        dialog = SnapshotsDialog(self.window, self.ctx.session.document)
        dialog.exec()
        if getattr(dialog, "restored", False):
            self.doc.reload()

    def on_save_as(self) -> None:
        session = self.ctx.session
        if session is None:
            return
        self.form.commit_all()
        source = session.document.source_path
        target = ask_save_path(
            self.window, "另存为", source.with_name(source.stem + "（副本）" + SUFFIX)
        )
        if target is None:
            return
        if target.exists() and not msgbox.ask(
            self.window, f"“{target.name}”已存在，要替换它吗？", yes="替换"
        ):
            return
        try:
            session.document.save_as(target)
        except ZwgkError as exc:
            msgbox.error(self.window, str(exc), "另存为失败")
            return
        self.open_path(target)  # go on working in the copy, as Excel and WPS do
        self.chrome.message(f"已另存为“{target.name}”，现在编辑的是这个文件", 8000)

    def on_close_doc(self) -> None:
        self.doc.close_session()

    def on_quit(self) -> None:
        self.window.close()
