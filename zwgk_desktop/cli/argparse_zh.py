"""argparse in Chinese: messages, help headings, and close-match suggestions.

argparse builds its messages with a module-level ``_`` (gettext) at call time, so giving
it our own ``_`` is enough to have every usage error and help heading in Chinese — no
English word from argparse reaches a clerk's terminal. Only the ``zwgk`` process is
affected: :func:`install` is called by the CLI entry point, never on import of core.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

EXIT_USAGE = 2

_MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "expected one argument": "需要一个取值",
    "expected at most one argument": "最多需要一个取值",
    "expected at least one argument": "至少需要一个取值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的取值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的取值 %(value)r，可选：%(choices)s"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数错误：%(message)s\n",
}


def translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "需要 %s 个取值"
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Chinese in this process."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]


def suggest(value: str, choices: Iterable[str]) -> str | None:
    """The choice the user most likely meant: same letters in another case, or a near miss."""
    options = [str(c) for c in choices]
    for option in options:
        if option.lower() == value.lower():
            return option
    import difflib  # only on a mistyped choice (not at every start)

    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return close[0] if close else None


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Lists sub-commands directly under their heading (no extra "命令" line)."""

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        return super()._format_action(action)


class ChineseParser(argparse.ArgumentParser):
    """ArgumentParser with Chinese errors, suggestions and the contract's exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        message = f"无效的取值 '{value}'，可选：{'、'.join(names)}"
        guess = suggest(str(value), names)
        if guess is not None:
            message += f"。您是不是要输入 '{guess}'？"
        raise argparse.ArgumentError(action, message)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog.split()[0]}：参数错误：{message}\n")
