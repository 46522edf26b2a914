"""``zwgk-desktop``: start the application.

Arguments are parsed before PySide6 is imported, so ``--version`` and ``--help`` answer
at once. ``--screenshot OUT.png`` renders the main window offscreen and exits (for checks
on machines without a display).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop import APP_NAME, __version__

UI_FONTS = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "SimSun",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
]
SCREENSHOT_SIZE = (1280, 800)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from zwgk_desktop.cli import argparse_zh

    argparse_zh.install()  # usage lines and errors in Chinese, as the zwgk command's
    parser = argparse_zh.ChineseParser(prog="zwgk-desktop", description=f"{APP_NAME}（桌面版）")
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="要打开的目录文件（.zwgk），或要导入的目录表格（.xlsx/.xls/.et/.ods/.csv/.docx/.html）",
    )
    parser.add_argument("--demo", action="store_true", help="打开示范目录")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="打开后把主窗口截图保存到 OUT.png 并退出（无需显示器）",
    )
    parser.add_argument(
        "--pdf",
        metavar="OUT.pdf",
        help="不打开窗口，把 FILE（或 --demo 的示范目录）导出为打印版 PDF 后退出",
    )
    parser.add_argument(
        "--channels",
        choices=["full", "compact"],
        default="full",
        help="与 --pdf 同用：full＝列出全部 13 个标准渠道（默认）；compact＝简洁版，只列已选渠道",
    )
    parser.add_argument(
        "--flow",
        choices=["domain", "continuous"],
        default="domain",
        help="与 --pdf 同用：domain＝每个领域另起一页（默认）；continuous＝各领域接续排页，更省纸",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="与 --pdf 同用：覆盖已存在的 PDF（本目录上次导出且未被改动的 PDF 无需此项）",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"zwgk-desktop {__version__}",
        help="显示版本号并退出",
    )
    args = parser.parse_args(argv)
    if args.pdf and not (args.file or args.demo):
        parser.error("--pdf 需要一个目录文件（FILE）或 --demo")
    return args


def export_pdf(args: argparse.Namespace) -> int:
    """``--pdf``: the printed catalog as a PDF, through the same child process as 导出PDF
    (no window, no Qt in this process); 0, or 2 with the reason in Chinese."""
    from zwgk_desktop.cli.output import check_output, note_output
    from zwgk_desktop.core.errors import ZwgkError
    from zwgk_desktop.core.loader import load_catalog
    from zwgk_desktop.gui.pdf_process import render_pdf_in_child

    try:
        if args.demo:
            from zwgk_desktop.core.demo import ensure_demo_document

            source: Path = ensure_demo_document()
        else:
            source = Path(args.file)
        check_output(args.pdf, args.force, source=source)  # the zwgk commands' policy
        notes: list[str] = []
        catalog = load_catalog(source, notes)
        for note in notes:
            print(f"注意：{note}", file=sys.stderr)
        pages = render_pdf_in_child(catalog, args.pdf, channels=args.channels, flow=args.flow)
        note_output(args.pdf, source)
    except ZwgkError as exc:
        print(f"zwgk-desktop：{exc}", file=sys.stderr)
        return 2
    print(f"已导出PDF（{pages} 页）：{args.pdf}")
    return 0


def configure_app(app: Any) -> None:
    """Fusion style, a CJK font list, bold column headers, Qt's own Chinese strings and
    the icon (no application style sheet: ``gui.look``)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QFont, QIcon

    app.setApplicationName("zwgk-desktop")
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("zwgk-desktop")  # Wayland/taskbar: match zwgk-desktop.desktop
    app.setOrganizationName("zwgk")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setFamilies(UI_FONTS)
    if font.pointSizeF() < 9:
        font.setPointSizeF(9.5)
    app.setFont(font)
    from zwgk_desktop.gui.look import bold_column_headers

    bold_column_headers(app)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder
        ):
            app.installTranslator(translator)
            translators.append(translator)
    resources = _resources()
    extra = resources / "i18n" / "qt_extra_zh_CN.qm" if resources is not None else None
    if extra is not None and extra.is_file():  # Qt strings qtbase_zh_CN.qm lacks ("Look in:")
        translator = QTranslator(app)
        if translator.load(str(extra)):
            app.installTranslator(translator)
            translators.append(translator)
    app._zwgk_translators = translators  # keep them alive with the app
    if resources is not None:
        icon = QIcon()
        for path in sorted((resources / "icons").glob("zwgk-[0-9]*.png")):
            icon.addFile(str(path))  # every rendered size: crisp in title bar and taskbar
        if icon.isNull() and (resources / "icons" / "zwgk.svg").is_file():
            icon = QIcon(str(resources / "icons" / "zwgk.svg"))
        if not icon.isNull():
            app.setWindowIcon(icon)


def _resources() -> Path | None:
    try:
        from zwgk_desktop.core.resources import resources_dir

        return resources_dir()
    except FileNotFoundError:
        return None


def _open_initial(window: Any, args: argparse.Namespace, early: Any = None) -> bool:
    if args.demo:
        from zwgk_desktop.core.demo import ensure_demo_document

        return bool(window.file.open_path(ensure_demo_document(), at_start=True))
    if args.file:
        opener = early.take if early is not None else None
        return bool(window.file.open_path(Path(args.file), opener=opener, at_start=True))
    return True


def take_screenshot(window: Any, app: Any, out: Path) -> bool:
    """Render the window at >= 1280×800 and save it as PNG."""
    window.showNormal()  # a first start opens maximised to the (offscreen) screen
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    for _ in range(5):
        app.processEvents()
    if window.validation is not None:
        window.validation.wait_idle()
        window.issues_panel.rebuild()
        window.chrome.update_status()
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    from zwgk_desktop.gui.paint_budget import full_paint

    with full_paint():  # every cell in the picture, not just one frame's share
        return bool(window.grab().save(str(out), "PNG"))


NO_DISPLAY = (
    "zwgk-desktop：没有找到图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口。\n"
    "请在电脑的桌面环境中运行；在没有显示器的服务器上，可以：\n"
    "  · 用虚拟显示运行：apt-get install xvfb，然后 xvfb-run -a bash scripts/run-demo.sh\n"
    "  · 只截图不显示：QT_QPA_PLATFORM=offscreen .venv/bin/zwgk-desktop --demo --screenshot 截图.png\n"
    "  · 改用命令行：.venv/bin/zwgk --help（新建、导入、校验、导出都可以在命令行完成）"
)


def no_display_message() -> str:
    """Qt's own abort on a Linux box without a display is English and points at libxcb;
    say in Chinese what to do instead. Empty when a window can be shown."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return NO_DISPLAY


def QApplication_instance() -> Any:  # noqa: N802 - mirrors QApplication.instance()
    """The running QApplication if PySide6 is already loaded (tests), without importing Qt."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    return widgets.QApplication.instance() if widgets is not None else None


def main(argv: list[str] | None = None, exec_: bool = True) -> Any:
    """Run the app; with ``exec_=False`` return the main window without entering the loop."""
    if getattr(sys, "frozen", False):  # first: a frozen build's child processes start here
        import multiprocessing  # (batch review, 导出PDF); not imported otherwise: start-up

        multiprocessing.freeze_support()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.pdf:
        return export_pdf(args)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    missing = no_display_message()
    if missing and QApplication_instance() is None:
        print(missing, file=sys.stderr)
        return 2
    early = None
    if not args.demo:
        from zwgk_desktop.gui.preopen import preopen

        early = preopen(args.file)  # checks the file while Qt and the window load
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.gui.feature_scan import answer_known_modules

    answer_known_modules()
    if early is not None:
        early.qt_loaded()  # PySide has started up: the early open may import now
    from zwgk_desktop.core.errors import ZwgkError
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow
    from zwgk_desktop.gui.tasks import MainThreadGC

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "zwgk-desktop"])
    configure_app(app)
    if getattr(app, "_zwgk_gc", None) is None:  # once per app: GC only on the UI thread
        app._zwgk_gc = MainThreadGC(app)
        from zwgk_desktop.gui.worker import stop_workers

        app.aboutToQuit.connect(stop_workers)  # work in progress stops and cleans up
    if args.screenshot:
        msgbox.set_test_mode(True)  # no one can click a box offscreen
    window = MainWindow(welcome=not (args.file or args.demo))  # no page built to be hidden
    from zwgk_desktop.core.settings import load_settings

    register_file = load_settings().sources_register
    # The bundled register is the default: the register code loads before the first
    # paint only when a county file is set (or to reset one an earlier window chose).
    if register_file or "zwgk_desktop.core.sources.active" in sys.modules:
        from zwgk_desktop.core.sources.active import use_settings_register

        problem = use_settings_register(register_file)
        if problem:
            msgbox.warning(window, problem, "登记册文件有误")
    try:
        opened = _open_initial(window, args, early)
    except ZwgkError as exc:
        opened = False
        msgbox.error(window, str(exc))
    if window.session is None and window.stack.currentWidget() is not window.welcome:
        window.doc.show_welcome()  # the file was refused or its import cancelled
    if args.screenshot:
        problems = [text for kind, text in msgbox.shown if kind in ("error", "internal")]
        if not opened or problems:
            print(problems[0] if problems else "无法打开文件", file=sys.stderr)
            window.doc.close_session()
            return 2
        ok = take_screenshot(window, app, Path(args.screenshot))
        window.doc.close_session()
        window.close()
        if not ok:
            print(f"无法保存截图：{args.screenshot}", file=sys.stderr)
            return 2
        return 0
    window.show()
    if not exec_:
        return window
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
