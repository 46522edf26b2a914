"""``--register FILE``: the register of legal sources a command uses.

Without the option the settings' entry (``sources_register``) applies; a bad file named
there is reported on stderr and the bundled register is used. A bad file named on the
command line is an input error (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.core.sources import active_register, load_register, use_register
from zwgk_desktop.core.sources.active import use_settings_register


def add_register_option(parser: Any) -> None:
    parser.add_argument(
        "--register",
        metavar="FILE",
        help="使用指定的公开依据登记册（TOML，格式见 docs/sources.md），默认用设置中的或程序自带的",
    )


def apply_register(args: argparse.Namespace) -> None:
    """Choose the register for this run (raises RegisterError for a bad --register file)."""
    if getattr(args, "register", None):
        use_register(load_register(Path(args.register)))
        return
    problem = use_settings_register(load_settings().sources_register)
    if problem:
        print(f"zwgk：提示：{problem}", file=sys.stderr)


def register_json() -> dict[str, str]:
    return active_register().describe()
