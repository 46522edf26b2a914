"""``zwgk`` entry point: builds the argument parser from the command modules and runs one.

Each ``cmd_*.py`` module exposes ``register(subparsers)`` which adds its sub-command and
sets ``func=run``. Every user error is one Chinese line on stderr and exit code 2; an
unexpected bug is reported in one line too (never a traceback) unless ZWGK_DEBUG is set.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import multiprocessing
import os
import sys
from collections.abc import Sequence

from zwgk_desktop import __version__
from zwgk_desktop.cli import argparse_zh
from zwgk_desktop.cli.argparse_zh import EXIT_USAGE, ChineseParser
from zwgk_desktop.core.errors import ZwgkError

COMMAND_MODULES = (
    "cmd_domains",
    "cmd_new",
    "cmd_import",
    "cmd_show",
    "cmd_validate",
    "cmd_export",
    "cmd_diff",
    "cmd_review",
    "cmd_sources",
)


def _wanted_command(argv: Sequence[str] | None) -> str | None:
    """The sub-command named on the command line, if it is one of ours."""
    for arg in argv or ():
        if arg.startswith("-"):
            return None  # a top-level option first (--help, --version): build everything
        return arg if f"cmd_{arg}" in COMMAND_MODULES else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (``only``) just the one sub-command being run: each command
    module imports the parts of core it needs, and a command should not wait for the
    imports of all the others."""
    argparse_zh.install()
    parser = ChineseParser(
        prog="zwgk",
        description="政务公开标准目录编制工具（命令行）：新建、导入、校验、导出基层政务公开事项标准目录。",
        epilog="查看某个命令的用法：zwgk 命令 --help，例如 zwgk export --help",
    )
    parser.add_argument(
        "--version", action="version", version=f"zwgk {__version__}", help="显示版本号并退出"
    )
    subparsers = parser.add_subparsers(
        title="命令", dest="command", metavar="命令", parser_class=ChineseParser
    )
    modules = (f"cmd_{only}",) if only else COMMAND_MODULES
    for name in modules:
        module = importlib.import_module(f"zwgk_desktop.cli.{name}")
        module.register(subparsers)
    return parser


def _configure_stdio() -> None:
    """Chinese output must not crash on a Windows console with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _quiet_unraisable(info: sys.UnraisableHookArgs) -> None:
    """Errors Python can only report from a destructor (a zip file closed on a full disk
    after the export already failed with a Chinese message) are not shown to the user."""
    if os.environ.get("ZWGK_DEBUG"):
        sys.__unraisablehook__(info)


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # first: a frozen build's `zwgk review --jobs` workers
    _configure_stdio()
    sys.unraisablehook = _quiet_unraisable
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=_wanted_command(arguments))
    args = parser.parse_args(arguments)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except ZwgkError as exc:
        print(f"zwgk：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("zwgk：已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, details only on request
        if os.environ.get("ZWGK_DEBUG"):
            raise
        from zwgk_desktop.core.crashlog import write_crash_log

        log = write_crash_log(exc, list(sys.argv if argv is None else argv))
        where = f"，详细信息已写入 {log}" if log else ""
        print(
            f"zwgk：内部错误（{type(exc).__name__}）{where}，请将此信息反馈给开发者",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
