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
)

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese and the contract's exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"zwgk：参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zwgk",
        description="政务公开标准目录编制工具（命令行）：新建、导入、校验、导出基层政务公开事项标准目录。",
    )
    parser.add_argument("--version", action="version", version=f"zwgk {__version__}")
    subparsers = parser.add_subparsers(
        title="命令", dest="command", metavar="命令", parser_class=_Parser
    )
    for name in COMMAND_MODULES:
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


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # first: a frozen build's `zwgk review --jobs` workers
    _configure_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
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
